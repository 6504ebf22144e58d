import type { Database } from '../../db/connection.js';
import { decodeBool, decodeJson, nowIso } from '../../db/dialect.js';
import { withTransaction } from '../../db/transaction.js';
import { invalid, notFound } from '../../server/errors.js';
import type { Actor } from '../../server/types.js';
import { accountExists } from '../accounts/repo.js';
import { todayUtc } from '../kpis/evaluate.js';
import { inSegment, recomputeHealth } from './compute.js';
import type { AccountHealth, AccountScore, ManualMeasureList, ManualValue, Rag } from './contracts.js';
import { loadScorecards } from './repo.js';
import { accountSnapshots, previousScores } from './snapshots-repo.js';
import { decodeStored } from './stored.js';
import { lastPerWeek, trendOf, weekStarts } from './trend.js';

/** An account's health (every score with its explanation) and the manual measures CSMs set on it. */
export async function accountHealth(database: Database, actor: Actor, accountId: string): Promise<AccountHealth> {
  if (!(await accountExists(database.db, actor.workspaceId, accountId))) throw notFound('Account');
  const rows = await database.db
    .selectFrom('health_scores as h')
    .innerJoin('scorecards as s', 's.id', 'h.scorecard_id')
    .select(['h.scorecard_id', 'h.score', 'h.rag', 'h.components', 'h.computed_at', 'h.previous_score', 'h.changed_at', 'h.cause'])
    .select(['s.name', 's.is_overall', 's.red_max', 's.amber_max'])
    .where('h.workspace_id', '=', actor.workspaceId)
    .where('h.account_id', '=', accountId)
    .orderBy('s.position')
    .orderBy('s.id')
    .execute();
  // Trend and sparkline: two reads of the snapshots for all of the account's scores together.
  const today = todayUtc();
  const weeks = weekStarts(today);
  const history = await accountSnapshots(database.db, actor.workspaceId, accountId, weeks[0] ?? today);
  const previous = await previousScores(database.db, actor.workspaceId, accountId, today);
  const measuresOf = new Map((await loadScorecards(database.db, actor.workspaceId)).map((card) => [card.id, card.measures]));
  const scores: AccountScore[] = rows.map((r) => {
    const score = r.score === null ? null : Number(r.score);
    const trendFrom = previous.get(r.scorecard_id) ?? null;
    const stored = decodeStored(r.components, measuresOf.get(r.scorecard_id) ?? []);
    const weakest = stored.components.find((c) => c.measureId === stored.weakest);
    return {
      scorecardId: r.scorecard_id,
      scorecardName: r.name,
      isOverall: decodeBool(r.is_overall),
      score,
      rag: r.rag as Rag | null,
      ragBands: { redMax: r.red_max, amberMax: r.amber_max },
      computedAt: r.computed_at,
      previousScore: r.previous_score === null ? null : Number(r.previous_score),
      changedAt: r.changed_at,
      cause: r.cause,
      components: stored.components,
      weakest: weakest ? { measureId: weakest.measureId, name: weakest.name, sentence: weakest.sentence } : null,
      leftOut: stored.components.filter((c) => c.leftOut).map((c) => c.name),
      trend: trendOf(score, trendFrom),
      trendFrom,
      sparkline: lastPerWeek(history.get(r.scorecard_id) ?? [], weeks),
    };
  });
  return { overall: scores.find((s) => s.isOverall)?.scorecardId ?? null, scores };
}

/** The manual measures of the scorecards whose segment the account is in. */
async function manualMeasuresFor(database: Database, actor: Actor, accountId: string) {
  const facts = await database.db
    .selectFrom('accounts')
    .select(['id', 'lifecycle_phase', 'touch_tier', 'deployment_status', 'company_size', 'last_touch_at', 'custom_fields'])
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', accountId)
    .executeTakeFirst();
  if (!facts) throw notFound('Account');
  const cards = (await loadScorecards(database.db, actor.workspaceId)).filter((card) => inSegment(facts, card.segment));
  return cards.flatMap((card) =>
    card.measures.flatMap((m) => (m.source.kind === 'manual' ? [{ card, measure: m, min: m.source.min, max: m.source.max }] : [])),
  );
}

