import type { Database } from '../db/connection.js';
import { scheduleDailyHealth } from './daily-health.js';
import { startHealthWorker } from './health-worker.js';
import { startRollupWorker } from './rollup-worker.js';

/**
 * The background work each server process runs beside its HTTP server: the rollup worker, the health worker and
 * the daily health recompute. Everything they do is queued in the database, so any number of processes may run them.
 */
export function startBackgroundJobs(database: Database, onError: (err: unknown, job: string) => void): { stop(): Promise<void> } {
  const rollups = startRollupWorker(database, { onError: (err) => onError(err, 'rollup worker') });
  const worker = startHealthWorker(database, { onError: (err) => onError(err, 'health worker') });
  const daily = scheduleDailyHealth(database, { onError: (err) => onError(err, 'daily health recompute') });
  return {
    async stop() {
      await Promise.all([rollups.stop(), worker.stop(), daily.stop()]);
    },
  };
}
