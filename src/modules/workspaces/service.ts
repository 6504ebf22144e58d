import type { Database } from '../../db/connection.js';
import { classifyDbError, decodeJson, encodeJson, nowIso } from '../../db/dialect.js';
import { withTransaction } from '../../db/transaction.js';
import type { Role } from '../../domain/enums.js';
import { newId } from '../../lib/ids.js';
import { hashPassword } from '../../lib/secrets.js';
import { AppError, conflict, invalid, notFound } from '../../server/errors.js';
import type { Actor } from '../../server/types.js';
import { releaseAccountsOwnedBy } from '../accounts/service.js';
import { lockUsage } from '../ingest/lock.js';
import { applyWorkspaceSeeds } from '../seeds.js';
import { forgetWriteKeys } from '../write-keys/service.js';
import type { Member, Workspace, WorkspaceSettings } from './contracts.js';
import { defaultRevenueBands, revenueBandProblems } from './revenue-bands.js';

export const defaultSettings: WorkspaceSettings = {
  currency: 'USD',
  revenueBands: defaultRevenueBands,
  autoCreateAccountsFromGroup: false,
  // DOMAIN.md's coverage model: high touch meets every two weeks, medium monthly, tech touch quarterly.
  touchCadenceDays: { high: 14, medium: 30, tech: 90 },
  requestFollowUpDays: 3,
};

export function decodeSettings(text: string): WorkspaceSettings {
  return { ...defaultSettings, ...decodeJson<Partial<WorkspaceSettings>>(text, {}) };
}

export async function getWorkspace(database: Database, workspaceId: string): Promise<Workspace> {
  const row = await database.db.selectFrom('workspaces').selectAll().where('id', '=', workspaceId).executeTakeFirst();
  if (!row) throw notFound('Workspace');
  return { id: row.id, name: row.name, settings: decodeSettings(row.settings), createdAt: row.created_at };
}

export async function getSettings(database: Database, workspaceId: string): Promise<WorkspaceSettings> {
  return (await getWorkspace(database, workspaceId)).settings;
}

export async function createWorkspace(database: Database, name: string, settings: Partial<WorkspaceSettings> = {}): Promise<Workspace> {
  const now = nowIso();
  const id = newId();
  const full = { ...defaultSettings, ...settings };
  await database.db
    .insertInto('workspaces')
    .values({ id, name, settings: encodeJson(full), created_at: now, updated_at: now })
    .execute();
  await applyWorkspaceSeeds(database.db, id);
  return { id, name, settings: full, createdAt: now };
}

export async function updateWorkspace(database: Database, actor: Actor, patch: { name?: string; settings?: Partial<WorkspaceSettings> }): Promise<Workspace> {
  const current = await getWorkspace(database, actor.workspaceId);
  const settings = { ...current.settings, ...patch.settings };
  const problems = revenueBandProblems(settings.revenueBands);
  if (problems.length > 0) {
    throw new AppError(
      'validation',
      `Revenue bands: ${problems.join('; ')}`,
      problems.map((message) => ({ field: 'settings.revenueBands', rule: 'bands', message })),
    );
  }
  await database.db
    .updateTable('workspaces')
    .set({ name: patch.name ?? current.name, settings: encodeJson(settings), updated_at: nowIso() })
    .where('id', '=', actor.workspaceId)
    .execute();
  // Ingest keeps each write key's workspace settings for a few seconds; this process sees the change now.
  forgetWriteKeys();
  return getWorkspace(database, actor.workspaceId);
}

export async function listMembers(database: Database, workspaceId: string): Promise<Member[]> {
  const rows = await database.db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.email', 'users.name', 'memberships.role', 'memberships.created_at'])
    .where('memberships.workspace_id', '=', workspaceId)
    .orderBy('users.name')
    .execute();
  return rows.map((r) => ({ id: r.id, email: r.email, name: r.name, role: r.role as Role, createdAt: r.created_at }));
}

export async function findMember(database: Database, workspaceId: string, userId: string): Promise<Member | null> {
  const members = await database.db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.email', 'users.name', 'memberships.role', 'memberships.created_at'])
    .where('memberships.workspace_id', '=', workspaceId)
    .where('users.id', '=', userId)
    .executeTakeFirst();
  return members ? { id: members.id, email: members.email, name: members.name, role: members.role as Role, createdAt: members.created_at } : null;
}

