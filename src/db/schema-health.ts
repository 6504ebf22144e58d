/** Row types of the health tables; see schema.ts for the conventions. */
import type { JsonText, Timestamp } from './schema.js';

/** Health (migration 0004). */
export interface ScorecardsTable {
  id: string;
  workspace_id: string;
  name: string;
  description: string | null;
  is_overall: boolean | number;
  segment: JsonText;
  groups: JsonText;
  red_max: number;
  amber_max: number;
  position: number;
  template_key: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ScorecardMeasuresTable {
  id: string;
  workspace_id: string;
  scorecard_id: string;
  name: string;
  group_name: string | null;
  source: JsonText;
  mapping: JsonText;
  weight: number;
  position: number;
}

export interface ManualMeasureValuesTable {
  workspace_id: string;
  account_id: string;
  measure_id: string;
  value: number;
  comment: string | null;
  set_by: string | null;
  set_at: Timestamp;
  expires_on: string | null;
}

export interface HealthScoresTable {
  workspace_id: string;
  account_id: string;
  scorecard_id: string;
  score: number | null;
  rag: string | null;
  components: JsonText;
  computed_at: Timestamp;
  previous_score: number | null;
  changed_at: Timestamp | null;
  cause: string | null;
}

export interface HealthSnapshotsTable {
  workspace_id: string;
  account_id: string;
  scorecard_id: string;
  day: string;
  score: number | null;
}

export interface HealthDirtyTable {
  workspace_id: string;
  account_id: string;
  cause: string;
  queued_at: Timestamp;
}

/** Scheduled runs that happened: one row per job, scope (e.g. a workspace) and day. */
export interface JobRunsTable {
  job: string;
  scope: string;
  day: string;
  finished_at: Timestamp;
  summary: string | null;
}
