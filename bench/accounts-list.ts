/**
 * Benchmark: the accounts list over real HTTP, against the engine's raw limit for the same queries.
 *
 *   npm run bench:accounts            (BENCH_ROWS=20000 BENCH_SECONDS=5 BENCH_ENGINES=sqlite,postgres)
 *
 * For each engine it loads BENCH_ROWS accounts into a fresh database, starts `keepwell serve` as its own
 * process, and requests list pages with an API key from 8 concurrent clients. The raw limit is the same
 * page and count queries (compiled from the same filters) run straight on the driver, in this process.
 * Prints one JSON line per engine and scenario; `ratio` = HTTP requests/s ÷ raw query pairs/s.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/config/config.js';
import { checkDatabase, type Database, openPostgres, openSqlite } from '../src/db/connection.js';
import { encodeJson, nowIso } from '../src/db/dialect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { CompanySizes, DeploymentStatuses, LifecyclePhases, RiskStatuses, TouchTiers } from '../src/domain/enums.js';
import { parseSort } from '../src/lib/cursor.js';
import { newId } from '../src/lib/ids.js';
import { AccountListQuery } from '../src/modules/accounts/contracts.js';
import { filteredAccounts, sortExpression, withNames } from '../src/modules/accounts/repo.js';
import { createApiKey } from '../src/modules/api-keys/service.js';
import { defaultRevenueBands } from '../src/modules/workspaces/revenue-bands.js';
import { addMember, createWorkspace } from '../src/modules/workspaces/service.js';
import { measure, postgresForBench, random, startServerProcess } from './support.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 20_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ENGINES = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',');
const CONCURRENCY = 8;

const scenarios: Record<string, string> = {
  'first page by name': 'limit=50',
  'filtered, by ARR': 'touchTier=high,medium&riskStatus=feature_gaps,lack_of_interest&revenueBand=1M–5M,≥ 5M&sort=-arr&limit=50',
  'search, by renewal': 'q=ar&sort=renewalDate&limit=50',
};

async function load(database: Database): Promise<{ key: string }> {
  const workspace = await createWorkspace(database, 'Bench');
  const owners: Array<{ id: string }> = [];
  for (let i = 0; i < 6; i++)
    owners.push(await addMember(database, workspace.id, { email: `csm${i}@bench.test`, name: `CSM ${i}`, role: 'csm', password: 'bench-password' }));
  const rnd = random(42);
  const pick = <T>(values: readonly T[]) => values[Math.floor(rnd() * values.length)] as T;
  const now = nowIso();
  await database.db.transaction().execute(async (trx) => {
    for (let start = 0; start < ROWS; start += 500) {
      const batch = [];
      for (let i = start; i < Math.min(ROWS, start + 500); i++) {
        batch.push({
          id: newId(),
          workspace_id: workspace.id,
          name: `${pick(['Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Hooli', 'Vandelay'])} ${pick(['Labs', 'Group', 'Systems', 'Partners'])} ${i}`,
          external_id: `acct_${i}`,
          domain: `a${i}.example.com`,
          industry: pick(['Retail', 'Healthcare', 'Finance', 'Education', 'Manufacturing']),
          region: pick(['NA', 'EMEA', 'APAC', 'LATAM']),
          company_size: pick(CompanySizes.values),
          // Pareto-like: a few large accounts, many small ones.
          arr_minor: Math.round(1_000_000 * 10 ** (rnd() * 3.5)),
          currency: 'USD',
          deployment_status: pick(DeploymentStatuses.values),
          lifecycle_phase: pick(LifecyclePhases.values),
          touch_tier: pick(TouchTiers.values),
          owner_id: rnd() < 0.8 ? pick(owners).id : null,
          renewal_date: rnd() < 0.9 ? `202${7 + Math.floor(rnd() * 2)}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}` : null,
          risk_statuses: encodeJson(rnd() < 0.25 ? [pick(RiskStatuses.values)] : []),
          parent_id: null,
          custom_fields: '{}',
          created_at: now,
          updated_at: now,
        });
      }
      await trx.insertInto('accounts').values(batch).execute();
    }
  });
  // Fresh statistics, as PostgreSQL's autovacuum would gather soon after a load this size.
  await sql`analyze`.execute(database.db);
  const { key } = await createApiKey(database, { workspaceId: workspace.id, userId: null, role: 'admin', via: 'cli' }, { name: 'bench', role: 'viewer' });
  return { key };
}

/** The page and count queries the list endpoint runs for this query string, compiled for the driver. */
function compiledQueries(database: Database, workspaceId: string, queryString: string) {
  const query = AccountListQuery.parse(Object.fromEntries(new URLSearchParams(queryString)));
  const { field, direction } = parseSort(query.sort);
  const { key } = sortExpression(field);
  const page = withNames(filteredAccounts(database, workspaceId, query, defaultRevenueBands))
    .select(key.as('sort_key'))
    .orderBy(key, direction)
    .orderBy('accounts.id', direction)
    .limit(query.limit + 1)
    .compile();
  const count = filteredAccounts(database, workspaceId, query, defaultRevenueBands)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .compile();
  return [page, count];
}

