import { CompiledQuery, sql, type Transaction } from 'kysely';
import { type BulkColumn, bulkInsert } from '../../db/bulk.js';
import type { Database } from '../../db/connection.js';
import type { Dialect } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { shownScoreText } from './snapshots-repo.js';

/** How compute.ts writes health_scores and health_snapshots: many rows per statement, an upsert each. */
const col = (name: string, pg: BulkColumn['pg'] = 'text'): BulkColumn => ({ name, pg });
export const SCORE_COLUMNS = [
  col('workspace_id'),
  col('account_id'),
  col('scorecard_id'),
  col('score', 'float8'),
  col('rag'),
  col('components'),
  col('computed_at', 'timestamptz'),
  col('previous_score', 'float8'),
  col('changed_at', 'timestamptz'),
  col('cause'),
];
/** Whether a stored score's shown (rounded) value differs from the new one's, as Math.round rounds it. */
const SHOWN_CHANGED = `((health_scores.score is null) <> (excluded.score is null)
  or ${shownScoreText('health_scores.score')} <> ${shownScoreText('excluded.score')})`;
/**
 * computed_at is when the recompute began reading. On PostgreSQL a long recompute (the daily one) may read before
 * and write after a short one (the worker's) for the same account: the row read later is kept, not the one
 * written later. When the shown score changes, the stored one becomes the previous score and the change is dated
 * and explained by this recompute; otherwise the last change's date and cause stay. A new row comes with no previous
 * score, changed_at = computed_at and its cause.
 */
export const UPSERT_SCORE = `on conflict (scorecard_id, account_id) do update set score = excluded.score, rag = excluded.rag,
  components = excluded.components, computed_at = excluded.computed_at,
  previous_score = case when ${SHOWN_CHANGED} then health_scores.score else health_scores.previous_score end,
  changed_at = case when ${SHOWN_CHANGED} then excluded.computed_at else health_scores.changed_at end,
  cause = case when ${SHOWN_CHANGED} then excluded.cause else coalesce(health_scores.cause, excluded.cause) end
  where health_scores.computed_at <= excluded.computed_at`;
export const SNAPSHOT_COLUMNS = [col('workspace_id'), col('account_id'), col('scorecard_id'), col('day', 'date'), col('score', 'float8')];
export const UPSERT_SNAPSHOT = 'on conflict (scorecard_id, account_id, day) do update set score = excluded.score';

/** Statement texts by table, row count and tail: Kysely compiles a 1,000-row VALUES once, not per batch. */
const insertTexts = new Map<string, string>();

function insertText(trx: Transaction<DB>, dialect: string, table: string, columns: BulkColumn[], count: number, tail: string): string {
  const key = `${dialect}\u0000${table}\u0000${count}\u0000${tail}`;
  let text = insertTexts.get(key);
  if (!text) {
    const tuple = sql`(${sql.join(columns.map(() => sql`${null}`))})`;
    const names = sql.join(columns.map((c) => sql.ref(c.name)));
    text = sql`insert into ${sql.table(table)} (${names}) values ${sql.join(new Array(count).fill(tuple))} ${sql.raw(tail)}`.compile(trx).sql;
    insertTexts.set(key, text);
  }
  return text;
}

/**
 * Writes rows (values in `columns` order) with an upsert. SQLite: one prepared statement run per row inside the
 * transaction (src/db/bulk.ts), the quickest there. PostgreSQL: multi-row VALUES of 1,000 rows, the statement text
 * compiled once; bulk.ts's unnest of column arrays is slower here, because PostgreSQL parses a text[] of 2 KB JSON
 * documents far slower than it stores the rows, and building 10,000 parameter nodes per statement keeps the GC busy.
 */
export async function writeRows(
  trx: Transaction<DB>,
  database: Database,
  table: string,
  columns: BulkColumn[],
  rows: unknown[][],
  tail: string,
): Promise<void> {
  if (database.sqlite) {
    await bulkInsert(trx, database.dialect, table, columns, rows, tail, database.sqlite);
    return;
  }
  for (let i = 0; i < rows.length; i += 1_000) {
    const chunk = rows.slice(i, i + 1_000);
    const params: unknown[] = [];
    for (const row of chunk) for (let c = 0; c < columns.length; c++) params.push(row[c] ?? null);
    await trx.executeQuery(CompiledQuery.raw(insertText(trx, database.dialect, table, columns, chunk.length, tail), params));
  }
}

/**
 * The day's snapshot of the scores just written, copied inside the engine from health_scores rather than sent again:
 * for a full recompute that is one statement instead of 100,000 more rows from the client. Only `accountIds` when
 * given (in chunks), else every score of the scorecard in the workspace.
 */
export async function snapshotStoredScores(
  trx: Transaction<DB>,
  dialect: Dialect,
  scope: { workspaceId: string; scorecardId: string; day: string; accountIds: readonly string[] | undefined },
): Promise<void> {
  const day = dialect === 'postgres' ? sql`cast(${scope.day} as date)` : sql`${scope.day}`;
  const copy = (ids: readonly string[] | undefined) => sql`
    insert into health_snapshots (workspace_id, account_id, scorecard_id, day, score)
    select workspace_id, account_id, scorecard_id, ${day}, score from health_scores
    where workspace_id = ${scope.workspaceId} and scorecard_id = ${scope.scorecardId}
      ${ids ? sql`and account_id in (${sql.join(ids)})` : sql``}
    ${sql.raw(UPSERT_SNAPSHOT)}`;
  if (!scope.accountIds) {
    await copy(undefined).execute(trx);
    return;
  }
  for (let i = 0; i < scope.accountIds.length; i += 500) await copy(scope.accountIds.slice(i, i + 500)).execute(trx);
}
