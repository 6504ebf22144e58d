import fs from 'node:fs';
import type { Command } from 'commander';
import { MAX_IMPORT_BYTES } from '../../modules/csv/contracts.js';
import type { MetricImportReport } from '../../modules/metrics/contracts.js';
import { importMetricsCsv } from '../../modules/metrics/import.js';
import { cliActor, requireWorkspace, withDatabase } from '../context.js';
import { CliError } from '../errors.js';
import { formatBytes, formatTable } from '../output.js';
import { startProgress } from '../progress.js';

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

function printReport(report: MetricImportReport, file: string): void {
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
  if (report.dryRun) {
    console.log(`Dry run: all ${rows} rows are valid; an import would add ${report.created} and replace ${report.updated} metric values. Nothing was written.`);
  } else {
    console.log(`Imported ${rows} rows from ${file}: added ${report.created}, replaced ${report.updated} metric values`);
  }
}

async function importMetrics(file: string, options: { workspace: string; dryRun?: boolean }): Promise<void> {
  const csv = readCsv(file);
  await withDatabase(async (database) => {
    const workspace = await requireWorkspace(database, options.workspace);
    const progress = startProgress(options.dryRun ? 'Checking metric values' : 'Importing metric values');
    let report: MetricImportReport;
    try {
      report = await importMetricsCsv(database, cliActor(workspace.id), csv, { dryRun: options.dryRun === true, onProgress: progress.update });
    } finally {
      progress.stop();
    }
    printReport(report, file);
  });
}

export function registerMetrics(program: Command): void {
  program
    .command('import-metrics')
    .description('import metric values (support desk, billing, CRM) from a CSV file: one value per row, upsert by account, metric and date')
    .argument('<file>', 'CSV file (UTF-8) with the columns account_external_id (or account_id), date, metric, value')
    .requiredOption('--workspace <workspace>', 'workspace name or id')
    .option('--dry-run', 'check every row and report, without writing anything')
    .action(importMetrics);
}
