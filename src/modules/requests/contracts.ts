import { z } from 'zod';
import { RequestStatuses } from '../../domain/enums.js';
import { Cursor, Id, IsoDate, Limit, optionalText, page, queryList } from '../../domain/schemas.js';

/** An internal request: a question or favour asked of a colleague (product, support, finance…), maybe about an account. */
const RequestFields = {
  title: z.string().trim().min(1, 'is required').max(300),
  details: optionalText(5000),
  /** The colleague asked: a member of the workspace. */
  assigneeId: Id,
  accountId: Id.nullable().optional(),
  neededBy: IsoDate.nullable().optional(),
};

export const RequestCreate = z.object(RequestFields);
export type RequestCreate = z.infer<typeof RequestCreate>;

/** Done and cancelled set resolvedAt; reopening clears it. */
export const RequestPatch = z.object({ ...RequestFields, status: RequestStatuses.schema, response: optionalText(5000) }).partial();
export type RequestPatch = z.infer<typeof RequestPatch>;

export const InternalRequest = z.object({
  id: Id,
  title: z.string(),
  details: z.string().nullable(),
  accountId: z.string().nullable(),
  accountName: z.string().nullable(),
  /** Who asked (null when asked through an API key, or the person has been deleted). */
  requestedBy: z.string().nullable(),
  requestedByName: z.string().nullable(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  askedAt: z.string(),
  neededBy: z.string().nullable(),
  status: RequestStatuses.schema,
  response: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  lastFollowUpAt: z.string().nullable(),
  followUps: z.number().int(),
  /** Open, and neither answered nor followed up for the workspace's requestFollowUpDays days. */
  stalled: z.boolean(),
  /** Whole days from asking until now (until it was resolved, once resolved). */
  daysWaiting: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type InternalRequest = z.infer<typeof InternalRequest>;

export const requestSorts = ['askedAt', 'neededBy'] as const;
export const RequestSort = z
  .string()
  .regex(new RegExp(`^-?(${requestSorts.join('|')})$`), `must be one of ${requestSorts.join(', ')}, with - in front for descending`)
  .default('-askedAt');

export const RequestListQuery = z.object({
  /** User ids; "me" is the signed-in person. */
  assigneeId: queryList(z.string().max(64)),
  requestedBy: queryList(z.string().max(64)),
  status: queryList(RequestStatuses.schema),
  accountId: queryList(Id),
  /** true: only stalled requests; false: only those that are not. */
  stalled: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** Sorting by neededBy puts requests without one last (first with -neededBy). */
  sort: RequestSort,
  limit: Limit,
  cursor: Cursor,
});
export type RequestListQuery = z.infer<typeof RequestListQuery>;

export const RequestPage = page(InternalRequest);
export type RequestPage = z.infer<typeof RequestPage>;
