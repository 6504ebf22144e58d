#!/usr/bin/env node
import fs from 'node:fs';
import { Command } from 'commander';
import { registerBackup } from './commands/backup.js';
import { registerCsv } from './commands/csv.js';
import { registerDemo } from './commands/demo.js';
import { registerHealth } from './commands/health.js';
import { registerMetrics } from './commands/metrics.js';
import { registerMigrate } from './commands/migrate.js';
import { registerServe } from './commands/serve.js';
import { registerUser } from './commands/user.js';
import { describeError } from './errors.js';

function packageVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

const program = new Command('keepwell')
  .description('Keepwell: an open-source customer success platform')
  .version(packageVersion())
  .showHelpAfterError('(run keepwell --help for usage)')
  .addHelpText(
    'after',
    `
Configuration (environment):
  KEEPWELL_DATA_DIR   directory of the SQLite database (default ./data)
  DATABASE_URL        postgres://… to use PostgreSQL instead of SQLite
  HOST, PORT          where serve listens (default 127.0.0.1:3000)
  KEEPWELL_DEMO       off: do not create the demo workspace on an empty database`,
  );

registerServe(program);
registerMigrate(program);
registerDemo(program);
registerUser(program);
registerCsv(program);
registerMetrics(program);
registerHealth(program);
registerBackup(program);

program.parseAsync().catch((err: unknown) => {
  for (const line of describeError(err)) console.error(line);
  process.exit(1);
});
