import type { Transaction } from 'kysely';
import type { Database } from '../../db/connection.js';
import { nowIso } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { withTransaction } from '../../db/transaction.js';
import { todayUtc } from '../kpis/evaluate.js';
import type { ScoreComponent, Scorecard, Segment } from './contracts.js';
import { sentenceOf, unitOf } from './explain.js';
import { loadScorecards } from './repo.js';
import { ragOf, scoreMeasures } from './score.js';
import { type AccountFacts, type Detail, prefetchSources, type SourceContext, type SourceValues, sourceValues } from './sources.js';
import { pointsOf, roundShare, type StoredComponents, storedClose, storedHead, storedOpen, storedTail } from './stored.js';
import { SCORE_COLUMNS, SNAPSHOT_COLUMNS, snapshotStoredScores, UPSERT_SCORE, UPSERT_SNAPSHOT, writeRows } from './write-rows.js';

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
  /** A cause per account, where accounts were queued for different reasons (the worker's claim); `cause` otherwise. */
  causes?: ReadonlyMap<string, string>;
  /** The day KPI windows end on and snapshots are dated (YYYY-MM-DD); today (UTC) when absent. */
  asOf?: string;
  /** Write only the day's snapshots, leaving current scores alone: backfilling history for past days. */
  snapshotOnly?: boolean;
  /**
   * Write in this transaction, while reading through `database` (PostgreSQL's pool, so the sources' queries run
   * side by side): the health worker's claim, whose locked outbox rows keep any later change queued.
   */
  writeIn?: Transaction<DB>;
}

