import type { Generated } from 'kysely';
import type {
  ActivitiesTable,
  InternalRequestsTable,
  LifecycleChangesTable,
  PlaybookItemsTable,
  PlaybookRunsTable,
  PlaybooksTable,
  RedFlagsTable,
  RisksTable,
  RiskTypesTable,
  StoriesTable,
  TasksTable,
} from './schema-engagement.js';
import type {
  HealthDirtyTable,
  HealthScoresTable,
  HealthSnapshotsTable,
  JobRunsTable,
  ManualMeasureValuesTable,
  ScorecardMeasuresTable,
  ScorecardsTable,
} from './schema-health.js';

export type {
  ActivitiesTable,
  HealthDirtyTable,
  HealthScoresTable,
  HealthSnapshotsTable,
  InternalRequestsTable,
  JobRunsTable,
  LifecycleChangesTable,
  ManualMeasureValuesTable,
  PlaybookItemsTable,
  PlaybookRunsTable,
  PlaybooksTable,
  RedFlagsTable,
  RisksTable,
  RiskTypesTable,
  ScorecardMeasuresTable,
  ScorecardsTable,
  StoriesTable,
  TasksTable,
};

/**
 * Row types as the application sees them after the data layer's conversions:
 * timestamps are ISO-8601 strings, dates are YYYY-MM-DD strings, JSON columns are text,
 * bigints are numbers (see db/connection.ts for the PostgreSQL type parsers).
 */
export type Timestamp = string;
export type JsonText = string;

export interface WorkspacesTable {
  id: string;
  name: string;
  settings: JsonText;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MembershipsTable {
  workspace_id: string;
  user_id: string;
  role: string;
  created_at: Timestamp;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  workspace_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface ApiKeysTable {
  id: string;
  workspace_id: string;
  name: string;
  prefix: string;
  key_hash: string;
  role: string;
  created_by: string | null;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface AccountsTable {
  id: string;
  workspace_id: string;
  name: string;
  external_id: string | null;
  domain: string | null;
  industry: string | null;
  region: string | null;
  company_size: string | null;
  arr_minor: number;
  currency: string;
  deployment_status: string | null;
  lifecycle_phase: string | null;
  touch_tier: string | null;
  owner_id: string | null;
  renewal_date: string | null;
  risk_statuses: JsonText;
  parent_id: string | null;
  custom_fields: JsonText;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Derived from the timeline (src/modules/activities): the latest done touch / meeting, the earliest planned meeting. */
  last_touch_at: Timestamp | null;
  last_meeting_at: Timestamp | null;
  next_meeting_at: Timestamp | null;
  /** When the account entered its current lifecycle phase (history in lifecycle_changes). */
  phase_since: Timestamp | null;
}

export interface ContactsTable {
  id: string;
  workspace_id: string;
  account_id: string;
  external_id: string | null;
  name: string;
  email: string | null;
  title: string | null;
  phone: string | null;
  roles: JsonText;
  status: string;
  left_on: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SavedViewsTable {
  id: string;
  workspace_id: string;
  user_id: string;
  name: string;
  state: JsonText;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WriteKeysTable {
  id: string;
  workspace_id: string;
  name: string;
  prefix: string;
  key_hash: string;
  created_by: string | null;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface UsageEventsTable {
  seq: Generated<number>;
  workspace_id: string;
  message_id: string;
  /** track | identify | group | page | screen | alias */
  type: string;
  /** The rollup key: a track call's event name, "Viewed <name> Page" / "Viewed <name> Screen"; null for identify/group/alias. */
  event: string | null;
  user_id: string | null;
  anonymous_id: string | null;
  group_id: string | null;
  /** null while unmatched. */
  account_id: string | null;
  unmatched_reason: string | null;
  ts: Timestamp;
  received_at: Timestamp;
  /** The message as received (JSON text). */
  payload: string;
}

export interface UsageUsersTable {
  workspace_id: string;
  user_id: string;
  email: string | null;
  group_id: string | null;
  contact_id: string | null;
  account_id: string | null;
  traits: JsonText;
  first_seen: Timestamp;
  last_seen: Timestamp;
}

export interface UsageDailyTable {
  workspace_id: string;
  account_id: string;
  event: string;
  /** '' for the event's own row (events = count, users = distinct users); else a numeric property's name. */
  property: string;
  day: string;
  events: number;
  users: number;
  total: number;
}

/** Rollup deltas of stored batches, waiting to be folded into usage_daily and usage_user_days (modules/ingest/rollup-queue.ts). */
export interface UsageRollupQueueTable {
  seq: Generated<number>;
  workspace_id: string;
  deltas: string;
  queued_at: Timestamp;
}

export interface UsageUserDaysTable {
  workspace_id: string;
  account_id: string;
  event: string;
  day: string;
  user_key: string;
}

export interface MetricsTable {
  id: string;
  workspace_id: string;
  key: string;
  name: string;
  description: string | null;
  unit: string | null;
  /** How daily values combine over a window: sum | average | max | last. */
  aggregation: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MetricValuesTable {
  workspace_id: string;
  metric_id: string;
  account_id: string;
  day: string;
  value: number;
  updated_at: Timestamp;
}

export interface KpisTable {
  id: string;
  workspace_id: string;
  name: string;
  description: string | null;
  template_key: string | null;
  formula: JsonText;
  window_days: number;
  timing: string;
  direction: string;
  objectivity: string;
  nature: string;
  unit: string | null;
  warning_threshold: number | null;
  critical_threshold: number | null;
  watchers: JsonText;
  position: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WorkspaceSeedsTable {
  workspace_id: string;
  seed: string;
  applied_at: Timestamp;
}

export interface DB {
  workspaces: WorkspacesTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  accounts: AccountsTable;
  contacts: ContactsTable;
  saved_views: SavedViewsTable;
  write_keys: WriteKeysTable;
  usage_events: UsageEventsTable;
  usage_users: UsageUsersTable;
  usage_daily: UsageDailyTable;
  usage_user_days: UsageUserDaysTable;
  usage_rollup_queue: UsageRollupQueueTable;
  metrics: MetricsTable;
  metric_values: MetricValuesTable;
  kpis: KpisTable;
  workspace_seeds: WorkspaceSeedsTable;
  activities: ActivitiesTable;
  risk_types: RiskTypesTable;
  risks: RisksTable;
  playbooks: PlaybooksTable;
  playbook_items: PlaybookItemsTable;
  playbook_runs: PlaybookRunsTable;
  tasks: TasksTable;
  internal_requests: InternalRequestsTable;
  lifecycle_changes: LifecycleChangesTable;
  red_flags: RedFlagsTable;
  stories: StoriesTable;
  scorecards: ScorecardsTable;
  scorecard_measures: ScorecardMeasuresTable;
  manual_measure_values: ManualMeasureValuesTable;
  health_scores: HealthScoresTable;
  health_snapshots: HealthSnapshotsTable;
  health_dirty: HealthDirtyTable;
  job_runs: JobRunsTable;
}
