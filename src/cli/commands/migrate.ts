import type { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { checkDatabase, openDatabase } from '../../db/connection.js';
import { migrateToLatest } from '../../db/migrate.js';

async function migrate(): Promise<void> {
  const database = openDatabase(loadConfig());
  try {
    await checkDatabase(database);
    console.log(`Database: ${database.describe}`);
    const applied = (await migrateToLatest(database)).filter((r) => r.status === 'Success');
    if (applied.length === 0) console.log('The schema is up to date: no migration to apply');
    for (const result of applied) console.log(`Applied ${result.migrationName}`);
  } finally {
    await database.close();
  }
}

export function registerMigrate(program: Command): void {
  program.command('migrate').description('apply pending database migrations (serve does this too, at start-up)').action(migrate);
}
