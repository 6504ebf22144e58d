import type { Database } from '../../db/connection.js';
import { nowIso } from '../../db/dialect.js';
import { afterCursor, splitPage } from '../../db/keyset.js';
import type { DB } from '../../db/schema.js';
import { roleRank, type StorySubject } from '../../domain/enums.js';
import { newId } from '../../lib/ids.js';
import { forbidden, invalid, notFound } from '../../server/errors.js';
import type { Actor } from '../../server/types.js';
import { accountExists } from '../accounts/repo.js';
import type { AccountStoryListQuery, Story, StoryCreate, StoryListQuery, StoryPage, StoryPatch } from './contracts.js';
import { applyStoryFilters, findStoryRow, type StoryRow, selectStories, storyKey, toStory } from './repo.js';
import { resolveSubject, subjectLabels } from './subjects.js';

export async function listStories(database: Database, actor: Actor, query: StoryListQuery): Promise<StoryPage> {
  const { db } = database;
  let q = applyStoryFilters(selectStories(db), database, actor.workspaceId, query).select(storyKey.as('sort_key'));
  if (query.cursor) q = q.where(afterCursor(storyKey, 'timestamp', 'stories.id', 'desc', query.cursor));
  const fetched = (await q
    .orderBy(storyKey, 'desc')
    .orderBy('stories.id', 'desc')
    .limit(query.limit + 1)
    .execute()) as Array<StoryRow & { sort_key: string }>;
  const { rows, nextCursor } = splitPage(fetched, query.limit);
  const labels = await subjectLabels(db, actor.workspaceId, rows);
  const base = db
    .selectFrom('stories')
    .innerJoin('accounts as account', 'account.id', 'stories.account_id')
    .leftJoin('users as author', 'author.id', 'stories.author_id');
  const count = await applyStoryFilters(base, database, actor.workspaceId, query)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { items: rows.map((r) => toStory(r, labels)), nextCursor, total: Number(count.n) };
}

/** An account's stories; another workspace's account (or none) is a 404, not an empty list. */
export async function listAccountStories(database: Database, actor: Actor, accountId: string, query: AccountStoryListQuery): Promise<StoryPage> {
  if (!(await accountExists(database.db, actor.workspaceId, accountId))) throw notFound('Account');
  return listStories(database, actor, { ...query, accountId });
}

export async function getStory(database: Database, actor: Actor, id: string): Promise<Story> {
  const row = await findStoryRow(database.db, actor.workspaceId, id);
  if (!row) throw notFound('Story');
  return toStory(row, await subjectLabels(database.db, actor.workspaceId, [row]));
}

export async function createStory(database: Database, actor: Actor, input: StoryCreate): Promise<Story> {
  if (!(await accountExists(database.db, actor.workspaceId, input.accountId))) {
    throw invalid('accountId', 'exists', 'The account does not exist in this workspace', input.accountId);
  }
  const subjectId = await resolveSubject(database.db, actor.workspaceId, input.accountId, input.subjectType, input.subjectId);
  const now = nowIso();
  const id = newId();
  await database.db
    .insertInto('stories')
    .values({
      id,
      workspace_id: actor.workspaceId,
      account_id: input.accountId,
      subject_type: input.subjectType,
      subject_id: subjectId,
      title: input.title,
      body: input.body,
      author_id: actor.userId,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return getStory(database, actor, id);
}

/** Authors change their own stories; a manager or admin may change anyone's. */
function checkMayChange(actor: Actor, row: StoryRow): void {
  const own = actor.userId !== null && actor.userId === row.author_id;
  if (!own && roleRank[actor.role] < roleRank.manager) throw forbidden('Only the author, a manager or an admin may change or delete this story');
}

export async function updateStory(database: Database, actor: Actor, id: string, patch: StoryPatch): Promise<Story> {
  const row = await findStoryRow(database.db, actor.workspaceId, id);
  if (!row) throw notFound('Story');
  checkMayChange(actor, row);
  const changes: Partial<DB['stories']> = { updated_at: nowIso() };
  if (patch.title !== undefined) changes.title = patch.title;
  if (patch.body !== undefined) changes.body = patch.body;
  if (patch.subjectType !== undefined || patch.subjectId !== undefined) {
    const subjectType = patch.subjectType ?? (row.subject_type as StorySubject);
    // A new type needs its record; the same type with a new id keeps the type.
    if (patch.subjectType !== undefined && patch.subjectType !== 'account' && patch.subjectId === undefined) {
      throw invalid('subjectId', 'required', 'Give the id of the record the story is now about');
    }
    changes.subject_type = subjectType;
    changes.subject_id = await resolveSubject(database.db, actor.workspaceId, row.account_id, subjectType, patch.subjectId);
  }
  await database.db.updateTable('stories').set(changes).where('workspace_id', '=', actor.workspaceId).where('id', '=', id).execute();
  return getStory(database, actor, id);
}

export async function deleteStory(database: Database, actor: Actor, id: string): Promise<void> {
  const row = await findStoryRow(database.db, actor.workspaceId, id);
  if (!row) throw notFound('Story');
  checkMayChange(actor, row);
  await database.db.deleteFrom('stories').where('workspace_id', '=', actor.workspaceId).where('id', '=', id).execute();
}
