import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { encodeCursor } from '../lib/cursor.js';
import { AppError } from '../server/errors.js';
import { afterCursor, type KeyKind, splitPage } from './keyset.js';

const key = sql<string | number>`k`;
const accepts = (kind: KeyKind, value: string | number, id = '01ABC') => {
  try {
    afterCursor(key, kind, 't.id', 'asc', encodeCursor({ value, id }));
    return true;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).issues[0]?.field).toBe('cursor');
    return false;
  }
};

describe('afterCursor refuses values the sort key cannot be compared with', () => {
  it('number keys take safe integers only (they are bigint columns)', () => {
    expect(accepts('number', 1_000)).toBe(true);
    expect(accepts('number', 0)).toBe(true);
    expect(accepts('number', 1.5)).toBe(false);
    expect(accepts('number', 1e308)).toBe(false);
    expect(accepts('number', '1000')).toBe(false);
  });

  it('date keys take real calendar days', () => {
    expect(accepts('date', '2024-02-29')).toBe(true);
    expect(accepts('date', '9999-12-31')).toBe(true);
    expect(accepts('date', '2026-02-30')).toBe(false);
    expect(accepts('date', '0000-01-01')).toBe(false);
    expect(accepts('date', 'soon')).toBe(false);
  });

  it('timestamp keys take ISO-8601 UTC instants', () => {
    expect(accepts('timestamp', '2026-11-22T05:00:00.123Z')).toBe(true);
    expect(accepts('timestamp', '2026-11-22T25:00:00Z')).toBe(false);
    expect(accepts('timestamp', '2026-11-22 05:00:00')).toBe(false);
  });

  it('text keys and ids refuse the NUL character', () => {
    expect(accepts('text', 'acme')).toBe(true);
    expect(accepts('text', 'ac\u0000me')).toBe(false);
    expect(accepts('text', 'acme', 'id\u0000')).toBe(false);
    expect(accepts('text', 5)).toBe(false);
  });
});

describe('splitPage', () => {
  const rows = [1, 2, 3].map((n) => ({ id: `id${n}`, sort_key: n * 10 }));

  it('gives no cursor when the extra row is absent', () => {
    expect(splitPage(rows, 3)).toEqual({ rows, nextCursor: null });
  });

  it('drops the extra row and points the cursor at the last row kept', () => {
    const { rows: page, nextCursor } = splitPage(rows, 2);
    expect(page.map((r) => r.id)).toEqual(['id1', 'id2']);
    expect(nextCursor).toBe(encodeCursor({ value: 20, id: 'id2' }));
  });
});
