import { type Kysely, sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from '../../test/support/engines.js';
import { columnTypes, jsonInteger, timestampMinusDays } from './dialect.js';

type ProbeDb = { day_probe: { id: string; settings: string; at: string | null } };

forEachDatabase('dialect helpers: JSON integers and timestamps minus days', (ctx) => {
  let db: Kysely<ProbeDb>;

  beforeAll(async () => {
    db = ctx.database.db as unknown as Kysely<ProbeDb>;
    const t = columnTypes(ctx.database.dialect);
    await db.schema
      .createTable('day_probe')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('settings', t.json, (c) => c.notNull())
      .addColumn('at', t.timestamp)
      .execute();
    await db
      .insertInto('day_probe')
      .values([
        { id: 'a', settings: JSON.stringify({ touchCadenceDays: { high: 14, tech: 90 } }), at: '2026-03-01T10:00:00.000Z' },
        { id: 'b', settings: JSON.stringify({}), at: '2026-02-15T10:00:00.000Z' },
      ])
      .execute();
  });

  it('reads an integer by keys, null when absent', async () => {
    const rows = await db
      .selectFrom('day_probe')
      .select((eb) => ['id', jsonInteger(ctx.database.dialect, eb.ref('settings'), ['touchCadenceDays', 'high']).as('high')])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.id, r.high === null ? null : Number(r.high)])).toEqual([
      ['a', 14],
      ['b', null],
    ]);
    expect(() => jsonInteger(ctx.database.dialect, sql`settings`, ['a.b'])).toThrow();
  });

  it('subtracts whole days from a timestamp, to the millisecond, comparable with timestamp columns', async () => {
    const at = '2026-03-15T10:00:00.000Z';
    const days = sql`14`;
    const threshold = timestampMinusDays(ctx.database.dialect, at, days);
    const before = await db.selectFrom('day_probe').select('id').where(sql<boolean>`at < ${threshold}`).orderBy('id').execute();
    const onOrAfter = await db.selectFrom('day_probe').select('id').where(sql<boolean>`at >= ${threshold}`).orderBy('id').execute();
    // a is exactly 14 days before: not older than the cadence.
    expect(before.map((r) => r.id)).toEqual(['b']);
    expect(onOrAfter.map((r) => r.id)).toEqual(['a']);
    const { rows } = await sql<{ t: string }>`select ${timestampMinusDays(ctx.database.dialect, '2026-03-01T00:00:00.123Z', sql`1`)} as t`.execute(db);
    expect(new Date(String(rows[0]?.t)).toISOString()).toBe('2026-02-28T00:00:00.123Z');
  });
});
