import { type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool, sql } from 'kysely';
import { decodeCursor, encodeCursor } from '../lib/cursor.js';
import { invalid } from '../server/errors.js';

/**
 * Keyset pagination shared by every list: rows are ordered by (sort key, id) and a cursor holds
 * the last row's pair, so each page starts strictly after it, whatever was inserted meanwhile.
 */
export type Direction = 'asc' | 'desc';

/** What a sort key holds; a cursor value must match it, or PostgreSQL would fail to compare them. */
export type KeyKind = 'number' | 'text' | 'date' | 'timestamp';

/** PostgreSQL text cannot hold NUL: a comparison with such a value fails instead of matching nothing. */
const isText = (v: unknown): v is string => typeof v === 'string' && !v.includes('\u0000');

/** A real calendar day PostgreSQL accepts: Date.parse takes 2026-02-30 (as 2 March), PostgreSQL refuses it and year 0. */
function isCalendarDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || v < '0001-01-01') return false;
  const day = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === v;
}

const valueShapes: Record<KeyKind, (v: string | number) => boolean> = {
  // Number keys are integer columns (bigint on PostgreSQL), which refuse a fraction or a float beyond 2^53.
  number: (v) => Number.isSafeInteger(v),
  text: (v) => isText(v),
  date: (v) => typeof v === 'string' && isCalendarDate(v),
  timestamp: (v) =>
    typeof v === 'string' && isCalendarDate(v.slice(0, 10)) && /^T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/.test(v.slice(10)) && !Number.isNaN(Date.parse(v)),
};

/** The WHERE condition "after this cursor" for the ordering (key, idColumn) in `direction`. */
export function afterCursor(
  key: RawBuilder<string | number>,
  kind: KeyKind,
  idColumn: string,
  direction: Direction,
  cursor: string,
): <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>) => Expression<SqlBool> {
  const after = decodeCursor(cursor);
  if (!valueShapes[kind](after.value) || !isText(after.id)) {
    throw invalid('cursor', 'cursor', 'The cursor does not belong to this sort order: start again from the first page', cursor);
  }
  const op = direction === 'asc' ? '>' : '<';
  const id = sql.ref(idColumn);
  return (eb) => eb.or([eb(key, op, after.value), eb.and([eb(key, '=', after.value), eb(id, op, after.id)])]);
}

/** Rows fetched with limit + 1: the page itself, and the cursor for the next one when there is one. */
export function splitPage<R extends { id: string; sort_key: string | number }>(rows: R[], limit: number): { rows: R[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const page = rows.slice(0, limit);
  const last = page[page.length - 1] as R;
  return { rows: page, nextCursor: encodeCursor({ value: typeof last.sort_key === 'number' ? last.sort_key : String(last.sort_key), id: last.id }) };
}
