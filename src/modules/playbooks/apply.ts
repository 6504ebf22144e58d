import { nowIso } from '../../db/dialect.js';
import { newId } from '../../lib/ids.js';
import { invalid, notFound } from '../../server/errors.js';
import { insertTasks, type NewTask } from '../tasks/create.js';
import type { ApplyResult } from './contracts.js';
import { addDaysToDate, type Executor, hasOpenTasks } from './repo.js';

function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Applies a playbook to accounts: one run per account and one task per item, due `startOn` + the item's offset,
 * owned by `ownerId` or else by the account's owner. Inside the caller's transaction; validates everything first.
 */
export async function applyPlaybook(
  trx: Executor,
  workspaceId: string,
  playbookId: string,
  accountIds: readonly string[],
  startOn: string,
  ownerId: string | null,
  createdBy: string | null,
): Promise<ApplyResult> {
  const playbook = await trx.selectFrom('playbooks').select(['id']).where('workspace_id', '=', workspaceId).where('id', '=', playbookId).executeTakeFirst();
  if (!playbook) throw notFound('Playbook');
  const items = await trx
    .selectFrom('playbook_items')
    .select(['id', 'title', 'details', 'due_offset_days'])
    .where('workspace_id', '=', workspaceId)
    .where('playbook_id', '=', playbookId)
    .orderBy('position')
    .execute();
  if (items.length === 0) throw invalid('items', 'not_empty', 'This playbook has no items to apply: add items first');
  if (ownerId) {
    const member = await trx
      .selectFrom('memberships')
      .select('user_id')
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', ownerId)
      .executeTakeFirst();
    if (!member) throw invalid('ownerId', 'member', 'The owner must be a user of this workspace', ownerId);
  }
  const ids = [...new Set(accountIds)];
  const owners = new Map<string, string | null>();
  const active = new Set<string>();
  for (const chunk of chunks(ids)) {
    const accounts = await trx.selectFrom('accounts').select(['id', 'owner_id']).where('workspace_id', '=', workspaceId).where('id', 'in', chunk).execute();
    for (const a of accounts) owners.set(a.id, a.owner_id);
    const running = await trx
      .selectFrom('playbook_runs as r')
      .select('r.account_id')
      .where('r.workspace_id', '=', workspaceId)
      .where('r.playbook_id', '=', playbookId)
      .where('r.account_id', 'in', chunk)
      .where('r.status', '!=', 'cancelled')
      .where((eb) => hasOpenTasks(eb))
      .execute();
    for (const r of running) active.add(r.account_id);
  }
  const missing = ids.filter((id) => !owners.has(id));
  if (missing.length) throw invalid('accountIds', 'exists', `${missing.length} of the accounts do not exist in this workspace`, missing.slice(0, 20));
  if (active.size)
    throw invalid('accountIds', 'no_active_run', `${active.size} of the accounts already have this playbook running: finish or cancel it first`, [...active]);

  const now = nowIso();
  const runs = ids.map((accountId) => ({
    id: newId(),
    workspace_id: workspaceId,
    playbook_id: playbookId,
    account_id: accountId,
    status: 'active',
    started_on: startOn,
    completed_at: null,
    created_by: createdBy,
    created_at: now,
  }));
  for (const chunk of chunks(runs, 300)) await trx.insertInto('playbook_runs').values(chunk).execute();
  const tasks: NewTask[] = runs.flatMap((run) =>
    items.map((item) => ({
      accountId: run.account_id,
      title: item.title,
      description: item.details,
      ownerId: ownerId ?? owners.get(run.account_id) ?? null,
      dueOn: addDaysToDate(startOn, item.due_offset_days),
      playbookRunId: run.id,
      playbookItemId: item.id,
    })),
  );
  await insertTasks(trx, workspaceId, createdBy, tasks);
  return { runs: runs.map((r) => ({ id: r.id, accountId: r.account_id })), tasksCreated: tasks.length };
}
