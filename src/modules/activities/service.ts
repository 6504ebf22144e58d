import type { Database } from '../../db/connection.js';
import { decodeJson, encodeJson, nowIso } from '../../db/dialect.js';
import { afterCursor, splitPage } from '../../db/keyset.js';
import type { DB } from '../../db/schema.js';
import { withTransaction } from '../../db/transaction.js';
import type { ActivityStatus } from '../../domain/enums.js';
import { newId } from '../../lib/ids.js';
import { AppError, type FieldIssue, notFound } from '../../server/errors.js';
import type { Actor } from '../../server/types.js';
import { accountExists } from '../accounts/repo.js';
import { insertTasks } from '../tasks/create.js';
import type { ActionItem, Activity, ActivityCreate, ActivityListQuery, ActivityPage, ActivityPatch } from './contracts.js';
import { type ActivityRow, filteredActivities, findActivityRow, foreignContacts, nonMembers, occurredKey, toActivities, withNames } from './repo.js';
import { refreshAccountTouches } from './touches.js';

/** A "done" activity may be logged up to a day ahead (time zones, a meeting later today); beyond that it is planned. */
const DONE_AHEAD_MS = 24 * 60 * 60 * 1000;

export async function listActivities(database: Database, actor: Actor, query: ActivityListQuery): Promise<ActivityPage> {
  let q = withNames(filteredActivities(database, actor.workspaceId, query)).select(occurredKey.as('sort_key'));
  if (query.cursor) q = q.where(afterCursor(occurredKey, 'timestamp', 'activities.id', 'desc', query.cursor));
  const fetched = (await q
    .orderBy(occurredKey, 'desc')
    .orderBy('activities.id', 'desc')
    .limit(query.limit + 1)
    .execute()) as Array<ActivityRow & { sort_key: string }>;
  const { rows, nextCursor } = splitPage(fetched, query.limit);
  const count = await filteredActivities(database, actor.workspaceId, query)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { items: await toActivities(database.db, actor.workspaceId, rows), nextCursor, total: Number(count.n) };
}

/** The account's timeline: 404 for an account that is not in the actor's workspace. */
export async function listAccountActivities(
  database: Database,
  actor: Actor,
  accountId: string,
  query: Omit<ActivityListQuery, 'accountId'>,
): Promise<ActivityPage> {
  if (!(await accountExists(database.db, actor.workspaceId, accountId))) throw notFound('Account');
  return listActivities(database, actor, { ...query, accountId });
}

export async function getActivity(database: Database, actor: Actor, id: string): Promise<Activity> {
  const row = await findActivityRow(database, actor.workspaceId, id);
  if (!row) throw notFound('Activity');
  const [activity] = await toActivities(database.db, actor.workspaceId, [row]);
  return activity as Activity;
}

interface Resolved {
  accountId: string;
  status: ActivityStatus;
  occurredAt: string;
  contactIds: string[];
  userIds: string[];
  actionItems: ActionItem[];
}

