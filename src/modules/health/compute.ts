import type { Transaction } from 'kysely';
import type { Database } from '../../db/connection.js';
import { encodeJson, nowIso } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { withTransaction } from '../../db/transaction.js';
import { todayUtc } from '../kpis/evaluate.js';
import type { ScoreComponent, Scorecard, Segment } from './contracts.js';
import { sentenceOf, unitOf } from './explain.js';
import { loadScorecards } from './repo.js';
import { ragOf, scoreMeasures } from './score.js';
import { type AccountFacts, type Detail, type SourceContext, sourceValues } from './sources.js';

/**
 * Full or partial recompute of health scores, set-based: per scorecard a handful of queries read every source for
 * all accounts in scope, score.ts scores them, and the rows are upserted in batches. Never a query per account.
 */
export interface RecomputeOptions {
  /** Only these accounts; every account of the workspace when absent. */
  accountIds?: string[];
  /** Only these scorecards; all when absent. */
  scorecardIds?: string[];
  /** What caused it, kept with a changed score (e.g. "recompute", "manual measure", "scorecard edited"). */
  cause: string;
  /** The day KPI windows end on and snapshots are dated (YYYY-MM-DD); today (UTC) when absent. */
  asOf?: string;
  /** Write only the day's snapshots, leaving current scores alone: backfilling history for past days. */
  snapshotOnly?: boolean;
}

/** What health_scores.components holds: the explanation, ready to show. */
export interface StoredComponents {
  components: ScoreComponent[];
  weakest: string | null;
}

const BATCH = 200;

export function inSegment(a: AccountFacts, s: Segment): boolean {
  const ok = (list: readonly string[], value: string | null) => list.length === 0 || (value !== null && list.includes(value));
  return (
    ok(s.lifecyclePhase, a.lifecycle_phase) && ok(s.touchTier, a.touch_tier) && ok(s.deploymentStatus, a.deployment_status) && ok(s.companySize, a.company_size)
  );
}

async function loadAccounts(database: Database, workspaceId: string, ids: string[] | undefined): Promise<AccountFacts[]> {
  const base = () =>
    database.db
      .selectFrom('accounts')
      .select(['id', 'lifecycle_phase', 'touch_tier', 'deployment_status', 'company_size', 'last_touch_at', 'custom_fields'])
      .where('workspace_id', '=', workspaceId);
  if (!ids) return base().execute();
  const out: AccountFacts[] = [];
  for (let i = 0; i < ids.length; i += 500)
    out.push(
      ...(await base()
        .where('id', 'in', ids.slice(i, i + 500))
        .execute()),
    );
  return out;
}

const shown = (score: number | null) => (score === null ? null : Math.round(score));

/** One account's score on one scorecard, with its explanation, before it is stored. */
export interface AccountScore {
  accountId: string;
  score: number | null;
  rag: DB['health_scores']['rag'];
  stored: StoredComponents;
}

/**
 * Scores one scorecard for every account of the context in its segment, reading nothing but the sources: no
 * writes, so the editor's preview scores a draft scorecard the same way a recompute scores a saved one.
 */
export async function scoreAccounts(ctx: SourceContext, card: Pick<Scorecard, 'measures' | 'groups' | 'rag' | 'segment'>): Promise<AccountScore[]> {
  const applicable = ctx.accounts.filter((a) => inSegment(a, card.segment));
  const sources = await Promise.all(card.measures.map((m) => sourceValues(ctx, m.id, m.source)));
  return applicable.map((account) => {
    const detailOf = (i: number): Detail => sources[i]?.details.get(account.id) ?? sources[i]?.common ?? { kind: 'plain' };
    const result = scoreMeasures(
      card.measures.map((m, i) => ({
        id: m.id,
        name: m.name,
        group: m.group,
        weight: m.weight,
        mapping: m.mapping,
        raw: sources[i]?.raw.get(account.id) ?? null,
      })),
      card.groups,
    );
    const components: ScoreComponent[] = result.components.map((c, i) => {
      const measure = card.measures[i] as Scorecard['measures'][number];
      return {
        measureId: c.id,
        name: c.name,
        group: c.group,
        sourceKind: measure.source.kind,
        raw: c.raw,
        unit: unitOf(measure.source, detailOf(i)),
        score: c.score === null ? null : Math.round(c.score * 100) / 100,
        weight: c.weight,
        share: c.share,
        points: c.points,
        shortfall: c.shortfall,
        leftOut: c.score === null,
        sentence: sentenceOf(c.name, measure.source, c.raw, detailOf(i)),
      };
    });
    return { accountId: account.id, score: result.score, rag: ragOf(result.score, card.rag), stored: { components, weakest: result.weakest } };
  });
}

