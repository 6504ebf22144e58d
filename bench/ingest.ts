/**
 * Benchmark: Segment-format events over real HTTP into a fresh server, against the engine's raw insert limit.
 *
 *   npm run bench:ingest        (BENCH_EVENTS=1000000 BENCH_BATCH=500 BENCH_CONCURRENCY=8 BENCH_DAYS=1 BENCH_ENGINES=sqlite,postgres)
 *
 * For each engine: a fresh database with one workspace, a write key and 1,000 accounts (external ids), whose
 * 20,000 users a group call each ties to their account (untimed). Then BENCH_EVENTS track events (10 names, over
 * BENCH_DAYS days (default 1: live traffic; 90: a backfill), a number and a string property, context.groupId on 90%, unique messageIds) go to POST /v1/batch of a
 * fresh `keepwell serve` process, BENCH_CONCURRENCY requests at a time over keep-alive connections.
 * The raw limit is then measured on the very rows the server stored: SQLite, one prepared INSERT per row in one
 * transaction (better-sqlite3) into a fresh usage_events table with the same schema and indexes; PostgreSQL, COPY
 * (pg-copy-streams) into such a table. PostgreSQL needs BENCH_DATABASE_URL or TEST_DATABASE_URL (a server on
 * which it creates and drops a database); without one it is skipped.
 * Prints one JSON line per engine; `ratio` = events/s over HTTP ÷ rows/s of the raw insert.
 */

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { loadConfig } from '../src/config/config.js';
import { checkDatabase, type Database, openPostgres, openSqlite } from '../src/db/connection.js';
import { seedIngestWorkspace } from '../test/support/seed-ingest.js';
import { rawPostgres, rawSqlite } from './ingest-raw.js';
import { createDatabaseOn, freePort, ROOT, random } from './support.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const ENGINES = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',');
/** Over how many days the events' timestamps spread: 1 is live traffic (the usual case), 90 a backfill of history. */
const DAYS = Number(process.env.BENCH_DAYS ?? 1);
const ACCOUNTS = 1_000;
const USERS_PER_ACCOUNT = 20;
const EVENT_NAMES = [
  'Signed In',
  'Report Viewed',
  'Report Exported',
  'Dashboard Shared',
  'Search Performed',
  'Alert Created',
  'File Uploaded',
  'Comment Added',
  'Invite Sent',
  'Export Scheduled',
];
const DAY_MS = 86_400_000;
const END = Date.parse('2026-06-30T00:00:00Z');

const context = { library: { name: 'analytics-node', version: '3.1.0' }, ip: '203.0.113.7', locale: 'en-GB' };

/** The request bodies, built before the clock starts: the load generator's work must not count. */
function trackBatches(): Buffer[] {
  const rnd = random(7);
  const bodies: Buffer[] = [];
  const sentAt = new Date(END).toISOString();
  for (let start = 0, b = 0; start < EVENTS; start += BATCH, b++) {
    const batch = [];
    for (let i = start; i < Math.min(EVENTS, start + BATCH); i++) {
      const account = Math.floor(rnd() * ACCOUNTS);
      const user = `user-${account}-${Math.floor(rnd() * USERS_PER_ACCOUNT)}`;
      const event = EVENT_NAMES[Math.floor(rnd() * EVENT_NAMES.length)] as string;
      const timestamp = new Date(END - Math.floor(rnd() * DAYS * DAY_MS)).toISOString();
      const properties = { durationMs: Math.floor(rnd() * 5000), plan: rnd() < 0.7 ? 'pro' : 'team', source: 'web' };
      const ctx = rnd() < 0.9 ? { ...context, groupId: `acct-${account}` } : context;
      batch.push({ type: 'track', messageId: `bench-${b}-${i}`, userId: user, event, properties, context: ctx, timestamp, sentAt });
    }
    bodies.push(Buffer.from(JSON.stringify({ batch, sentAt })));
  }
  return bodies;
}

function groupBatches(): Buffer[] {
  const bodies: Buffer[] = [];
  for (let a = 0; a < ACCOUNTS; a += 25) {
    const batch = [];
    for (let account = a; account < a + 25; account++)
      for (let u = 0; u < USERS_PER_ACCOUNT; u++)
        batch.push({
          type: 'group',
          messageId: `group-${account}-${u}`,
          userId: `user-${account}-${u}`,
          groupId: `acct-${account}`,
          traits: { name: `Account ${account}` },
        });
    bodies.push(Buffer.from(JSON.stringify({ batch })));
  }
  return bodies;
}

/**
 * `keepwell serve` as its own process, so that the load generator does not share its event loop.
 * BENCH_CPU_PROF=<dir> writes the server's CPU profile there (node --cpu-prof) for finding where the time goes.
 */
