import { type ExpressionBuilder, type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { KeyKind } from '../../db/keyset.js';
import type { DB } from '../../db/schema.js';
import type { Priority, TaskStatus } from '../../domain/enums.js';
import type { Task, TaskFilters, TaskSource } from './contracts.js';

type Executor = Kysely<DB> | Transaction<DB>;

export const OPEN_TASK_STATUSES: readonly TaskStatus[] = ['open', 'in_progress'];

/** The workspace's tasks joined to their account (which My work's "unowned on my accounts" needs), nothing selected yet. */
export function taskBase(db: Executor, workspaceId: string) {
  return db.selectFrom('tasks as t').innerJoin('accounts as account', 'account.id', 't.account_id').where('t.workspace_id', '=', workspaceId);
}
export type TaskQuery = ReturnType<typeof taskBase>;

/**
 * Every task column plus the names a row shows: account, owner, and what the task came from. The links are
 * left joins to small keyed tables, and the list is paged, so this stays one query per page.
 */
export function withNames(query: TaskQuery) {
  return query
    .leftJoin('users as owner', 'owner.id', 't.owner_id')
    .leftJoin('activities as activity', 'activity.id', 't.activity_id')
    .leftJoin('risks as risk', 'risk.id', 't.risk_id')
    .leftJoin('playbook_runs as run', 'run.id', 't.playbook_run_id')
    .leftJoin('playbooks as playbook', 'playbook.id', 'run.playbook_id')
    .leftJoin('playbook_items as item', 'item.id', 't.playbook_item_id')
    .selectAll('t')
    .select([
      'account.name as account_name',
      'owner.name as owner_name',
      'activity.title as activity_title',
      'risk.title as risk_title',
      'playbook.name as playbook_name',
      'item.title as item_title',
    ]);
}

export type TaskRow = DB['tasks'] & {
  account_name: string;
  owner_name: string | null;
  activity_title: string | null;
  risk_title: string | null;
  playbook_name: string | null;
  item_title: string | null;
};

function sourceOf(row: TaskRow): TaskSource | null {
  if (row.playbook_run_id) {
    const label = [row.playbook_name, row.item_title].filter(Boolean).join(' · ');
    return { kind: 'playbook', label: label || 'Playbook' };
  }
  if (row.risk_id) return { kind: 'risk', label: row.risk_title ?? 'Risk' };
  if (row.activity_id) return { kind: 'activity', label: row.activity_title ?? 'Activity' };
  return null;
}

export function toTask(row: TaskRow): Task {
  return {
    id: row.id,
    accountId: row.account_id,
    accountName: row.account_name,
    title: row.title,
    description: row.description,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    dueOn: row.due_on,
    priority: row.priority as Priority,
    status: row.status as TaskStatus,
    activityId: row.activity_id,
    riskId: row.risk_id,
    playbookRunId: row.playbook_run_id,
    playbookItemId: row.playbook_item_id,
    source: sourceOf(row),
    completedAt: row.completed_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Filters shared by the list and its count. `ownerId` has "me" already replaced; `today` decides "overdue". */
export function filterTasks(q: TaskQuery, filters: TaskFilters, today: string): TaskQuery {
  let out = q;
  if (filters.accountId?.length) out = out.where('t.account_id', 'in', filters.accountId);
  if (filters.ownerId?.length) {
    const ids = filters.ownerId.filter((v) => v !== 'none');
    const none = ids.length !== filters.ownerId.length;
    out = out.where((eb) => eb.or([...(ids.length ? [eb('t.owner_id', 'in', ids)] : []), ...(none ? [eb('t.owner_id', 'is', null)] : [])]));
  }
  if (filters.activityId?.length) out = out.where('t.activity_id', 'in', filters.activityId);
  if (filters.riskId?.length) out = out.where('t.risk_id', 'in', filters.riskId);
  if (filters.playbookRunId?.length) out = out.where('t.playbook_run_id', 'in', filters.playbookRunId);
  if (filters.status?.length) out = out.where('t.status', 'in', filters.status);
  if (filters.priority?.length) out = out.where('t.priority', 'in', filters.priority);
  if (filters.dueBefore) out = out.where('t.due_on', '<', filters.dueBefore);
  if (filters.dueAfter) out = out.where('t.due_on', '>', filters.dueAfter);
  if (filters.overdue !== undefined) {
    // "is not null" keeps the negation two-valued: without it a task with no due date would match neither side.
    const overdue = (eb: ExpressionBuilder<DB & { t: DB['tasks'] } & { account: DB['accounts'] }, 't' | 'account'>) =>
      eb.and([eb('t.status', 'in', OPEN_TASK_STATUSES), eb('t.due_on', 'is not', null), eb('t.due_on', '<', today)]);
    out = filters.overdue ? out.where(overdue) : out.where((eb) => eb.not(overdue(eb)));
  }
  if (filters.source?.length) {
    const sources = filters.source;
    out = out.where((eb) =>
      eb.or(
        sources.map((s) => {
          if (s === 'activity') return eb('t.activity_id', 'is not', null);
          if (s === 'risk') return eb('t.risk_id', 'is not', null);
          if (s === 'playbook') return eb('t.playbook_run_id', 'is not', null);
          return eb.and([eb('t.activity_id', 'is', null), eb('t.risk_id', 'is', null), eb('t.playbook_run_id', 'is', null)]);
        }),
      ),
    );
  }
  return out;
}

/** Sort keys as SQL; a task without a due date sorts last through a sentinel so keyset comparisons stay simple. */
export function taskSortExpression(field: string): { key: RawBuilder<string | number>; kind: KeyKind } {
  switch (field) {
    case 'priority':
      return { key: sql`(case t.priority when 'urgent' then 4 when 'high' then 3 when 'normal' then 2 else 1 end)`, kind: 'number' };
    case 'createdAt':
      return { key: sql`t.created_at`, kind: 'timestamp' };
    default:
      return { key: sql`coalesce(t.due_on, '9999-12-31')`, kind: 'date' };
  }
}

export async function findTaskRow(db: Executor, workspaceId: string, id: string): Promise<TaskRow | undefined> {
  return (await withNames(taskBase(db, workspaceId)).where('t.id', '=', id).executeTakeFirst()) as TaskRow | undefined;
}
