/** Row types of the engagement tables; see schema.ts for the conventions. */
import type { JsonText, Timestamp } from './schema.js';

/** Engagement (migration 0003). Dates are YYYY-MM-DD; booleans come back as 0/1 from SQLite (decodeBool). */
export interface ActivitiesTable {
  id: string;
  workspace_id: string;
  account_id: string;
  type: string;
  status: string;
  title: string;
  occurred_at: Timestamp;
  duration_minutes: number | null;
  summary: string | null;
  outcome: string | null;
  contact_ids: JsonText;
  user_ids: JsonText;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RiskTypesTable {
  id: string;
  workspace_id: string;
  category: string;
  label: string;
  description: string | null;
  risk_status: string | null;
  active: boolean | number;
  position: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RisksTable {
  id: string;
  workspace_id: string;
  account_id: string;
  risk_type_id: string | null;
  title: string;
  description: string | null;
  severity: string;
  status: string;
  owner_id: string | null;
  mitigation_plan: string | null;
  first_signal_on: string | null;
  identified_on: string;
  resolved_on: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PlaybooksTable {
  id: string;
  workspace_id: string;
  name: string;
  kind: string;
  phase: string | null;
  description: string | null;
  template_key: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PlaybookItemsTable {
  id: string;
  workspace_id: string;
  playbook_id: string;
  position: number;
  title: string;
  details: string | null;
  due_offset_days: number;
}

export interface PlaybookRunsTable {
  id: string;
  workspace_id: string;
  playbook_id: string;
  account_id: string;
  status: string;
  started_on: string;
  completed_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface TasksTable {
  id: string;
  workspace_id: string;
  account_id: string;
  title: string;
  description: string | null;
  owner_id: string | null;
  due_on: string | null;
  priority: string;
  status: string;
  activity_id: string | null;
  risk_id: string | null;
  playbook_run_id: string | null;
  playbook_item_id: string | null;
  completed_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface InternalRequestsTable {
  id: string;
  workspace_id: string;
  account_id: string | null;
  title: string;
  details: string | null;
  requested_by: string | null;
  assignee_id: string | null;
  asked_at: Timestamp;
  needed_by: string | null;
  status: string;
  response: string | null;
  resolved_at: Timestamp | null;
  last_follow_up_at: Timestamp | null;
  follow_ups: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LifecycleChangesTable {
  id: string;
  workspace_id: string;
  account_id: string;
  from_phase: string | null;
  to_phase: string | null;
  changed_at: Timestamp;
  changed_by: string | null;
  note: string | null;
}

export interface RedFlagsTable {
  id: string;
  workspace_id: string;
  account_id: string;
  kind: string;
  note: string | null;
  contact_id: string | null;
  source: string;
  status: string;
  raised_by: string | null;
  raised_at: Timestamp;
  resolved_by: string | null;
  resolved_at: Timestamp | null;
  resolution: string | null;
}

export interface StoriesTable {
  id: string;
  workspace_id: string;
  account_id: string;
  subject_type: string;
  subject_id: string;
  title: string;
  body: string;
  author_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
