import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Moves SQLite's WAL checkpoints off the writing connection. A checkpoint copies the WAL's pages back into the
 * database file and syncs it; run by the connection that commits (SQLite's default), it stalls that commit, and
 * under ingest it took two thirds of all commit time. Here a worker thread with its own connection runs PASSIVE
 * checkpoints, which never block the writer, so the copying happens on the other core. The writer still
 * checkpoints by itself when the WAL passes a large bound, should the worker fall behind.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
}, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/** WAL pages after which the writing connection checkpoints by itself (about 400 MB with 4 KB pages). */
export const WRITER_CHECKPOINT_PAGES = 100_000;

export function startCheckpointer(file: string, everyMs = 200): { stop(): Promise<void> } {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { file, driver, everyMs } });
  // A failing worker only means checkpoints fall back to the writer; it must not take the server down.
  worker.on('error', () => {});
  worker.unref();
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        // Unreferenced, the worker would let the process exit while a caller still awaits this.
        worker.ref();
        worker.postMessage('stop');
        setTimeout(() => void worker.terminate().then(() => resolve()), 2000).unref();
      }),
  };
}