/** Creates the login if the email is new (a password is then required) and adds it to the workspace. */
export async function addMember(
  database: Database,
  workspaceId: string,
  input: { email: string; name: string; role: Role; password?: string | undefined },
): Promise<Member> {
  const now = nowIso();
  let user = await database.db.selectFrom('users').select(['id']).where('email', '=', input.email).executeTakeFirst();
  if (!user) {
    if (!input.password) throw invalid('password', 'required', 'A password is required for a new user (at least 10 characters)');
    const id = newId();
    await database.db
      .insertInto('users')
      .values({ id, email: input.email, name: input.name, password_hash: await hashPassword(input.password), created_at: now, updated_at: now })
      .execute();
    user = { id };
  }
  try {
    await database.db.insertInto('memberships').values({ workspace_id: workspaceId, user_id: user.id, role: input.role, created_at: now }).execute();
  } catch (err) {
    if (classifyDbError(err) === 'unique') throw conflict('email', `${input.email} is already a member of this workspace`, input.email);
    throw err;
  }
  const member = await findMember(database, workspaceId, user.id);
  if (!member) throw notFound('User');
  return member;
}

async function adminCount(database: Database, workspaceId: string): Promise<number> {
  const row = await database.db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'admin')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function changeMemberRole(database: Database, actor: Actor, userId: string, role: Role): Promise<Member> {
  const member = await findMember(database, actor.workspaceId, userId);
  if (!member) throw notFound('User');
  if (member.role === 'admin' && role !== 'admin' && (await adminCount(database, actor.workspaceId)) <= 1) {
    throw invalid('role', 'last_admin', 'A workspace needs at least one admin: make someone else admin first');
  }
  await database.db.updateTable('memberships').set({ role }).where('workspace_id', '=', actor.workspaceId).where('user_id', '=', userId).execute();
  return { ...member, role };
}

export async function removeMember(database: Database, actor: Actor, userId: string): Promise<void> {
  const member = await findMember(database, actor.workspaceId, userId);
  if (!member) throw notFound('User');
  if (member.role === 'admin' && (await adminCount(database, actor.workspaceId)) <= 1) {
    throw invalid('id', 'last_admin', 'A workspace needs at least one admin: make someone else admin first');
  }
  await database.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('memberships').where('workspace_id', '=', actor.workspaceId).where('user_id', '=', userId).execute();
    // Their sessions in this workspace end now, not at expiry.
    await trx.deleteFrom('sessions').where('workspace_id', '=', actor.workspaceId).where('user_id', '=', userId).execute();
    await releaseAccountsOwnedBy(trx, actor.workspaceId, userId);
  });
}

export interface WorkspaceRef {
  id: string;
  name: string;
}

/** Every workspace on this instance, for operators (the CLI); never exposed over HTTP. */
export async function listAllWorkspaces(database: Database): Promise<WorkspaceRef[]> {
  return database.db.selectFrom('workspaces').select(['id', 'name']).orderBy('name').orderBy('id').execute();
}

/** Workspaces whose id or exact name is `ref` (names are not unique), oldest first. */
export async function findWorkspacesByIdOrName(database: Database, ref: string): Promise<WorkspaceRef[]> {
  return database.db
    .selectFrom('workspaces')
    .select(['id', 'name'])
    .where((eb) => eb.or([eb('id', '=', ref), eb('name', '=', ref)]))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function hasAnyWorkspace(database: Database): Promise<boolean> {
  return (await database.db.selectFrom('workspaces').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export async function loginExists(database: Database, email: string): Promise<boolean> {
  return (await database.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) !== undefined;
}

/**
 * Deletes a workspace with all its records (every child table cascades on the workspace), and the
 * logins that belonged to it alone, so that nobody is left with a login to no workspace.
 */
export async function deleteWorkspace(database: Database, workspaceId: string): Promise<void> {
  const { db } = database;
  const onlyHere = await db
    .selectFrom('memberships as m')
    .select('m.user_id')
    .where('m.workspace_id', '=', workspaceId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('memberships as other').select('other.user_id').whereRef('other.user_id', '=', 'm.user_id').where('other.workspace_id', '<>', workspaceId),
        ),
      ),
    )
    .execute();
  await withTransaction(db, async (trx) => {
    // A rollup fold running now would commit its rows after these deletes: the exclusive usage lock waits it out.
    await lockUsage(trx, database.dialect, workspaceId, 'exclusive');
    // Usage tables carry no foreign keys (ingest must not pay a lookup per row), so nothing cascades to them.
    for (const table of ['usage_events', 'usage_users', 'usage_daily', 'usage_user_days'] as const) {
      await trx.deleteFrom(table).where('workspace_id', '=', workspaceId).execute();
    }
    await trx.deleteFrom('workspaces').where('id', '=', workspaceId).execute();
  });
  const userIds = onlyHere.map((r) => r.user_id);
  if (userIds.length > 0) await db.deleteFrom('users').where('id', 'in', userIds).execute();
}
