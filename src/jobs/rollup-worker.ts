import type { Database } from '../db/connection.js';
import { foldQueuedRollups, oldestQueuedWorkspace, onRollupsQueued } from '../modules/ingest/rollup-queue.js';
import { queueRunner, type Runner } from './runner.js';

/** Folds one claim of the oldest workspace's queued rollups; returns how many rows it took (0: nothing it could take). */
export async function foldOnce(database: Database): Promise<number> {
  const workspaceId = await oldestQueuedWorkspace(database.db);
  if (!workspaceId) return 0;
  return database.db
    .transaction()
    .execute((trx) => foldQueuedRollups(trx, database.dialect, workspaceId, { wait: false, ...(database.sqlite ? { sqlite: database.sqlite } : {}) }));
}

/**
 * The rollup worker: folds the rollup queue (modules/ingest/rollup-queue.ts) until it is empty, whenever this process
 * stores a batch (after a short pause that lets a burst of batches queue up and fold together) and at every poll,
 * which is how it hears of rows other processes queued. Several processes on one PostgreSQL each run one: SKIP
 * LOCKED gives each different rows.
 */
export function startRollupWorker(database: Database, options: { pollMs?: number; gatherMs?: number; onError: (err: unknown) => void }): Runner {
  return queueRunner({
    work: async (stopping) => {
      while (!stopping() && (await foldOnce(database)) > 0);
    },
    subscribe: onRollupsQueued,
    onError: options.onError,
    pollMs: options.pollMs ?? 250,
    gatherMs: options.gatherMs ?? 20,
  });
}
