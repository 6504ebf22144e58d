import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

/** Why an event could not be tied to an account; shown on the unmatched-data page. */
export const UnmatchedReasons = {
  unknown_group: 'Its groupId matches no account’s external id',
  unknown_user: 'Its userId is not linked to an account: no group call, and no contact has this external id or email',
  anonymous: 'It has only an anonymousId and no groupId, so nothing names its account',
  account_deleted: 'The account it belonged to was deleted; an account with its groupId takes it back',
} as const;
export type UnmatchedReason = keyof typeof UnmatchedReasons;

export interface KnownUser {
  userId: string;
  email: string | null;
  groupId: string | null;
  contactId: string | null;
  accountId: string | null;
  traits: Record<string, unknown>;
  firstSeen: string;
  lastSeen: string;
}

export interface ContactRef {
  id: string;
  accountId: string;
  externalId: string | null;
  email: string | null;
}

/** What a batch needs to know about the workspace to resolve its messages, read in a few set-based queries. */
export interface Directory {
  accountsByExternalId: Map<string, string>;
  users: Map<string, KnownUser>;
  contactsByExternalId: Map<string, ContactRef>;
  contactsByEmail: Map<string, ContactRef>;
}

type Db = Kysely<DB> | Transaction<DB>;
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export async function accountsByExternalId(db: Db, workspaceId: string, externalIds: readonly string[]): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  for (const part of chunks(externalIds)) {
    const rows = await db
      .selectFrom('accounts')
      .select(['id', 'external_id'])
      .where('workspace_id', '=', workspaceId)
      .where('external_id', 'in', part)
      .execute();
    for (const r of rows) if (r.external_id) map.set(r.external_id, r.id);
  }
  return map;
}

export async function knownUsers(db: Db, workspaceId: string, userIds: readonly string[]): Promise<Map<string, KnownUser>> {
  const map = new Map<string, KnownUser>();
  for (const part of chunks(userIds)) {
    const rows = await db.selectFrom('usage_users').selectAll().where('workspace_id', '=', workspaceId).where('user_id', 'in', part).execute();
    for (const r of rows) {
      map.set(r.user_id, {
        userId: r.user_id,
        email: r.email,
        groupId: r.group_id,
        contactId: r.contact_id,
        accountId: r.account_id,
        traits: JSON.parse(r.traits) as Record<string, unknown>,
        firstSeen: r.first_seen,
        lastSeen: r.last_seen,
      });
    }
  }
  return map;
}

export async function contactsBy(db: Db, workspaceId: string, column: 'external_id' | 'email', values: readonly string[]): Promise<Map<string, ContactRef>> {
  const map = new Map<string, ContactRef>();
  for (const part of chunks(values)) {
    const rows = await db
      .selectFrom('contacts')
      .select(['id', 'account_id', 'external_id', 'email'])
      .where('workspace_id', '=', workspaceId)
      .where(column, 'in', part)
      .execute();
    for (const r of rows) {
      const key = column === 'email' ? r.email : r.external_id;
      if (key) map.set(key, { id: r.id, accountId: r.account_id, externalId: r.external_id, email: r.email });
    }
  }
  return map;
}

export async function loadDirectory(
  db: Db,
  workspaceId: string,
  wanted: { groupIds: Iterable<string>; userIds: Iterable<string>; emails: Iterable<string> },
): Promise<Directory> {
  const userIds = [...new Set(wanted.userIds)];
  const [accounts, users, byExternal] = [
    await accountsByExternalId(db, workspaceId, [...new Set(wanted.groupIds)]),
    await knownUsers(db, workspaceId, userIds),
    await contactsBy(db, workspaceId, 'external_id', userIds),
  ];
  const emails = [...new Set(wanted.emails)];
  const byEmail = emails.length ? await contactsBy(db, workspaceId, 'email', emails) : new Map<string, ContactRef>();
  return { accountsByExternalId: accounts, users, contactsByExternalId: byExternal, contactsByEmail: byEmail };
}

/** The account a user's events belong to: what a group call said, else the account of the contact they are. */
export function accountOfUser(directory: Directory, userId: string): string | null {
  const user = directory.users.get(userId);
  if (user?.accountId) return user.accountId;
  return directory.contactsByExternalId.get(userId)?.accountId ?? null;
}
