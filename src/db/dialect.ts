import { type Expression, type RawBuilder, sql } from 'kysely';

/**
 * Every place where SQLite and PostgreSQL differ lives here, so that repos and migrations
 * can stay dialect-neutral. Each helper has a test that runs on both engines.
 */
export type Dialect = 'sqlite' | 'postgres';

/** Column types per engine, for migrations. */
export function columnTypes(dialect: Dialect) {
  const pg = dialect === 'postgres';
  return {
    timestamp: pg ? 'timestamptz' : 'text',
    date: pg ? 'date' : 'text',
    json: pg ? 'jsonb' : 'text',
    bigint: pg ? 'bigint' : 'integer',
    boolean: pg ? 'boolean' : 'integer',
  } as const;
}

export function nowIso(): string {
  return new Date().toISOString();
}

export function encodeJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}

export function decodeJson<T>(text: string | null | undefined, fallback: T): T {
  if (text === null || text === undefined || text === '') return fallback;
  // PostgreSQL jsonb is parsed to text by our type parser, SQLite stores text: both arrive as strings.
  return JSON.parse(text) as T;
}

/** better-sqlite3 refuses JS booleans; PostgreSQL wants real ones. */
export function encodeBool(dialect: Dialect, value: boolean): boolean | number {
  return dialect === 'postgres' ? value : value ? 1 : 0;
}

export function decodeBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't';
}

/** True when the JSON array in `column` contains the string `value`. */
export function jsonArrayContains(dialect: Dialect, column: Expression<unknown> | RawBuilder<unknown>, value: string): RawBuilder<boolean> {
  if (dialect === 'postgres') return sql<boolean>`jsonb_exists(${column}, ${value})`;
  // A value JSON writes without escapes appears in our compact array text as ,"value", once the brackets
  // become separators; a quote inside another element is escaped (\") so it cannot fake one. Exact, and far
  // cheaper than json_each on every row.
  if (/^[A-Za-z0-9_ .@-]*$/.test(value)) {
    return sql<boolean>`instr(',' || trim(${column}, '[]') || ',', ${`,${JSON.stringify(value)},`}) > 0`;
  }
  return sql<boolean>`exists (select 1 from json_each(${column}) where json_each.value = ${value})`;
}

/** Escapes LIKE wildcards so that user text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Case-insensitive "contains" that treats the user's text literally. */
export function containsText(dialect: Dialect, column: Expression<unknown> | RawBuilder<unknown>, text: string): RawBuilder<boolean> {
  const pattern = `%${escapeLike(text)}%`;
  if (dialect === 'postgres') return sql<boolean>`${column} ilike ${pattern} escape '\\'`;
  // SQLite's LIKE already ignores the case of ASCII letters; only other text pays for a JS call per row.
  return /^[\x20-\x7e]*$/.test(text)
    ? sql<boolean>`${column} like ${pattern} escape '\\'`
    : sql<boolean>`unicode_lower(${column}) like unicode_lower(${pattern}) escape '\\'`;
}

export type BucketUnit = 'day' | 'week' | 'month';

/** Start of the day/ISO week (Monday)/month that an ISO timestamp falls in, as YYYY-MM-DD. */
export function timeBucket(dialect: Dialect, column: Expression<unknown> | RawBuilder<unknown>, unit: BucketUnit): RawBuilder<string> {
  if (dialect === 'postgres') {
    return sql<string>`to_char(date_trunc(${sql.lit(unit)}, (${column})::timestamptz at time zone 'UTC'), 'YYYY-MM-DD')`;
  }
  if (unit === 'day') return sql<string>`strftime('%Y-%m-%d', ${column})`;
  if (unit === 'month') return sql<string>`strftime('%Y-%m-01', ${column})`;
  // strftime('%w') is 0 for Sunday; step back to Monday.
  return sql<string>`date(${column}, '-' || ((cast(strftime('%w', ${column}) as integer) + 6) % 7) || ' days')`;
}

/** Adds whole days to a YYYY-MM-DD date or timestamp, giving YYYY-MM-DD. */
export function addDays(dialect: Dialect, column: Expression<unknown> | RawBuilder<unknown>, days: number): RawBuilder<string> {
  if (!Number.isInteger(days)) throw new Error('days must be an integer');
  return dialect === 'postgres'
    ? sql<string>`to_char((${column})::date + ${sql.lit(days)}::int, 'YYYY-MM-DD')`
    : sql<string>`date(${column}, ${`${days >= 0 ? '+' : ''}${days} days`})`;
}

export type DbErrorKind = 'unique' | 'foreign_key' | 'check' | 'not_null';

/** Classifies a driver error by its code (never by message text). */
export function classifyDbError(err: unknown): DbErrorKind | null {
  const code = (err as { code?: unknown } | null)?.code;
  switch (code) {
    case '23505':
    case 'SQLITE_CONSTRAINT_UNIQUE':
    case 'SQLITE_CONSTRAINT_PRIMARYKEY':
      return 'unique';
    case '23503':
    case 'SQLITE_CONSTRAINT_FOREIGNKEY':
      return 'foreign_key';
    case '23514':
    case 'SQLITE_CONSTRAINT_CHECK':
      return 'check';
    case '23502':
    case 'SQLITE_CONSTRAINT_NOTNULL':
      return 'not_null';
    default:
      return null;
  }
}

/**
 * A transaction-scoped lock on one key, shared or exclusive: PostgreSQL's advisory locks. SQLite needs none (its
 * single connection runs one transaction at a time), so there it is a no-op. Returns null when nothing is to run.
 */
export function transactionLock(dialect: Dialect, key: string, mode: 'shared' | 'exclusive'): RawBuilder<unknown> | null {
  if (dialect !== 'postgres') return null;
  return mode === 'shared' ? sql`select pg_advisory_xact_lock_shared(hashtext(${key}))` : sql`select pg_advisory_xact_lock(hashtext(${key}))`;
}

/** An integer inside a JSON column, found by object keys (fixed identifiers, never user input); null when absent. */
export function jsonInteger(dialect: Dialect, column: Expression<unknown> | RawBuilder<unknown>, keys: readonly string[]): RawBuilder<number | null> {
  if (keys.some((k) => !/^[A-Za-z0-9_]+$/.test(k))) throw new Error('JSON keys must be identifiers');
  return dialect === 'postgres'
    ? sql<number | null>`((${column}) #>> ${sql.lit(`{${keys.join(',')}}`)})::integer`
    : sql<number | null>`cast(json_extract(${column}, ${sql.lit(`$.${keys.join('.')}`)}) as integer)`;
}

/**
 * The timestamp `days` (an integer expression) before the ISO timestamp `at`, comparable with timestamp columns:
 * timestamptz on PostgreSQL, ISO text with milliseconds and Z on SQLite (the form nowIso() writes).
 */
export function timestampMinusDays(dialect: Dialect, at: string, days: Expression<unknown> | RawBuilder<unknown>): RawBuilder<string> {
  return dialect === 'postgres'
    ? sql<string>`(${at}::timestamptz - make_interval(days => ${days}))`
    : sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', ${at}, '-' || (${days}) || ' days')`;
}
