import fc from 'fast-check';
import { long, nastyString, withControl } from './arbitraries.js';

/** CSV files for the import routes: well-formed files with a few bad cells, and garbled ones. */

/** Cells that CSV readers and spreadsheets trip over. */
const csvCell: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: nastyString },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      ...['=1+1', "'=1+1", '+SUM(A1:A2)', '-2+3', '@cmd', '=HYPERLINK("http://evil")', '\t=1', '"quoted"', '"', '""', 'a"b', '"a""b"', 'a\nb'],
      ...['a\r\nb', 'a,b', ';;;', 'champion;champion', 'left', 'active', '2500000.505', '1e5', '-5', '99999999999999999999'],
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(long(10_000, 'cell '), long(100_001, 'y')) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
);

/** Escapes a cell the way a careful writer would, or not at all (then quotes and separators garble the row). */
const writtenCell = fc.tuple(csvCell, fc.constantFrom('quote', 'raw', 'raw', 'half')).map(([cell, how]) => {
  if (how === 'quote') return `"${cell.replace(/"/g, '""')}"`;
  if (how === 'half') return `"${cell}`;
  return cell;
});

/** A cell a column would accept, by the column's name (the importers check the rest). */
function goodCell(column: string, values: string[]): fc.Arbitrary<string> {
  if (/external_id$/.test(column)) return fc.constantFrom(...values.filter((v) => !v.includes('@')), 'new-1', 'new-2', 'new-3');
  if (/email$/.test(column)) return fc.constantFrom(...values.filter((v) => v.includes('@')), 'new@example.com');
  if (/date$|_on$/.test(column)) return fc.constantFrom('2026-01-15', '2024-02-29', '');
  if (column === 'arr') return fc.constantFrom('2500', '2500.50', '0', '');
  if (column === 'currency') return fc.constantFrom('USD', 'eur', '');
  if (column === 'status') return fc.constantFrom('active', 'left', 'Left', '');
  if (column === 'roles') return fc.constantFrom('champion', 'champion;decision_maker', '');
  if (column === 'risk_statuses') return fc.constantFrom('feature_gaps', 'Feature gaps;lack_of_interest', '');
  if (column === 'domain') return fc.constantFrom('example.com', '');
  return fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 20 }), withControl);
}

const quoted = (cell: string) => (/[",\r\n;\t]/.test(cell) || cell.trim() !== cell ? `"${cell.replace(/"/g, '""')}"` : cell);

/** A well-formed file with the right columns in which a few cells are bad: it gets past the parser to the row checks. */
function structuredCsv(columns: readonly string[], values: string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.shuffledSubarray([...columns], { minLength: 1 }), fc.integer({ min: 1, max: 4 }))
    .chain(([header, rowCount]) => {
      const cols = header.includes('external_id') || header.includes('account_external_id') ? header : [columns[0] ?? 'external_id', ...header];
      const row = fc.tuple(...cols.map((c) => fc.oneof({ weight: 5, arbitrary: goodCell(c, values) }, { weight: 1, arbitrary: csvCell })));
      return fc.tuple(fc.constant(cols), fc.array(row, { minLength: 1, maxLength: rowCount }));
    })
    .map(([header, rows]) => [header.join(','), ...rows.map((r) => r.map(quoted).join(','))].join('\n'));
}

/** CSV text: mostly well-formed with bad cells, sometimes garbled (bad quotes, separators, BOMs, junk headers). */
export function csvText(columns: readonly string[], values: string[]): fc.Arbitrary<string> {
  return fc.oneof({ weight: 4, arbitrary: structuredCsv(columns, values) }, { weight: 1, arbitrary: garbledCsv(columns, values) });
}

function garbledCsv(columns: readonly string[], values: string[]): fc.Arbitrary<string> {
  const headerName = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...columns, 'custom.tier', 'custom.Score 1') },
    { weight: 1, arbitrary: fc.oneof(nastyString, fc.constantFrom('custom.', 'custom.1bad', 'CUSTOM.x', 'Name', ' name ', 'id')) },
  );
  const cell = fc.oneof({ weight: 3, arbitrary: writtenCell }, { weight: 1, arbitrary: values.length ? fc.constantFrom(...values) : writtenCell });
  const body = fc.tuple(
    fc.array(headerName, { minLength: 0, maxLength: 8 }),
    fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 5 }),
    fc.constantFrom('\n', '\r\n', '\r'),
    fc.constantFrom('', '\uFEFF', '\uFEFF\uFEFF', '\u0000'),
    fc.constantFrom(',', ';', '\t', ','),
  );
  return body.map(([header, rows, eol, bom, sep]) => bom + [header.join(sep), ...rows.map((r) => r.join(sep))].join(eol));
}
