import type { Kysely } from 'kysely';
import { nowIso } from '../../src/db/dialect.js';
import type { DB } from '../../src/db/schema.js';
import { newId } from '../../src/lib/ids.js';

/**
 * Rollup and metric rows written directly, as the ingest and metrics modules would: KPI tests depend on the tables'
 * documented semantics, not on those modules' code.
 */
export interface UsageEvent {
  accountId: string;
  event: string;
  day: string;
  user: string;
  /** Numeric properties carried by the event. */
  props?: Record<string, number>;
}

/** Rolls individual events up into usage_daily and usage_user_days, the way ingest does. */
export async function insertUsage(db: Kysely<DB>, workspaceId: string, events: UsageEvent[]): Promise<void> {
  const daily = new Map<string, { account_id: string; event: string; property: string; day: string; events: number; users: Set<string>; total: number }>();
  const userDays = new Map<string, { account_id: string; event: string; day: string; user_key: string }>();
  for (const e of events) {
    const rows: Array<[string, number]> = [['', 0], ...Object.entries(e.props ?? {})];
    for (const [property, value] of rows) {
      const key = [e.accountId, e.event, property, e.day].join('\u0000');
      const row = daily.get(key) ?? { account_id: e.accountId, event: e.event, property, day: e.day, events: 0, users: new Set<string>(), total: 0 };
      row.events += 1;
      row.users.add(e.user);
      row.total += value;
      daily.set(key, row);
    }
    userDays.set([e.accountId, e.event, e.day, e.user].join('\u0000'), { account_id: e.accountId, event: e.event, day: e.day, user_key: e.user });
  }
  const dailyRows = [...daily.values()].map(({ users, ...r }) => ({ ...r, workspace_id: workspaceId, users: r.property === '' ? users.size : 0 }));
  for (let i = 0; i < dailyRows.length; i += 500)
    await db
      .insertInto('usage_daily')
      .values(dailyRows.slice(i, i + 500))
      .execute();
  const userRows = [...userDays.values()].map((r) => ({ ...r, workspace_id: workspaceId }));
  for (let i = 0; i < userRows.length; i += 500)
    await db
      .insertInto('usage_user_days')
      .values(userRows.slice(i, i + 500))
      .execute();
}

/** The workspace's metric with this key (the default metrics are seeded with the workspace), made when missing. */
export async function ensureMetric(db: Kysely<DB>, workspaceId: string, key: string, aggregation: 'sum' | 'average' | 'max' | 'last'): Promise<string> {
  const existing = await db.selectFrom('metrics').select('id').where('workspace_id', '=', workspaceId).where('key', '=', key).executeTakeFirst();
  if (existing) return existing.id;
  const id = newId();
  const now = nowIso();
  await db
    .insertInto('metrics')
    .values({ id, workspace_id: workspaceId, key, name: key, description: null, unit: null, aggregation, created_at: now, updated_at: now })
    .execute();
  return id;
}

export async function insertMetricValues(
  db: Kysely<DB>,
  workspaceId: string,
  metricId: string,
  values: Array<{ accountId: string; day: string; value: number }>,
): Promise<void> {
  const rows = values.map((v) => ({
    workspace_id: workspaceId,
    metric_id: metricId,
    account_id: v.accountId,
    day: v.day,
    value: v.value,
    updated_at: nowIso(),
  }));
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('metric_values')
      .values(rows.slice(i, i + 500))
      .execute();
}

export async function insertAccount(db: Kysely<DB>, workspaceId: string, name: string): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto('accounts')
    .values({
      id,
      workspace_id: workspaceId,
      name,
      external_id: null,
      domain: null,
      industry: null,
      region: null,
      company_size: null,
      arr_minor: 0,
      currency: 'USD',
      deployment_status: null,
      lifecycle_phase: null,
      touch_tier: null,
      owner_id: null,
      renewal_date: null,
      risk_statuses: '[]',
      parent_id: null,
      custom_fields: '{}',
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}
