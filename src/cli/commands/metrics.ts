import type { Command } from 'commander';
import { importMetricsCsv } from '../../modules/metrics/import.js';
import { importFile } from '../import-file.js';

async function importMetrics(file: string, options: { workspace: string; dryRun?: boolean }): Promise<void> {
  await importFile(file, options, { noun: 'metric values', create: ['add', 'added'], update: ['replace', 'replaced'] }, importMetricsCsv);
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
