import { type Kysely, sql } from 'kysely';
import { columnTypes, type Dialect } from '../dialect.js';

/** Usage data: Segment-compatible events, identities, daily rollups, metrics from other systems, KPIs. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const t = columnTypes(dialect);
  const pg = dialect === 'postgres';

  await db.schema
    .createTable('write_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_used_at', t.timestamp)
    .addColumn('revoked_at', t.timestamp)
    .execute();
  await db.schema.createIndex('write_keys_workspace').on('write_keys').columns(['workspace_id', 'created_at']).execute();

  // Every message received, as received. No foreign keys: an event outlives renamed or deleted accounts, and
  // the ingest path must not pay a parent lookup per row. account_id null means unmatched (see unmatched_reason).
  await db.schema
    .createTable('usage_events')
    .addColumn('seq', pg ? 'bigserial' : 'integer', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('event', 'text')
    .addColumn('user_id', 'text')
    .addColumn('anonymous_id', 'text')
    .addColumn('group_id', 'text')
    .addColumn('account_id', 'text')
    .addColumn('unmatched_reason', 'text')
    .addColumn('ts', t.timestamp, (c) => c.notNull())
    .addColumn('received_at', t.timestamp, (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('usage_events_message').on('usage_events').columns(['workspace_id', 'message_id']).unique().execute();
  await db.schema.createIndex('usage_events_account').on('usage_events').columns(['workspace_id', 'account_id', 'ts']).execute();
  // Unmatched events are few and listed newest first; the partial index stays small.
  await db.schema.createIndex('usage_events_unmatched').on('usage_events').columns(['workspace_id', 'seq']).where(sql.ref('account_id'), 'is', null).execute();

  // Who the product's users are: Segment userIds learned from identify/group calls and contacts.
  await db.schema
    .createTable('usage_users')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('group_id', 'text')
    .addColumn('contact_id', 'text')
    .addColumn('account_id', 'text')
    .addColumn('traits', 'text', (c) => c.notNull())
    .addColumn('first_seen', t.timestamp, (c) => c.notNull())
    .addColumn('last_seen', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_users_pk', ['workspace_id', 'user_id'])
    .execute();
  await db.schema.createIndex('usage_users_group').on('usage_users').columns(['workspace_id', 'group_id']).execute();
  await db.schema.createIndex('usage_users_email').on('usage_users').columns(['workspace_id', 'email']).execute();
  await db.schema.createIndex('usage_users_account').on('usage_users').columns(['workspace_id', 'account_id']).execute();

  // Daily rollups per account and event: property '' holds the event count and distinct users; any other
  // property holds how many events carried it as a number and their sum.
  await db.schema
    .createTable('usage_daily')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('property', 'text', (c) => c.notNull())
    .addColumn('day', t.date, (c) => c.notNull())
    .addColumn('events', t.bigint, (c) => c.notNull())
    .addColumn('users', t.bigint, (c) => c.notNull())
    .addColumn('total', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_daily_pk', ['workspace_id', 'account_id', 'event', 'property', 'day'])
    .modifyEnd(pg ? sql`` : sql`without rowid`)
    .execute();
  await db.schema.createIndex('usage_daily_event').on('usage_daily').columns(['workspace_id', 'event', 'property', 'day']).execute();

  // Which users were active per account, event and day: distinct users over any window come from here.
  await db.schema
    .createTable('usage_user_days')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('day', t.date, (c) => c.notNull())
    .addColumn('user_key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_user_days_pk', ['workspace_id', 'account_id', 'event', 'day', 'user_key'])
    .modifyEnd(pg ? sql`` : sql`without rowid`)
    .execute();

  // Numbers from other systems (support desk, billing, CRM), defined per workspace.
  await db.schema
    .createTable('metrics')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('unit', 'text')
    .addColumn('aggregation', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('metrics_key').on('metrics').columns(['workspace_id', 'key']).unique().execute();

  await db.schema
    .createTable('metric_values')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('metric_id', 'text', (c) => c.notNull().references('metrics.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('day', t.date, (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('metric_values_pk', ['workspace_id', 'account_id', 'metric_id', 'day'])
    .execute();
  await db.schema.createIndex('metric_values_metric').on('metric_values').columns(['workspace_id', 'metric_id', 'day']).execute();

  await db.schema
    .createTable('kpis')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('template_key', 'text')
    .addColumn('formula', t.json, (c) => c.notNull())
    .addColumn('window_days', 'integer', (c) => c.notNull())
    .addColumn('timing', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('objectivity', 'text', (c) => c.notNull())
    .addColumn('nature', 'text', (c) => c.notNull())
    .addColumn('unit', 'text')
    .addColumn('warning_threshold', 'double precision')
    .addColumn('critical_threshold', 'double precision')
    .addColumn('watchers', t.json, (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('kpis_name').on('kpis').columns(['workspace_id', 'name']).unique().execute();

  // Versioned seeding: which prebuilt content each workspace has received (seed data is not migration data).
  await db.schema
    .createTable('workspace_seeds')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('applied_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('workspace_seeds_pk', ['workspace_id', 'seed'])
    .execute();
}