/** Checks what zod cannot (every id belongs here), collecting every problem so one reply names them all. */
async function checkReferences(database: Database, actor: Actor, next: Resolved, accountChanged: boolean): Promise<void> {
  const issues: FieldIssue[] = [];
  const db = database.db;
  if (!(await accountExists(db, actor.workspaceId, next.accountId))) {
    throw new AppError('validation', 'The account does not exist in this workspace', [
      { field: 'accountId', rule: 'exists', message: 'The account does not exist in this workspace', value: next.accountId },
    ]);
  }
  const strangers = await foreignContacts(db, actor.workspaceId, next.accountId, next.contactIds);
  if (strangers.length) {
    const message = accountChanged
      ? 'Attendees must be contacts of the activity’s account: send contactIds for the new account'
      : 'Attendees must be contacts of the activity’s account';
    issues.push({ field: 'contactIds', rule: 'account_contact', message, value: strangers });
  }
  const outsiders = await nonMembers(db, actor.workspaceId, next.userIds);
  if (outsiders.length) issues.push({ field: 'userIds', rule: 'member', message: 'Attendees must be members of this workspace', value: outsiders });
  const owners = [...new Set(next.actionItems.flatMap((a) => (a.ownerId ? [a.ownerId] : [])))];
  const strangerOwners = new Set(await nonMembers(db, actor.workspaceId, owners));
  next.actionItems.forEach((item, i) => {
    if (item.ownerId && strangerOwners.has(item.ownerId)) {
      issues.push({ field: `actionItems.${i}.ownerId`, rule: 'member', message: 'The owner must be a member of this workspace', value: item.ownerId });
    }
  });
  if (next.status === 'done' && Date.parse(next.occurredAt) > Date.now() + DONE_AHEAD_MS) {
    issues.push({
      field: 'status',
      rule: 'not_future',
      message: 'An activity more than a day ahead has not happened yet: plan it instead',
      value: next.status,
    });
  }
  if (issues.length) throw new AppError('validation', issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues);
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

function taskRows(items: readonly ActionItem[], accountId: string, activityId: string) {
  return items.map((a) => ({ accountId, activityId, title: a.title, ownerId: a.ownerId ?? null, dueOn: a.dueOn ?? null, priority: a.priority ?? 'normal' }));
}

export async function createActivity(database: Database, actor: Actor, input: ActivityCreate): Promise<Activity> {
  const status: ActivityStatus = input.status ?? (Date.parse(input.occurredAt) > Date.now() ? 'planned' : 'done');
  const next: Resolved = {
    accountId: input.accountId,
    status,
    occurredAt: input.occurredAt,
    contactIds: unique(input.contactIds),
    userIds: unique(input.userIds),
    actionItems: input.actionItems,
  };
  await checkReferences(database, actor, next, false);
  const id = newId();
  const now = nowIso();
  await withTransaction(database.db, async (trx) => {
    await trx
      .insertInto('activities')
      .values({
        id,
        workspace_id: actor.workspaceId,
        account_id: next.accountId,
        type: input.type,
        status,
        title: input.title,
        occurred_at: next.occurredAt,
        duration_minutes: input.durationMinutes ?? null,
        summary: input.summary ?? null,
        outcome: input.outcome ?? null,
        contact_ids: encodeJson(next.contactIds),
        user_ids: encodeJson(next.userIds),
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await insertTasks(trx, actor.workspaceId, actor.userId, taskRows(next.actionItems, next.accountId, id));
    await refreshAccountTouches(trx, actor.workspaceId, [next.accountId]);
  });
  return getActivity(database, actor, id);
}

export async function updateActivity(database: Database, actor: Actor, id: string, patch: ActivityPatch): Promise<Activity> {
  const current = await findActivityRow(database, actor.workspaceId, id);
  if (!current) throw notFound('Activity');
  const accountId = patch.accountId ?? current.account_id;
  const accountChanged = accountId !== current.account_id;
  const next: Resolved = {
    accountId,
    status: patch.status ?? (current.status as ActivityStatus),
    occurredAt: patch.occurredAt ?? current.occurred_at,
    contactIds: unique(patch.contactIds ?? decodeJson<string[]>(current.contact_ids, [])),
    userIds: unique(patch.userIds ?? decodeJson<string[]>(current.user_ids, [])),
    actionItems: patch.actionItems ?? [],
  };
  await checkReferences(database, actor, next, accountChanged);
  const set: Partial<DB['activities']> = { updated_at: nowIso() };
  if (patch.accountId !== undefined) set.account_id = patch.accountId;
  if (patch.type !== undefined) set.type = patch.type;
  if (patch.status !== undefined) set.status = patch.status;
  if (patch.title !== undefined) set.title = patch.title;
  if (patch.occurredAt !== undefined) set.occurred_at = patch.occurredAt;
  if (patch.durationMinutes !== undefined) set.duration_minutes = patch.durationMinutes;
  if (patch.summary !== undefined) set.summary = patch.summary;
  if (patch.outcome !== undefined) set.outcome = patch.outcome;
  if (patch.contactIds !== undefined) set.contact_ids = encodeJson(next.contactIds);
  if (patch.userIds !== undefined) set.user_ids = encodeJson(next.userIds);
  await withTransaction(database.db, async (trx) => {
    await trx.updateTable('activities').set(set).where('workspace_id', '=', actor.workspaceId).where('id', '=', id).execute();
    if (accountChanged) {
      // The meeting's action items are about the same customer: they follow it to the account it now belongs to.
      await trx
        .updateTable('tasks')
        .set({ account_id: accountId, updated_at: nowIso() })
        .where('workspace_id', '=', actor.workspaceId)
        .where('activity_id', '=', id)
        .execute();
    }
    await insertTasks(trx, actor.workspaceId, actor.userId, taskRows(next.actionItems, accountId, id));
    await refreshAccountTouches(trx, actor.workspaceId, [current.account_id, accountId]);
  });
  return getActivity(database, actor, id);
}

export async function deleteActivity(database: Database, actor: Actor, id: string): Promise<void> {
  const deleted = await withTransaction(database.db, async (trx) => {
    const row = await trx.selectFrom('activities').select('account_id').where('workspace_id', '=', actor.workspaceId).where('id', '=', id).executeTakeFirst();
    if (!row) return false;
    await trx.deleteFrom('activities').where('workspace_id', '=', actor.workspaceId).where('id', '=', id).execute();
    await refreshAccountTouches(trx, actor.workspaceId, [row.account_id]);
    return true;
  });
  if (!deleted) throw notFound('Activity');
}
