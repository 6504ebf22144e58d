import { type ExpressionBuilder, type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { type PlaybookKind, PlaybookKinds, type PlaybookRunStatus, type TaskStatus, TaskStatuses } from '../../domain/enums.js';
import type { PlaybookPortfolio, PlaybookRunSummary, RunItem } from './contracts.js';

export type Executor = Kysely<DB> | Transaction<DB>;

/** Today in UTC as YYYY-MM-DD: due dates are plain dates. */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

export function addDaysToDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const OPEN_TASK: TaskStatus[] = ['open', 'in_progress'];

type RunEb = ExpressionBuilder<DB & { r: DB['playbook_runs'] }, 'r'>;

/** A run still has something to do: the condition behind the derived "active" status. */
export function hasOpenTasks(eb: RunEb) {
  return eb.exists(eb.selectFrom('tasks as ot').select('ot.id').whereRef('ot.playbook_run_id', '=', 'r.id').where('ot.status', 'in', OPEN_TASK));
}

/** Runs with their task counts (correlated counts, so that a page of runs costs no more than the page). */
export function runsWithCounts(db: Executor, workspaceId: string, today: string) {
  const count = <A extends string>(eb: RunEb, alias: A, filter: (q: ReturnType<typeof base>) => ReturnType<typeof base>) => filter(base(eb)).as(alias);
  const base = (eb: RunEb) => eb.selectFrom('tasks as t').select(sql<number>`count(*)`.as('n')).whereRef('t.playbook_run_id', '=', 'r.id');
  return db
    .selectFrom('playbook_runs as r')
    .innerJoin('playbooks as p', 'p.id', 'r.playbook_id')
    .innerJoin('accounts as a', 'a.id', 'r.account_id')
    .select([
      'r.id',
      'r.playbook_id',
      'r.account_id',
      'r.status',
      'r.started_on',
      'r.completed_at',
      'r.created_at',
      'p.name as playbook_name',
      'p.kind',
      'a.name as account_name',
    ])
    .select((eb) => [
      count(eb, 'total', (q) => q),
      count(eb, 'done', (q) => q.where('t.status', '=', 'done')),
      count(eb, 'cancelled', (q) => q.where('t.status', '=', 'cancelled')),
      count(eb, 'overdue', (q) => q.where('t.status', 'in', OPEN_TASK).where('t.due_on', '<', today)),
      eb
        .selectFrom('tasks as lt')
        .select((e) => e.fn.max('lt.completed_at').as('last'))
        .whereRef('lt.playbook_run_id', '=', 'r.id')
        .as('last_completed_at'),
    ])
    .where('r.workspace_id', '=', workspaceId);
}

export interface RunCountsRow {
  id: string;
  playbook_id: string;
  account_id: string;
  status: string;
  started_on: string;
  completed_at: string | null;
  created_at: string;
  playbook_name: string;
  kind: string;
  account_name: string;
  total: number | string | null;
  done: number | string | null;
  cancelled: number | string | null;
  overdue: number | string | null;
  last_completed_at: string | null;
}

/** The derived status: an explicitly cancelled run stays cancelled; one with nothing left to do is completed. */
export function toRunSummary(row: RunCountsRow): PlaybookRunSummary {
  const total = Number(row.total ?? 0);
  const done = Number(row.done ?? 0);
  const counted = total - Number(row.cancelled ?? 0);
  const open = counted - done;
  const status: PlaybookRunStatus = row.status === 'cancelled' ? 'cancelled' : open > 0 ? 'active' : 'completed';
  return {
    id: row.id,
    playbookId: row.playbook_id,
    playbookName: row.playbook_name,
    kind: PlaybookKinds.schema.catch('checklist').parse(row.kind) as PlaybookKind,
    accountId: row.account_id,
    accountName: row.account_name,
    status,
    startedOn: row.started_on,
    completedAt: row.completed_at ?? (status === 'completed' ? row.last_completed_at : null),
    createdAt: row.created_at,
    progress: { done, total: counted, ratio: counted > 0 ? done / counted : 1, overdue: status === 'active' ? Number(row.overdue ?? 0) : 0 },
  };
}

/** Each run's checklist: its tasks in the playbook's item order (items deleted since sort by due date, last). */
export async function runItems(db: Executor, workspaceId: string, runIds: readonly string[]): Promise<Map<string, RunItem[]>> {
  const byRun = new Map<string, RunItem[]>(runIds.map((id) => [id, []]));
  for (let i = 0; i < runIds.length; i += 500) {
    const rows = await db
      .selectFrom('tasks as t')
      .leftJoin('playbook_items as i', 'i.id', 't.playbook_item_id')
      .leftJoin('users as u', 'u.id', 't.owner_id')
      .select([
        't.id',
        't.playbook_run_id',
        't.playbook_item_id',
        't.title',
        't.description',
        't.due_on',
        't.status',
        't.owner_id',
        't.completed_at',
        'u.name as owner_name',
        'i.position',
      ])
      .where('t.workspace_id', '=', workspaceId)
      .where('t.playbook_run_id', 'in', runIds.slice(i, i + 500))
      .execute();
    rows.sort((a, b) => (a.position ?? 1e9) - (b.position ?? 1e9) || (a.due_on ?? '').localeCompare(b.due_on ?? '') || a.id.localeCompare(b.id));
    for (const r of rows)
      byRun.get(r.playbook_run_id ?? '')?.push({
        taskId: r.id,
        itemId: r.playbook_item_id,
        title: r.title,
        details: r.description,
        dueOn: r.due_on,
        status: TaskStatuses.schema.catch('open').parse(r.status),
        ownerId: r.owner_id,
        ownerName: r.owner_name ?? null,
        completedAt: r.completed_at,
      });
  }
  return byRun;
}

/** Portfolio figures per playbook from its runs' summaries. */
export function portfolioOf(runs: readonly PlaybookRunSummary[]): PlaybookPortfolio {
  const active = runs.filter((r) => r.status === 'active');
  return {
    activeRuns: active.length,
    completedRuns: runs.filter((r) => r.status === 'completed').length,
    cancelledRuns: runs.filter((r) => r.status === 'cancelled').length,
    averageProgress: active.length ? active.reduce((s, r) => s + r.progress.ratio, 0) / active.length : null,
    overdueItems: active.reduce((s, r) => s + r.progress.overdue, 0),
  };
}
