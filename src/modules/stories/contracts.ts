import { z } from 'zod';
import { StorySubjects } from '../../domain/enums.js';
import { Cursor, Id, Limit, page } from '../../domain/schemas.js';
import { MAX_MARKDOWN_LENGTH } from '../../lib/markdown.js';

const Title = z.string().trim().min(1, 'is required').max(200);
/** Markdown, stored exactly as written (rendering is the web app's job, through src/lib/markdown.ts). */
const Body = z
  .string()
  .max(MAX_MARKDOWN_LENGTH, `must be at most ${MAX_MARKDOWN_LENGTH} characters`)
  .refine((s) => s.trim() !== '', 'is required');

export const StoryCreate = z.object({
  accountId: Id,
  /** What the story is about: the account itself (the default), or one of its meetings, risks, red flags or playbook runs. */
  subjectType: StorySubjects.schema.default('account'),
  /** The record's id; for 'account' it may be left out (it is the account's id). */
  subjectId: Id.optional(),
  title: Title,
  body: Body,
});
export type StoryCreate = z.infer<typeof StoryCreate>;

/** The subject may change within the story's account; subjectType and subjectId go together. */
export const StoryPatch = z.object({
  subjectType: StorySubjects.schema.optional(),
  subjectId: Id.optional(),
  title: Title.optional(),
  body: Body.optional(),
});
export type StoryPatch = z.infer<typeof StoryPatch>;

export const Story = z.object({
  id: Id,
  accountId: Id,
  accountName: z.string(),
  subjectType: StorySubjects.schema,
  subjectId: Id,
  /** What the subject is called (the account's name, the meeting's title, the playbook's name…); null once it is deleted. */
  subjectLabel: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  authorId: Id.nullable(),
  /** null when the author was an API key or has left. */
  authorName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Story = z.infer<typeof Story>;

export const StoryFilters = z.object({
  accountId: Id.optional(),
  subjectType: StorySubjects.schema.optional(),
  subjectId: Id.optional(),
  authorId: Id.optional(),
  /** Words in the title or the body. */
  q: z.string().trim().max(200).optional(),
});
export type StoryFilters = z.infer<typeof StoryFilters>;

/** Newest first, keyset-paginated. */
export const StoryListQuery = StoryFilters.extend({ limit: Limit, cursor: Cursor });
export type StoryListQuery = z.infer<typeof StoryListQuery>;

export const AccountStoryListQuery = StoryListQuery.omit({ accountId: true });
export type AccountStoryListQuery = z.infer<typeof AccountStoryListQuery>;

export const StoryPage = page(Story);
export type StoryPage = z.infer<typeof StoryPage>;
