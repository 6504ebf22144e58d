import type SQLite from 'better-sqlite3';
import type { Transaction } from 'kysely';
import { type BulkColumn, bulkInsert } from '../../db/bulk.js';
import type { Dialect } from '../../db/dialect.js';
import { nowIso } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { accountsByExternalId, type Directory, type KnownUser } from './identity.js';
import { isStorableText, type Message } from './message.js';

const USER_COLUMNS: BulkColumn[] = [
  { name: 'workspace_id', pg: 'text' },
  { name: 'user_id', pg: 'text' },
  { name: 'email', pg: 'text' },
  { name: 'group_id', pg: 'text' },
  { name: 'contact_id', pg: 'text' },
  { name: 'account_id', pg: 'text' },
  { name: 'traits', pg: 'text' },
  { name: 'first_seen', pg: 'timestamptz' },
  { name: 'last_seen', pg: 'timestamptz' },
];

/** Writes what identify/group/alias calls taught about users; the batch's view of each user replaces the stored one. */
export async function saveUsers(
  trx: Transaction<DB>,
  dialect: Dialect,
  workspaceId: string,
  users: readonly KnownUser[],
  sqlite?: SQLite.Database,
): Promise<void> {
  if (users.length === 0) return;
  const rows = [...users]
    .sort((a, b) => (a.userId < b.userId ? -1 : 1))
    .map((u) => [workspaceId, u.userId, u.email, u.groupId, u.contactId, u.accountId, JSON.stringify(u.traits), u.firstSeen, u.lastSeen]);
  await bulkInsert(
    trx,
    dialect,
    'usage_users',
    USER_COLUMNS,
    rows,
    `on conflict (workspace_id, user_id) do update set email = excluded.email, group_id = excluded.group_id,
       contact_id = excluded.contact_id, account_id = excluded.account_id, traits = excluded.traits, last_seen = excluded.last_seen`,
    sqlite,
  );
}

const MAX_NAME = 200;

/**
 * With the workspace's setting on, a group call naming a groupId no account has creates that account, named
 * by the call's traits.name. Returns the groupIds of the accounts created; the directory learns them.
 */
export async function autoCreateAccounts(
  trx: Transaction<DB>,
  workspaceId: string,
  messages: readonly Message[],
  directory: Directory,
  currency: string,
): Promise<string[]> {
  const wanted = new Map<string, string>();
  for (const m of messages) {
    if (m.type !== 'group' || !m.groupId || directory.accountsByExternalId.has(m.groupId) || wanted.has(m.groupId)) continue;
    const given = m.traits?.name;
    const name = typeof given === 'string' && given.trim() && isStorableText(given) ? given.trim().slice(0, MAX_NAME) : m.groupId;
    wanted.set(m.groupId, name);
  }
  if (wanted.size === 0) return [];
  const now = nowIso();
  const rows = [...wanted].map(([groupId, name]) => ({
    id: newId(),
    workspace_id: workspaceId,
    name,
    external_id: groupId,
    currency,
    arr_minor: 0,
    risk_statuses: '[]',
    custom_fields: '{}',
    created_at: now,
    updated_at: now,
  }));
  // Another server process may create the same account at the same moment: its row wins, ours is skipped.
  await trx
    .insertInto('accounts')
    .values(rows)
    .onConflict((oc) => oc.columns(['workspace_id', 'external_id']).doNothing())
    .execute();
  const found = await accountsByExternalId(trx, workspaceId, [...wanted.keys()]);
  for (const [groupId, id] of found) directory.accountsByExternalId.set(groupId, id);
  return [...found.keys()];
}
