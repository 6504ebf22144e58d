/** The engines' raw insert limits for bench/ingest.ts, measured on the rows the server stored. */
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { openSqlite } from '../src/db/connection.js';

const COLUMNS = [
  'workspace_id',
  'message_id',
  'type',
  'event',
  'user_id',
  'anonymous_id',
  'group_id',
  'account_id',
  'unmatched_reason',
  'ts',
  'received_at',
  'payload',
];

/** SQLite's limit: the stored rows, one prepared INSERT each, in one transaction, into a fresh file and table (opened as the server opens its own). */
export async function rawSqlite(serverFile: string, dir: string): Promise<{ rows: number; seconds: number }> {
  const source = new SQLite(serverFile, { readonly: true });
  const ddl = source.prepare("select sql from sqlite_master where tbl_name = 'usage_events' and sql is not null").pluck().all() as string[];
  const rows = source
    .prepare(`select ${COLUMNS.join(', ')} from usage_events where message_id like 'bench-%' order by seq`)
    .raw()
    .all() as unknown[][];
  source.close();
  const raw = openSqlite(path.join(dir, 'raw.db'));
  const handle = raw.sqlite as SQLite.Database;
  for (const statement of ddl) handle.exec(statement);
  const insert = handle.prepare(`insert into usage_events (${COLUMNS.join(', ')}) values (${COLUMNS.map(() => '?').join(', ')})`);
  const started = performance.now();
  handle.transaction(() => {
    for (const row of rows) insert.run(row);
  })();
  const seconds = (performance.now() - started) / 1000;
  await raw.close();
  return { rows: rows.length, seconds };
}

/** PostgreSQL's limit: COPY of the stored rows (read out first, untimed) into a fresh table like usage_events. */
export async function rawPostgres(url: string): Promise<{ rows: number; seconds: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const chunks: Buffer[] = [];
    const out = client.query(copyTo(`copy (select ${COLUMNS.join(', ')} from usage_events where message_id like 'bench-%' order by seq) to stdout`));
    for await (const chunk of out) chunks.push(chunk as Buffer);
    await client.query('create table raw_events (like usage_events including all)');
    const started = performance.now();
    const copy = client.query(copyFrom(`copy raw_events (${COLUMNS.join(', ')}) from stdin`));
    await pipeline(Readable.from(chunks), copy);
    const seconds = (performance.now() - started) / 1000;
    return { rows: Number(copy.rowCount), seconds };
  } finally {
    await client.end();
  }
}
