import type { z } from 'zod';
import type { ImportRowError } from './contracts.js';

/** Accepts an enum's key or its label, in any case; anything else is returned as is for the schema to reject. */
export function enumCell(labels: Record<string, string>, raw: string): string {
  const wanted = raw.trim().toLowerCase();
  for (const [key, label] of Object.entries(labels)) {
    if (key.toLowerCase() === wanted || label.toLowerCase() === wanted) return key;
  }
  return raw.trim();
}

/** A semicolon-separated list cell, without blanks and duplicates. */
export function listCell(raw: string): string[] {
  return [
    ...new Set(
      raw
        .split(';')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    ),
  ];
}

/**
 * A decimal amount in major units ("2500000", "2500000.50") to integer minor units, rounding half up
 * past the second decimal. Exact: works on the digits, never on a binary float. null if not a plain
 * non-negative decimal.
 */
export function decimalToMinor(raw: string): number | null {
  const match = /^(\d+)(?:\.(\d*))?$/.exec(raw.trim());
  if (!match) return null;
  const whole = match[1] ?? '0';
  const fraction = (match[2] ?? '').padEnd(3, '0');
  const cents = Number(whole) * 100 + Number(fraction.slice(0, 2));
  return Number(fraction[2]) >= 5 ? cents + 1 : cents;
}

/** Integer minor units back to a decimal with two places, for exports. */
export function minorToDecimal(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Collects the errors of one row; `check` validates a value with an API schema so rules and messages match the API's. */
export function rowChecker(errors: ImportRowError[], row: number) {
  const report = (column: string, value: string, rule: string, message: string): void => {
    errors.push({ row, column, value, rule, message: `${column}: ${message}` });
  };
  function check<S extends z.ZodType>(column: string, schema: S, input: unknown, raw: string): { ok: true; value: z.output<S> } | { ok: false } {
    const result = schema.safeParse(input);
    if (result.success) return { ok: true, value: result.data };
    const issue = result.error.issues[0];
    report(column, raw, issue?.code ?? 'invalid', issue?.message ?? 'is invalid');
    return { ok: false };
  }
  return { report, check };
}
