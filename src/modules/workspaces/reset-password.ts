import type { Database } from '../../db/connection.js';
import { AppError, invalid, notFound } from '../../server/errors.js';
import type { Actor } from '../../server/types.js';
import { changePassword } from '../auth/service.js';
import type { MemberPasswordSet } from './contracts.js';
import { findMember } from './service.js';

/**
 * Whether the member also belongs to a workspace where the caller is not an admin. A login is shared by
 * every workspace its person belongs to, so setting its password there is a takeover of those too: only
 * someone who is already an admin everywhere the person is may do it. An API key stands for no person,
 * so for a key any other workspace counts.
 */
async function inWorkspaceCallerDoesNotAdminister(database: Database, actor: Actor, userId: string): Promise<boolean> {
  let query = database.db
    .selectFrom('memberships as target')
    .select('target.workspace_id')
    .where('target.user_id', '=', userId)
    .where('target.workspace_id', '<>', actor.workspaceId);
  const callerId = actor.userId;
  if (callerId !== null) {
    query = query.where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('memberships as caller')
            .select('caller.user_id')
            .whereRef('caller.workspace_id', '=', 'target.workspace_id')
            .where('caller.user_id', '=', callerId)
            .where('caller.role', '=', 'admin'),
        ),
      ),
    );
  }
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}

/** An admin sets a new password for a member of their workspace (who forgot theirs); every session of theirs ends. */
export async function setMemberPassword(database: Database, actor: Actor, userId: string, input: MemberPasswordSet): Promise<void> {
  const member = await findMember(database, actor.workspaceId, userId);
  if (!member) throw notFound('User');
  if (actor.userId === userId) {
    throw invalid('id', 'self', 'This is you: use Change password in your user menu (POST /api/v1/auth/password), which asks for your current one');
  }
  if (await inWorkspaceCallerDoesNotAdminister(database, actor, userId)) {
    const message = `${member.name} also belongs to another workspace where you are not an admin, so you cannot set their password: an admin of every workspace they belong to must do it`;
    throw new AppError('forbidden', message, [{ field: 'id', rule: 'other_workspaces', message }]);
  }
  // No session is kept: whoever held one, perhaps with the old password, is signed out.
  await changePassword(database, userId, input.newPassword);
}
