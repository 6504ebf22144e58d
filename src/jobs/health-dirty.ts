import { type Kysely, sql, type Transaction } from 'kysely';
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

/** Queues these accounts for a recompute; an account already queued keeps one row, with the latest cause. */
export async function markHealthDirty(db: Executor, workspaceId: string, accountIds: Iterable<string>, cause: string): Promise<void> {
  // Sorted, so that two transactions queueing the same accounts lock their rows in the same order (no deadlock).
  const ids = [...new Set(accountIds)].sort();
  if (ids.length === 0) return;
  const queuedAt = nowIso();
  for (let i = 0; i < ids.length; i += CHUNK) {
    await db
      .insertInto('health_dirty')
      .values(ids.slice(i, i + CHUNK).map((accountId) => ({ workspace_id: workspaceId, account_id: accountId, cause, queued_at: queuedAt })))
      .onConflict((oc) =>
        oc.columns(['workspace_id', 'account_id']).doUpdateSet((eb) => ({ cause: eb.ref('excluded.cause'), queued_at: eb.ref('excluded.queued_at') })),
      )
      .execute();
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
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'account_id']).doUpdateSet((eb) => ({ cause: eb.ref('excluded.cause'), queued_at: eb.ref('excluded.queued_at') })),
    )
    .execute();
  notify();
}
