import type { Database } from '../../src/db/connection.js';
import { nowIso } from '../../src/db/dialect.js';
import { newId } from '../../src/lib/ids.js';

/**
 * A meeting, a risk and a playbook run with one checklist item on an account, written straight to the tables so that
 * the tasks tests do not depend on those modules' APIs. Titles start with `label`.
 */
export async function engagementRecords(
  database: Database,
  workspaceId: string,
  accountId: string,
  label: string,
): Promise<{ activityId: string; riskId: string; runId: string; itemId: string; playbookId: string }> {
  const { db } = database;
  const now = nowIso();
  const ids = { activityId: newId(), riskId: newId(), runId: newId(), itemId: newId(), playbookId: newId() };
  const base = { workspace_id: workspaceId };
  await db
    .insertInto('activities')
    .values({
      ...base,
      id: ids.activityId,
      account_id: accountId,
      type: 'meeting',
      status: 'done',
      title: `${label} meeting`,
      occurred_at: now,
      duration_minutes: null,
      summary: null,
      outcome: null,
      contact_ids: '[]',
      user_ids: '[]',
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('risks')
    .values({
      ...base,
      id: ids.riskId,
      account_id: accountId,
      risk_type_id: null,
      title: `${label} risk`,
      description: null,
      severity: 'high',
      status: 'open',
      owner_id: null,
      mitigation_plan: null,
      first_signal_on: null,
      identified_on: now.slice(0, 10),
      resolved_on: null,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('playbooks')
    .values({
      ...base,
      id: ids.playbookId,
      name: `${label} playbook`,
      kind: 'checklist',
      phase: null,
      description: null,
      template_key: null,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('playbook_items')
    .values({ ...base, id: ids.itemId, playbook_id: ids.playbookId, position: 0, title: `${label} item`, details: null, due_offset_days: 7 })
    .execute();
  await db
    .insertInto('playbook_runs')
    .values({
      ...base,
      id: ids.runId,
      playbook_id: ids.playbookId,
      account_id: accountId,
      status: 'active',
      started_on: now.slice(0, 10),
      completed_at: null,
      created_by: null,
      created_at: now,
    })
    .execute();
  return ids;
}
