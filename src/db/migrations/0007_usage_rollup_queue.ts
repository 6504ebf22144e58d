import type { Kysely } from 'kysely';
import { columnTypes, type Dialect } from '../dialect.js';

/**
 * The rollup queue (used on PostgreSQL; SQLite's ingest applies its rollups in the batch's transaction). Each
 * stored batch of usage events leaves here, in its own transaction, what it adds to the daily rollups
 * (pre-aggregated: one delta per account, event, property and day, and the batch's distinct user-days); a worker
 * folds many such rows into usage_daily and usage_user_days in one transaction and deletes them. Concurrent
 * batches then no longer update the same hot account-day rows side by side (they waited on each other's row
 * locks), and readers of the rollups fold what is pending for their workspace first, so they miss nothing.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const t = columnTypes(dialect);
  const pg = dialect === 'postgres';
  await db.schema
    .createTable('usage_rollup_queue')
    .addColumn('seq', pg ? 'bigserial' : 'integer', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    // JSON: {"d": [[accountId, event, property, day, events, total], …], "u": [[accountId, event, day, userKey], …]}.
    .addColumn('deltas', 'text', (c) => c.notNull())
    .addColumn('queued_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('usage_rollup_queue_workspace').on('usage_rollup_queue').columns(['workspace_id', 'seq']).execute();
}
