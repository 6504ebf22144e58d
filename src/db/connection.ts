import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../config/config.js';
import { startCheckpointer, WRITER_CHECKPOINT_PAGES } from './checkpointer.js';
import type { Dialect } from './dialect.js';
import type { DB } from './schema.js';

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** Human-readable description for start-up messages (no password). */
  describe: string;
  /** For SQLite only: the raw handle, used for online backups. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

export const MIN_POSTGRES_MAJOR = 15;
export const MIN_SQLITE_VERSION = '3.35.0';

let pgParsersInstalled = false;

/**
 * Converts PostgreSQL values once, at the data layer, to what SQLite gives us:
 * bigints and counts as numbers, timestamps as ISO strings, dates and JSON as text.
 */
function installPgTypeParsers(): void {
  if (pgParsersInstalled) return;
  pgParsersInstalled = true;
  const { types } = pg;
  types.setTypeParser(types.builtins.INT8, (v) => Number(v));
  types.setTypeParser(types.builtins.NUMERIC, (v) => Number(v));
  types.setTypeParser(types.builtins.TIMESTAMPTZ, (v) => new Date(v).toISOString());
  types.setTypeParser(types.builtins.TIMESTAMP, (v) => new Date(`${v}Z`).toISOString());
  types.setTypeParser(types.builtins.DATE, (v) => v);
  types.setTypeParser(types.builtins.JSONB, (v) => v);
  types.setTypeParser(types.builtins.JSON, (v) => v);
}

export function openSqlite(file: string): Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const handle = new SQLite(file);
  handle.pragma('journal_mode = WAL');
  // NORMAL in WAL mode survives a killed process; only an OS crash may lose the last commits.
  handle.pragma('synchronous = NORMAL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 5000');
  // Ingest touches pages all over large B-trees; SQLite's default 2 MB cache would read them back batch after batch.
  handle.pragma('cache_size = -65536');
  const checkpointer = file === ':memory:' ? null : startCheckpointer(file);
  if (checkpointer) handle.pragma(`wal_autocheckpoint = ${WRITER_CHECKPOINT_PAGES}`);
  // SQLite's lower() folds ASCII only; searches must find "École" when the user types "école".
  handle.function('unicode_lower', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? text.toLowerCase() : text));
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: handle }) });
  return {
    db,
    dialect: 'sqlite',
    describe: `SQLite ${handle.prepare('select sqlite_version() as v').pluck().get() as string} at ${file}`,
    sqlite: handle,
    close: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

export function openPostgres(url: string, poolSize = 10): Database {
  installPgTypeParsers();
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  // An idle client's network error would otherwise crash the process.
  pool.on('error', () => {});
  // Dates derived from timestamps (::date, date_trunc) follow the session time zone; pin it to UTC so that
  // results do not depend on the server's default. Queued before any query the pool hands the client to.
  pool.on('connect', (client) => {
    client.query("set time zone 'UTC'").catch(() => {});
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', describe: `PostgreSQL at ${redactUrl(url)}`, close: () => db.destroy() };
}

export function openDatabase(config: Config): Database {
  return config.dbEngine === 'postgres' && config.databaseUrl ? openPostgres(config.databaseUrl) : openSqlite(config.sqlitePath);
}

function versionAtLeast(actual: string, minimum: string): boolean {
  const a = actual.split('.').map(Number);
  const m = minimum.split('.').map(Number);
  for (let i = 0; i < m.length; i++) {
    if ((a[i] ?? 0) !== (m[i] ?? 0)) return (a[i] ?? 0) > (m[i] ?? 0);
  }
  return true;
}

/**
 * Start-up check: the database answers and is recent enough. Throws an Error whose message
 * tells the operator what to do.
 */
export async function checkDatabase(database: Database): Promise<string> {
  if (database.dialect === 'sqlite') {
    const row = await sql<{ v: string }>`select sqlite_version() as v`.execute(database.db);
    const version = row.rows[0]?.v ?? '0';
    if (!versionAtLeast(version, MIN_SQLITE_VERSION)) {
      throw new Error(`SQLite ${version} is too old: Keepwell needs ${MIN_SQLITE_VERSION} or newer.`);
    }
    return version;
  }
  let version: string;
  try {
    const row = await sql<{ v: string }>`show server_version`.execute(database.db);
    version = String((row.rows[0] as unknown as { server_version: string }).server_version);
  } catch (err) {
    throw new Error(`Cannot reach ${database.describe}: ${(err as Error).message}. Check DATABASE_URL and that the server is running.`);
  }
  const major = Number.parseInt(version, 10);
  if (!(major >= MIN_POSTGRES_MAJOR)) {
    throw new Error(`PostgreSQL ${version} is too old: Keepwell needs ${MIN_POSTGRES_MAJOR} or newer.`);
  }
  return version;
}
