import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import { decodeBool } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { todayUtc } from '../kpis/evaluate.js';
import type { Rag } from './contracts.js';
import { previousScoreSql } from './snapshots-repo.js';
import { type TrendDirection, trendOf } from './trend.js';

/**
 * An account's overall health: its score on the first overall scorecard (by position) that has a row for it.
 * As SQL for the accounts list's filter and sort (a correlated subquery, so keyset paging and counts keep
 * working), and as values for a page of accounts.
 */
export type HealthSummary = { score: number | null; rag: Rag | null; scorecardId: string; trend: TrendDirection | null; trendFrom: number | null } | null;

/** The overall row's column for the account of the outer query (`accounts`). `where s.is_overall` is true on both engines. */
export function overallColumnSql(column: 'score' | 'rag'): RawBuilder<unknown> {
  return sql`(select ${sql.ref(`oh.${column}`)} from health_scores oh inner join scorecards os on os.id = oh.scorecard_id
    where oh.account_id = accounts.id and oh.workspace_id = accounts.workspace_id and os.is_overall
    order by os.position, os.id limit 1)`;
}

export const HEALTH_FILTER_VALUES = ['red', 'amber', 'green', 'none'] as const;

/** Accounts whose overall RAG is one of `values` ("none": no overall score, or one without data). */
export function healthCondition(values: readonly string[]): RawBuilder<boolean> {
  return sql<boolean>`coalesce(${overallColumnSql('rag')}, 'none') in (${sql.join(values.map((v) => sql.lit(v)))})`;
}

/** The sort key: the score in hundredths as an integer (keyset cursors hold integers); no score sorts last. */
export function healthSortSql(direction: 'asc' | 'desc'): RawBuilder<number> {
  const last = direction === 'asc' ? 1_000_000 : -1;
  return sql<number>`coalesce(cast(round(${overallColumnSql('score')} * 100) as integer), ${sql.lit(last)})`;
}

export async function overallHealth(db: Kysely<DB> | Transaction<DB>, workspaceId: string, accountIds: string[]): Promise<Map<string, HealthSummary>> {
  const out = new Map<string, HealthSummary>();
  if (accountIds.length === 0) return out;
  const rows = await db
    .selectFrom('health_scores as h')
    .innerJoin('scorecards as s', 's.id', 'h.scorecard_id')
    .select(['h.account_id', 'h.scorecard_id', 'h.score', 'h.rag', 's.is_overall'])
    // The trend against the latest snapshot before today, in the same query: a key seek per row.
    .select(previousScoreSql('h.scorecard_id', 'h.account_id', todayUtc()).as('previous'))
    .where('h.workspace_id', '=', workspaceId)
    .where('h.account_id', 'in', [...new Set(accountIds)])
    .orderBy('s.position')
    .orderBy('s.id')
    .execute();
  for (const r of rows) {
    if (!decodeBool(r.is_overall) || out.has(r.account_id)) continue;
    const score = r.score === null ? null : Number(r.score);
    const previous = r.previous === null ? null : Number(r.previous);
    out.set(r.account_id, { score, rag: r.rag as Rag | null, scorecardId: r.scorecard_id, trend: trendOf(score, previous), trendFrom: previous });
  }
  return out;
}
