import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/connection.js';
import { decodeJson, jsonArrayContains } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import type { ActivityStatus, ActivityType, TaskStatus } from '../../domain/enums.js';
import type { Activity, ActivityFilters, ActivityTask } from './contracts.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** The day after a YYYY-MM-DD, for "up to and including this day" on timestamps. */
function nextDay(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}

/** The workspace's activities passing the filters, nothing selected yet: the list and its count share it. */
export function filteredActivities(database: Database, workspaceId: string, filters: ActivityFilters, db: Executor = database.db) {
  let q = db.selectFrom('activities').where('activities.workspace_id', '=', workspaceId);
  if (filters.accountId) q = q.where('activities.account_id', '=', filters.accountId);
  if (filters.type?.length) q = q.where('activities.type', 'in', filters.type);
  if (filters.status?.length) q = q.where('activities.status', 'in', filters.status);
  if (filters.from) q = q.where('activities.occurred_at', '>=', `${filters.from}T00:00:00.000Z`);
  if (filters.to) q = q.where('activities.occurred_at', '<', nextDay(filters.to));
  const { contactId, userId } = filters;
  if (contactId) q = q.where((eb) => jsonArrayContains(database.dialect, eb.ref('activities.contact_ids'), contactId));
  if (userId) q = q.where((eb) => jsonArrayContains(database.dialect, eb.ref('activities.user_ids'), userId));
  return q;
}

export type ActivityRow = DB['activities'] & { account_name: string; created_by_name: string | null };

export function withNames(query: ReturnType<typeof filteredActivities>) {
  return query
    .innerJoin('accounts', 'accounts.id', 'activities.account_id')
    .leftJoin('users as creator', 'creator.id', 'activities.created_by')
    .selectAll('activities')
    .select(['accounts.name as account_name', 'creator.name as created_by_name']);
}

export async function findActivityRow(database: Database, workspaceId: string, id: string, db: Executor = database.db): Promise<ActivityRow | undefined> {
  return (await withNames(db.selectFrom('activities').where('activities.workspace_id', '=', workspaceId))
    .where('activities.id', '=', id)
    .executeTakeFirst()) as ActivityRow | undefined;
}

/** Rows to API shapes, with attendee names and action-item tasks read in three batched queries. */
export async function toActivities(db: Executor, workspaceId: string, rows: ActivityRow[]): Promise<Activity[]> {
  if (rows.length === 0) return [];
  const decoded = rows.map((r) => ({ row: r, contactIds: decodeJson<string[]>(r.contact_ids, []), userIds: decodeJson<string[]>(r.user_ids, []) }));
  const contactIds = [...new Set(decoded.flatMap((d) => d.contactIds))];
  const userIds = [...new Set(decoded.flatMap((d) => d.userIds))];
  const contacts = contactIds.length
    ? await db.selectFrom('contacts').select(['id', 'name']).where('workspace_id', '=', workspaceId).where('id', 'in', contactIds).execute()
    : [];
  const users = userIds.length
    ? await db
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .select(['users.id', 'users.name'])
        .where('memberships.workspace_id', '=', workspaceId)
        .where('users.id', 'in', userIds)
        .execute()
    : [];
  const tasks = await db
    .selectFrom('tasks')
    .leftJoin('users as owner', 'owner.id', 'tasks.owner_id')
    .select(['tasks.id', 'tasks.activity_id', 'tasks.title', 'tasks.status', 'tasks.owner_id', 'tasks.due_on', 'owner.name as owner_name'])
    .where('tasks.workspace_id', '=', workspaceId)
    .where(
      'tasks.activity_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('tasks.created_at')
    .orderBy('tasks.id')
    .execute();
  const contactName = new Map(contacts.map((c) => [c.id, c.name]));
  const userName = new Map(users.map((u) => [u.id, u.name]));
  const tasksOf = new Map<string, ActivityTask[]>();
  for (const t of tasks) {
    const list = tasksOf.get(t.activity_id ?? '') ?? [];
    list.push({ id: t.id, title: t.title, status: t.status as TaskStatus, ownerId: t.owner_id, ownerName: t.owner_name, dueOn: t.due_on });
    tasksOf.set(t.activity_id ?? '', list);
  }
  const named = (ids: string[], names: Map<string, string>) => ids.flatMap((id) => (names.has(id) ? [{ id, name: names.get(id) as string }] : []));
  return decoded.map(({ row, contactIds: cIds, userIds: uIds }) => ({
    id: row.id,
    accountId: row.account_id,
    accountName: row.account_name,
    type: row.type as ActivityType,
    status: row.status as ActivityStatus,
    title: row.title,
    occurredAt: row.occurred_at,
    durationMinutes: row.duration_minutes === null ? null : Number(row.duration_minutes),
    summary: row.summary,
    outcome: row.outcome,
    contacts: named(cIds, contactName),
    users: named(uIds, userName),
    tasks: tasksOf.get(row.id) ?? [],
    createdById: row.created_by,
    createdByName: row.created_by_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}

/** Of these contact ids, the ones that are not contacts of the account in this workspace. */
export async function foreignContacts(db: Executor, workspaceId: string, accountId: string, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const found = await db
    .selectFrom('contacts')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('account_id', '=', accountId)
    .where('id', 'in', [...ids])
    .execute();
  const ok = new Set(found.map((r) => r.id));
  return ids.filter((id) => !ok.has(id));
}

/** Of these user ids, the ones that are not members of the workspace. */
export async function nonMembers(db: Executor, workspaceId: string, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const found = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', 'in', [...ids])
    .execute();
  const ok = new Set(found.map((r) => r.user_id));
  return ids.filter((id) => !ok.has(id));
}

/** The newest-first ordering every activity list uses. */
export const occurredKey = sql<string>`activities.occurred_at`;
