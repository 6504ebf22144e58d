import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL server (admin URL) on which each test file creates its own database; null when none. */
    pgUrl: string | null;
  }
}

const SCRIPT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../scripts/throwaway-pg.sh');

async function reachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Provides the PostgreSQL half of the suite with a server: TEST_DATABASE_URL if set, otherwise a throwaway
 * one (scripts/throwaway-pg.sh) stopped at the end. Without PostgreSQL the SQLite half still runs, unless
 * KEEPWELL_REQUIRE_PG=1 (CI), which fails the run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const required = process.env.KEEPWELL_REQUIRE_PG === '1';
  let url = process.env.TEST_DATABASE_URL || null;
  let dir: string | null = null;
  let problem: string | null = null;

  if (url) {
    try {
      await reachable(url);
    } catch (err) {
      // An explicit URL that does not answer is a mistake, not a machine without PostgreSQL.
      throw new Error(`TEST_DATABASE_URL does not answer: ${(err as Error).message}`);
    }
  } else {
    try {
      const [started, startedDir] = execFileSync('bash', [SCRIPT, 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
        .trim()
        .split('\n');
      url = started ?? null;
      dir = startedDir ?? null;
      if (url) await reachable(url);
    } catch (err) {
      if (dir) execFileSync('bash', [SCRIPT, 'stop', dir], { stdio: 'ignore' });
      dir = null;
      const e = err as Error & { stderr?: string };
      problem = (e.stderr || e.message).trim();
      url = null;
    }
  }

  if (!url) {
    const message = `PostgreSQL is not available (${problem}); set TEST_DATABASE_URL or install the 'postgresql' package.`;
    if (required) throw new Error(`KEEPWELL_REQUIRE_PG=1: ${message}`);
    console.warn(`\n⚠ ${message}\n⚠ Running the SQLite half of the suite only.\n`);
  }
  project.provide('pgUrl', url);

  return async () => {
    if (dir) execFileSync('bash', [SCRIPT, 'stop', dir], { stdio: 'ignore' });
  };
}
