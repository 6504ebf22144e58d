import net from 'node:net';
import type { Config } from '../config/config.js';
import { checkDatabase, type Database, openDatabase } from '../db/connection.js';
import { migrateToLatest } from '../db/migrate.js';
import { applySeedsToAllWorkspaces } from '../modules/seeds.js';
import { buildApp } from './app.js';
import type { App } from './types.js';

/** Opens the database, checks it is reachable and recent enough, and brings its schema up to date. */
export async function prepareDatabase(config: Config, log: (line: string) => void = () => {}): Promise<Database> {
  const database = openDatabase(config);
  try {
    await checkDatabase(database);
    const applied = await migrateToLatest(database);
    await applySeedsToAllWorkspaces(database);
    log(`Database: ${database.describe}${applied.length ? ` (applied ${applied.length} migration${applied.length > 1 ? 's' : ''})` : ''}`);
    return database;
  } catch (err) {
    await database.close().catch(() => {});
    throw err;
  }
}

/**
 * Fails with EADDRINUSE (as listen would) when the port is taken. Checked before the slow start-up work, so that
 * an operator who started a second server by mistake gets the answer at once and nothing is created meanwhile.
 */
export function ensurePortFree(host: string, port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

export async function startServer(config: Config, database: Database): Promise<{ app: App; url: string }> {
  const app = await buildApp({ database, config });
  const address = await app.listen({ host: config.host, port: config.port });
  return { app, url: address.replace('127.0.0.1', 'localhost') };
}
