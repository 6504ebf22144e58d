import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { Argument, type Command } from 'commander';
import { importKinds } from '../../modules/csv/contracts.js';
import { exportAccountsCsv, exportContactsCsv } from '../../modules/csv/export.js';
import { importAccountsCsv } from '../../modules/csv/import-accounts.js';
import { importContactsCsv } from '../../modules/csv/import-contacts.js';
import { cliActor, requireWorkspace, withDatabase } from '../context.js';
import { CliError } from '../errors.js';
import { importFile } from '../import-file.js';
import { formatBytes } from '../output.js';

type Kind = (typeof importKinds)[number];

async function importCsv(kind: Kind, file: string, options: { workspace: string; dryRun?: boolean }): Promise<void> {
  await importFile(file, options, { noun: kind, create: ['create', 'created'], update: ['update', 'updated'] }, (database, actor, csv, importOptions) =>
    kind === 'accounts' ? importAccountsCsv(database, actor, csv, importOptions) : importContactsCsv(database, actor, csv, importOptions),
  );
}

/** Writes to a file (created fresh, never overwriting) or to stdout, waiting when the stream is full. */
function openOutput(file: string | undefined): { write: (chunk: string) => Promise<void>; close: () => Promise<void> } {
  const stream: NodeJS.WritableStream = file ? fs.createWriteStream(file, { flags: 'wx' }) : process.stdout;
  let failure: Error | null = null;
  stream.on('error', (err: Error) => {
    failure = err;
  });
  return {
    async write(chunk) {
      if (failure) throw failure;
      if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), once(stream, 'error')]);
      if (failure) throw failure;
    },
    async close() {
      if (file) await new Promise<void>((resolve, reject) => stream.end(() => (failure ? reject(failure) : resolve())));
    },
  };
}

async function exportCsv(kind: Kind, options: { workspace: string; out?: string }): Promise<void> {
  const file = options.out ? path.resolve(options.out) : undefined;
  if (file && fs.existsSync(file)) throw new CliError(`${file} already exists: choose another --out file or remove it first`);
  await withDatabase(async (database) => {
    const workspace = await requireWorkspace(database, options.workspace);
    const actor = cliActor(workspace.id);
    const output = openOutput(file);
    let count: number;
    try {
      count = kind === 'accounts' ? await exportAccountsCsv(database, actor, {}, output.write) : await exportContactsCsv(database, actor, {}, output.write);
      await output.close();
    } catch (err) {
      await output.close().catch(() => {});
      // A half-written export looks complete in a spreadsheet: do not leave one behind.
      if (file) fs.rmSync(file, { force: true });
      throw err;
    }
    if (file) console.error(`Exported ${count} ${kind} from "${workspace.name}" to ${file} (${formatBytes(fs.statSync(file).size)})`);
    else console.error(`Exported ${count} ${kind} from "${workspace.name}"`);
  });
}

export function registerCsv(program: Command): void {
  program
    .command('import')
    .description('import accounts or contacts from a CSV file (upsert by external id); nothing is written if any row is invalid')
    .addArgument(new Argument('<kind>', 'what the file holds').choices(importKinds))
    .argument('<file>', 'CSV file (UTF-8, with a header line)')
    .requiredOption('--workspace <workspace>', 'workspace name or id')
    .option('--dry-run', 'check every row and report, without writing anything')
    .action(importCsv);
  program
    .command('export')
    .description('export all accounts or contacts of a workspace as CSV (safe to open in a spreadsheet)')
    .addArgument(new Argument('<kind>', 'what to export').choices(importKinds))
    .option('--out <file>', 'write to this file instead of stdout')
    .requiredOption('--workspace <workspace>', 'workspace name or id')
    .action(exportCsv);
}
