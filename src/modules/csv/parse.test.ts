import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_ROWS } from './contracts.js';
import { parseCsv } from './parse.js';

const layout = { columns: ['external_id', 'name', 'arr'], required: ['external_id'], custom: true } as const;

describe('parseCsv', () => {
  it('reads rows by column name, numbering data rows from 1, with a BOM and CRLF line ends', () => {
    const parsed = parseCsv('\uFEFFexternal_id,Name,custom.Plan\r\nA1, Acme ,gold\r\n\r\nA2,"Globex, Inc.",\r\n', layout);
    expect(parsed.errors).toEqual([]);
    expect(parsed.fatal).toBe(false);
    expect(parsed.rows.map((r) => [r.row, Object.fromEntries(r.cells), Object.fromEntries(r.custom)])).toEqual([
      [1, { external_id: 'A1', name: 'Acme' }, { Plan: 'gold' }],
      [2, { external_id: 'A2', name: 'Globex, Inc.' }, { Plan: '' }],
    ]);
  });

  it('treats missing trailing cells as empty and reports extra cells', () => {
    const parsed = parseCsv('external_id,name,arr\nA1\nA2,x,1,surplus\n', layout);
    expect(parsed.rows[0]?.cells.get('arr')).toBe('');
    expect(parsed.errors).toEqual([expect.objectContaining({ row: 2, rule: 'column_count', value: 'surplus' })]);
  });

  it('takes the apostrophe of an escaped formula off again', () => {
    const parsed = parseCsv("external_id,name\nA1,'=cmd\n", layout);
    expect(parsed.rows[0]?.cells.get('name')).toBe('=cmd');
  });

  it('names unknown, duplicate and missing columns on row 0', () => {
    const parsed = parseCsv('name,colour,Name,custom.9bad\nx,y,z,w\n', layout);
    expect(parsed.fatal).toBe(true);
    expect(parsed.errors.map((e) => [e.row, e.column, e.rule])).toEqual([
      [0, 'colour', 'unknown_column'],
      [0, 'Name', 'duplicate_column'],
      [0, 'custom.9bad', 'custom_field_name'],
      [0, 'external_id', 'required_column'],
    ]);
  });

  it('refuses custom columns where the layout has none', () => {
    const parsed = parseCsv('external_id,custom.plan\nA1,gold\n', { ...layout, custom: false });
    expect(parsed.errors).toEqual([expect.objectContaining({ row: 0, column: 'custom.plan', rule: 'unknown_column' })]);
  });

  it('reports a syntax error with the row it is on', () => {
    const parsed = parseCsv('external_id,name\nA1,ok\nA2,"never closed\n', layout);
    expect(parsed.fatal).toBe(true);
    expect(parsed.errors).toEqual([expect.objectContaining({ row: 2, rule: 'csv_syntax' })]);
  });

  it('reports an empty file', () => {
    expect(parseCsv('', layout).errors).toEqual([expect.objectContaining({ row: 0, rule: 'required' })]);
    expect(parseCsv('\uFEFF\n\n', layout).fatal).toBe(true);
  });

  it(`accepts at most ${MAX_IMPORT_ROWS} rows`, () => {
    const body = 'A,x\n'.repeat(MAX_IMPORT_ROWS);
    expect(parseCsv(`external_id,name\n${body}`, layout).errors).toEqual([]);
    const parsed = parseCsv(`external_id,name\n${body}A,x\n`, layout);
    expect(parsed.fatal).toBe(true);
    expect(parsed.errors).toEqual([expect.objectContaining({ row: MAX_IMPORT_ROWS + 1, rule: 'max_rows' })]);
  });
});
