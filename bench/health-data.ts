import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type BulkColumn, bulkInsert } from '../src/db/bulk.js';
import type { Database } from '../src/db/connection.js';
import { nowIso } from '../src/db/dialect.js';
import { withTransaction } from '../src/db/transaction.js';
import { CompanySizes, DeploymentStatuses, LifecyclePhases, TouchTiers } from '../src/domain/enums.js';
import { newId } from '../src/lib/ids.js';
import { shiftDate } from '../src/modules/kpis/evaluate.js';
import { addMember, createWorkspace } from '../src/modules/workspaces/service.js';
import { random } from './support.js';

/**
 * The data of bench:health: one workspace with `accounts` accounts and the default "Customer health" scorecard, with
 * 30 days of daily data behind every measure (active users, licences, tickets, late invoices), last touches, open
 * risks and manual values. Loaded with src/db/bulk.ts in primary-key order, untimed.
 */
export const DAYS = 30;
export const EVENTS = ['Signed In'] as const;

export interface BenchWorkspace {
  workspaceId: string;
  userId: string;
  asOf: string;
  accountIds: string[];
  /** External ids (groupId for Segment calls), same order as accountIds. */
  externalIds: string[];
  metricIds: Record<'licences' | 'tickets' | 'late', string>;
  manualMeasureId: string;
  rows: number;
}

const col = (name: string, pg: BulkColumn['pg'] = 'text'): BulkColumn => ({ name, pg });
const ACCOUNT_COLUMNS = [
  col('id'),
  col('workspace_id'),
  col('name'),
  col('external_id'),
  col('company_size'),
  col('arr_minor', 'int8'),
  col('currency'),
  col('deployment_status'),
  col('lifecycle_phase'),
  col('touch_tier'),
  col('risk_statuses', 'jsonb'),
  col('custom_fields', 'jsonb'),
  col('created_at', 'timestamptz'),
  col('updated_at', 'timestamptz'),
  col('last_touch_at', 'timestamptz'),
];
const USER_DAY_COLUMNS = [col('workspace_id'), col('account_id'), col('event'), col('day', 'date'), col('user_key')];
const DAILY_COLUMNS = [
  col('workspace_id'),
  col('account_id'),
  col('event'),
  col('property'),
  col('day', 'date'),
  col('events', 'int8'),
  col('users', 'int8'),
  col('total', 'float8'),
];
const METRIC_COLUMNS = [col('workspace_id'), col('account_id'), col('metric_id'), col('day', 'date'), col('value', 'float8'), col('updated_at', 'timestamptz')];
const RISK_COLUMNS = [
  col('id'),
  col('workspace_id'),
  col('account_id'),
  col('title'),
  col('severity'),
  col('status'),
  col('identified_on', 'date'),
  col('created_at', 'timestamptz'),
  col('updated_at', 'timestamptz'),
];
const MANUAL_COLUMNS = [
  col('workspace_id'),
  col('account_id'),
  col('measure_id'),
  col('value', 'float8'),
  col('comment'),
  col('set_by'),
  col('set_at', 'timestamptz'),
  col('expires_on', 'date'),
];

/** One COPY text-format line: tab-separated, \\N for null, backslash, tab and newlines escaped. */
function copyLine(row: unknown[]): string {
  return `${row.map((v) => (v === null || v === undefined ? '\\N' : String(v).replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] ?? c))).join('\t')}\n`;
}

/**
 * Rows in flushes of `size`, so that 100,000 accounts' data never sits in memory at once: src/db/bulk.ts on SQLite,
 * COPY on PostgreSQL (its unnest of column arrays manages some 20,000 rows/s here; COPY several times that).
 */
class Loader {
  rows = 0;
  private pending = new Map<string, { columns: BulkColumn[]; rows: unknown[][] }>();
  constructor(
    private database: Database,
    private copyClient: pg.Client | null,
    private size = 20_000,
  ) {}
  async add(table: string, columns: BulkColumn[], row: unknown[]): Promise<void> {
    let p = this.pending.get(table);
    if (!p) {
      p = { columns, rows: [] };
      this.pending.set(table, p);
    }
    p.rows.push(row);
    if (p.rows.length >= this.size) await this.flush(table);
  }
  async flush(table?: string): Promise<void> {
    for (const [name, p] of this.pending) {
      if (table && name !== table) continue;
      if (p.rows.length === 0) continue;
      const { database } = this;
      const rows = p.rows;
      p.rows = [];
      this.rows += rows.length;
      if (this.copyClient) {
        const copy = this.copyClient.query(copyFrom(`copy ${name} (${p.columns.map((c) => c.name).join(', ')}) from stdin`));
        await pipeline(Readable.from([rows.map(copyLine).join('')]), copy);
        continue;
      }
      await withTransaction(database.db, (trx) => bulkInsert(trx, database.dialect, name, p.columns, rows, '', database.sqlite ?? undefined).then(() => {}));
    }
  }
}