async function readValues(database: Database, actor: Actor, accountId: string, measureIds: string[]): Promise<ManualValue[]> {
  if (measureIds.length === 0) return [];
  const today = todayUtc();
  const rows = await database.db
    .selectFrom('manual_measure_values as v')
    .leftJoin('users as u', 'u.id', 'v.set_by')
    .select(['v.measure_id', 'v.account_id', 'v.value', 'v.comment', 'v.set_by', 'v.set_at', 'v.expires_on', 'u.name as set_by_name'])
    .where('v.workspace_id', '=', actor.workspaceId)
    .where('v.account_id', '=', accountId)
    .where('v.measure_id', 'in', measureIds)
    .execute();
  return rows.map((r) => ({
    measureId: r.measure_id,
    accountId: r.account_id,
    value: Number(r.value),
    comment: r.comment,
    setBy: r.set_by,
    setByName: r.set_by_name,
    setAt: r.set_at,
    expiresOn: r.expires_on,
    expired: r.expires_on !== null && r.expires_on < today,
  }));
}

export async function listManualMeasures(database: Database, actor: Actor, accountId: string): Promise<ManualMeasureList> {
  const measures = await manualMeasuresFor(database, actor, accountId);
  const values = await readValues(
    database,
    actor,
    accountId,
    measures.map((m) => m.measure.id),
  );
  return {
    items: measures.map(({ card, measure, min, max }) => ({
      measureId: measure.id,
      name: measure.name,
      scorecardId: card.id,
      scorecardName: card.name,
      min,
      max,
      current: values.find((v) => v.measureId === measure.id) ?? null,
    })),
  };
}

/** The manual measure, which must be one of this workspace's; a measure of another workspace is "not found". */
async function manualMeasure(database: Database, actor: Actor, accountId: string, measureId: string) {
  if (!(await accountExists(database.db, actor.workspaceId, accountId))) throw notFound('Account');
  const row = await database.db
    .selectFrom('scorecard_measures')
    .select(['id', 'source'])
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', measureId)
    .executeTakeFirst();
  const source = row ? decodeJson<{ kind: string; min?: number; max?: number }>(row.source, { kind: 'none' }) : null;
  if (source?.kind !== 'manual') throw notFound('Manual measure');
  return { min: source.min ?? 0, max: source.max ?? 100 };
}

export async function setManualValue(
  database: Database,
  actor: Actor,
  accountId: string,
  measureId: string,
  input: { value: number; comment?: string | null | undefined; expiresOn: string | null },
): Promise<ManualValue> {
  const { min, max } = await manualMeasure(database, actor, accountId, measureId);
  if (input.value < min || input.value > max) throw invalid('value', 'range', `Must be from ${min} to ${max}`, input.value);
  const row = {
    workspace_id: actor.workspaceId,
    account_id: accountId,
    measure_id: measureId,
    value: input.value,
    comment: input.comment ?? null,
    set_by: actor.userId,
    set_at: nowIso(),
    expires_on: input.expiresOn,
  };
  // The value and the account's new scores commit together: nothing is left owed, even by a crash.
  await withTransaction(database.db, async (trx) => {
    await trx
      .insertInto('manual_measure_values')
      .values(row)
      .onConflict((oc) =>
        oc
          .columns(['account_id', 'measure_id'])
          .doUpdateSet({ value: row.value, comment: row.comment, set_by: row.set_by, set_at: row.set_at, expires_on: row.expires_on }),
      )
      .execute();
    await recomputeHealth({ ...database, db: trx }, actor.workspaceId, { accountIds: [accountId], cause: 'manual measure' });
  });
  const [value] = await readValues(database, actor, accountId, [measureId]);
  if (!value) throw notFound('Manual measure');
  return value;
}

export async function deleteManualValue(database: Database, actor: Actor, accountId: string, measureId: string): Promise<void> {
  await manualMeasure(database, actor, accountId, measureId);
  await withTransaction(database.db, async (trx) => {
    const result = await trx
      .deleteFrom('manual_measure_values')
      .where('workspace_id', '=', actor.workspaceId)
      .where('account_id', '=', accountId)
      .where('measure_id', '=', measureId)
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw notFound('Manual value');
    await recomputeHealth({ ...database, db: trx }, actor.workspaceId, { accountIds: [accountId], cause: 'manual measure' });
  });
}
