import fs from 'node:fs';
import type { Database } from '../db/connection.js';
import { type ImportReport, MAX_IMPORT_BYTES } from '../modules/csv/contracts.js';
import type { ImportOptions } from '../modules/csv/import-common.js';
import type { Actor } from '../server/types.js';
import { cliActor, requireWorkspace, withDatabase } from './context.js';
import { CliError } from './errors.js';
import { formatBytes, formatTable } from './output.js';
import { startProgress } from './progress.js';

/** What the CSV import commands share: read the file, resolve --workspace, show progress, print the report. */

type Report = Omit<ImportReport, 'kind'>;

/** How a report names its rows: e.g. "accounts", created/updated; or "metric values", added/replaced. */
export interface ImportWords {
  noun: string;
  create: [verb: string, past: string];
  update: [verb: string, past: string];
}

function readCsv(file: string): string {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw new CliError(`Cannot read ${file}: no such file`);
  }
  if (size > MAX_IMPORT_BYTES)
    throw new CliError(`${file} is ${formatBytes(size)}; at most ${formatBytes(MAX_IMPORT_BYTES)} can be imported at once: split it`);
  return fs.readFileSync(file, 'utf8');
}

function printReport(report: Report, file: string, words: ImportWords): void {
  const rows = report.rowCount;
  if (report.errors.length > 0) {
    const invalidRows = new Set(report.errors.map((e) => e.row)).size;
    console.error(
      formatTable(
        ['row', 'column', 'value', 'rule', 'message'],
        report.errors.map((e) => [String(e.row), e.column, e.value, e.rule, e.message]),
      ),
    );
    throw new CliError(`${file}: ${invalidRows} of ${rows} rows invalid (${report.errors.length} problems): nothing was imported`, [
      'Rows count from 1 = the first line after the header; row 0 is the header.',
    ]);
  }
  const { noun, create, update } = words;
  if (report.dryRun) {
    console.log(
      `Dry run: all ${rows} rows are valid; an import would ${create[0]} ${report.created} and ${update[0]} ${report.updated} ${noun}. Nothing was written.`,
    );
  } else {
    console.log(`Imported ${rows} rows from ${file}: ${create[1]} ${report.created}, ${update[1]} ${report.updated} ${noun}`);
  }
}

/** Runs one import of `file` into the --workspace, with a progress bar, and prints its report (errors fail the command). */
export async function importFile(
  file: string,
  options: { workspace: string; dryRun?: boolean },
  words: ImportWords,
  run: (database: Database, actor: Actor, csv: string, options: ImportOptions) => Promise<Report>,
): Promise<void> {
  const csv = readCsv(file);
  await withDatabase(async (database) => {
    const workspace = await requireWorkspace(database, options.workspace);
    const progress = startProgress(options.dryRun ? `Checking ${words.noun}` : `Importing ${words.noun}`);
    let report: Report;
    try {
      report = await run(database, cliActor(workspace.id), csv, { dryRun: options.dryRun === true, onProgress: progress.update });
    } finally {
      progress.stop();
    }
    printReport(report, file, words);
  });
}
