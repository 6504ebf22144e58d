import type SQLite from 'better-sqlite3';
import { type Kysely, sql, type Transaction } from 'kysely';
import { type BulkColumn, bulkInsert } from '../db/bulk.js';
import { type Dialect, nowIso } from '../db/dialect.js';
import type { DB } from '../db/schema.js';

/**
 * The health outbox. Whatever changes an input of a health score (events rolled up, metric values, an account's
 * fields, a touch, a risk, a red flag, a manual measure, a KPI or scorecard definition) marks the accounts here in
 * the same transaction as the change, and the health worker (jobs/health-worker.ts) recomputes them. The row
 * commits with the change or not at all, so a crash between the change and the recompute loses nothing: the next
 * worker picks the row up.
 */
type Executor = Kysely<DB> | Transaction<DB>;

const CHUNK = 500;
const listeners = new Set<() => void>();

/** A worker in this process hears about new rows at once instead of at its next poll. */
export function onHealthDirty(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify(): void {
  for (const listener of listeners) listener();
}

/** How to write many rows fast: the ingest path passes its dialect and SQLite handle (see db/bulk.ts). */
export interface BulkWriter {
  dialect: Dialect;
  sqlite?: SQLite.Database;
}

const COLUMNS: BulkColumn[] = [
  { name: 'workspace_id', pg: 'text' },
  { name: 'account_id', pg: 'text' },
  { name: 'cause', pg: 'text' },
  { name: 'queued_at', pg: 'timestamptz' },
];

/**
 * Queues these accounts for a recompute. An account already queued keeps its row and first cause: the recompute
 * it is waiting for will read this change too. A row the worker is recomputing right now is locked until the
 * worker commits (PostgreSQL), and then gone, so this insert waits and then queues the account again.
 */
export async function markHealthDirty(db: Executor, workspaceId: string, accountIds: Iterable<string>, cause: string, bulk?: BulkWriter): Promise<void> {
  // Sorted, so that two transactions queueing the same accounts lock their rows in the same order (no deadlock).
  const ids = [...new Set(accountIds)].sort();
  if (ids.length === 0) return;
  const queuedAt = nowIso();
  if (bulk) {
    const rows = ids.map((accountId) => [workspaceId, accountId, cause, queuedAt]);
    await bulkInsert(db, bulk.dialect, 'health_dirty', COLUMNS, rows, 'on conflict (workspace_id, account_id) do nothing', bulk.sqlite);
  } else {
    for (let i = 0; i < ids.length; i += CHUNK) {
      await db
        .insertInto('health_dirty')
        .values(ids.slice(i, i + CHUNK).map((accountId) => ({ workspace_id: workspaceId, account_id: accountId, cause, queued_at: queuedAt })))
        .onConflict((oc) => oc.columns(['workspace_id', 'account_id']).doNothing())
        .execute();
    }
  }
  notify();
}

/** Queues every account of the workspace: a KPI or scorecard definition changed. Set-based, one statement. */
export async function markWorkspaceHealthDirty(db: Executor, dialect: Dialect, workspaceId: string, cause: string): Promise<void> {
  // Parameters in a select list have no type on PostgreSQL: cast them to the columns' types.
  const timestamp = sql.raw(dialect === 'postgres' ? 'timestamptz' : 'text');
  await db
    .insertInto('health_dirty')
    .columns(['workspace_id', 'account_id', 'cause', 'queued_at'])
    .expression((eb) =>
      eb
        .selectFrom('accounts')
        .select(['workspace_id', 'id', sql<string>`cast(${cause} as text)`.as('cause'), sql<string>`cast(${nowIso()} as ${timestamp})`.as('queued_at')])
        .where('workspace_id', '=', workspaceId)
        .orderBy('id'),
    )
    .onConflict((oc) => oc.columns(['workspace_id', 'account_id']).doNothing())
    .execute();
  notify();
}
