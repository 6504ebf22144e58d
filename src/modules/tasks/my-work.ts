import { sql } from 'kysely';
import type { Database } from '../../db/connection.js';
import { invalid } from '../../server/errors.js';
import type { Actor } from '../../server/types.js';
import { requestsForPerson } from '../requests/service.js';
import { findMember } from '../workspaces/service.js';
import type { MyWork, MyWorkQuery, Task } from './contracts.js';
import { OPEN_TASK_STATUSES, type TaskQuery, type TaskRow, taskBase, toTask, withNames } from './repo.js';
import { utcToday } from './service.js';

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whose work: the named member, else the signed-in person. An API key is nobody, so it must name one. */
async function personFor(database: Database, actor: Actor, userId: string | undefined): Promise<string> {
  if (userId) {
    if (!(await findMember(database, actor.workspaceId, userId))) throw invalid('userId', 'member', 'No such user in this workspace', userId);
    return userId;
  }
  if (!actor.userId) throw invalid('userId', 'required', 'An API key has no work of its own: name the person with userId', null);
  return actor.userId;
}

/** Open or in-progress tasks the person owns, plus unowned ones on the accounts they own. */
function mine(database: Database, workspaceId: string, userId: string): TaskQuery {
  return taskBase(database.db, workspaceId)
    .where('t.status', 'in', OPEN_TASK_STATUSES)
    .where((eb) => eb.or([eb('t.owner_id', '=', userId), eb.and([eb('t.owner_id', 'is', null), eb('account.owner_id', '=', userId)])]));
}

const priorityRank = sql`(case t.priority when 'urgent' then 4 when 'high' then 3 when 'normal' then 2 else 1 end)`;

async function section(q: TaskQuery, limit: number): Promise<Task[]> {
  const rows = (await withNames(q)
    .orderBy('t.due_on')
    .orderBy(priorityRank, 'desc')
    .orderBy('t.created_at')
    .orderBy('t.id')
    .limit(limit)
    .execute()) as TaskRow[];
  return rows.map(toTask);
}

export async function myWork(database: Database, actor: Actor, query: MyWorkQuery): Promise<MyWork> {
  const userId = await personFor(database, actor, query.userId);
  const today = query.today ?? utcToday();
  const weekEnd = addDays(today, 6);
  const base = () => mine(database, actor.workspaceId, userId);
  const counts = await base()
    .select([
      sql<number>`coalesce(sum(case when t.due_on < ${today} then 1 else 0 end), 0)`.as('overdue'),
      sql<number>`coalesce(sum(case when t.due_on = ${today} then 1 else 0 end), 0)`.as('due_today'),
      sql<number>`coalesce(sum(case when t.due_on >= ${today} and t.due_on <= ${weekEnd} then 1 else 0 end), 0)`.as('this_week'),
      sql<number>`coalesce(sum(case when t.due_on > ${weekEnd} then 1 else 0 end), 0)`.as('later'),
      sql<number>`coalesce(sum(case when t.due_on is null then 1 else 0 end), 0)`.as('no_date'),
      sql<number>`count(*)`.as('open'),
    ])
    .executeTakeFirstOrThrow();
  const limit = query.limit;
  const requests = await requestsForPerson(database, actor.workspaceId, userId, limit);
  return {
    userId,
    today,
    overdue: { items: await section(base().where('t.due_on', '<', today), limit), total: Number(counts.overdue) },
    dueThisWeek: { items: await section(base().where('t.due_on', '>=', today).where('t.due_on', '<=', weekEnd), limit), total: Number(counts.this_week) },
    later: { items: await section(base().where('t.due_on', '>', weekEnd), limit), total: Number(counts.later) },
    noDueDate: { items: await section(base().where('t.due_on', 'is', null), limit), total: Number(counts.no_date) },
    requestsWaitingOnMe: requests.waiting,
    myStalledRequests: requests.stalled,
    counts: {
      overdue: Number(counts.overdue),
      dueToday: Number(counts.due_today),
      dueThisWeek: Number(counts.this_week),
      later: Number(counts.later),
      noDueDate: Number(counts.no_date),
      open: Number(counts.open),
      requestsWaitingOnMe: requests.waiting.total,
      myStalledRequests: requests.stalled.total,
    },
  };
}