async function rawLimit(database: Database, url: string | null, workspaceId: string, queryString: string) {
  const queries = compiledQueries(database, workspaceId, queryString);
  if (database.sqlite) {
    const statements = queries.map((q) => ({ stmt: database.sqlite!.prepare(q.sql), params: q.parameters as unknown[] }));
    // better-sqlite3 is synchronous: one loop is the engine's limit in one process.
    return measure(SECONDS, 1, async () => {
      for (const { stmt, params } of statements) stmt.all(...params);
    });
  }
  const pool = new pg.Pool({ connectionString: url ?? '', max: 10 });
  try {
    return await measure(SECONDS, CONCURRENCY, async () => {
      for (const q of queries) await pool.query(q.sql, q.parameters as unknown[]);
    });
  } finally {
    await pool.end();
  }
}

async function runEngine(engine: string): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kw-bench-'));
  let pgServer: ReturnType<typeof postgresForBench> | null = null;
  let url: string | null = null;
  let database: Database;
  if (engine === 'postgres') {
    pgServer = postgresForBench();
    const admin = new pg.Client({ connectionString: pgServer.url });
    await admin.connect();
    const name = `kw_bench_${Date.now()}`;
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(pgServer.url);
    u.pathname = `/${name}`;
    url = u.toString();
    database = openPostgres(url);
  } else {
    database = openSqlite(loadConfig({ KEEPWELL_DATA_DIR: tmp }).sqlitePath);
  }
  try {
    await checkDatabase(database);
    await migrateToLatest(database);
    const loadStarted = performance.now();
    const { key } = await load(database);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const workspaceId = (await database.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow()).id;
    const raw: Record<string, Awaited<ReturnType<typeof rawLimit>>> = {};
    for (const [name, qs] of Object.entries(scenarios)) raw[name] = await rawLimit(database, url, workspaceId, qs);
    await database.close();

    const server = await startServerProcess(engine === 'postgres' ? { DATABASE_URL: url ?? '' } : { KEEPWELL_DATA_DIR: tmp });
    try {
      for (const [name, qs] of Object.entries(scenarios)) {
        const target = `${server.url}/api/v1/accounts?${qs}`;
        const headers = { authorization: `Bearer ${key}` };
        const first = await fetch(target, { headers });
        if (!first.ok) throw new Error(`${name}: HTTP ${first.status} ${await first.text()}`);
        const http = await measure(SECONDS, CONCURRENCY, async () => {
          const res = await fetch(target, { headers });
          if (!res.ok) throw new Error(`HTTP ${res.status}`);
          await res.arrayBuffer();
        });
        const limit = raw[name];
        console.log(
          JSON.stringify({
            bench: 'accounts-list',
            engine,
            rows: ROWS,
            scenario: name,
            http_rps: Math.round(http.perSecond),
            http_p50_ms: Number(http.p50.toFixed(2)),
            http_p99_ms: Number(http.p99.toFixed(2)),
            raw_qps: Math.round(limit?.perSecond ?? 0),
            ratio: Number((http.perSecond / (limit?.perSecond ?? 1)).toFixed(2)),
            load_rows_per_s: Math.round(ROWS / loadSeconds),
          }),
        );
      }
    } finally {
      await server.stop();
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    pgServer?.stop();
  }
}

for (const engine of ENGINES) await runEngine(engine);