/** `pgUrl`: the same database's URL, for COPY (PostgreSQL only). */
export async function loadBenchWorkspace(database: Database, accounts: number, asOf: string, pgUrl?: string): Promise<BenchWorkspace> {
  const workspace = await createWorkspace(database, 'Bench health');
  const user = await addMember(database, workspace.id, { email: 'csm@bench.test', name: 'Casey CSM', role: 'csm', password: 'bench-password' });
  const ws = workspace.id;
  const metrics = await database.db.selectFrom('metrics').select(['id', 'key']).where('workspace_id', '=', ws).execute();
  const metricId = (key: string) => metrics.find((m) => m.key === key)?.id as string;
  const metricIds = { licences: metricId('licences_purchased'), tickets: metricId('support_tickets'), late: metricId('invoices_paid_late') };
  const manual = await database.db
    .selectFrom('scorecard_measures')
    .select(['id', 'source'])
    .where('workspace_id', '=', ws)
    .where('name', '=', 'Executive relationship')
    .executeTakeFirstOrThrow();

  const rnd = random(42);
  const pick = <T>(values: readonly T[]) => values[Math.floor(rnd() * values.length)] as T;
  const now = nowIso();
  const asOfMs = Date.parse(`${asOf}T12:00:00Z`);
  // Ids in ascending order, so that every table is written in primary-key order.
  const accountIds = Array.from({ length: accounts }, () => newId()).sort();
  const externalIds = accountIds.map((_, i) => `acct-${i}`);
  const days = Array.from({ length: DAYS }, (_, d) => shiftDate(asOf, d - DAYS + 1));
  const copyClient = pgUrl ? new pg.Client({ connectionString: pgUrl }) : null;
  await copyClient?.connect();
  const loader = new Loader(database, copyClient);

  for (const [i, id] of accountIds.entries()) {
    const touched = rnd() < 0.92 ? new Date(asOfMs - Math.floor(rnd() * 90 * 86_400_000)).toISOString() : null;
    await loader.add('accounts', ACCOUNT_COLUMNS, [
      id,
      ws,
      `Account ${i}`,
      externalIds[i],
      pick(CompanySizes.values),
      Math.round(1_000_000 * 10 ** (rnd() * 3)),
      'USD',
      pick(DeploymentStatuses.values),
      pick(LifecyclePhases.values),
      pick(TouchTiers.values),
      '[]',
      '{}',
      now,
      now,
      touched,
    ]);
  }
  await loader.flush();

  for (const [i, id] of accountIds.entries()) {
    // A pool of users, a share of whom show up on a given day; some accounts have gone quiet.
    const pool = 1 + Math.floor(rnd() * 12);
    const activity = rnd() < 0.1 ? 0 : 0.05 + rnd() * 0.25;
    const licences = pool + Math.floor(rnd() * 20);
    for (const event of EVENTS) {
      for (const day of days) {
        const users: string[] = [];
        for (let u = 0; u < pool; u++) if (rnd() < activity) users.push(`user-${i}-${u}`);
        if (users.length === 0) continue;
        await loader.add('usage_daily', DAILY_COLUMNS, [ws, id, event, '', day, users.length * 2, users.length, users.length * 2]);
        for (const u of users.sort()) await loader.add('usage_user_days', USER_DAY_COLUMNS, [ws, id, event, day, u]);
      }
    }
    for (const [key, mid] of [
      ['late', metricIds.late],
      ['licences', metricIds.licences],
      ['tickets', metricIds.tickets],
    ] as const) {
      for (const day of days) {
        const value = key === 'licences' ? licences : key === 'tickets' ? Math.floor(rnd() * rnd() * 3) : rnd() < 0.02 ? 1 : 0;
        await loader.add('metric_values', METRIC_COLUMNS, [ws, id, mid, day, value, now]);
      }
    }
    const risks = rnd() < 0.2 ? 1 + Math.floor(rnd() * 2) : 0;
    for (let r = 0; r < risks + (rnd() < 0.2 ? 1 : 0); r++) {
      const open = r < risks;
      await loader.add('risks', RISK_COLUMNS, [
        newId(),
        ws,
        id,
        `Risk ${r}`,
        pick(['low', 'medium', 'high']),
        open ? pick(['open', 'mitigating']) : 'mitigated',
        days[0],
        now,
        now,
      ]);
    }
    if (rnd() < 0.6) {
      const expires = rnd() < 0.1 ? shiftDate(asOf, -5) : rnd() < 0.5 ? shiftDate(asOf, 60) : null;
      const comment = rnd() < 0.3 ? 'Met the sponsor at the QBR' : null;
      await loader.add('manual_measure_values', MANUAL_COLUMNS, [ws, id, manual.id, 1 + Math.floor(rnd() * 5), comment, user.id, now, expires]);
    }
  }
  await loader.flush();
  await copyClient?.end();
  // Fresh statistics, as PostgreSQL's autovacuum would gather soon after a load this size.
  await sql`analyze`.execute(database.db);
  return { workspaceId: ws, userId: user.id, asOf, accountIds, externalIds, metricIds, manualMeasureId: manual.id, rows: loader.rows };
}
