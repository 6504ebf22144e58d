import { z } from 'zod';
import { RedFlagKinds, RedFlagStatuses } from '../../domain/enums.js';
import { Cursor, Id, IsoDate, Limit, optionalText, page, queryList } from '../../domain/schemas.js';

export const RedFlagSources = z.enum(['person', 'automatic']);
export type RedFlagSource = z.infer<typeof RedFlagSources>;

export const RedFlag = z.object({
  id: Id,
  accountId: Id,
  accountName: z.string(),
  kind: RedFlagKinds.schema,
  note: z.string().nullable(),
  /** The contact the flag is about (a sponsor or champion who left), if any. */
  contactId: z.string().nullable(),
  contactName: z.string().nullable(),
  /** 'automatic' when Keepwell raised it (a sponsor or champion marked as left); raisedBy is then who marked them. */
  source: RedFlagSources,
  status: RedFlagStatuses.schema,
  raisedBy: z.string().nullable(),
  raisedByName: z.string().nullable(),
  raisedAt: z.string(),
  resolvedBy: z.string().nullable(),
  resolvedByName: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  resolution: z.string().nullable(),
});
export type RedFlag = z.infer<typeof RedFlag>;

export const RedFlagCreate = z.object({
  accountId: Id,
  kind: RedFlagKinds.schema,
  note: optionalText(2000),
  contactId: Id.nullable().optional(),
});
export type RedFlagCreate = z.infer<typeof RedFlagCreate>;

/** Resolving or reopening (csm and above) with a resolution note; the raiser (or a manager) may edit the note. */
export const RedFlagPatch = z.object({
  status: RedFlagStatuses.schema.optional(),
  resolution: optionalText(2000),
  note: optionalText(2000),
});
export type RedFlagPatch = z.infer<typeof RedFlagPatch>;

export const RedFlagFilters = z.object({
  status: queryList(RedFlagStatuses.schema),
  kind: queryList(RedFlagKinds.schema),
  accountId: queryList(Id),
  source: queryList(RedFlagSources),
  /** Raised on or after this day (YYYY-MM-DD, UTC) or moment (ISO timestamp). */
  since: z.union([IsoDate, z.iso.datetime()]).optional(),
});
export type RedFlagFilters = z.infer<typeof RedFlagFilters>;

/** Newest first. */
export const RedFlagListQuery = RedFlagFilters.extend({ limit: Limit, cursor: Cursor });
export type RedFlagListQuery = z.infer<typeof RedFlagListQuery>;
export const AccountRedFlagListQuery = RedFlagListQuery.omit({ accountId: true });
export type AccountRedFlagListQuery = z.infer<typeof AccountRedFlagListQuery>;

export const RedFlagPage = page(RedFlag);
export type RedFlagPage = z.infer<typeof RedFlagPage>;
