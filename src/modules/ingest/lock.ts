import type { Kysely, Transaction } from 'kysely';
import { type Dialect, transactionLock } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';

/**
 * On PostgreSQL, transactions run side by side and none sees another's uncommitted rows. A batch of track calls
 * stored while another batch's group call (or a new account or contact) ties its user to an account would miss
 * that tie, and the other's rematch would miss its events: they would stay unmatched for good. So whatever can tie
 * users or groupIds to accounts takes the workspace's usage lock exclusively; plain batches take it shared and
 * still run side by side. Taken before anything is read.
 */
export async function lockUsage(trx: Kysely<DB> | Transaction<DB>, dialect: Dialect, workspaceId: string, mode: 'shared' | 'exclusive'): Promise<void> {
  const statement = transactionLock(dialect, `usage:${workspaceId}`, mode);
  if (statement) await statement.execute(trx);
}
