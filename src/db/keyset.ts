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

const valueShapes: Record<KeyKind, (v: string | number) => boolean> = {
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  text: (v) => typeof v === 'string',
  date: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)),
  timestamp: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(v) && !Number.isNaN(Date.parse(v)),
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
  if (!valueShapes[kind](after.value)) {
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
