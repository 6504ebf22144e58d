/**
 * Benchmark: health scores for 100,000 accounts, against the engine's floor measured in the same run.
 *
 *   npm run bench:health -- [--engine sqlite|postgres|both] [--accounts 100000] [--pg-url URL]
 *                           [--runs 2] [--latency-seconds 20] [--no-latency]
 *
 * For each engine: a fresh database with one workspace, the default "Customer health" scorecard (7 measures) and
 * 30 days of daily data behind every measure (bench/health-data.ts, bulk-loaded, untimed). Then:
 *   a. full recompute: recomputeHealth() over the workspace, the first (every score new) and then `--runs` more
 *      (every score replaced, as the scheduled recompute does);
 *   b. the floor: one hand-written aggregate query reading the same rows (bench/health-floor.ts); ratio = a / b;
 *   c. the scoring step alone: 700,000 measure values in memory → 100,000 scores (score.ts, then scoreAccounts);
 *   d. event-to-score p95: Segment batches at a steady rate into `keepwell serve` over HTTP, and for one account of
 *      each batch the time from the 2xx until its health shows a newer computed_at (bench/health-latency.ts).
 * PostgreSQL: --pg-url, else BENCH_DATABASE_URL / TEST_DATABASE_URL (a database is created and dropped on it), else a
 * throwaway server from scripts/throwaway-pg.sh. Prints figures to stderr and one JSON line per engine to stdout.
 * Targets: recompute ≤ 2× floor; scoring ≤ 2 s; event-to-score p95 ≤ 1 s.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/config.js';
import { checkDatabase, type Database, openPostgres, openSqlite } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createApiKey } from '../src/modules/api-keys/service.js';
import { recomputeHealth } from '../src/modules/health/compute.js';
import { todayUtc } from '../src/modules/kpis/evaluate.js';
import { createWriteKey } from '../src/modules/write-keys/service.js';
import type { Actor } from '../src/server/types.js';
import { type BenchWorkspace, loadBenchWorkspace } from './health-data.js';
import { floorQuery, scoringStep } from './health-floor.js';
import { eventToScore, type LatencyResult } from './health-latency.js';
import { createDatabaseOn, postgresForBench, startServerProcess } from './support.js';

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: 'both' },
    accounts: { type: 'string', default: '100000' },
    'pg-url': { type: 'string' },
    runs: { type: 'string', default: '2' },
    'latency-seconds': { type: 'string', default: '20' },
    'no-latency': { type: 'boolean', default: false },
  },
});
const ACCOUNTS = Number(args.accounts);
const RUNS = Math.max(1, Number(args.runs));
const engines = args.engine === 'both' ? ['sqlite', 'postgres'] : [args.engine as string];
const log = (line: string) => console.error(`bench:health: ${line}`);
const ms = (n: number) => Math.round(n * 10) / 10;
const best = (list: number[]) => Math.min(...list);

interface Timing {
  wall: number;
  cpu: number;
}
async function timed(work: () => Promise<unknown>): Promise<Timing> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - started, cpu: (used.user + used.system) / 1000 };
}

/** A fresh PostgreSQL database: on --pg-url / BENCH_DATABASE_URL / TEST_DATABASE_URL, else on a throwaway server. */
async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const given = args['pg-url'] || process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  const throwaway = given ? null : postgresForBench();
  const server = given ?? throwaway?.url ?? '';
  const created = await createDatabaseOn(server, 'kw_bench_health');
  return {
    url: created.url,
    drop: async () => {
      await created.drop();
      throwaway?.stop();
    },
  };
}

async function latency(engine: string, env: Record<string, string>, database: Database, b: BenchWorkspace): Promise<LatencyResult> {
  const actor: Actor = { workspaceId: b.workspaceId, userId: null, role: 'admin', via: 'cli' };
  const { key: writeKey } = await createWriteKey(database, actor, { name: 'bench' });
  const { key: apiKey } = await createApiKey(database, actor, { name: 'bench', role: 'viewer' });
  // The server's daily recompute would otherwise start with it and hold the writer while events arrive: do today's
  // here (a full recompute through the job, which is itself a figure worth having).
  const daily = await import('../src/jobs/daily-health.js').catch(() => null);
  if (daily) {
    const started = performance.now();
    await daily.runDailyHealth(database);
    log(`${engine}: the daily recompute job ran in ${ms(performance.now() - started)} ms`);
  }
  await database.close();
  const server = await startServerProcess(env);
  try {
    log(`${engine}: event-to-score, ${args['latency-seconds']} s of steady ingest…`);
    return await eventToScore({
      url: server.url,
      writeKey,
      apiKey,
      accountIds: b.accountIds,
      externalIds: b.externalIds,
      batchesPerSecond: 10,
      eventsPerBatch: 100,
      seconds: Number(args['latency-seconds']),
    });
  } finally {
    await server.stop();
  }
}

