import { sql } from 'kysely';
import type { Database } from '../src/db/connection.js';
import { columnTypes } from '../src/db/dialect.js';
import { addDaysIso } from './random.js';

/** Bulk-write helpers for the demo: the year of engagement is thousands of rows, written a few hundred at a time. */

export function chunks<T>(items: readonly T[], size = 300): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

type BackdatedTable = 'tasks' | 'playbook_runs' | 'red_flags';

/**
 * Sets per-row values on rows the services created "now" (tasks, runs, flags) to their place in the demo's past:
 * one UPDATE … SET col = CASE id WHEN … END per few hundred rows instead of one statement per row. Every update
 * names the same columns; `timestamps` are cast so that PostgreSQL stores them as timestamptz.
 */
export async function setById(
  database: Database,
  workspaceId: string,
  table: BackdatedTable,
  updates: ReadonlyArray<{ id: string; values: Record<string, string | null> }>,
  timestamps: ReadonlySet<string>,
): Promise<void> {
  if (updates.length === 0) return;
  const stamp = sql.raw(columnTypes(database.dialect).timestamp);
  const columns = Object.keys((updates[0] as { values: Record<string, string | null> }).values);
  for (const chunk of chunks(updates, 250)) {
    const sets = columns.map((column) => {
      const cases = chunk.map((u) => {
        const value = u.values[column] ?? null;
        return timestamps.has(column) ? sql`when ${u.id} then cast(${value} as ${stamp})` : sql`when ${u.id} then ${value}`;
      });
      return sql`${sql.ref(column)} = case id ${sql.join(cases, sql` `)} end`;
    });
    await sql`update ${sql.table(table)} set ${sql.join(sets)} where workspace_id = ${workspaceId} and id in (${sql.join(chunk.map((u) => u.id))})`.execute(
      database.db,
    );
  }
}

/** Noon UTC on a date: the time of day the demo gives to records that only have a date. */
export const noon = (date: string) => `${date}T12:00:00.000Z`;

/** The Monday of the week a date falls in (the team's weekly account review, when phase changes are recorded). */
export function monday(date: string): string {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDaysIso(date, -((dow + 6) % 7));
}