export function inSegment(a: Pick<AccountFacts, 'lifecycle_phase' | 'touch_tier' | 'deployment_status' | 'company_size'>, s: Segment): boolean {
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
      .select(['arr_minor', 'currency', 'renewal_date'])
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

/** One account's score on one scorecard, with its explanation, before it is stored. */
export interface AccountScore {
  accountId: string;
  score: number | null;
  rag: DB['health_scores']['rag'];
  stored: StoredComponents;
}

/** The parts of a component that depend only on the measure, its raw value and its detail, and their JSON. */
interface Explained {
  score: number | null;
  unit: string | null;
  sentence: string;
  /** The stored tuple's end: `,score,unit,sentence]` (stored.ts). */
  tail: string;
}

/** What makes two accounts' details of one measure read the same; '' for the measure's common detail. */
function detailKey(detail: Detail, common: Detail): string {
  if (detail === common) return '';
  switch (detail.kind) {
    case 'kpi':
      return `k${detail.ratio?.numerator}/${detail.ratio?.denominator}`;
    case 'money':
      return `$${detail.currency}`;
    case 'manual':
      return `m${detail.problem ?? ''}\u0001${detail.setAt}\u0001${detail.setByName ?? '\u0002'}\u0001${detail.comment ?? '\u0002'}`;
    default:
      return JSON.stringify(detail);
  }
}

/** A number as JSON.stringify writes it. */
const num = (n: number | null): string => (n !== null && Number.isFinite(n) ? String(n) : 'null');
const json = JSON.stringify;

type Card = Pick<Scorecard, 'measures' | 'groups' | 'rag' | 'segment'>;
/** An account's score with its explanation as objects (for the preview) or as the JSON stored (for a recompute). */
type Scored = Omit<AccountScore, 'stored'> & { stored: StoredComponents | null; json: string | null };

/**
 * The scoring loop behind scoreAccounts and the recompute. A measure's unit and sentence depend only on its raw value
 * and detail, and most accounts share them ("No open risks", "Last touch 12 days ago"), so each distinct pair is
 * explained (and JSON-encoded) once per call. With `asJson`, each account's components go straight to the text
 * encodeJson would write (the same keys in the same order), without building the objects first.
 */
async function scoreCard(ctx: SourceContext, card: Card, asJson: boolean): Promise<Scored[]> {
  const applicable = ctx.accounts.filter((a) => inSegment(a, card.segment));
  await prefetchSources(
    ctx,
    card.measures.map((m) => m.source),
  );
  const sources = await Promise.all(card.measures.map((m) => sourceValues(ctx, m.id, m.source)));
  const measures = card.measures.map((m, i) => ({
    measure: m,
    source: sources[i] as SourceValues,
    explained: new Map<string, Explained>(),
    idJson: json(m.id),
  }));
  const explain = (i: number, raw: number | null, score: number | null, accountId: string): Explained => {
    const { measure, source, explained } = measures[i] as (typeof measures)[number];
    const detail = source.details.get(accountId) ?? source.common;
    const key = `${raw}\u0000${detailKey(detail, source.common)}`;
    let found = explained.get(key);
    if (!found) {
      const rounded = score === null ? null : Math.round(score * 100) / 100;
      const unit = unitOf(measure.source, detail);
      const sentence = sentenceOf(measure.name, measure.source, raw, detail);
      found = {
        score: rounded,
        unit,
        sentence,
        tail: storedTail(num(rounded), json(unit), json(sentence)),
      };
      explained.set(key, found);
    }
    return found;
  };
  return applicable.map((account): Scored => {
    const result = scoreMeasures(
      measures.map(({ measure: m, source }) => ({
        id: m.id,
        name: m.name,
        group: m.group,
        weight: m.weight,
        mapping: m.mapping,
        raw: source.raw.get(account.id) ?? null,
      })),
      card.groups,
    );
    const base = { accountId: account.id, score: result.score, rag: ragOf(result.score, card.rag) };
    if (asJson) {
      let text = storedOpen;
      result.components.forEach((c, i) => {
        const e = explain(i, c.raw, c.score, account.id);
        text += `${i ? ',' : ''}${storedHead(measures[i]?.idJson as string, num(c.raw), num(roundShare(c.share)))}${e.tail}`;
      });
      return { ...base, stored: null, json: text + storedClose(json(result.weakest)) };
    }
    const components: ScoreComponent[] = result.components.map((c, i) => {
      const measure = card.measures[i] as Scorecard['measures'][number];
      const { score, unit, sentence } = explain(i, c.raw, c.score, account.id);
      const share = roundShare(c.share);
      return {
        measureId: c.id,
        name: c.name,
        group: c.group,
        sourceKind: measure.source.kind,
        raw: c.raw,
        unit,
        score,
        weight: c.weight,
        share,
        ...pointsOf(share, score),
        leftOut: c.score === null,
        sentence,
      };
    });
    return { ...base, stored: { components, weakest: result.weakest }, json: null };
  });
}

/**
 * Scores one scorecard for every account of the context in its segment, reading nothing but the sources: no
 * writes, so the editor's preview scores a draft scorecard the same way a recompute scores a saved one.
 */
export async function scoreAccounts(ctx: SourceContext, card: Card): Promise<AccountScore[]> {
  const scored = await scoreCard(ctx, card, false);
  return scored.map(({ accountId, score, rag, stored }) => ({ accountId, score, rag, stored: stored ?? { components: [], weakest: null } }));
}

/** Scores one scorecard for the accounts in scope and writes the rows; returns the accounts it scored. */
async function recomputeScorecard(database: Database, ctx: SourceContext, card: Scorecard, options: RecomputeOptions): Promise<Set<string>> {
  const { cause } = options;
  const scored = await scoreCard(ctx, card, true);
  if (options.snapshotOnly) {
    await withTransaction(options.writeIn ?? database.db, (trx) => writeSnapshots(trx, database, ctx, card.id, scored));
    return new Set(scored.map((a) => a.accountId));
  }
  // The row's previous score, change time and cause are settled by the upsert itself (write-rows.ts), against the
  // stored row: nothing is read first.
  const now = ctx.readsFrom;
  const rows: unknown[][] = scored.map(({ accountId, score, rag, json: components }) => [
    ctx.workspaceId,
    accountId,
    card.id,
    score,
    rag,
    components ?? '',
    now,
    null,
    now,
    options.causes?.get(accountId) ?? cause,
  ]);
  const applicableIds = new Set(scored.map((a) => a.accountId));
  // Accounts in scope that are not (or no longer) in the scorecard's segment have no score on it.
  const gone = ctx.accounts.filter((a) => !applicableIds.has(a.id)).map((a) => a.id);
  await withTransaction(options.writeIn ?? database.db, async (trx) => {
    for (let i = 0; i < gone.length; i += 500) {
      await trx
        .deleteFrom('health_scores')
        .where('workspace_id', '=', ctx.workspaceId)
        .where('scorecard_id', '=', card.id)
        .where('account_id', 'in', gone.slice(i, i + 500))
        .execute();
    }
    await writeRows(trx, database, 'health_scores', SCORE_COLUMNS, rows, UPSERT_SCORE);
    await snapshotStoredScores(trx, database.dialect, { workspaceId: ctx.workspaceId, scorecardId: card.id, day: ctx.asOf, accountIds: ctx.ids });
  });
  return applicableIds;
}

/** The day's snapshot of each score (one row per account, scorecard and day; a later recompute that day replaces it). */
async function writeSnapshots(
  trx: Transaction<DB>,
  database: Database,
  ctx: SourceContext,
  scorecardId: string,
  scored: Pick<AccountScore, 'accountId' | 'score'>[],
): Promise<void> {
  const rows = scored.map((r) => [ctx.workspaceId, r.accountId, scorecardId, ctx.asOf, r.score]);
  await writeRows(trx, database, 'health_snapshots', SNAPSHOT_COLUMNS, rows, UPSERT_SNAPSHOT);
}

/** The accounts in scope (all of the workspace's when `accountIds` is absent) and an empty source cache. */
export async function loadSourceContext(
  database: Database,
  workspaceId: string,
  options: Pick<RecomputeOptions, 'accountIds' | 'asOf'>,
): Promise<SourceContext> {
  const readsFrom = nowIso();
  const ids = options.accountIds ? [...new Set(options.accountIds)] : undefined;
  const accounts = ids?.length === 0 ? [] : await loadAccounts(database, workspaceId, ids);
  return {
    db: database.db,
    workspaceId,
    asOf: options.asOf ?? todayUtc(),
    // "Days since the last touch" counts to now; on a given day, to that day's end.
    now: options.asOf ? Date.parse(`${options.asOf}T23:59:59.999Z`) : Date.now(),
    readsFrom,
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
