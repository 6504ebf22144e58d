import type { Database } from '../../db/connection.js';
import { nowIso } from '../../db/dialect.js';
import { afterCursor, splitPage } from '../../db/keyset.js';
import type { DB } from '../../db/schema.js';
import { parseSort } from '../../lib/cursor.js';
import { newId } from '../../lib/ids.js';
import { invalid, notFound } from '../../server/errors.js';
import type { Actor } from '../../server/types.js';
import { findAccountRow } from '../accounts/repo.js';
import { findMember, getSettings } from '../workspaces/service.js';
import type { InternalRequest, RequestCreate, RequestListQuery, RequestPage, RequestPatch } from './contracts.js';
import { resolveMe, splitNone } from './people.js';
import { type RequestRow, requestSortExpression, selectRequests, stalledBefore, stalledCondition, toRequest } from './repo.js';

async function followUpDays(database: Database, workspaceId: string): Promise<number> {
  return (await getSettings(database, workspaceId)).requestFollowUpDays;
}

export async function listRequests(database: Database, actor: Actor, query: RequestListQuery): Promise<RequestPage> {
  const days = await followUpDays(database, actor.workspaceId);
  const now = new Date();
  const assignees = resolveMe(actor, 'assigneeId', query.assigneeId);
  const askers = resolveMe(actor, 'requestedBy', query.requestedBy);
  const threshold = stalledBefore(now, days);
  const filtered = () => {
    let q = selectRequests(database.db).where('r.workspace_id', '=', actor.workspaceId);
    for (const [values, column] of [
      [assignees, 'r.assignee_id'],
      [askers, 'r.requested_by'],
    ] as const) {
      if (!values?.length) continue;
      const { ids, none } = splitNone(values);
      q = q.where((eb) => eb.or([...(ids.length ? [eb(column, 'in', ids)] : []), ...(none ? [eb(column, 'is', null)] : [])]));
    }
    if (query.status?.length) q = q.where('r.status', 'in', query.status);
    if (query.accountId?.length) q = q.where('r.account_id', 'in', query.accountId);
    if (query.stalled === true) q = q.where(stalledCondition(threshold));
    if (query.stalled === false) q = q.where((eb) => eb.not(stalledCondition(threshold)(eb)));
    return q;
  };
  const { field, direction } = parseSort(query.sort);
  const { key, kind } = requestSortExpression(field);
  let q = filtered().select(key.as('sort_key'));
  if (query.cursor) q = q.where(afterCursor(key, kind, 'r.id', direction, query.cursor));
  const fetched = (await q
    .orderBy(key, direction)
    .orderBy('r.id', direction)
    .limit(query.limit + 1)
    .execute()) as Array<RequestRow & { sort_key: string | number }>;
  const { rows, nextCursor } = splitPage(fetched, query.limit);
  const count = await filtered()
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { items: rows.map((r) => toRequest(r, now, days)), nextCursor, total: Number(count.n) };
}

export async function getRequest(database: Database, actor: Actor, id: string): Promise<InternalRequest> {
  const row = (await selectRequests(database.db).where('r.workspace_id', '=', actor.workspaceId).where('r.id', '=', id).executeTakeFirst()) as
    | RequestRow
    | undefined;
  if (!row) throw notFound('Request');
  return toRequest(row, new Date(), await followUpDays(database, actor.workspaceId));
}

async function checkReferences(database: Database, actor: Actor, input: RequestPatch): Promise<void> {
  if (input.assigneeId && !(await findMember(database, actor.workspaceId, input.assigneeId))) {
    throw invalid('assigneeId', 'member', 'The person asked must be a user of this workspace', input.assigneeId);
  }
  if (input.accountId && !(await findAccountRow(database.db, actor.workspaceId, input.accountId))) {
    throw invalid('accountId', 'exists', 'The account does not exist in this workspace', input.accountId);
  }
}

