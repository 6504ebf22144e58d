import type { Database } from '../../db/connection.js';
import { nowIso } from '../../db/dialect.js';
import type { Role } from '../../domain/enums.js';
import { hashPassword, randomToken, sha256, verifyPassword } from '../../lib/secrets.js';
import { AppError, invalid, notFound } from '../../server/errors.js';
import type { Actor } from '../../server/types.js';
import { getWorkspace } from '../workspaces/service.js';
import type { Me, PasswordChange } from './contracts.js';

export const SESSION_DAYS = 14;

/** Verifying against this when the email is unknown keeps the response time the same. */
let decoyHash: Promise<string> | null = null;

export async function findSessionActor(database: Database, token: string): Promise<{ actor: Actor; idHash: string; csrfToken: string } | null> {
  const idHash = sha256(token);
  const row = await database.db
    .selectFrom('sessions')
    .innerJoin('memberships', (j) => j.onRef('memberships.user_id', '=', 'sessions.user_id').onRef('memberships.workspace_id', '=', 'sessions.workspace_id'))
    .select(['sessions.user_id', 'sessions.workspace_id', 'sessions.csrf_token', 'memberships.role'])
    .where('sessions.id_hash', '=', idHash)
    .where('sessions.expires_at', '>', nowIso())
    .executeTakeFirst();
  if (!row) return null;
  return {
    actor: { workspaceId: row.workspace_id, userId: row.user_id, role: row.role as Role, via: 'session' },
    idHash,
    csrfToken: row.csrf_token,
  };
}

/** Checks the password and opens a session in the user's first workspace. Returns the cookie token. */
export async function signIn(database: Database, email: string, password: string): Promise<{ token: string; me: Me }> {
  const user = await database.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  if (!user) {
    decoyHash ??= hashPassword(randomToken());
    await verifyPassword(await decoyHash, password);
    throw new AppError('unauthorized', 'Wrong email or password');
  }
  if (!(await verifyPassword(user.password_hash, password))) throw new AppError('unauthorized', 'Wrong email or password');
  const first = await database.db
    .selectFrom('memberships')
    .select('workspace_id')
    .where('user_id', '=', user.id)
    .orderBy('created_at')
    .orderBy('workspace_id')
    .executeTakeFirst();
  if (!first) throw new AppError('forbidden', 'This login belongs to no workspace any more: ask an admin to add you');
  const token = randomToken();
  const csrfToken = randomToken();
  const now = new Date();
  await database.db
    .insertInto('sessions')
    .values({
      id_hash: sha256(token),
      user_id: user.id,
      workspace_id: first.workspace_id,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString(),
    })
    .execute();
  // Old expired sessions of this user are of no use to anyone.
  await database.db.deleteFrom('sessions').where('user_id', '=', user.id).where('expires_at', '<=', now.toISOString()).execute();
  return { token, me: await describeSession(database, user.id, first.workspace_id, csrfToken) };
}

export async function signOut(database: Database, idHash: string): Promise<void> {
  await database.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function switchWorkspace(database: Database, idHash: string, userId: string, workspaceId: string): Promise<void> {
  const membership = await database.db
    .selectFrom('memberships')
    .select('role')
    .where('user_id', '=', userId)
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  // Not a member looks exactly like "no such workspace".
  if (!membership) throw notFound('Workspace');
  await database.db.updateTable('sessions').set({ workspace_id: workspaceId }).where('id_hash', '=', idHash).execute();
}

export async function describeSession(database: Database, userId: string, workspaceId: string, csrfToken: string): Promise<Me> {
  const user = await database.db.selectFrom('users').select(['id', 'email', 'name']).where('id', '=', userId).executeTakeFirstOrThrow();
  const workspaces = await database.db
    .selectFrom('memberships')
    .innerJoin('workspaces', 'workspaces.id', 'memberships.workspace_id')
    .select(['workspaces.id', 'workspaces.name', 'memberships.role'])
    .where('memberships.user_id', '=', userId)
    .orderBy('workspaces.name')
    .execute();
  const current = workspaces.find((w) => w.id === workspaceId);
  if (!current) throw notFound('Workspace');
  const workspace = await getWorkspace(database, workspaceId);
  return {
    user,
    workspace: { id: workspace.id, name: workspace.name, settings: workspace.settings },
    role: current.role as Role,
    workspaces: workspaces.map((w) => ({ id: w.id, name: w.name, role: w.role as Role })),
    csrfToken,
  };
}

/**
 * Sets a new password and ends the user's sessions, except `keepSession` (the id hash of the session
 * making the change): whoever else held a session, perhaps with the old password, is signed out.
 */
export async function changePassword(database: Database, userId: string, password: string, keepSession?: string): Promise<void> {
  // Hash before the transaction: argon2 is deliberately slow and must not hold a write lock.
  const passwordHash = await hashPassword(password);
  await database.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash, updated_at: nowIso() }).where('id', '=', userId).execute();
    let sessions = trx.deleteFrom('sessions').where('user_id', '=', userId);
    if (keepSession) sessions = sessions.where('id_hash', '!=', keepSession);
    await sessions.execute();
  });
}

/** A signed-in person changes their own password: the current one must be right, the new one different. */
export async function changeOwnPassword(database: Database, userId: string, sessionIdHash: string, input: PasswordChange): Promise<void> {
  const user = await database.db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst();
  if (!user) throw notFound('User');
  // Never echo passwords back in the value.
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw invalid('currentPassword', 'mismatch', 'The current password is not right');
  }
  if (input.newPassword === input.currentPassword) {
    throw invalid('newPassword', 'different', 'The new password must differ from the current one');
  }
  await changePassword(database, userId, input.newPassword, sessionIdHash);
}
