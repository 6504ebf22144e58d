import type SQLite from 'better-sqlite3';
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Dialect } from './dialect.js';
import type { DB } from './schema.js';

/** A column of a bulk insert, with the PostgreSQL array type its values travel as. */
export interface BulkColumn {
  name: string;
  pg: 'text' | 'timestamptz' | 'date' | 'int8' | 'float8' | 'jsonb';
}

/** SQLite allows 32,766 parameters per statement; staying well below keeps statements quick to prepare. */
const SQLITE_MAX_PARAMS = 16_000;

/**
 * Inserts many rows in as few statements as each engine does best: multi-row VALUES on SQLite, one
 * `unnest` of column arrays on PostgreSQL (a single statement, whatever the row count, close to COPY's
 * speed and unlike COPY able to say ON CONFLICT and RETURNING). `tail` follows the insert, e.g.
 * `on conflict (…) do nothing returning message_id`; the returned rows of every statement are concatenated.
 *
 * With `sqlite`, the raw better-sqlite3 handle under `db`, SQLite rows go one by one through a statement prepared
 * once per handle: a 500-row VALUES statement differs in length from batch to batch, so Kysely prepares each anew,
 * which costs more than running it. Only safe inside a transaction of `db` (SQLite's single connection then belongs
 * to it, and these synchronous calls cannot interleave with another query).
 */
export async function bulkInsert<R = Record<string, unknown>>(
  db: Kysely<DB> | Transaction<DB>,
  dialect: Dialect,
  table: string,
  columns: readonly BulkColumn[],
  rows: readonly unknown[][],
  tail = '',
  sqlite?: SQLite.Database,
): Promise<R[]> {
  if (rows.length === 0) return [];
  const names = columns.map((c) => c.name).join(', ');
  const out: R[] = [];
  if (dialect === 'postgres') {
    const arrays = columns.map((_, i) => rows.map((r) => r[i] ?? null));
    const unnest = columns.map((c, i) => `$${i + 1}::${c.pg}[]`).join(', ');
    const text = `insert into ${table} (${names}) select * from unnest(${unnest}) ${tail}`;
    const result = await db.executeQuery<R>(CompiledQuery.raw(text, arrays));
    return result.rows as R[];
  }
  if (sqlite) return eachRow<R>(sqlite, `insert into ${table} (${names}) values (${columns.map(() => '?').join(', ')}) ${tail}`, columns.length, rows);
  const perStatement = Math.max(1, Math.floor(SQLITE_MAX_PARAMS / columns.length));
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const text = `insert into ${table} (${names}) values ${new Array(chunk.length).fill(tuple).join(', ')} ${tail}`;
    const params: unknown[] = [];
    for (const row of chunk) for (let i = 0; i < columns.length; i++) params.push(row[i] ?? null);
    const result = await db.executeQuery<R>(CompiledQuery.raw(text, params));
    for (const r of result.rows) out.push(r as R);
  }
  return out;
}

const prepared = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

function eachRow<R>(handle: SQLite.Database, text: string, width: number, rows: readonly unknown[][]): R[] {
  let cache = prepared.get(handle);
  if (!cache) {
    cache = new Map();
    prepared.set(handle, cache);
  }
  let stmt = cache.get(text);
  if (!stmt) {
    stmt = handle.prepare(text);
    cache.set(text, stmt);
  }
  const out: R[] = [];
  const params: unknown[] = new Array(width);
  for (const row of rows) {
    for (let i = 0; i < width; i++) params[i] = row[i] ?? null;
    if (stmt.reader) {
      // With RETURNING: a row skipped by ON CONFLICT DO NOTHING returns nothing.
      const returned = stmt.get(params) as R | undefined;
      if (returned !== undefined) out.push(returned);
    } else stmt.run(params);
  }
  return out;
}
