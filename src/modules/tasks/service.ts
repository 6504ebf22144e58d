import type { Database } from '../../db/connection.js';
import { nowIso } from '../../db/dialect.js';
import { afterCursor, splitPage } from '../../db/keyset.js';
import type { DB } from '../../db/schema.js';
import { withTransaction } from '../../db/transaction.js';
import { parseSort } from '../../lib/cursor.js';
import { invalid, notFound } from '../../server/errors.js';
import type { Actor } from '../../server/types.js';
import { findAccountRow } from '../accounts/repo.js';
import { resolveMe } from '../requests/people.js';
import { findMember } from '../workspaces/service.js';
import type { Task, TaskCreate, TaskListQuery, TaskPage, TaskPatch } from './contracts.js';
import { insertTasks } from './create.js';
import { checkTaskLinks } from './links.js';
import { filterTasks, findTaskRow, type TaskRow, taskBase, taskSortExpression, toTask, withNames } from './repo.js';

/** Today in UTC, as YYYY-MM-DD: what "overdue" is measured against unless a caller gives its own day. */
export function utcToday(): string {
  return new Date().toISOString().slice(0, 10);
}

export async function listTasks(database: Database, actor: Actor, query: TaskListQuery): Promise<TaskPage> {
  const filters = { ...query, ownerId: resolveMe(actor, 'ownerId', query.ownerId) };
  const today = utcToday();
  const { field, direction } = parseSort(query.sort);
  const { key, kind } = taskSortExpression(field);
  let q = withNames(filterTasks(taskBase(database.db, actor.workspaceId), filters, today)).select(key.as('sort_key'));
  if (query.cursor) q = q.where(afterCursor(key, kind, 't.id', direction, query.cursor));
  const fetched = (await q
    .orderBy(key, direction)
    .orderBy('t.id', direction)
    .limit(query.limit + 1)
    .execute()) as Array<TaskRow & { sort_key: string | number }>;
  const { rows, nextCursor } = splitPage(fetched, query.limit);
  const count = await filterTasks(taskBase(database.db, actor.workspaceId), filters, today)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { items: rows.map(toTask), nextCursor, total: Number(count.n) };
}

/** The tasks of one account (404 when the account is not in the workspace). */
export async function listAccountTasks(database: Database, actor: Actor, accountId: string, query: Omit<TaskListQuery, 'accountId'>): Promise<TaskPage> {
  if (!(await findAccountRow(database.db, actor.workspaceId, accountId))) throw notFound('Account');
  return listTasks(database, actor, { ...query, accountId: [accountId] });
}

export async function getTask(database: Database, actor: Actor, id: string): Promise<Task> {
  const row = await findTaskRow(database.db, actor.workspaceId, id);
  if (!row) throw notFound('Task');
  return toTask(row);
}

async function checkOwner(database: Database, actor: Actor, ownerId: string | null | undefined): Promise<void> {
  if (ownerId && !(await findMember(database, actor.workspaceId, ownerId))) {
    throw invalid('ownerId', 'member', 'The owner must be a user of this workspace', ownerId);
  }
}

export async function createTask(database: Database, actor: Actor, input: TaskCreate): Promise<Task> {
  if (!(await findAccountRow(database.db, actor.workspaceId, input.accountId))) {
    throw invalid('accountId', 'exists', 'The account does not exist in this workspace', input.accountId);
  }
  await checkOwner(database, actor, input.ownerId);
  await checkTaskLinks(database, actor.workspaceId, input.accountId, input);
  const [id] = await withTransaction(database.db, (trx) => insertTasks(trx, actor.workspaceId, actor.userId, [input]));
  return getTask(database, actor, id as string);
}

export async function updateTask(database: Database, actor: Actor, id: string, patch: TaskPatch): Promise<Task> {
  const current = await findTaskRow(database.db, actor.workspaceId, id);
  if (!current) throw notFound('Task');
  await checkOwner(database, actor, patch.ownerId);
  // Dropping the run drops its checklist item with it.
  const runId = patch.playbookRunId !== undefined ? patch.playbookRunId : current.playbook_run_id;
  const itemId = patch.playbookItemId !== undefined ? patch.playbookItemId : patch.playbookRunId === null ? null : current.playbook_item_id;
  const links = {
    activityId: patch.activityId !== undefined ? patch.activityId : current.activity_id,
    riskId: patch.riskId !== undefined ? patch.riskId : current.risk_id,
    playbookRunId: runId,
    playbookItemId: itemId,
  };
  await checkTaskLinks(database, actor.workspaceId, current.account_id, links);
  const now = nowIso();
  const c: Partial<DB['tasks']> = {
    updated_at: now,
    activity_id: links.activityId,
    risk_id: links.riskId,
    playbook_run_id: links.playbookRunId,
    playbook_item_id: links.playbookItemId,
  };
  if (patch.title !== undefined) c.title = patch.title;
  if (patch.description !== undefined) c.description = patch.description;
  if (patch.ownerId !== undefined) c.owner_id = patch.ownerId;
  if (patch.dueOn !== undefined) c.due_on = patch.dueOn;
  if (patch.priority !== undefined) c.priority = patch.priority;
  if (patch.status !== undefined && patch.status !== current.status) {
    c.status = patch.status;
    // Done records when; any other status (reopened, in progress, cancelled) has no completion.
    c.completed_at = patch.status === 'done' ? now : null;
  }
  await database.db.updateTable('tasks').set(c).where('workspace_id', '=', actor.workspaceId).where('id', '=', id).execute();
  return getTask(database, actor, id);
}

export async function deleteTask(database: Database, actor: Actor, id: string): Promise<void> {
  const result = await database.db.deleteFrom('tasks').where('workspace_id', '=', actor.workspaceId).where('id', '=', id).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound('Task');
}
