import { type Kysely, type Migration, type MigrationResult, type MigrationResultSet, Migrator } from 'kysely';
import type { Database } from './connection.js';
import type { Dialect } from './dialect.js';
import * as m0001 from './migrations/0001_foundation.js';
import * as m0002 from './migrations/0002_usage.js';
import * as m0003 from './migrations/0003_engagement.js';
import * as m0004 from './migrations/0004_health.js';
import * as m0005 from './migrations/0005_jobs.js';
import * as m0006 from './migrations/0006_health_fillfactor.js';
import * as m0007 from './migrations/0007_usage_rollup_queue.js';

type DialectMigration = { up(db: Kysely<unknown>, dialect: Dialect): Promise<void> };

/** Migrations in order. Add new ones at the end; never edit one that has shipped. */
const migrations: Record<string, DialectMigration> = {
  '0001_foundation': m0001,
  '0002_usage': m0002,
  '0003_engagement': m0003,
  '0004_health': m0004,
  '0005_jobs': m0005,
  '0006_health_fillfactor': m0006,
  '0007_usage_rollup_queue': m0007,
};

export async function migrateToLatest(database: Database): Promise<MigrationResult[]> {
  return migrate(database, (migrator) => migrator.migrateToLatest());
}

/** Up to and including `name`: for testing that later migrations run forward on data an older schema holds. */
export async function migrateUpTo(database: Database, name: string): Promise<MigrationResult[]> {
  if (!(name in migrations)) throw new Error(`No migration named ${name}`);
  return migrate(database, (migrator) => migrator.migrateTo(name));
}

async function migrate(database: Database, run: (migrator: Migrator) => Promise<MigrationResultSet>): Promise<MigrationResult[]> {
  const provided: Record<string, Migration> = {};
  for (const [name, m] of Object.entries(migrations)) {
    provided[name] = { up: (db) => m.up(db, database.dialect) };
  }
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => provided },
    migrationTableName: 'keepwell_migrations',
    migrationLockTableName: 'keepwell_migrations_lock',
  });
  const { error, results } = await run(migrator);
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${detail}`.replace('  ', ' '));
  }
  return results ?? [];
}
