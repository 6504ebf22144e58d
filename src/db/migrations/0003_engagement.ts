import type { Kysely } from 'kysely';
import { columnTypes, type Dialect } from '../dialect.js';

/**
 * Engagement: the timeline of touchpoints, tasks and internal requests, lifecycle history, playbooks and their runs,
 * the risk register with its catalog, red flags and stories. Every table carries workspace_id; every query filters by it.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const t = columnTypes(dialect);

  // Derived from the timeline by src/modules/activities, kept on the account so that lists filter and sort on them.
  await db.schema.alterTable('accounts').addColumn('last_touch_at', t.timestamp).execute();
  await db.schema.alterTable('accounts').addColumn('last_meeting_at', t.timestamp).execute();
  await db.schema.alterTable('accounts').addColumn('next_meeting_at', t.timestamp).execute();
  // When the account entered its current lifecycle phase (history in lifecycle_changes).
  await db.schema.alterTable('accounts').addColumn('phase_since', t.timestamp).execute();

  await db.schema
    .createTable('activities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('occurred_at', t.timestamp, (c) => c.notNull())
    .addColumn('duration_minutes', 'integer')
    .addColumn('summary', 'text')
    .addColumn('outcome', 'text')
    // Attendees: JSON arrays of contact ids and user ids; names are resolved when read, and a deleted person drops out.
    .addColumn('contact_ids', t.json, (c) => c.notNull())
    .addColumn('user_ids', t.json, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('activities_account').on('activities').columns(['workspace_id', 'account_id', 'occurred_at']).execute();
  await db.schema.createIndex('activities_when').on('activities').columns(['workspace_id', 'occurred_at']).execute();

  await db.schema
    .createTable('risk_types')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    // One of the eight account risk statuses, which an open risk of this type puts on its account; null for none.
    .addColumn('risk_status', 'text')
    .addColumn('active', t.boolean, (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('risk_types_label').on('risk_types').columns(['workspace_id', 'label']).unique().execute();

  await db.schema
    .createTable('risks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('risk_type_id', 'text', (c) => c.references('risk_types.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('mitigation_plan', 'text')
    // The first warning signal (a red flag, a falling KPI, a remark), for "time from first signal to risk logged".
    .addColumn('first_signal_on', t.date)
    .addColumn('identified_on', t.date, (c) => c.notNull())
    .addColumn('resolved_on', t.date)
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('risks_account').on('risks').columns(['workspace_id', 'account_id', 'status']).execute();
  await db.schema.createIndex('risks_status').on('risks').columns(['workspace_id', 'status', 'identified_on']).execute();

  await db.schema
    .createTable('playbooks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('phase', 'text')
    // Markdown: the best-practice notes or the purpose of the checklist.
    .addColumn('description', 'text')
    // The prebuilt template this was copied from, if any.
    .addColumn('template_key', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('playbooks_workspace').on('playbooks').columns(['workspace_id', 'name']).execute();

  await db.schema
    .createTable('playbook_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('playbook_id', 'text', (c) => c.notNull().references('playbooks.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('details', 'text')
    // The task's due date is the run's start plus this many days.
    .addColumn('due_offset_days', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('playbook_items_playbook').on('playbook_items').columns(['playbook_id', 'position']).execute();

  await db.schema
    .createTable('playbook_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('playbook_id', 'text', (c) => c.notNull().references('playbooks.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_on', t.date, (c) => c.notNull())
    .addColumn('completed_at', t.timestamp)
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('playbook_runs_account').on('playbook_runs').columns(['workspace_id', 'account_id', 'started_on']).execute();
  await db.schema.createIndex('playbook_runs_playbook').on('playbook_runs').columns(['workspace_id', 'playbook_id', 'status']).execute();

  await db.schema
    .createTable('tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('due_on', t.date)
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // What the task came from: a meeting's action item, a risk's mitigation, a playbook run's checklist item.
    .addColumn('activity_id', 'text', (c) => c.references('activities.id').onDelete('set null'))
    .addColumn('risk_id', 'text', (c) => c.references('risks.id').onDelete('set null'))
    .addColumn('playbook_run_id', 'text', (c) => c.references('playbook_runs.id').onDelete('cascade'))
    .addColumn('playbook_item_id', 'text', (c) => c.references('playbook_items.id').onDelete('set null'))
    .addColumn('completed_at', t.timestamp)
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tasks_owner').on('tasks').columns(['workspace_id', 'owner_id', 'status', 'due_on']).execute();
  await db.schema.createIndex('tasks_account').on('tasks').columns(['workspace_id', 'account_id', 'status']).execute();
  await db.schema.createIndex('tasks_run').on('tasks').columns(['playbook_run_id']).execute();
  await db.schema.createIndex('tasks_activity').on('tasks').columns(['activity_id']).execute();
  await db.schema.createIndex('tasks_risk').on('tasks').columns(['risk_id']).execute();

  await db.schema
    .createTable('internal_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.references('accounts.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('details', 'text')
    .addColumn('requested_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('assignee_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('asked_at', t.timestamp, (c) => c.notNull())
    .addColumn('needed_by', t.date)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('response', 'text')
    .addColumn('resolved_at', t.timestamp)
    .addColumn('last_follow_up_at', t.timestamp)
    .addColumn('follow_ups', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('internal_requests_assignee').on('internal_requests').columns(['workspace_id', 'assignee_id', 'status']).execute();
  await db.schema.createIndex('internal_requests_requester').on('internal_requests').columns(['workspace_id', 'requested_by', 'status']).execute();
  await db.schema.createIndex('internal_requests_account').on('internal_requests').columns(['workspace_id', 'account_id']).execute();

  await db.schema
    .createTable('lifecycle_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('from_phase', 'text')
    .addColumn('to_phase', 'text')
    .addColumn('changed_at', t.timestamp, (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('lifecycle_changes_account').on('lifecycle_changes').columns(['workspace_id', 'account_id', 'changed_at']).execute();

  await db.schema
    .createTable('red_flags')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('contact_id', 'text', (c) => c.references('contacts.id').onDelete('set null'))
    // 'person' when someone raised it, 'automatic' when Keepwell did (a sponsor or champion marked as left).
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('raised_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('raised_at', t.timestamp, (c) => c.notNull())
    .addColumn('resolved_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('resolved_at', t.timestamp)
    .addColumn('resolution', 'text')
    .execute();
  await db.schema.createIndex('red_flags_feed').on('red_flags').columns(['workspace_id', 'raised_at']).execute();
  await db.schema.createIndex('red_flags_account').on('red_flags').columns(['workspace_id', 'account_id', 'status']).execute();

  await db.schema
    .createTable('stories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    // The record the story is about besides its account (see StorySubjects); 'account' with subject_id = account_id otherwise.
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    // Markdown, rendered by the web app without HTML: it never reaches the page as markup.
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stories_account').on('stories').columns(['workspace_id', 'account_id', 'created_at']).execute();
  await db.schema.createIndex('stories_subject').on('stories').columns(['workspace_id', 'subject_type', 'subject_id']).execute();
}
