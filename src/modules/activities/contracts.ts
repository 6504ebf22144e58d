import { z } from 'zod';
import { ActivityStatuses, ActivityTypes, Priorities, TaskStatuses } from '../../domain/enums.js';
import { Cursor, Id, IsoDate, Limit, optionalText, page, queryList } from '../../domain/schemas.js';

/**
 * An ISO-8601 date-time with a zone (Z or an offset), stored as UTC with milliseconds so that text comparison
 * (SQLite) and timestamptz (PostgreSQL) order it the same way. Years outside 1900–2999 are typing mistakes.
 */
export const IsoDateTime = z.iso
  .datetime({ offset: true, message: 'must be an ISO date-time with a zone, such as 2026-03-01T14:00:00Z' })
  .transform((s) => new Date(s).toISOString())
  .refine((s) => s >= '1900-01-01' && s < '3000-01-01', 'must be between the years 1900 and 2999');

/** A meeting's follow-up: becomes a task on the activity's account, linked to the activity. */
export const ActionItem = z.object({
  title: z.string().trim().min(1, 'is required').max(200),
  ownerId: Id.nullable().optional(),
  dueOn: IsoDate.nullable().optional(),
  priority: Priorities.schema.optional(),
});
export type ActionItem = z.infer<typeof ActionItem>;

const ActivityFieldsBase = z.object({
  accountId: Id,
  type: ActivityTypes.schema,
  /** Defaults on create: done when occurredAt is in the past, planned when it is in the future. */
  status: ActivityStatuses.schema,
  title: z.string().trim().min(1, 'is required').max(200),
  occurredAt: IsoDateTime,
  durationMinutes: z.int().min(1).max(10_080).nullable().optional(),
  summary: optionalText(20_000),
  outcome: optionalText(5_000),
  /** Attendees: contacts of the activity's account, and members of the workspace. */
  contactIds: z.array(Id).max(100),
  userIds: z.array(Id).max(100),
  /** New action items only (existing ones are tasks: edit them there). */
  actionItems: z.array(ActionItem).max(50),
});

export const ActivityCreate = ActivityFieldsBase.extend({
  status: ActivityFieldsBase.shape.status.optional(),
  contactIds: ActivityFieldsBase.shape.contactIds.default([]),
  userIds: ActivityFieldsBase.shape.userIds.default([]),
  actionItems: ActivityFieldsBase.shape.actionItems.default([]),
});
export type ActivityCreate = z.infer<typeof ActivityCreate>;
export const ActivityPatch = ActivityFieldsBase.partial();
export type ActivityPatch = z.infer<typeof ActivityPatch>;

export const Attendee = z.object({ id: Id, name: z.string() });

/** A task that came from this activity's action items. */
export const ActivityTask = z.object({
  id: Id,
  title: z.string(),
  status: TaskStatuses.schema,
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  dueOn: z.string().nullable(),
});
export type ActivityTask = z.infer<typeof ActivityTask>;

export const Activity = z.object({
  id: Id,
  accountId: Id,
  accountName: z.string(),
  type: ActivityTypes.schema,
  status: ActivityStatuses.schema,
  title: z.string(),
  occurredAt: z.string(),
  durationMinutes: z.number().int().nullable(),
  summary: z.string().nullable(),
  outcome: z.string().nullable(),
  /** Attendees with their names; a deleted contact or a former member drops out. */
  contacts: z.array(Attendee),
  users: z.array(Attendee),
  tasks: z.array(ActivityTask),
  createdById: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Activity = z.infer<typeof Activity>;

export const ActivityFilters = z.object({
  accountId: Id.optional(),
  type: queryList(ActivityTypes.schema),
  status: queryList(ActivityStatuses.schema),
  /** Days (UTC), both included. */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  /** Activities this contact / member attended. */
  contactId: Id.optional(),
  userId: Id.optional(),
});
export type ActivityFilters = z.infer<typeof ActivityFilters>;

/** Newest first (by occurredAt, then id), keyset-paginated like accounts. */
export const ActivityListQuery = ActivityFilters.extend({ limit: Limit, cursor: Cursor });
export type ActivityListQuery = z.infer<typeof ActivityListQuery>;
export const AccountActivityListQuery = ActivityListQuery.omit({ accountId: true });
export type AccountActivityListQuery = z.infer<typeof AccountActivityListQuery>;

export const ActivityPage = page(Activity);
export type ActivityPage = z.infer<typeof ActivityPage>;
