import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeFormula, unescapeFormula } from './spreadsheet.js';

describe('escapeFormula', () => {
  it('puts an apostrophe before text a spreadsheet would run as a formula', () => {
    expect(escapeFormula('=HYPERLINK("http://evil","x")')).toBe('\'=HYPERLINK("http://evil","x")');
    expect(escapeFormula('+1')).toBe("'+1");
    expect(escapeFormula('-2+3')).toBe("'-2+3");
    expect(escapeFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(escapeFormula('\t=1')).toBe("'\t=1");
    expect(escapeFormula('\r=1')).toBe("'\r=1");
  });

  it('leaves ordinary text alone', () => {
    for (const s of ['Acme', 'a=b', 'x@y.com', '', "O'Brien", "'quoted"]) expect(escapeFormula(s)).toBe(s);
  });

  it('escapes text that already starts with an apostrophe before a formula character', () => {
    expect(escapeFormula("'=1")).toBe("''=1");
  });
});

describe('unescapeFormula', () => {
  it('takes exactly one apostrophe off escaped text and leaves the rest', () => {
    expect(unescapeFormula("'=1")).toBe('=1');
    expect(unescapeFormula("''=1")).toBe("'=1");
    expect(unescapeFormula("'quoted")).toBe("'quoted");
    expect(unescapeFormula('=1')).toBe('=1');
  });

  it('undoes escapeFormula for every string', () => {
    fc.assert(fc.property(fc.string(), (s) => unescapeFormula(escapeFormula(s)) === s));
    fc.assert(fc.property(fc.stringMatching(/^'*[=+\-@\t\r].*$/), (s) => unescapeFormula(escapeFormula(s)) === s && escapeFormula(s).startsWith("'")));
  });
});
