import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { checkDatabase, openSqlite } from '../../db/connection.js';
import { CliError } from '../errors.js';
import { fileStamp, formatBytes } from '../output.js';
import { startProgress } from '../progress.js';

function postgresAdvice(): void {
  const file = `backups/keepwell-${fileStamp()}.dump`;
  console.log('This instance uses PostgreSQL: back it up with pg_dump (a consistent snapshot, safe while Keepwell runs):');
  console.log('  mkdir -p backups');
  console.log(`  pg_dump --format=custom --file=${file} "$DATABASE_URL"`);
  console.log('Restore into an empty database with:');
  console.log(`  pg_restore --no-owner --dbname="$DATABASE_URL" ${file}`);
  console.log('Use the pg_dump of the same or a newer major version than the server.');
}

/**
 * Opens the copy on its own, turns it into a single self-contained file (rollback journal rather
 * than WAL), and checks every page. A backup nobody has opened is not yet a backup.
 */
function verifyCopy(file: string): string {
  const copy = new SQLite(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const result = copy.pragma('integrity_check', { simple: true });
    const tables = copy.prepare("select count(*) from sqlite_master where type = 'table'").pluck().get() as number;
    if (result !== 'ok') throw new CliError(`The copy at ${file} failed its integrity check: ${String(result)}`, ['Keep the original database and try again.']);
    return `integrity check ok, ${tables} tables`;
  } finally {
    copy.close();
  }
}

async function backup(options: { out?: string }): Promise<void> {
  const config = loadConfig();
  if (config.dbEngine === 'postgres') {
    postgresAdvice();
    return;
  }
  if (!fs.existsSync(config.sqlitePath)) {
    throw new CliError(`No database at ${config.sqlitePath}`, ['Set KEEPWELL_DATA_DIR to the directory that holds keepwell.db.']);
  }
  const target = path.resolve(options.out ?? path.join('backups', `keepwell-${fileStamp()}.db`));
  if (fs.existsSync(target)) throw new CliError(`${target} already exists: choose another --out file`);
  if (target === path.resolve(config.sqlitePath)) throw new CliError('The backup cannot overwrite the database itself');
  fs.mkdirSync(path.dirname(target), { recursive: true });

  const database = openSqlite(config.sqlitePath);
  const progress = startProgress('Backing up');
  try {
    await checkDatabase(database);
    console.log(`Database: ${database.describe}`);
    if (!database.sqlite) throw new Error('SQLite handle missing');
    const started = Date.now();
    // SQLite's online backup API: a consistent copy while the server keeps reading and writing.
    const copied = await database.sqlite.backup(target, {
      progress({ totalPages, remainingPages }) {
        progress.update(totalPages - remainingPages, totalPages);
        return 256;
      },
    });
    progress.update(copied.totalPages, copied.totalPages);
    progress.stop();
    const verdict = verifyCopy(target);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`Backup written to ${target} (${formatBytes(fs.statSync(target).size)}, ${seconds} s): ${verdict}`);
  } catch (err) {
    progress.stop();
    fs.rmSync(target, { force: true });
    throw err;
  } finally {
    await database.close();
  }
}

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('SQLite: write a consistent online copy of the database and verify it; PostgreSQL: explain how to use pg_dump')
    .option('--out <file>', 'backup file (default: ./backups/keepwell-<timestamp>.db)')
    .action(backup);
}
