import { z } from 'zod';
import { Id, queryList } from '../../domain/schemas.js';
import { RagBands } from './contracts.js';

/** Portfolio health (issue 4): the distribution of one scorecard's scores, now and week by week, and the biggest movers. */

const RagCounts = z.object({ red: z.number().int(), amber: z.number().int(), green: z.number().int(), none: z.number().int() });
/** The scorecard reported on, and the others that could be. */
const ScorecardRef = z.object({ id: Id, name: z.string(), rag: RagBands });

export const PortfolioQuery = z.object({
  /** A scorecard of the workspace; the first overall scorecard (by position) when absent. */
  scorecardId: Id.optional(),
});

export const Portfolio = z.object({
  scorecard: ScorecardRef.nullable(),
  scorecards: z.array(z.object({ id: Id, name: z.string(), isOverall: z.boolean() })),
  /** Accounts scored on the scorecard now, by RAG. */
  current: RagCounts,
  /** Ten 10-point buckets of the current shown scores: 0–9 … 90–100. */
  histogram: z.array(z.object({ from: z.number().int(), to: z.number().int(), count: z.number().int() })),
  /** The last 18 weeks, oldest first: accounts by RAG of each one's last snapshot that week (today's bands). */
  weeks: z.array(RagCounts.extend({ week: z.string() })),
});
export type Portfolio = z.infer<typeof Portfolio>;

export const MoversQuery = z.object({
  scorecardId: Id.optional(),
  /** Compare the current score with the latest snapshot on or before this many days ago. */
  days: z.coerce.number().int().min(1).max(126).default(7),
  /** Rows in each of the two lists. */
  limit: z.coerce.number().int().min(1).max(50).default(10),
  /** Account owners: user ids, "me" (the signed-in person), "none" (no owner). */
  ownerId: queryList(z.string().max(64)),
});
export type MoversQuery = z.infer<typeof MoversQuery>;

export const Mover = z.object({
  accountId: Id,
  accountName: z.string(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  /** Two decimals, as stored; `change` is between the shown (rounded) scores. */
  before: z.number(),
  after: z.number(),
  change: z.number().int(),
  rag: z.enum(['red', 'amber', 'green']).nullable(),
  /** The measure that costs the current score most. */
  weakest: z.string().nullable(),
});
export type Mover = z.infer<typeof Mover>;

export const Movers = z.object({
  scorecard: ScorecardRef.nullable(),
  /** The day compared with: scores are each account's latest snapshot on or before it. */
  since: z.string(),
  rises: z.array(Mover),
  falls: z.array(Mover),
});
export type Movers = z.infer<typeof Movers>;
