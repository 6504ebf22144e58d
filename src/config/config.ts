import path from 'node:path';

/** Runtime settings, read once from the environment. */
export interface Config {
  /** 'sqlite' (embedded, default) or 'postgres' (when DATABASE_URL is set). */
  dbEngine: 'sqlite' | 'postgres';
  /** SQLite file path (only for sqlite). */
  sqlitePath: string;
  /** PostgreSQL connection string (only for postgres). */
  databaseUrl: string | undefined;
  dataDir: string;
  host: string;
  port: number;
  /** Create the demo workspace when the database has no workspace yet. */
  demoOnEmpty: boolean;
  /** Cookies get the Secure flag (turn on behind HTTPS). */
  secureCookies: boolean;
  /** Sign-in attempts allowed per minute per address and email. */
  signInRateLimit: number;
  logLevel: string;
  /** Run the background jobs (health worker, daily recompute) in this process. */
  backgroundJobs: boolean;
}

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return !['0', 'false', 'no', 'off'].includes(value.toLowerCase());
}

function integer(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.KEEPWELL_DATA_DIR || './data');
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  }
  return {
    dbEngine: databaseUrl ? 'postgres' : 'sqlite',
    sqlitePath: path.join(dataDir, 'keepwell.db'),
    databaseUrl,
    dataDir,
    host: env.HOST || '127.0.0.1',
    port: integer('PORT', env.PORT, 3000),
    demoOnEmpty: flag(env.KEEPWELL_DEMO, true),
    secureCookies: flag(env.KEEPWELL_SECURE_COOKIES, false),
    signInRateLimit: integer('KEEPWELL_SIGNIN_RATE_LIMIT', env.KEEPWELL_SIGNIN_RATE_LIMIT, 10),
    logLevel: env.LOG_LEVEL || 'warn',
    backgroundJobs: flag(env.KEEPWELL_JOBS, true),
  };
}
