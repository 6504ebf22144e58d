import type { Database } from '../../db/connection.js';
import { classifyDbError } from '../../db/dialect.js';
import { IsoDate } from '../../domain/schemas.js';
import { AppError } from '../../server/errors.js';
import type { Actor } from '../../server/types.js';
import { rowChecker } from '../csv/cells.js';
import { finishReport, type ImportOptions } from '../csv/import-common.js';
import { parseCsv } from '../csv/parse.js';
import { type MetricImportReport, MetricKey } from './contracts.js';
import { metricsOf } from './service.js';
import { lookUpAccounts, type MetricValueRow, writeMetricValues } from './values.js';

/** Long format: one value per row. An account is named by external id or by Keepwell id. */
export const METRIC_COLUMNS = ['account_external_id', 'account_id', 'date', 'metric', 'value'] as const;

/** A plain decimal, optionally signed, optionally with an exponent: what spreadsheets and databases write. */
const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

function parseValue(raw: string): number | null {
  if (!NUMBER.test(raw)) return null;
  const value = Number(raw);
  return Number.isFinite(value) ? value : null;
}

const ROWS_PER_PROGRESS = 1000;

/** The HTTP 400 body of a real run that found invalid rows: the shape of the accounts and contacts imports. */

/** How many of these (account, metric, day) keys already hold a value: one query per batch of accounts. */
async function countExisting(database: Database, workspaceId: string, rows: MetricValueRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const days = rows.map((r) => r.day).sort();
  const accounts = [...new Set(rows.map((r) => r.accountId))];
  const wanted = new Set(rows.map((r) => `${r.accountId}\u0000${r.metricId}\u0000${r.day}`));
  let found = 0;
  for (let i = 0; i < accounts.length; i += 500) {
    const existing = await database.db
      .selectFrom('metric_values')
      .select(['account_id', 'metric_id', 'day'])
      .where('workspace_id', '=', workspaceId)
      .where('account_id', 'in', accounts.slice(i, i + 500))
      .where('day', '>=', days[0] ?? '')
      .where('day', '<=', days[days.length - 1] ?? '')
      .execute();
    for (const e of existing) if (wanted.has(`${e.account_id}\u0000${e.metric_id}\u0000${e.day}`)) found += 1;
  }
  return found;
}

/**
 * Upserts metric values from a CSV file (account_external_id or account_id, date, metric, value). Every invalid
 * cell is reported; nothing is written unless every row is valid, and then all rows in one transaction.
 */
export async function importMetricsCsv(database: Database, actor: Actor, csv: string, options: ImportOptions): Promise<MetricImportReport> {
  const parsed = parseCsv(csv, { columns: METRIC_COLUMNS, required: ['date', 'metric', 'value'], custom: false });
  const errors = [...parsed.errors];
  const first = parsed.rows[0];
  if (first && !first.cells.has('account_external_id') && !first.cells.has('account_id')) {
    errors.push({
      row: 0,
      column: 'account_external_id',
      value: '',
      rule: 'required_column',
      message: 'The file needs an "account_external_id" or an "account_id" column',
    });
  }
  const rowCount = parsed.rows.length;
  if (parsed.fatal || errors.some((e) => e.rule === 'required_column')) return finishReport('metrics', options, rowCount, 0, 0, errors);
  const cell = (cells: Map<string, string>, column: string) => cells.get(column) ?? '';
  const metrics = new Map((await metricsOf(database.db, actor.workspaceId)).map((m) => [m.key, m.id]));
  const accounts = await lookUpAccounts(
    database.db,
    actor.workspaceId,
    parsed.rows.map((r) => cell(r.cells, 'account_id')).filter((s) => s !== ''),
    parsed.rows.map((r) => cell(r.cells, 'account_external_id')).filter((s) => s !== ''),
  );
  const plans: MetricValueRow[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of parsed.rows) {
    const { report, check } = rowChecker(errors, row);
    const before = errors.length;
    const id = cell(cells, 'account_id');
    const externalId = cell(cells, 'account_external_id');
    let accountId: string | undefined;
    if (id !== '') {
      accountId = accounts.ids.has(id) ? id : undefined;
      if (!accountId) report('account_id', id, 'exists', 'No account with this id in the workspace');
      else if (externalId !== '' && accounts.byExternalId.get(externalId) !== id)
        report('account_external_id', externalId, 'mismatch', 'is not the external id of the account in account_id');
    } else if (externalId !== '') {
      accountId = accounts.byExternalId.get(externalId);
      if (!accountId) report('account_external_id', externalId, 'exists', 'No account with this external id in the workspace');
    } else {
      report(first?.cells.has('account_external_id') ? 'account_external_id' : 'account_id', '', 'required', 'is required: the account the value belongs to');
    }
    const rawDate = cell(cells, 'date');
    let date: string | undefined;
    if (rawDate === '') report('date', '', 'required', 'is required (YYYY-MM-DD)');
    else {
      const result = check('date', IsoDate, rawDate, rawDate);
      if (result.ok) date = result.value;
    }
    const rawMetric = cell(cells, 'metric');
    let metricId: string | undefined;
    if (rawMetric === '') report('metric', '', 'required', 'is required: the key of a metric');
    else {
      const key = check('metric', MetricKey, rawMetric.toLowerCase(), rawMetric);
      if (key.ok) {
        metricId = metrics.get(key.value);
        if (!metricId) report('metric', rawMetric, 'exists', `No metric with the key "${key.value}" in the workspace: define it first`);
      }
    }
    const rawValue = cell(cells, 'value');
    const value = parseValue(rawValue);
    if (rawValue === '') report('value', '', 'required', 'is required: a number');
    else if (value === null) report('value', rawValue, 'number', 'must be a number such as 12 or 3.5 (a dot for decimals, no thousands separators)');
    if (errors.length > before || !accountId || !metricId || !date || value === null) continue;
    const key = `${accountId}\u0000${metricId}\u0000${date}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      report('date', rawDate, 'duplicate', `row ${earlier} has the same account, metric and date: each value may appear once`);
      continue;
    }
    seen.set(key, row);
    plans.push({ accountId, metricId, day: date, value });
  }
  const updated = await countExisting(database, actor.workspaceId, plans);
  // finishReport reports the progress of a dry run or a failed one; a real run reports it as it writes.
  const report = finishReport('metrics', options, rowCount, plans.length - updated, updated, errors);
  if (report.errors.length > 0 || options.dryRun) return report;
  try {
    await database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < plans.length; i += ROWS_PER_PROGRESS) {
        await writeMetricValues(trx, actor.workspaceId, plans.slice(i, i + ROWS_PER_PROGRESS));
        options.onProgress?.(Math.min(i + ROWS_PER_PROGRESS, plans.length), rowCount);
      }
    });
  } catch (err) {
    if (classifyDbError(err) === 'foreign_key')
      throw new AppError('conflict', 'An account or metric was deleted while importing: nothing was imported, try again', [
        { field: 'file', rule: 'exists', message: 'An account or metric was deleted while importing' },
      ]);
    throw err;
  }
  options.onProgress?.(rowCount, rowCount);
  return report;
}
