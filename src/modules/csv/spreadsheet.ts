/**
 * Spreadsheet formula injection (OWASP "CSV injection"): a cell starting with = + - @ tab or carriage
 * return may run as a formula when the file is opened in Excel or LibreOffice. Exports put an
 * apostrophe in front of such text; imports take exactly one off again, so a file round-trips.
 * Text that already starts with apostrophes before such a character gets one more, so that
 * `unescapeFormula(escapeFormula(s)) === s` for every string.
 */
const FORMULA_LIKE = /^'*[=+\-@\t\r]/;

export function escapeFormula(text: string): string {
  return FORMULA_LIKE.test(text) ? `'${text}` : text;
}

export function unescapeFormula(text: string): string {
  return text.startsWith("'") && FORMULA_LIKE.test(text) ? text.slice(1) : text;
}