/** Scores one scorecard for the accounts in scope and writes the rows; returns the accounts it scored. */
async function recomputeScorecard(database: Database, ctx: SourceContext, card: Scorecard, options: RecomputeOptions): Promise<Set<string>> {
  const { cause } = options;
  const scored = await scoreAccounts(ctx, card);
  if (options.snapshotOnly) {
    await withTransaction(database.db, (trx) => writeSnapshots(trx, ctx, card.id, scored));
    return new Set(scored.map((a) => a.accountId));
  }
  const existing = new Map<string, Pick<DB['health_scores'], 'score' | 'previous_score' | 'changed_at' | 'cause'>>();
  const scopeIds = ctx.ids;
  for (let i = 0; i < (scopeIds?.length ?? 1); i += 500) {
    let q = database.db
      .selectFrom('health_scores')
      .select(['account_id', 'score', 'previous_score', 'changed_at', 'cause'])
      .where('workspace_id', '=', ctx.workspaceId)
      .where('scorecard_id', '=', card.id);
    if (scopeIds) q = q.where('account_id', 'in', scopeIds.slice(i, i + 500));
    for (const r of await q.execute()) existing.set(r.account_id, r);
  }
  const now = nowIso();
  const rows: DB['health_scores'][] = scored.map(({ accountId, score, rag, stored }) => {
    const before = existing.get(accountId);
    const changed = !before || shown(before.score === null ? null : Number(before.score)) !== shown(score);
    return {
      workspace_id: ctx.workspaceId,
      account_id: accountId,
      scorecard_id: card.id,
      score,
      rag,
      components: encodeJson(stored),
      computed_at: now,
      previous_score: changed ? (before?.score ?? null) : (before?.previous_score ?? null),
      changed_at: changed ? now : (before?.changed_at ?? now),
      cause: changed ? cause : (before?.cause ?? cause),
    };
  });
  const applicableIds = new Set(scored.map((a) => a.accountId));
  // Accounts in scope that have left the scorecard's segment lose its score.
  const gone = [...existing.keys()].filter((id) => !applicableIds.has(id));
  await withTransaction(database.db, async (trx) => {
    for (let i = 0; i < gone.length; i += 500) {
      await trx
        .deleteFrom('health_scores')
        .where('workspace_id', '=', ctx.workspaceId)
        .where('scorecard_id', '=', card.id)
        .where('account_id', 'in', gone.slice(i, i + 500))
        .execute();
    }
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      await trx
        .insertInto('health_scores')
        .values(batch)
        .onConflict((oc) =>
          oc.columns(['scorecard_id', 'account_id']).doUpdateSet((eb) => ({
            score: eb.ref('excluded.score'),
            rag: eb.ref('excluded.rag'),
            components: eb.ref('excluded.components'),
            computed_at: eb.ref('excluded.computed_at'),
            previous_score: eb.ref('excluded.previous_score'),
            changed_at: eb.ref('excluded.changed_at'),
            cause: eb.ref('excluded.cause'),
          })),
        )
        .execute();
    }
    await writeSnapshots(trx, ctx, card.id, scored);
  });
  return applicableIds;
}

/** The day's snapshot of each score (one row per account, scorecard and day; a later recompute that day replaces it). */
async function writeSnapshots(trx: Transaction<DB>, ctx: SourceContext, scorecardId: string, scored: AccountScore[]): Promise<void> {
  for (let i = 0; i < scored.length; i += BATCH) {
    await trx
      .insertInto('health_snapshots')
      .values(
        scored
          .slice(i, i + BATCH)
          .map((r) => ({ workspace_id: ctx.workspaceId, account_id: r.accountId, scorecard_id: scorecardId, day: ctx.asOf, score: r.score })),
      )
      .onConflict((oc) => oc.columns(['scorecard_id', 'account_id', 'day']).doUpdateSet((eb) => ({ score: eb.ref('excluded.score') })))
      .execute();
  }
}

/** The accounts in scope (all of the workspace's when `accountIds` is absent) and an empty source cache. */
export async function loadSourceContext(
  database: Database,
  workspaceId: string,
  options: Pick<RecomputeOptions, 'accountIds' | 'asOf'>,
): Promise<SourceContext> {
  const ids = options.accountIds ? [...new Set(options.accountIds)] : undefined;
  const accounts = ids?.length === 0 ? [] : await loadAccounts(database, workspaceId, ids);
  return {
    db: database.db,
    workspaceId,
    asOf: options.asOf ?? todayUtc(),
    // "Days since the last touch" counts to now; on a given day, to that day's end.
    now: options.asOf ? Date.parse(`${options.asOf}T23:59:59.999Z`) : Date.now(),
    ids,
    accounts,
    cache: new Map(),
  };
}

export async function recomputeHealth(
  database: Database,
  workspaceId: string,
  options: RecomputeOptions,
): Promise<{ accounts: number; scores: number; milliseconds: number }> {
  const started = performance.now();
  const cards = await loadScorecards(database.db, workspaceId, options.scorecardIds);
  const ctx = await loadSourceContext(database, workspaceId, cards.length ? options : { ...options, accountIds: [] });
  const scored = new Set<string>();
  let scores = 0;
  for (const card of cards) {
    const done = await recomputeScorecard(database, ctx, card, options);
    scores += done.size;
    for (const id of done) scored.add(id);
  }
  return { accounts: scored.size, scores, milliseconds: Math.round((performance.now() - started) * 10) / 10 };
}
