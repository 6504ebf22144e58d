import type { Transaction } from 'kysely';
import type { Database } from '../../db/connection.js';
import { classifyDbError } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { conflict } from '../../server/errors.js';
import type { ImportFailure, ImportReport, ImportRowError } from './contracts.js';

export interface ImportOptions {
  dryRun: boolean;
  /** Rows written so far out of all rows; called during the write and once at the end. */
  onProgress?: (done: number, total: number) => void;
}

/** The report of one import kind: accounts and contacts here, metric values in src/modules/metrics. */
export type ReportOf<K extends string> = Omit<ImportReport, 'kind'> & { kind: K };

/**
 * created / updated count the valid rows, so a dry run with errors still tells what the rest would do.
 * Errors come sorted by row (0 = the header line), in column order within a row.
 */
export function finishReport<K extends string>(
  kind: K,
  options: ImportOptions,
  rowCount: number,
  created: number,
  updated: number,
  errors: ImportRowError[],
): ReportOf<K> {
  const sorted = [...errors].sort((a, b) => a.row - b.row);
  // A clean real run reports progress while it writes; everything else is done here.
  if (options.dryRun || sorted.length) options.onProgress?.(rowCount, rowCount);
  return { kind, dryRun: options.dryRun, applied: !options.dryRun && sorted.length === 0, rowCount, created, updated, errors: sorted };
}

export function* inBatches<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** All rows in one transaction, so an import is all or nothing even if the database fails halfway. */
export async function writeInTransaction(
  database: Database,
  total: number,
  options: ImportOptions,
  write: (trx: Transaction<DB>, progress: (rows: number) => void) => Promise<void>,
): Promise<void> {
  let done = 0;
  let reported = 0;
  const progress = (rows: number) => {
    done += rows;
    // Reporting every row would cost more than the write on SQLite.
    if (done - reported >= 250 || done === total) {
      reported = done;
      options.onProgress?.(done, total);
    }
  };
  try {
    await database.db.transaction().execute((trx) => write(trx, progress));
  } catch (err) {
    // Another writer took an external id or email between our checks and the write.
    if (classifyDbError(err) === 'unique')
      throw conflict('file', 'Another change used the same external id or email while importing: nothing was imported, try again');
    throw err;
  }
  if (reported !== total) options.onProgress?.(total, total);
}

function distinctRows(errors: ImportRowError[]): number {
  return new Set(errors.map((e) => e.row)).size;
}

/** The HTTP 400 body of a real run that found invalid rows. */
export function importFailure<R extends ReportOf<string>>(report: R): Omit<ImportFailure, 'report'> & { report: R } {
  const n = distinctRows(report.errors);
  return {
    error: {
      code: 'validation',
      message: `${n} invalid ${n === 1 ? 'row' : 'rows'}: nothing was imported`,
      issues: report.errors.map((e) => ({
        field: e.column ? `row ${e.row}, column ${e.column}` : `row ${e.row}`,
        rule: e.rule,
        message: e.message,
        value: e.value,
      })),
    },
    report,
  };
}

type Table = 'accounts' | 'contacts';
type LooseRow = { id: string; workspace_id: string; updated_at: string } & Record<string, string | number | null>;

/**
 * Updates many rows with few statements: rows that set the same columns are written together as
 * `insert … on conflict (id) do update set <those columns>` (the same syntax on SQLite and PostgreSQL).
 * The insert side carries each row's current values, read in the same batch, so only the listed
 * columns change; a row deleted meanwhile is skipped rather than brought back.
 */
export async function updateInBatches(
  trx: Transaction<DB>,
  table: Table,
  workspaceId: string,
  updates: Array<{ id: string; columns: object }>,
  now: string,
  progress: (rows: number) => void,
): Promise<void> {
  const db = trx as unknown as Transaction<Record<Table, LooseRow>>;
  const groups = new Map<string, Array<{ id: string; columns: object }>>();
  for (const update of updates) {
    const key = Object.keys(update.columns).sort().join(',');
    const group = groups.get(key);
    if (group) group.push(update);
    else groups.set(key, [update]);
  }
  for (const [key, group] of groups) {
    const columns = [...key.split(',').filter((c) => c !== '' && c !== 'updated_at'), 'updated_at'];
    for (const batch of inBatches(group, 200)) {
      // By primary key only, then scoped here: with "workspace_id = ? and id in (…)" SQLite picks a workspace index and scans.
      const current = (
        await db
          .selectFrom(table)
          .selectAll()
          .where(
            'id',
            'in',
            batch.map((u) => u.id),
          )
          .execute()
      ).filter((row) => row.workspace_id === workspaceId);
      const byId = new Map(current.map((row) => [row.id, row]));
      const values = batch.flatMap((u) => {
        const row = byId.get(u.id);
        return row ? [{ ...row, ...u.columns, updated_at: now }] : [];
      });
      if (values.length) {
        await db
          .insertInto(table)
          .values(values)
          .onConflict((oc) => oc.column('id').doUpdateSet((eb) => Object.fromEntries(columns.map((c) => [c, eb.ref(`excluded.${c}`)]))))
          .execute();
      }
      progress(batch.length);
    }
  }
}
