import { type Kysely, sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, forEachDatabase, pgServerUrl } from '../../test/support/engines.js';
import {
  addDays,
  type BucketUnit,
  classifyDbError,
  columnTypes,
  containsText,
  decodeBool,
  decodeJson,
  encodeBool,
  encodeJson,
  escapeLike,
  jsonArrayContains,
  nowIso,
  timeBucket,
  transactionLock,
} from './dialect.js';

/** A scratch table using the same column-type mapping as the migrations. */
interface Probe {
  id: string;
  label: string | null;
  at: string | null;
  day: string | null;
  tags: string;
  flag: boolean | number;
}
type ProbeDb = { probe: Probe; checked: { id: string; n: number } };

describe('dialect helpers without a database', () => {
  it('escapes LIKE wildcards and the escape character itself', () => {
    expect(escapeLike('100%_a\\b')).toBe('100\\%\\_a\\\\b');
    expect(escapeLike('plain')).toBe('plain');
  });

  it('nowIso is an ISO-8601 UTC timestamp', () => {
    expect(nowIso()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('decodeJson falls back on empty values only', () => {
    expect(decodeJson(null, ['x'])).toEqual(['x']);
    expect(decodeJson(undefined, 1)).toBe(1);
    expect(decodeJson('', {})).toEqual({});
    expect(decodeJson('[]', ['x'])).toEqual([]);
  });

  it('classifyDbError ignores errors without a known code', () => {
    expect(classifyDbError(new Error('UNIQUE constraint failed'))).toBeNull();
    expect(classifyDbError(null)).toBeNull();
    expect(classifyDbError({ code: '42P01' })).toBeNull();
  });

  it('addDays refuses fractional days', () => {
    expect(() => addDays('sqlite', sql`x`, 1.5)).toThrow(/integer/);
  });
});

forEachDatabase('dialect helpers', (ctx) => {
  let db: Kysely<ProbeDb>;

  beforeAll(async () => {
    db = ctx.database.db as unknown as Kysely<ProbeDb>;
    const t = columnTypes(ctx.database.dialect);
    await db.schema
      .createTable('probe')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('label', 'text')
      .addColumn('at', t.timestamp)
      .addColumn('day', t.date)
      .addColumn('tags', t.json, (c) => c.notNull())
      .addColumn('flag', t.boolean, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('checked')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('n', 'integer', (c) => c.notNull().check(sql`n > 0`))
      .execute();
  });

  async function insert(rows: Array<Partial<Probe> & { id: string }>): Promise<void> {
    await db.deleteFrom('probe').execute();
    const dialect = ctx.database.dialect;
    await db
      .insertInto('probe')
      .values(rows.map((r) => ({ label: null, at: null, day: null, tags: '[]', ...r, flag: encodeBool(dialect, Boolean(r.flag)) })))
      .execute();
  }

  async function idsWhere(where: (col: 'label' | 'tags') => ReturnType<typeof sql<boolean>>, col: 'label' | 'tags'): Promise<string[]> {
    const rows = await db.selectFrom('probe').select('id').where(where(col)).orderBy('id').execute();
    return rows.map((r) => r.id);
  }

  it('jsonArrayContains matches whole elements of the JSON array only', async () => {
    await insert([
      { id: 'a', tags: encodeJson(['champion', 'sponsor']) },
      { id: 'b', tags: encodeJson(['sponsor']) },
      { id: 'c', tags: encodeJson(['champions']) },
      { id: 'd', tags: encodeJson([]) },
      { id: 'e', tags: encodeJson(['say "hi"', 'x']) },
      // Escaped quotes and separators inside one element must not pass for element boundaries.
      { id: 'f', tags: encodeJson(['a","sponsor', 'z,"champion"']) },
    ]);
    const contains = (value: string) => idsWhere(() => jsonArrayContains(ctx.database.dialect, sql.ref('tags'), value), 'tags');
    expect(await contains('sponsor')).toEqual(['a', 'b']);
    expect(await contains('champion')).toEqual(['a']);
    expect(await contains('champ')).toEqual([]);
    expect(await contains('say "hi"')).toEqual(['e']);
  });

  it('containsText is case-insensitive and treats % _ and \\ literally', async () => {
    await insert([
      { id: '1', label: 'Acme 100% Cloud' },
      { id: '2', label: 'Acme 1000 Cloud' },
      { id: '3', label: 'snake_case Ltd' },
      { id: '4', label: 'snakeXcase Ltd' },
      { id: '5', label: 'MiXeD CaSe GmbH' },
      { id: '6', label: 'back\\slash' },
      { id: '7', label: null },
      { id: '8', label: 'ÉCOLE Lumière' },
    ]);
    const search = (text: string) => idsWhere(() => containsText(ctx.database.dialect, sql.ref('label'), text), 'label');
    expect(await search('100%')).toEqual(['1']);
    expect(await search('%')).toEqual(['1']);
    expect(await search('e_c')).toEqual(['3']);
    expect(await search('_')).toEqual(['3']);
    expect(await search('mixed case')).toEqual(['5']);
    expect(await search('ACME')).toEqual(['1', '2']);
    expect(await search('\\')).toEqual(['6']);
    expect(await search('nothing like it')).toEqual([]);
    // Non-ASCII letters fold too (SQLite's own lower() folds ASCII only).
    expect(await search('école lumière')).toEqual(['8']);
  });

  it('encodeBool/decodeBool round-trip through a real boolean column and filter on it', async () => {
    await insert([
      { id: 't', flag: true },
      { id: 'f', flag: false },
    ]);
    const rows = await db.selectFrom('probe').select(['id', 'flag']).orderBy('id').execute();
    expect(rows.map((r) => [r.id, decodeBool(r.flag)])).toEqual([
      ['f', false],
      ['t', true],
    ]);
    const trueOnes = await db.selectFrom('probe').select('id').where('flag', '=', encodeBool(ctx.database.dialect, true)).execute();
    expect(trueOnes.map((r) => r.id)).toEqual(['t']);
  });

  it('encodeJson/decodeJson round-trip through a real JSON column', async () => {
    const value = { name: 'Zoë “quoted”', n: 12.5, nested: { list: [1, null, true] }, empty: [] };
    await insert([{ id: 'j', tags: encodeJson(value) }]);
    const row = await db.selectFrom('probe').select('tags').executeTakeFirstOrThrow();
    expect(decodeJson(row.tags, null)).toEqual(value);
  });

  const buckets: Array<[string, BucketUnit, string]> = [
    // 2024-03-03 is a Sunday: its ISO week started on Monday 2024-02-26, in the previous month.
    ['2024-03-03T15:00:00.000Z', 'day', '2024-03-03'],
    ['2024-03-03T15:00:00.000Z', 'week', '2024-02-26'],
    ['2024-03-03T15:00:00.000Z', 'month', '2024-03-01'],
    ['2024-03-04T00:00:00.000Z', 'week', '2024-03-04'],
    ['2024-02-29T23:59:59.999Z', 'day', '2024-02-29'],
    ['2024-02-29T23:59:59.999Z', 'week', '2024-02-26'],
    ['2024-02-29T23:59:59.999Z', 'month', '2024-02-01'],
    ['2023-12-31T12:00:00.000Z', 'week', '2023-12-25'],
    ['2023-12-31T12:00:00.000Z', 'month', '2023-12-01'],
    ['2024-01-01T00:00:00.000Z', 'week', '2024-01-01'],
  ];

  it('timeBucket gives the UTC day, ISO week (Monday) and month of a timestamp column', async () => {
    await insert(buckets.map(([at], i) => ({ id: String(i).padStart(2, '0'), at })));
    const got: Array<[string, BucketUnit, string]> = [];
    for (const [i, [at, unit]] of buckets.entries()) {
      const row = await db
        .selectFrom('probe')
        .select(timeBucket(ctx.database.dialect, sql.ref('at'), unit).as('bucket'))
        .where('id', '=', String(i).padStart(2, '0'))
        .executeTakeFirstOrThrow();
      got.push([at, unit, row.bucket]);
    }
    expect(got).toEqual(buckets);
  });

  it('timeBucket groups rows of the same week together', async () => {
    await insert([
      { id: 'mon', at: '2024-02-26T00:00:00.000Z' },
      { id: 'sun', at: '2024-03-03T23:59:59.000Z' },
      { id: 'next', at: '2024-03-04T00:00:00.000Z' },
    ]);
    const week = timeBucket(ctx.database.dialect, sql.ref('at'), 'week');
    const rows = await db
      .selectFrom('probe')
      .select([week.as('bucket'), (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(week)
      .orderBy(week)
      .execute();
    expect(rows.map((r) => [r.bucket, Number(r.n)])).toEqual([
      ['2024-02-26', 2],
      ['2024-03-04', 1],
    ]);
  });

  const additions: Array<[string, number, string]> = [
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-28', 2, '2024-03-01'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-01-31', 1, '2024-02-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2024-01-01', 366, '2025-01-01'],
    ['2024-05-05', 0, '2024-05-05'],
  ];

  it('addDays works across month ends, leap days and years, in both directions', async () => {
    for (const [day, days, expected] of additions) {
      await insert([{ id: 'd', day }]);
      const row = await db
        .selectFrom('probe')
        .select(addDays(ctx.database.dialect, sql.ref('day'), days).as('result'))
        .executeTakeFirstOrThrow();
      expect([day, days, row.result]).toEqual([day, days, expected]);
    }
  });

  it('addDays on a timestamp counts from its UTC date', async () => {
    await insert([{ id: 'late', at: '2024-02-28T23:30:00.000Z' }]);
    const row = await db
      .selectFrom('probe')
      .select(addDays(ctx.database.dialect, sql.ref('at'), 1).as('result'))
      .executeTakeFirstOrThrow();
    expect(row.result).toBe('2024-02-29');
  });

  async function errorOf(work: () => Promise<unknown>): Promise<unknown> {
    try {
      await work();
    } catch (err) {
      return err;
    }
    throw new Error('expected the statement to fail');
  }

  it('classifyDbError recognises real constraint violations by their driver codes', async () => {
    const now = nowIso();
    const main = ctx.database.db;
    await main.insertInto('workspaces').values({ id: 'ws1', name: 'One', settings: '{}', created_at: now, updated_at: now }).execute();
    const user = { id: 'u1', email: 'dup@example.com', name: 'U', password_hash: 'x', created_at: now, updated_at: now };
    await main.insertInto('users').values(user).execute();

    const uniqueEmail = await errorOf(() =>
      main
        .insertInto('users')
        .values({ ...user, id: 'u2' })
        .execute(),
    );
    expect(classifyDbError(uniqueEmail)).toBe('unique');
    const duplicateKey = await errorOf(() => main.insertInto('users').values(user).execute());
    expect(classifyDbError(duplicateKey)).toBe('unique');
    const missingWorkspace = await errorOf(() =>
      main.insertInto('memberships').values({ workspace_id: 'nope', user_id: 'u1', role: 'admin', created_at: now }).execute(),
    );
    expect(classifyDbError(missingWorkspace)).toBe('foreign_key');
    const nullName = await errorOf(() =>
      main
        .insertInto('users')
        .values({ ...user, id: 'u3', email: 'other@example.com', name: null as unknown as string })
        .execute(),
    );
    expect(classifyDbError(nullName)).toBe('not_null');
    const failedCheck = await errorOf(() => db.insertInto('checked').values({ id: 'c', n: 0 }).execute());
    expect(classifyDbError(failedCheck)).toBe('check');
  });
});

describe.skipIf(!pgServerUrl())('PostgreSQL sessions whose server default time zone is not UTC', () => {
  it('still see dates and buckets in UTC', async () => {
    const test = await createTestDatabase('postgres', { migrate: false, pgSettings: { timezone: 'Pacific/Auckland' } });
    try {
      const db = test.database.db;
      const at = sql`${'2024-02-28T23:30:00.000Z'}::timestamptz`;
      const row = await sql<{
        day: string;
        next: string;
        week: string;
      }>`select ${timeBucket('postgres', at, 'day')} as day, ${addDays('postgres', at, 1)} as next, ${timeBucket('postgres', at, 'week')} as week`.execute(db);
      expect(row.rows[0]).toEqual({ day: '2024-02-28', next: '2024-02-29', week: '2024-02-26' });
    } finally {
      await test.dispose();
    }
  });
});

forEachDatabase('transactionLock', (ctx) => {
  it('an exclusive lock waits for shared holders and shared ones wait for it; nothing to do on SQLite', async () => {
    const { database } = ctx;
    if (database.dialect === 'sqlite') {
      expect(transactionLock('sqlite', 'k', 'exclusive')).toBeNull();
      return;
    }
    const order: string[] = [];
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    let taken: () => void = () => {};
    const sharedTaken = new Promise<void>((r) => {
      taken = r;
    });
    const shared = database.db.transaction().execute(async (trx) => {
      await transactionLock('postgres', 'probe', 'shared')?.execute(trx);
      taken();
      order.push('shared holds');
      await held;
      order.push('shared commits');
    });
    await sharedTaken;
    // A second shared holder is not kept waiting.
    await database.db.transaction().execute(async (trx) => {
      await transactionLock('postgres', 'probe', 'shared')?.execute(trx);
      order.push('second shared holds');
    });
    const exclusive = database.db.transaction().execute(async (trx) => {
      await transactionLock('postgres', 'probe', 'exclusive')?.execute(trx);
      order.push('exclusive holds');
    });
    await new Promise((r) => setTimeout(r, 200));
    release();
    await Promise.all([shared, exclusive]);
    expect(order).toEqual(['shared holds', 'second shared holds', 'shared commits', 'exclusive holds']);
  });
});
