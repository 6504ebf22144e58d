import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { MEETING_TYPES, TOUCH_TYPES } from '../../domain/enums.js';
import { markHealthDirty } from '../../jobs/health-dirty.js';

/**
 * Recomputes the timeline figures kept on each account (so that account lists filter and sort on them):
 * last_touch_at, the latest done activity of a touch type; last_meeting_at, the latest done meeting;
 * next_meeting_at, the earliest planned meeting, even one whose date has passed (it still needs logging).
 * Call it in the same transaction as every activity write, with every account the write touched.
 */
export async function refreshAccountTouches(trx: Kysely<DB> | Transaction<DB>, workspaceId: string, accountIds: readonly string[]): Promise<void> {
  const ids = [...new Set(accountIds)];
  if (ids.length === 0) return;
  const latest = (status: 'done' | 'planned', types: readonly string[], fn: 'max' | 'min') =>
    sql<string | null>`(select ${sql.raw(fn)}(act.occurred_at) from activities act
         where act.workspace_id = accounts.workspace_id and act.account_id = accounts.id
           and act.status = ${status} and act.type in (${sql.join(types.map((t) => sql`${t}`))}))`;
  // Chunked like insertTasks: a bulk import may touch thousands of accounts.
  for (let i = 0; i < ids.length; i += 500) {
    await trx
      .updateTable('accounts')
      .set({
        last_touch_at: latest('done', TOUCH_TYPES, 'max'),
        last_meeting_at: latest('done', MEETING_TYPES, 'max'),
        next_meeting_at: latest('planned', MEETING_TYPES, 'min'),
      })
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
  }
  await markHealthDirty(trx, workspaceId, ids, 'timeline changed');
}
