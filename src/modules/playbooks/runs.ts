import type { Database } from '../../db/connection.js';
import { nowIso } from '../../db/dialect.js';
import { withTransaction } from '../../db/transaction.js';
import { notFound } from '../../server/errors.js';
import type { Actor } from '../../server/types.js';
import { accountExists } from '../accounts/repo.js';
import type { PlaybookRun, PlaybookRunSummary, RunListQuery } from './contracts.js';
import { hasOpenTasks, type RunCountsRow, runItems, runsWithCounts, todayIso, toRunSummary } from './repo.js';

async function withItems(database: Database, actor: Actor, runs: PlaybookRunSummary[]): Promise<PlaybookRun[]> {
  const items = await runItems(
    database.db,
    actor.workspaceId,
    runs.map((r) => r.id),
  );
  return runs.map((r) => ({ ...r, items: items.get(r.id) ?? [] }));
}

/** An account's runs with their checklists, newest first (an account has a handful). */
export async function accountRuns(database: Database, actor: Actor, accountId: string): Promise<{ items: PlaybookRun[] }> {
  if (!(await accountExists(database.db, actor.workspaceId, accountId))) throw notFound('Account');
  const rows = (await runsWithCounts(database.db, actor.workspaceId, todayIso())
    .where('r.account_id', '=', accountId)
    .orderBy('r.started_on', 'desc')
    .orderBy('r.id', 'desc')
    .limit(200)
    .execute()) as RunCountsRow[];
  return { items: await withItems(database, actor, rows.map(toRunSummary)) };
}

export async function getRun(database: Database, actor: Actor, id: string): Promise<PlaybookRun> {
  const row = (await runsWithCounts(database.db, actor.workspaceId, todayIso()).where('r.id', '=', id).executeTakeFirst()) as RunCountsRow | undefined;
  if (!row) throw notFound('Playbook run');
  const [run] = await withItems(database, actor, [toRunSummary(row)]);
  if (!run) throw notFound('Playbook run');
  return run;
}

/** A playbook's runs across accounts, filtered by the derived status; offset paging, newest first. */
export async function playbookRuns(database: Database, actor: Actor, playbookId: string, query: RunListQuery) {
  const playbook = await database.db
    .selectFrom('playbooks')
    .select('id')
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', playbookId)
    .executeTakeFirst();
  if (!playbook) throw notFound('Playbook');
  let q = runsWithCounts(database.db, actor.workspaceId, todayIso()).where('r.playbook_id', '=', playbookId);
  if (query.status === 'cancelled') q = q.where('r.status', '=', 'cancelled');
  else if (query.status === 'active') q = q.where('r.status', '!=', 'cancelled').where((eb) => hasOpenTasks(eb));
  else if (query.status === 'completed') q = q.where('r.status', '!=', 'cancelled').where((eb) => eb.not(hasOpenTasks(eb)));
  const rows = (await q.orderBy('r.started_on', 'desc').orderBy('r.id', 'desc').execute()) as RunCountsRow[];
  const items = rows.map(toRunSummary);
  return { items: items.slice(query.offset, query.offset + query.limit), total: items.length };
}

/** Cancels a run and the tasks it still had open, so that they leave everyone's work lists. */
export async function cancelRun(database: Database, actor: Actor, id: string): Promise<PlaybookRun> {
  await withTransaction(database.db, async (trx) => {
    const now = nowIso();
    const result = await trx
      .updateTable('playbook_runs')
      .set({ status: 'cancelled' })
      .where('workspace_id', '=', actor.workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw notFound('Playbook run');
    await trx
      .updateTable('tasks')
      .set({ status: 'cancelled', updated_at: now })
      .where('workspace_id', '=', actor.workspaceId)
      .where('playbook_run_id', '=', id)
      .where('status', 'in', ['open', 'in_progress'])
      .execute();
  });
  return getRun(database, actor, id);
}
