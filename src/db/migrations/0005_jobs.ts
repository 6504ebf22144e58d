import { type Kysely, sql } from 'kysely';
import { columnTypes, type Dialect } from '../dialect.js';

/**
 * Background work: which scheduled runs have happened (the daily health recompute, once per workspace and day,
 * however many server processes share the database), and an index that lets the health worker take the oldest
 * pending recomputes first without sorting the whole outbox. Health explanations become plain text on PostgreSQL.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema
    .createTable('job_runs')
    .addColumn('job', 'text', (c) => c.notNull())
    // What the run covered, e.g. a workspace id.
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('day', t.date, (c) => c.notNull())
    .addColumn('finished_at', t.timestamp, (c) => c.notNull())
    .addColumn('summary', 'text')
    .addPrimaryKeyConstraint('job_runs_pk', ['job', 'scope', 'day'])
    .execute();
  await db.schema.createIndex('health_dirty_queued').on('health_dirty').columns(['queued_at']).execute();
  // A score's explanation is written whole on every recompute and read whole, never queried into: as jsonb,
  // PostgreSQL parsed and re-encoded 100,000 documents of about 2 KB per full recompute for nothing.
  if (dialect === 'postgres') await sql`alter table health_scores alter column components type text using components::text`.execute(db);
}
