import { z } from 'zod';
import { Cursor, IsoDate, Limit, page } from '../../domain/schemas.js';
import { UnmatchedReasons } from '../ingest/identity.js';

export const UnmatchedReason = z.enum(Object.keys(UnmatchedReasons) as [keyof typeof UnmatchedReasons, ...(keyof typeof UnmatchedReasons)[]]);

export const UnmatchedQuery = z.object({
  reason: UnmatchedReason.optional(),
  /** Exact groupId, userId or anonymousId. */
  key: z.string().trim().min(1).max(255).optional(),
  limit: Limit.pipe(z.number().max(200)),
  cursor: Cursor,
});
export type UnmatchedQuery = z.infer<typeof UnmatchedQuery>;

export const UnmatchedItem = z.object({
  /** The event's sequence number in this server: its identity in this list. */
  seq: z.number().int(),
  messageId: z.string(),
  type: z.string(),
  event: z.string().nullable(),
  userId: z.string().nullable(),
  anonymousId: z.string().nullable(),
  groupId: z.string().nullable(),
  reason: UnmatchedReason,
  /** The reason in words, with what would make it match. */
  reasonText: z.string(),
  timestamp: z.string(),
  receivedAt: z.string(),
  /** The message as received. */
  payload: z.record(z.string(), z.unknown()),
});
export const UnmatchedPage = page(UnmatchedItem);

export const UnmatchedSummary = z.object({
  total: z.number().int(),
  byReason: z.array(z.object({ reason: UnmatchedReason, label: z.string(), count: z.number().int() })),
  /** The groupIds and userIds most often unmatched: creating these accounts or contacts matches the most data. */
  topKeys: z.array(z.object({ kind: z.enum(['groupId', 'userId']), value: z.string(), count: z.number().int(), lastReceivedAt: z.string() })),
});

export const RematchResult = z.object({ matched: z.number().int() });

export const UsageQuery = z.object({ from: IsoDate.optional(), to: IsoDate.optional() });

export const UsagePoint = z.object({ date: z.string(), count: z.number().int(), users: z.number().int() });

export const AccountUsage = z.object({
  from: z.string(),
  to: z.string(),
  totals: z.object({ events: z.number().int(), activeUsers: z.number().int() }),
  /** Distinct active users per day, across all events. */
  activeUsers: z.array(z.object({ date: z.string(), users: z.number().int() })),
  /** Each event over the range, most frequent first, with its daily series (days without events omitted). */
  events: z.array(z.object({ event: z.string(), count: z.number().int(), users: z.number().int(), series: z.array(UsagePoint) })),
  recent: z.array(z.object({ timestamp: z.string(), type: z.string(), event: z.string().nullable(), userId: z.string().nullable() })),
});

export const UsageCatalog = z.object({
  /** Event names seen in the last 90 days, with their numeric properties (for KPI formulas). */
  events: z.array(z.object({ event: z.string(), count: z.number().int(), properties: z.array(z.string()) })),
});
