import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../server/errors.js';
import { decodeCursor, encodeCursor, parseSort } from './cursor.js';

function validationError(cursor: string): AppError {
  try {
    decodeCursor(cursor);
  } catch (err) {
    return err as AppError;
  }
  throw new Error(`"${cursor}" decoded without an error`);
}

describe('keyset cursors', () => {
  it('round-trip string and number positions', () => {
    expect(decodeCursor(encodeCursor({ value: 'acme corp', id: '01J0000000000000000000000A' }))).toEqual({
      value: 'acme corp',
      id: '01J0000000000000000000000A',
    });
    expect(decodeCursor(encodeCursor({ value: 0, id: 'x' }))).toEqual({ value: 0, id: 'x' });
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer()), fc.string(), (value, id) => {
        expect(decodeCursor(encodeCursor({ value, id }))).toEqual({ value, id });
      }),
    );
  });

  it('are URL-safe', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (value, id) => /^[A-Za-z0-9_-]*$/.test(encodeCursor({ value, id }))));
  });

  it.each([
    ['not base64 JSON', '%%%'],
    ['empty', ''],
    ['JSON of the wrong shape', Buffer.from('{"a":1}').toString('base64url')],
    ['a missing id', Buffer.from('["x"]').toString('base64url')],
    ['a non-string id', Buffer.from('["x", 5]').toString('base64url')],
    ['an object value', Buffer.from('[{}, "id"]').toString('base64url')],
    ['JSON null', Buffer.from('null').toString('base64url')],
  ])('reject %s with a validation error naming the cursor field', (_what, cursor) => {
    const err = validationError(cursor);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('validation');
    expect(err.issues).toEqual([expect.objectContaining({ field: 'cursor', rule: 'cursor' })]);
  });

  it('reject arbitrary garbage with a validation error, never anything else', () => {
    fc.assert(
      fc.property(fc.string(), (garbage) => {
        try {
          decodeCursor(garbage);
        } catch (err) {
          expect(err).toBeInstanceOf(AppError);
          expect((err as AppError).code).toBe('validation');
        }
      }),
    );
  });
});

describe('parseSort', () => {
  it('reads a leading - as descending', () => {
    expect(parseSort('name')).toEqual({ field: 'name', direction: 'asc' });
    expect(parseSort('-arr')).toEqual({ field: 'arr', direction: 'desc' });
  });
});
