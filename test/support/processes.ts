import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { type Database, openPostgres, openSqlite } from '../../src/db/connection.js';
import { type Engine, pgServerUrl } from './engines.js';

/**
 * Real `keepwell` processes for tests that need them (a killed server, several servers on one database):
 * the CLI as an operator runs it, on a port chosen here, killed for sure when the test ends.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin/keepwell.js');

/** Every child still running: stopped by stopAllProcesses, and killed if the test worker itself exits. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** Only what the CLI needs: the test run's own DATABASE_URL, PORT… must not leak into a child. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: process.env.LANG ?? 'C.UTF-8' };
  return { ...base, KEEPWELL_DEMO: '0', KEEPWELL_SIGNIN_RATE_LIMIT: '1000', LOG_LEVEL: 'warn', ...env };
}

/** A port nobody listens on right now (the kernel picks it; we release it for the child to take). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `keepwell <args>` to completion. */
export function runCli(args: string[], env: Record<string, string>, timeoutMs = 20_000): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: childEnv(env), timeout: timeoutMs }, (err, stdout, stderr) => {
      live.delete(child);
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
    live.add(child);
  });
}

export interface ServerProcess {
  /** Base URL, e.g. http://localhost:41234 */
  url: string;
  child: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  /** Resolves when the process has exited (at once if it already has). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL: no shutdown handler runs, as when the machine or the OOM killer takes the process. */
  kill(): Promise<void>;
  /** SIGTERM (the graceful path), then SIGKILL if it has not exited within 5 s; resolves to how it exited. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `keepwell serve` on a free port and waits until it prints that it is running. */
export async function startServer(env: Record<string, string>, timeoutMs = 20_000): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'serve'], { cwd: ROOT, env: childEnv({ ...env, PORT: String(port) }), stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    });
  });
  const stopWith = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  const server: ServerProcess = {
    url: `http://localhost:${port}`,
    child,
    output: () => output,
    exited,
    kill: () => stopWith('SIGKILL'),
    stop: async () => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await stopWith('SIGTERM');
      clearTimeout(timer);
      return exited;
    },
  };
  const started = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    const check = () => {
      if (/Keepwell is running at /.test(output)) {
        clearTimeout(timer);
        child.stdout?.off('data', check);
        resolve(true);
      }
    };
    child.stdout?.on('data', check);
    void exited.then(() => {
      clearTimeout(timer);
      resolve(/Keepwell is running at /.test(output));
    });
  });
  if (!started) {
    await server.kill();
    throw new Error(`keepwell serve did not start:\n${output}`);
  }
  return server;
}

/** Lines the server logged at error level or above (pino's JSON: 50 error, 60 fatal). */
export function errorLogs(server: ServerProcess): string[] {
  return server
    .output()
    .split('\n')
    .filter((line) => /"level":(50|60)\b/.test(line));
}

/** Kills every process these helpers started that is still running (for afterAll). */
export async function stopAllProcesses(): Promise<void> {
  const waiting = [...live].map(
    (child) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  );
  await Promise.all(waiting);
  live.clear();
}

async function onServer(url: string, query: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * A new, empty (not migrated) database on the shared PostgreSQL server, named as createTestDatabase names
 * them, for processes that need its URL.
 */
export async function createPgDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `kw_test_${Math.random().toString(36).slice(2, 12)}`;
  await onServer(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(serverUrl, `drop database if exists ${name} with (force)`) };
}

/**
 * A fresh database for `keepwell` processes (their environment: a temp KEEPWELL_DATA_DIR, plus DATABASE_URL on
 * PostgreSQL) that the test can also open directly. Not migrated: the first process or migrateToLatest does that.
 */
export interface ServerDatabase {
  engine: Engine;
  env: Record<string, string>;
  sqliteFile: string | null;
  open(): Database;
  dispose(): Promise<void>;
}

export async function createServerDatabase(engine: Engine): Promise<ServerDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `kw-proc-${engine}-`));
  const removeDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (engine === 'sqlite') {
    const file = path.join(dataDir, 'keepwell.db');
    return { engine, env: { KEEPWELL_DATA_DIR: dataDir }, sqliteFile: file, open: () => openSqlite(file), dispose: async () => removeDir() };
  }
  const serverUrl = pgServerUrl();
  if (!serverUrl) throw new Error('No PostgreSQL server for this run (see test/support/global-setup.ts)');
  const pgDb = await createPgDatabase(serverUrl);
  return {
    engine,
    env: { KEEPWELL_DATA_DIR: dataDir, DATABASE_URL: pgDb.url },
    sqliteFile: null,
    open: () => openPostgres(pgDb.url, 2),
    dispose: async () => {
      await pgDb.drop();
      removeDir();
    },
  };
}

export interface HttpReply<T> {
  status: number;
  body: T;
  text: string;
}

/** A fetch-based client for a real server: JSON in and out, with fixed headers (cookie, CSRF token, bearer key). */
export interface HttpClient {
  headers: Record<string, string>;
  request<T = unknown>(method: string, url: string, body?: unknown): Promise<HttpReply<T>>;
}

export function httpClient(headers: Record<string, string> = {}): HttpClient {
  return {
    headers,
    async request<T>(method: string, url: string, body?: unknown): Promise<HttpReply<T>> {
      const res = await fetch(url, {
        method,
        headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      let parsed: unknown = null;
      if ((res.headers.get('content-type') ?? '').includes('json') && text !== '') parsed = JSON.parse(text);
      return { status: res.status, body: parsed as T, text };
    },
  };
}

/** Signs in over HTTP as the web app does; the client carries the session cookie and the CSRF token. */
export async function signInOver(baseUrl: string, email: string, password: string): Promise<HttpClient & { cookie: string; csrfToken: string }> {
  const res = await fetch(`${baseUrl}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`sign-in on ${baseUrl} answered ${res.status}: ${text}`);
  const token = /kw_session=([^;]+)/.exec(res.headers.getSetCookie().join('\n'))?.[1];
  if (!token) throw new Error('sign-in set no kw_session cookie');
  const cookie = `kw_session=${token}`;
  const csrfToken = (JSON.parse(text) as { csrfToken: string }).csrfToken;
  return { ...httpClient({ cookie, 'x-csrf-token': csrfToken }), cookie, csrfToken };
}
