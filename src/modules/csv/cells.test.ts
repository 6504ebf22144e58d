import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompanySizes, RiskStatuses } from '../../domain/enums.js';
import { AccountFields } from '../accounts/contracts.js';
import { decimalToMinor, enumCell, listCell, minorToDecimal, rowChecker } from './cells.js';
import type { ImportRowError } from './contracts.js';

describe('decimalToMinor', () => {
  it('reads amounts in major units exactly', () => {
    expect(decimalToMinor('2500000')).toBe(250_000_000);
    expect(decimalToMinor('2500000.50')).toBe(250_000_050);
    expect(decimalToMinor('2500000.5')).toBe(250_000_050);
    expect(decimalToMinor('0.07')).toBe(7);
    expect(decimalToMinor('19.99')).toBe(1999);
    expect(decimalToMinor('1.')).toBe(100);
  });

  it('rounds half up past the second decimal', () => {
    expect(decimalToMinor('1.005')).toBe(101);
    expect(decimalToMinor('1.0049')).toBe(100);
    expect(decimalToMinor('0.999')).toBe(100);
  });

  it('refuses anything but a plain non-negative decimal', () => {
    for (const s of ['', '-5', '1,000', '1e6', 'abc', '$100', '.5', '1.2.3']) expect(decimalToMinor(s)).toBeNull();
  });

  it('round-trips with minorToDecimal', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n) => decimalToMinor(minorToDecimal(n)) === n));
  });
});

describe('minorToDecimal', () => {
  it('writes two decimals', () => {
    expect(minorToDecimal(250_000_050)).toBe('2500000.50');
    expect(minorToDecimal(7)).toBe('0.07');
    expect(minorToDecimal(0)).toBe('0.00');
  });
});

describe('enumCell', () => {
  it('accepts the key or the label in any case', () => {
    expect(enumCell(CompanySizes.labels, 'Enterprise')).toBe('enterprise');
    expect(enumCell(CompanySizes.labels, ' SMALL ')).toBe('small');
    expect(enumCell(RiskStatuses.labels, 'lack of interest from users')).toBe('lack_of_interest');
    expect(enumCell(RiskStatuses.labels, 'FEATURE_GAPS')).toBe('feature_gaps');
  });

  it('returns anything else unchanged for the schema to reject', () => {
    expect(enumCell(CompanySizes.labels, 'huge')).toBe('huge');
  });
});

describe('listCell', () => {
  it('splits on semicolons, trims, drops blanks and duplicates', () => {
    expect(listCell('sponsor; champion;;sponsor ;')).toEqual(['sponsor', 'champion']);
    expect(listCell('')).toEqual([]);
  });
});

describe('rowChecker', () => {
  it('reports the API schema rule and message with row, column and raw value', () => {
    const errors: ImportRowError[] = [];
    const { check } = rowChecker(errors, 3);
    expect(check('company_size', AccountFields.shape.companySize, 'huge', 'huge')).toEqual({ ok: false });
    expect(check('renewal_date', AccountFields.shape.renewalDate, '2025-02-30', '2025-02-30')).toEqual({ ok: false });
    expect(check('currency', AccountFields.shape.currency, 'USD', 'usd')).toEqual({ ok: true, value: 'USD' });
    expect(errors).toEqual([
      { row: 3, column: 'company_size', value: 'huge', rule: 'invalid_value', message: expect.stringContaining('company_size: Invalid option') },
      { row: 3, column: 'renewal_date', value: '2025-02-30', rule: 'invalid_format', message: expect.stringContaining('renewal_date:') },
    ]);
  });
});
