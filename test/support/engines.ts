import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { type Config, loadConfig } from '../../src/config/config.js';
import { checkDatabase, type Database, openPostgres, openSqlite } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { buildApp } from '../../src/server/app.js';
import type { App } from '../../src/server/types.js';

export type Engine = 'sqlite' | 'postgres';
export const engines: readonly Engine[] = ['sqlite', 'postgres'];

/** The PostgreSQL server from test/support/global-setup.ts, or null when the run has none. */
export function pgServerUrl(): string | null {
  return inject('pgUrl') ?? null;
}

export interface TestDatabase {
  engine: Engine;
  database: Database;
  /** A temp dir of its own (the SQLite file lives here; use it as KEEPWELL_DATA_DIR). */
  dataDir: string;
  dispose(): Promise<void>;
}

async function onServer<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * A fresh, empty, migrated database: a temp SQLite file, or a new database on the shared PostgreSQL server
 * (one per test file, so files can run in parallel without seeing each other's rows).
 */
export async function createTestDatabase(engine: Engine, options: { migrate?: boolean; pgSettings?: Record<string, string> } = {}): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `kw-test-${engine}-`));
  let database: Database;
  let dropDatabase = async () => {};
  if (engine === 'sqlite') {
    database = openSqlite(path.join(dataDir, 'keepwell.db'));
  } else {
    const serverUrl = pgServerUrl();
    if (!serverUrl) throw new Error('No PostgreSQL server for this run (see test/support/global-setup.ts)');
    const name = `kw_test_${Math.random().toString(36).slice(2, 12)}`;
    await onServer(serverUrl, async (c) => {
      await c.query(`create database ${name}`);
      // Server-side defaults a production database may have (e.g. a non-UTC time zone).
      for (const [key, value] of Object.entries(options.pgSettings ?? {})) await c.query(`alter database ${name} set ${key} = '${value}'`);
    });
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    database = openPostgres(url.toString(), 4);
    dropDatabase = () => onServer(serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`)).then(() => {});
  }
  try {
    // What prepareDatabase does at start-up, minus opening the database from the environment.
    await checkDatabase(database);
    if (options.migrate !== false) await migrateToLatest(database);
  } catch (err) {
    await database.close().catch(() => {});
    await dropDatabase().catch(() => {});
    throw err;
  }
  return {
    engine,
    database,
    dataDir,
    dispose: async () => {
      await database.close();
      await dropDatabase();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Background jobs are off unless a test turns them on (KEEPWELL_JOBS: '1'): most tests check what one request
 * wrote, and a worker recomputing health behind their backs would change scores and causes while they look.
 */
export function testConfig(dataDir: string, env: Record<string, string> = {}): Config {
  const config = loadConfig({ KEEPWELL_DATA_DIR: dataDir, KEEPWELL_DEMO: '0', KEEPWELL_SIGNIN_RATE_LIMIT: '1000', KEEPWELL_JOBS: '0', ...env });
  return { ...config, logLevel: 'silent' };
}

export async function buildTestApp(database: Database, dataDir: string, env: Record<string, string> = {}): Promise<App> {
  const app = await buildApp({ database, config: testConfig(dataDir, env) });
  await app.ready();
  return app;
}

/** What a forEachEngine body gets; the fields are filled in before its tests run. */
export interface EngineContext {
  readonly engine: Engine;
  readonly app: App;
  readonly database: Database;
  readonly config: Config;
  readonly dataDir: string;
}

function runsOn(engine: Engine): boolean {
  return engine === 'sqlite' || pgServerUrl() !== null;
}

/** Runs a describe block once per engine that this run has, each against its own fresh database. */
export function forEachDatabase(name: string, body: (ctx: { readonly engine: Engine; readonly database: Database }) => void): void {
  for (const engine of engines) {
    describe.skipIf(!runsOn(engine))(`${name} [${engine}]`, () => {
      let test: TestDatabase | null = null;
      beforeAll(async () => {
        test = await createTestDatabase(engine);
      });
      afterAll(async () => {
        await test?.dispose();
      });
      body({
        engine,
        get database() {
          if (!test) throw new Error('database used before beforeAll ran');
          return test.database;
        },
      });
    });
  }
}

/**
 * Runs a describe block once per engine ('sqlite', 'postgres'), each with a fresh database and an app
 * built on it. `env` adds settings (as environment variables) to the test configuration.
 */
export function forEachEngine(name: string, body: (ctx: EngineContext) => void, options: { env?: Record<string, string> } = {}): void {
  for (const engine of engines) {
    describe.skipIf(!runsOn(engine))(`${name} [${engine}]`, () => {
      let state: { test: TestDatabase; app: App; config: Config } | null = null;
      const current = () => {
        if (!state) throw new Error('engine context used before beforeAll ran');
        return state;
      };
      beforeAll(async () => {
        const test = await createTestDatabase(engine);
        try {
          const config = testConfig(test.dataDir, options.env);
          const app = await buildApp({ database: test.database, config });
          await app.ready();
          state = { test, app, config };
        } catch (err) {
          await test.dispose();
          throw err;
        }
      });
      afterAll(async () => {
        if (!state) return;
        await state.app.close();
        await state.test.dispose();
      });
      body({
        engine,
        get app() {
          return current().app;
        },
        get database() {
          return current().test.database;
        },
        get config() {
          return current().config;
        },
        get dataDir() {
          return current().test.dataDir;
        },
      });
    });
  }
}