async function startServer(env: Record<string, string>): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, path.join(ROOT, 'bin/keepwell.js'), 'serve'], {
    env: { ...process.env, ...env, PORT: String(port), KEEPWELL_DEMO: '0', LOG_LEVEL: 'error' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let ready = false; !ready; ) {
    if (child.exitCode !== null) throw new Error('the server exited before answering');
    ready = await fetch(`${url}/api/v1/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (!ready) await new Promise((r) => setTimeout(r, 100));
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

async function setUp(database: Database): Promise<string> {
  await checkDatabase(database);
  // The groupIds the batches name are acct-0 … acct-(ACCOUNTS - 1).
  return (await seedIngestWorkspace(database, { name: 'Bench', accounts: ACCOUNTS, prefix: 'acct-' })).key;
}

/** Posts every body, `CONCURRENCY` at a time over keep-alive connections; returns batch latencies (ms). */
async function send(baseUrl: string, key: string, bodies: Buffer[]): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const url = new URL('/v1/batch', baseUrl);
  const auth = `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
  const latencies: number[] = [];
  let next = 0;
  const post = (body: Buffer) =>
    new Promise<void>((resolve, reject) => {
      const req = http.request(
        url,
        { method: 'POST', agent, headers: { authorization: auth, 'content-type': 'application/json', 'content-length': body.length } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}: ${Buffer.concat(chunks).toString().slice(0, 500)}`)),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++] as Buffer;
        const t = performance.now();
        await post(body);
        latencies.push(performance.now() - t);
      }
    }),
  );
  agent.destroy();
  return latencies;
}

async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const server = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  return server ? createDatabaseOn(server, 'kw_bench_ingest') : null;
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/** Every matched event is in the rollups once the queue is empty: their counts add up to the stored events. */
async function expectRollupsComplete(database: Database): Promise<void> {
  const counted = await database.db.selectFrom('usage_daily').select(sql<number>`sum(events)`.as('n')).where('property', '=', '').executeTakeFirstOrThrow();
  const matched = await database.db
    .selectFrom('usage_events')
    .select(sql<number>`count(*)`.as('n'))
    .where('account_id', 'is not', null)
    .where('event', 'is not', null)
    .executeTakeFirstOrThrow();
  if (Number(counted.n) !== Number(matched.n)) throw new Error(`the rollups count ${counted.n} events of ${matched.n} matched`);
}

async function runEngine(engine: string, bodies: Buffer[], groups: Buffer[]): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kw-bench-ingest-'));
  const pgDb = engine === 'postgres' ? await freshPostgres() : null;
  if (engine === 'postgres' && !pgDb) {
    console.log(JSON.stringify({ bench: 'ingest', engine, skipped: 'set BENCH_DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL server' }));
    return;
  }
  const sqliteFile = loadConfig({ KEEPWELL_DATA_DIR: tmp }).sqlitePath;
  try {
    const database = pgDb ? openPostgres(pgDb.url) : openSqlite(sqliteFile);
    const key = await setUp(database).finally(() => database.close());
    const server = await startServer(pgDb ? { DATABASE_URL: pgDb.url, KEEPWELL_DATA_DIR: tmp } : { KEEPWELL_DATA_DIR: tmp });
    let latencies: number[];
    let seconds: number;
    let rolledUpSeconds: number;
    const watcher = pgDb ? openPostgres(pgDb.url) : openSqlite(sqliteFile);
    try {
      await send(server.url, key, groups);
      const started = performance.now();
      latencies = await send(server.url, key, bodies);
      seconds = (performance.now() - started) / 1000;
      // Acknowledged is stored; the rollups follow from the queue the batches left. Timed until the worker has it all.
      while ((await watcher.db.selectFrom('usage_rollup_queue').select('seq').limit(1).execute()).length > 0) await sleep(20);
      rolledUpSeconds = (performance.now() - started) / 1000;
      await expectRollupsComplete(watcher);
    } finally {
      await watcher.close();
      await server.stop();
    }
    const raw = pgDb ? await rawPostgres(pgDb.url) : await rawSqlite(sqliteFile, tmp);
    if (raw.rows !== EVENTS) throw new Error(`the server stored ${raw.rows} of ${EVENTS} events`);
    latencies.sort((a, b) => a - b);
    const perSecond = EVENTS / seconds;
    const rawPerSecond = raw.rows / raw.seconds;
    console.log(
      JSON.stringify({
        bench: 'ingest',
        engine,
        events: EVENTS,
        batch: BATCH,
        concurrency: CONCURRENCY,
        days: DAYS,
        events_per_s: Math.round(perSecond),
        rolled_up_per_s: Math.round(EVENTS / rolledUpSeconds),
        batch_p50_ms: Number(percentile(latencies, 0.5).toFixed(1)),
        batch_p99_ms: Number(percentile(latencies, 0.99).toFixed(1)),
        raw_rows_per_s: Math.round(rawPerSecond),
        // Of the work done: until the rollups have caught up (PostgreSQL folds them after the reply).
        ratio: Number((EVENTS / rolledUpSeconds / rawPerSecond).toFixed(2)),
      }),
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    await pgDb?.drop();
  }
}

const bodies = trackBatches();
const groups = groupBatches();
console.error(`bench:ingest: ${EVENTS} events in ${bodies.length} batches of ≤ ${BATCH} (~${Math.round((bodies[0]?.length ?? 0) / 1024)} KB each)`);
for (const engine of ENGINES) await runEngine(engine, bodies, groups);
