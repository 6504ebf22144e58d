import { AppError } from '../server/errors.js';

/** A failure the operator can fix; printed without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    /** Extra lines printed below the message (hints, lists). */
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'CliError';
  }
}

function show(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

/** The lines to print for any error a command throws: what went wrong and, where known, which field and rule. */
export function describeError(err: unknown): string[] {
  if (err instanceof CliError) return [`keepwell: ${err.message}`, ...err.details.map((d) => `  ${d}`)];
  if (err instanceof AppError) {
    const issues = err.issues.map((i) => {
      const rule = `rule: ${i.rule}${i.value === undefined ? '' : `, value: ${show(i.value)}`}`;
      // Single-issue errors often repeat the issue as the message; do not print it twice.
      return i.message === err.message ? `  ${i.field} (${rule})` : `  ${i.field}: ${i.message} (${rule})`;
    });
    return [`keepwell: ${err.message}`, ...issues];
  }
  const message = err instanceof Error ? err.message : String(err);
  const lines = [`keepwell: ${message}`];
  if (process.env.KEEPWELL_DEBUG && err instanceof Error && err.stack) lines.push(err.stack);
  return lines;
}
