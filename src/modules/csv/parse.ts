import { parse } from 'csv-parse/sync';
import { CustomFields } from '../accounts/contracts.js';
import { type ImportRowError, MAX_IMPORT_ROWS } from './contracts.js';
import { unescapeFormula } from './spreadsheet.js';

/** One data row: its number (1 = first data row), its known cells by column name and its custom.<key> cells by key. */
export interface CsvRow {
  row: number;
  cells: Map<string, string>;
  custom: Map<string, string>;
}

export interface ParsedCsv {
  rows: CsvRow[];
  errors: ImportRowError[];
  /** True when the file cannot be read row by row (syntax error, missing column, too many rows). */
  fatal: boolean;
}

export interface CsvLayout {
  columns: readonly string[];
  required: readonly string[];
  /** Whether custom.<key> columns are allowed (they map to custom fields). */
  custom: boolean;
  /** Columns an export writes that an import reads past (derived values such as the health score). */
  ignored?: readonly string[];
}

const CUSTOM_PREFIX = 'custom.';

function headerErrors(header: string[], layout: CsvLayout): { names: Array<{ kind: 'known' | 'custom'; key: string } | null>; errors: ImportRowError[] } {
  const errors: ImportRowError[] = [];
  const seen = new Set<string>();
  const names = header.map((raw) => {
    const name = raw.trim();
    const lower = name.toLowerCase();
    if (seen.has(lower)) {
      errors.push({ row: 0, column: name, value: raw, rule: 'duplicate_column', message: `The column "${name}" appears more than once` });
      return null;
    }
    seen.add(lower);
    if (layout.custom && lower.startsWith(CUSTOM_PREFIX)) {
      const key = name.slice(CUSTOM_PREFIX.length).trim();
      const check = CustomFields.safeParse({ [key]: '' });
      if (!check.success) {
        const message = check.error.issues[0]?.message ?? 'is not a valid custom field name';
        errors.push({ row: 0, column: name, value: raw, rule: 'custom_field_name', message: `Custom field name "${key}": ${message}` });
        return null;
      }
      return { kind: 'custom' as const, key };
    }
    if (layout.columns.includes(lower)) return { kind: 'known' as const, key: lower };
    if (layout.ignored?.includes(lower)) return null;
    const allowed = `${layout.columns.join(', ')}${layout.custom ? ', custom.<field>' : ''}`;
    errors.push({ row: 0, column: name, value: raw, rule: 'unknown_column', message: `Unknown column "${name}": the columns are ${allowed}` });
    return null;
  });
  for (const column of layout.required) {
    if (!seen.has(column)) errors.push({ row: 0, column, value: '', rule: 'required_column', message: `The file needs a "${column}" column` });
  }
  return { names, errors };
}

/**
 * Reads a CSV file (UTF-8, optional BOM, header line first) into rows keyed by column name.
 * Cells are trimmed and lose the apostrophe our exports put in front of formula-like text.
 */
export function parseCsv(text: string, layout: CsvLayout): ParsedCsv {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true });
  } catch (err) {
    const e = err as { records?: unknown; message?: unknown };
    const row = typeof e.records === 'number' ? e.records : 0;
    return { rows: [], fatal: true, errors: [{ row, column: '', value: '', rule: 'csv_syntax', message: `The file is not valid CSV: ${String(e.message)}` }] };
  }
  const [header, ...data] = records;
  if (!header || header.every((h) => h.trim() === '')) {
    return {
      rows: [],
      fatal: true,
      errors: [{ row: 0, column: '', value: '', rule: 'required', message: 'The file is empty: its first line must name the columns' }],
    };
  }
  if (data.length > MAX_IMPORT_ROWS) {
    const message = `The file has ${data.length} rows; at most ${MAX_IMPORT_ROWS} can be imported at once: split it`;
    return { rows: [], fatal: true, errors: [{ row: MAX_IMPORT_ROWS + 1, column: '', value: '', rule: 'max_rows', message }] };
  }
  const { names, errors } = headerErrors(header, layout);
  const fatal = errors.some((e) => e.rule === 'required_column' || e.rule === 'duplicate_column');
  const rows = data.map((record, index): CsvRow => {
    const row = index + 1;
    if (record.length > header.length) {
      const extra = record.slice(header.length).join(',');
      errors.push({
        row,
        column: '',
        value: extra,
        rule: 'column_count',
        message: `Row ${row} has ${record.length} cells but the header names ${header.length} columns`,
      });
    }
    const cells = new Map<string, string>();
    const custom = new Map<string, string>();
    names.forEach((name, i) => {
      if (!name) return;
      // Spreadsheets drop trailing empty cells: a short row reads as empty cells.
      const value = unescapeFormula((record[i] ?? '').trim());
      (name.kind === 'known' ? cells : custom).set(name.key, value);
    });
    return { row, cells, custom };
  });
  return { rows, errors, fatal };
}