async function runEngine(engine: string): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kw-bench-health-'));
  const pgDb = engine === 'postgres' ? await freshPostgres() : null;
  const database = pgDb ? openPostgres(pgDb.url) : openSqlite(loadConfig({ KEEPWELL_DATA_DIR: tmp }).sqlitePath);
  let open = true;
  try {
    await checkDatabase(database);
    await migrateToLatest(database);
    const loadStarted = performance.now();
    const b = await loadBenchWorkspace(database, ACCOUNTS, todayUtc(), pgDb?.url);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    log(`${engine}: loaded ${ACCOUNTS} accounts, ${b.rows} rows in ${loadSeconds.toFixed(1)} s`);

    // Wall time, and this process's CPU time: on SQLite (in-process) that is all the work, and far less noisy on a
    // shared machine than the wall clock.
    const floors: Timing[] = [];
    for (let i = 0; i <= RUNS; i++) floors.push(await timed(() => floorQuery(database, b)));
    const first = await timed(() => recomputeHealth(database, b.workspaceId, { cause: 'bench' }));
    const again: Timing[] = [];
    for (let i = 0; i < RUNS; i++) again.push(await timed(() => recomputeHealth(database, b.workspaceId, { cause: 'bench' })));
    const stored = await database.db
      .selectFrom('health_scores')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(stored.n) !== ACCOUNTS) throw new Error(`recompute stored ${stored.n} scores for ${ACCOUNTS} accounts`);
    const floor = best(floors.slice(1).map((t) => t.wall));
    const recompute = best(again.map((t) => t.wall));
    const cpuRatio = best(again.map((t) => t.cpu)) / best(floors.slice(1).map((t) => t.cpu));
    log(`${engine}: floor (one aggregate query) ${ms(floor)} ms  [runs ${floors.map((t) => `${ms(t.wall)} (cpu ${ms(t.cpu)})`).join(', ')}]`);
    log(
      `${engine}: full recompute, first ${ms(first.wall)} ms, then ${again.map((t) => `${ms(t.wall)} (cpu ${ms(t.cpu)})`).join(', ')} ms → ${(recompute / floor).toFixed(2)}× floor (cpu ${cpuRatio.toFixed(2)}×)`,
    );
    const scoring = await scoringStep(database, b);
    log(
      `${engine}: scoring ${scoring.values} values → ${scoring.scores} scores: core ${ms(scoring.coreMs)} ms, with explanations ${ms(scoring.scoreAccountsMs)} ms`,
    );

    let lat: LatencyResult = { available: false, reason: 'skipped (--no-latency)' };
    if (!args['no-latency']) {
      open = false;
      lat = await latency(engine, pgDb ? { DATABASE_URL: pgDb.url, KEEPWELL_DATA_DIR: tmp } : { KEEPWELL_DATA_DIR: tmp }, database, b);
    }
    if (lat.available) log(`${engine}: event-to-score p50 ${ms(lat.p50)} ms, p95 ${ms(lat.p95)} ms, max ${ms(lat.max)} ms (${lat.samples} samples)`);
    else log(`${engine}: event-to-score: worker not available (${lat.reason})`);
    console.log(
      JSON.stringify({
        bench: 'health',
        engine,
        accounts: ACCOUNTS,
        rows: b.rows,
        load_s: Number(loadSeconds.toFixed(1)),
        floor_ms: ms(floor),
        recompute_first_ms: ms(first.wall),
        recompute_ms: ms(recompute),
        ratio: Number((recompute / floor).toFixed(2)),
        ratio_first: Number((first.wall / floor).toFixed(2)),
        ratio_cpu: Number(cpuRatio.toFixed(2)),
        scoring_core_ms: ms(scoring.coreMs),
        scoring_ms: ms(scoring.scoreAccountsMs),
        event_to_score_p50_ms: lat.available ? ms(lat.p50) : null,
        event_to_score_p95_ms: lat.available ? ms(lat.p95) : null,
        event_to_score_samples: lat.available ? lat.samples : 0,
        event_to_score_timed_out: lat.available ? lat.timedOut : null,
      }),
    );
  } finally {
    if (open) await database.close();
    await pgDb?.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

for (const engine of engines) await runEngine(engine);
