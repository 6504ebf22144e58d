import type { Kysely, Transaction } from 'kysely';
import { nowIso } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import type { Priority } from '../../domain/enums.js';
import { newId } from '../../lib/ids.js';

/** A task to create, already validated by the caller (ids belong to the workspace). */
export interface NewTask {
  accountId: string;
  title: string;
  description?: string | null;
  ownerId?: string | null;
  dueOn?: string | null;
  priority?: Priority;
  activityId?: string | null;
  riskId?: string | null;
  playbookRunId?: string | null;
  playbookItemId?: string | null;
}

/**
 * The one place tasks rows are written from: the tasks API, a meeting's action items and a playbook run's
 * checklist all create their tasks here, inside the caller's transaction. Returns the new ids in input order.
 */
export async function insertTasks(
  trx: Kysely<DB> | Transaction<DB>,
  workspaceId: string,
  createdBy: string | null,
  tasks: readonly NewTask[],
): Promise<string[]> {
  if (tasks.length === 0) return [];
  const now = nowIso();
  const rows = tasks.map((t) => ({
    id: newId(),
    workspace_id: workspaceId,
    account_id: t.accountId,
    title: t.title,
    description: t.description ?? null,
    owner_id: t.ownerId ?? null,
    due_on: t.dueOn ?? null,
    priority: t.priority ?? 'normal',
    status: 'open',
    activity_id: t.activityId ?? null,
    risk_id: t.riskId ?? null,
    playbook_run_id: t.playbookRunId ?? null,
    playbook_item_id: t.playbookItemId ?? null,
    completed_at: null,
    created_by: createdBy,
    created_at: now,
    updated_at: now,
  }));
  // Chunked: SQLite allows 32,766 bound parameters per statement, and a playbook applied to hundreds of accounts is many rows.
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('tasks')
      .values(rows.slice(i, i + 500))
      .execute();
  return rows.map((r) => r.id);
}