export async function createRequest(database: Database, actor: Actor, input: RequestCreate): Promise<InternalRequest> {
  await checkReferences(database, actor, input);
  const now = nowIso();
  const id = newId();
  await database.db
    .insertInto('internal_requests')
    .values({
      id,
      workspace_id: actor.workspaceId,
      account_id: input.accountId ?? null,
      title: input.title,
      details: input.details ?? null,
      requested_by: actor.userId,
      assignee_id: input.assigneeId,
      asked_at: now,
      needed_by: input.neededBy ?? null,
      status: 'open',
      response: null,
      resolved_at: null,
      last_follow_up_at: null,
      follow_ups: 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return getRequest(database, actor, id);
}

async function currentStatus(database: Database, actor: Actor, id: string): Promise<string> {
  const row = await database.db
    .selectFrom('internal_requests')
    .select('status')
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Request');
  return row.status;
}

export async function updateRequest(database: Database, actor: Actor, id: string, patch: RequestPatch): Promise<InternalRequest> {
  const status = await currentStatus(database, actor, id);
  await checkReferences(database, actor, patch);
  const now = nowIso();
  const c: Partial<DB['internal_requests']> = { updated_at: now };
  if (patch.title !== undefined) c.title = patch.title;
  if (patch.details !== undefined) c.details = patch.details;
  if (patch.assigneeId !== undefined) c.assignee_id = patch.assigneeId;
  if (patch.accountId !== undefined) c.account_id = patch.accountId;
  if (patch.neededBy !== undefined) c.needed_by = patch.neededBy;
  if (patch.response !== undefined) c.response = patch.response;
  if (patch.status !== undefined && patch.status !== status) {
    c.status = patch.status;
    // Resolved when answered or called off; reopening makes it wait again.
    c.resolved_at = patch.status === 'open' ? null : now;
  }
  await database.db.updateTable('internal_requests').set(c).where('workspace_id', '=', actor.workspaceId).where('id', '=', id).execute();
  return getRequest(database, actor, id);
}

export async function deleteRequest(database: Database, actor: Actor, id: string): Promise<void> {
  const result = await database.db.deleteFrom('internal_requests').where('workspace_id', '=', actor.workspaceId).where('id', '=', id).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound('Request');
}

/** The asker nudged the colleague: the stall clock starts again from now. */
export async function followUpRequest(database: Database, actor: Actor, id: string): Promise<InternalRequest> {
  const status = await currentStatus(database, actor, id);
  if (status !== 'open') throw invalid('status', 'open', `Only a waiting request can be followed up; this one is ${status}`, status);
  const now = nowIso();
  await database.db
    .updateTable('internal_requests')
    .set((eb) => ({ last_follow_up_at: now, follow_ups: eb('follow_ups', '+', 1), updated_at: now }))
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', id)
    .execute();
  return getRequest(database, actor, id);
}

/** My work's two request sections: open requests waiting on `userId`, and their own that stalled. */
export async function requestsForPerson(
  database: Database,
  workspaceId: string,
  userId: string,
  limit: number,
): Promise<{ waiting: { items: InternalRequest[]; total: number }; stalled: { items: InternalRequest[]; total: number } }> {
  const days = await followUpDays(database, workspaceId);
  const now = new Date();
  const threshold = stalledBefore(now, days);
  const open = () => selectRequests(database.db).where('r.workspace_id', '=', workspaceId).where('r.status', '=', 'open');
  const section = async (q: ReturnType<typeof open>) => {
    const rows = (await q.orderBy('r.asked_at').orderBy('r.id').limit(limit).execute()) as RequestRow[];
    const count = await q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { items: rows.map((r) => toRequest(r, now, days)), total: Number(count.n) };
  };
  return {
    waiting: await section(open().where('r.assignee_id', '=', userId)),
    stalled: await section(open().where('r.requested_by', '=', userId).where(stalledCondition(threshold))),
  };
}
