import type { Database } from '../db/connection.js';
import { recomputeHealth } from '../modules/health/compute.js';
import { onHealthDirty } from './health-dirty.js';
import { queueRunner, type Runner } from './runner.js';

/**
 * The health worker: takes accounts from the outbox (health_dirty), recomputes their scores and deletes the rows,
 * all in one transaction, so a crash at any point leaves the rows to the next run. Several server processes on
 * one PostgreSQL each run one; SKIP LOCKED hands each a different set of accounts, and a change queued while an
 * account is being recomputed waits for that recompute to commit and is then queued again, never lost.
 */
export interface DirtyFilter {
  workspaceId?: string;
  accountIds?: readonly string[];
  /** At most this many accounts per transaction: bounds how long the outbox rows stay locked. */
  limit?: number;
}

const DEFAULT_LIMIT = 1_000;

/** Recomputes one claim of queued accounts; returns how many it took (0: nothing was waiting). */
export async function recomputeDirty(database: Database, filter: DirtyFilter = {}): Promise<number> {
  return database.db.transaction().execute(async (trx) => {
    let claim = trx
      .selectFrom('health_dirty')
      .select(['workspace_id', 'account_id', 'cause'])
      .orderBy('queued_at')
      .limit(filter.limit ?? DEFAULT_LIMIT);
    if (filter.workspaceId) claim = claim.where('workspace_id', '=', filter.workspaceId);
    if (filter.accountIds) {
      if (filter.accountIds.length === 0) return 0;
      claim = claim.where('account_id', 'in', [...filter.accountIds]);
    }
    // SQLite has one writer at a time, so its transaction is already alone; PostgreSQL's are not.
    if (database.dialect === 'postgres') claim = claim.forUpdate().skipLocked();
    const rows = await claim.execute();
    if (rows.length === 0) return 0;

    // One recompute per workspace, each account keeping the cause it was queued with.
    const groups = new Map<string, { accountIds: string[]; causes: Map<string, string> }>();
    for (const row of rows) {
      const group = groups.get(row.workspace_id) ?? { accountIds: [], causes: new Map<string, string>() };
      group.accountIds.push(row.account_id);
      group.causes.set(row.account_id, row.cause);
      groups.set(row.workspace_id, group);
    }
    // SQLite's one connection is this transaction's: read and write in it. PostgreSQL reads through the pool, side
    // by side, while this transaction holds the claimed rows: a change committed after those reads can only queue
    // its account once this commits (its upsert waits on the locked row), so it is recomputed again, never lost.
    const pooled = database.dialect === 'postgres';
    const reader: Database = pooled ? database : { ...database, db: trx };
    for (const [workspaceId, group] of groups) {
      await recomputeHealth(reader, workspaceId, {
        accountIds: group.accountIds,
        cause: 'inputs changed',
        causes: group.causes,
        ...(pooled ? { writeIn: trx } : {}),
      });
      for (let i = 0; i < group.accountIds.length; i += 500) {
        await trx
          .deleteFrom('health_dirty')
          .where('workspace_id', '=', workspaceId)
          .where('account_id', 'in', group.accountIds.slice(i, i + 500))
          .execute();
      }
    }
    return rows.length;
  });
}

/**
 * Runs recomputeDirty until the outbox is empty whenever this process queues something (after a short pause that
 * gathers the rest of a burst) and at every poll, which is how it hears of rows other processes queued.
 */
export function startHealthWorker(database: Database, options: { pollMs?: number; onError: (err: unknown) => void }): Runner {
  return queueRunner({
    work: async (stopping) => {
      while (!stopping() && (await recomputeDirty(database)) > 0);
    },
    subscribe: onHealthDirty,
    onError: options.onError,
    pollMs: options.pollMs ?? 250,
    gatherMs: 10,
  });
}
