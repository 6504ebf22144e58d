import type { Database } from '../../db/connection.js';
import { invalid } from '../../server/errors.js';

export interface TaskLinks {
  activityId?: string | null | undefined;
  riskId?: string | null | undefined;
  playbookRunId?: string | null | undefined;
  playbookItemId?: string | null | undefined;
}

/**
 * A task may point at the meeting, risk or playbook run it came from: each must exist in the workspace and sit on
 * the task's own account (a link across accounts would show one customer's work on another's page). Read straight
 * from the tables: these are single-row lookups by key, and the owning modules have no finder to offer yet.
 */
export async function checkTaskLinks(database: Database, workspaceId: string, accountId: string, links: TaskLinks): Promise<void> {
  const { db } = database;
  const onAccount = (field: string, what: string, row: { account_id: string } | undefined, value: string) => {
    if (!row) throw invalid(field, 'exists', `The ${what} does not exist in this workspace`, value);
    if (row.account_id !== accountId) throw invalid(field, 'same_account', `The ${what} belongs to another account than the task`, value);
  };
  if (links.activityId) {
    const row = await db
      .selectFrom('activities')
      .select('account_id')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', links.activityId)
      .executeTakeFirst();
    onAccount('activityId', 'meeting or activity', row, links.activityId);
  }
  if (links.riskId) {
    const row = await db.selectFrom('risks').select('account_id').where('workspace_id', '=', workspaceId).where('id', '=', links.riskId).executeTakeFirst();
    onAccount('riskId', 'risk', row, links.riskId);
  }
  if (links.playbookItemId && !links.playbookRunId) {
    throw invalid('playbookRunId', 'required', 'A checklist item needs the playbook run it belongs to (playbookRunId)', null);
  }
  if (links.playbookRunId) {
    const run = await db
      .selectFrom('playbook_runs')
      .select(['account_id', 'playbook_id'])
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', links.playbookRunId)
      .executeTakeFirst();
    onAccount('playbookRunId', 'playbook run', run, links.playbookRunId);
    if (links.playbookItemId) {
      const item = await db
        .selectFrom('playbook_items')
        .select('playbook_id')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', links.playbookItemId)
        .executeTakeFirst();
      if (!item) throw invalid('playbookItemId', 'exists', 'The checklist item does not exist in this workspace', links.playbookItemId);
      if (item.playbook_id !== run?.playbook_id) {
        throw invalid('playbookItemId', 'same_playbook', "The checklist item is not part of the run's playbook", links.playbookItemId);
      }
    }
  }
}
