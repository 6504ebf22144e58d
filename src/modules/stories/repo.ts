import { type ExpressionBuilder, type Kysely, type SelectQueryBuilder, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/connection.js';
import { containsText } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import type { StorySubject } from '../../domain/enums.js';
import type { Story, StoryFilters } from './contracts.js';

type Executor = Kysely<DB> | Transaction<DB>;
type StoryQuery = SelectQueryBuilder<DB & { account: DB['accounts']; author: DB['users'] }, 'stories' | 'account' | 'author', object>;

/** The joined columns every story read returns. */
export function selectStories(db: Executor) {
  return db
    .selectFrom('stories')
    .innerJoin('accounts as account', 'account.id', 'stories.account_id')
    .leftJoin('users as author', 'author.id', 'stories.author_id')
    .selectAll('stories')
    .select(['account.name as account_name', 'author.name as author_name']);
}

export type StoryRow = DB['stories'] & { account_name: string; author_name: string | null };

export const storyKey = sql<string>`stories.created_at`;

export function toStory(row: StoryRow, labels: Map<string, string>): Story {
  const subjectType = row.subject_type as StorySubject;
  return {
    id: row.id,
    accountId: row.account_id,
    accountName: row.account_name,
    subjectType,
    subjectId: row.subject_id,
    subjectLabel: subjectType === 'account' ? row.account_name : (labels.get(`${subjectType}:${row.subject_id}`) ?? null),
    title: row.title,
    body: row.body,
    authorId: row.author_id,
    authorName: row.author_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Applies every filter; the list and its count use it so they always agree. */
export function applyStoryFilters<Q extends StoryQuery>(query: Q, database: Database, workspaceId: string, filters: StoryFilters): Q {
  let q = query.where('stories.workspace_id', '=', workspaceId) as Q;
  if (filters.accountId) q = q.where('stories.account_id', '=', filters.accountId) as Q;
  if (filters.subjectType) q = q.where('stories.subject_type', '=', filters.subjectType) as Q;
  if (filters.subjectId) q = q.where('stories.subject_id', '=', filters.subjectId) as Q;
  if (filters.authorId) q = q.where('stories.author_id', '=', filters.authorId) as Q;
  if (filters.q) {
    const text = filters.q;
    q = q.where((eb: ExpressionBuilder<DB, 'stories'>) =>
      eb.or([containsText(database.dialect, eb.ref('stories.title'), text), containsText(database.dialect, eb.ref('stories.body'), text)]),
    ) as Q;
  }
  return q;
}

export async function findStoryRow(db: Executor, workspaceId: string, id: string): Promise<StoryRow | undefined> {
  return (await selectStories(db).where('stories.workspace_id', '=', workspaceId).where('stories.id', '=', id).executeTakeFirst()) as StoryRow | undefined;
}
