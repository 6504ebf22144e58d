import type { Kysely } from 'kysely';
import { columnTypes, type Dialect } from '../dialect.js';

/**
 * Health scores: scorecards (measures bound to sources, with mappings and weights), the manual measures CSMs set,
 * each account's current score per scorecard with its explanation, daily snapshots, and the outbox of accounts
 * whose inputs changed (recomputed by the worker; a crash loses no pending recompute).
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const t = columnTypes(dialect);

  await db.schema
    .createTable('scorecards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    // The account's overall health is the first (by position) overall scorecard whose segment it is in.
    .addColumn('is_overall', t.boolean, (c) => c.notNull())
    // JSON: which accounts the scorecard applies to (lists of lifecycle phases, touch tiers, deployment statuses,
    // company sizes); empty means every account.
    .addColumn('segment', t.json, (c) => c.notNull())
    // JSON: [{ name, weight }] for the one level of groups.
    .addColumn('groups', t.json, (c) => c.notNull())
    .addColumn('red_max', 'integer', (c) => c.notNull())
    .addColumn('amber_max', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('template_key', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('scorecards_workspace').on('scorecards').columns(['workspace_id', 'position']).execute();

  await db.schema
    .createTable('scorecard_measures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('scorecard_id', 'text', (c) => c.notNull().references('scorecards.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('group_name', 'text')
    // JSON: where the raw value comes from (a KPI, days since the last touch, open risks, a manual measure…).
    .addColumn('source', t.json, (c) => c.notNull())
    // JSON: how the raw value maps to 0–100 (linear range or bands).
    .addColumn('mapping', t.json, (c) => c.notNull())
    .addColumn('weight', 'real', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('scorecard_measures_scorecard').on('scorecard_measures').columns(['scorecard_id', 'position']).execute();

  // A CSM's judgement (executive relationship, sentiment): one value per account and manual measure, with an expiry.
  await db.schema
    .createTable('manual_measure_values')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('measure_id', 'text', (c) => c.notNull().references('scorecard_measures.id').onDelete('cascade'))
    .addColumn('value', 'real', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('set_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('set_at', t.timestamp, (c) => c.notNull())
    .addColumn('expires_on', t.date)
    .addPrimaryKeyConstraint('manual_measure_values_pk', ['account_id', 'measure_id'])
    .execute();

  // The current score of each account on each scorecard that applies to it, with its explanation.
  await db.schema
    .createTable('health_scores')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('scorecard_id', 'text', (c) => c.notNull().references('scorecards.id').onDelete('cascade'))
    .addColumn('score', 'real')
    .addColumn('rag', 'text')
    .addColumn('components', t.json, (c) => c.notNull())
    .addColumn('computed_at', t.timestamp, (c) => c.notNull())
    // What the score was before the latest change, and what changed it.
    .addColumn('previous_score', 'real')
    .addColumn('changed_at', t.timestamp)
    .addColumn('cause', 'text')
    .addPrimaryKeyConstraint('health_scores_pk', ['scorecard_id', 'account_id'])
    .execute();
  await db.schema.createIndex('health_scores_account').on('health_scores').columns(['workspace_id', 'account_id']).execute();

  await db.schema
    .createTable('health_snapshots')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('scorecard_id', 'text', (c) => c.notNull().references('scorecards.id').onDelete('cascade'))
    .addColumn('day', t.date, (c) => c.notNull())
    .addColumn('score', 'real')
    .addPrimaryKeyConstraint('health_snapshots_pk', ['scorecard_id', 'account_id', 'day'])
    .execute();

  // The outbox: accounts whose score inputs changed, written in the same transaction as the change.
  await db.schema
    .createTable('health_dirty')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('queued_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('health_dirty_pk', ['workspace_id', 'account_id'])
    .execute();
}
