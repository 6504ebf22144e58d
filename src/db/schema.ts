/**
 * Row types as the application sees them after the data layer's conversions:
 * timestamps are ISO-8601 strings, dates are YYYY-MM-DD strings, JSON columns are text,
 * bigints are numbers (see db/connection.ts for the PostgreSQL type parsers).
 */
type Timestamp = string;
type JsonText = string;

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

export interface DB {
  workspaces: WorkspacesTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  accounts: AccountsTable;
  contacts: ContactsTable;
  saved_views: SavedViewsTable;
}
