import { z } from 'zod';
import { Id } from '../../domain/schemas.js';
import { ScorecardInput } from './contracts.js';

/**
 * The scorecard editor's preview (issue 4): how the portfolio's scores would change if a draft scorecard were saved.
 * Nothing is written; the draft is scored on the live sources and compared with the scorecard's stored scores.
 */
export const PreviewInput = z.object({
  /** The scorecard being edited; absent for a new one (then every account is "not scored" before). */
  scorecardId: Id.optional(),
  draft: ScorecardInput,
});
export type PreviewInput = z.infer<typeof PreviewInput>;

/** A RAG colour, or `none`: no score (outside the segment, or no measure has data). */
export const PreviewRag = z.enum(['red', 'amber', 'green', 'none']);
export type PreviewRag = z.infer<typeof PreviewRag>;

export const RagCounts = z.object({ red: z.int(), amber: z.int(), green: z.int(), none: z.int() });
export type RagCounts = z.infer<typeof RagCounts>;

export const PreviewSide = z.object({
  /** Accounts the scorecard applies to (before: those with a stored score row; after: those in the draft's segment). */
  accounts: z.int(),
  /** RAG counts over every account of the workspace; `none` also counts accounts the scorecard does not apply to. */
  rag: RagCounts,
  /** Accounts by shown (rounded) score: [0–9, 10–19, …, 80–89, 90–100]. */
  histogram: z.array(z.int()).length(10),
  /** Mean score of the accounts with one; null when none has. */
  mean: z.number().nullable(),
});
export type PreviewSide = z.infer<typeof PreviewSide>;

export const PreviewMove = z.object({
  accountId: Id,
  name: z.string(),
  before: z.number().nullable(),
  after: z.number().nullable(),
  /** after − before, two decimals. */
  change: z.number(),
  ragBefore: PreviewRag,
  ragAfter: PreviewRag,
  /** The measure that costs the draft's score most, and why in words. */
  weakestAfter: z.object({ name: z.string(), sentence: z.string() }).nullable(),
});
export type PreviewMove = z.infer<typeof PreviewMove>;

export const ScorecardPreview = z.object({
  scorecardId: Id.nullable(),
  /** Accounts in the workspace (the denominator of the RAG counts). */
  totalAccounts: z.int(),
  before: PreviewSide,
  after: PreviewSide,
  /** Accounts whose RAG (or having a score at all) would change, by from → to; largest first. */
  transitions: z.array(z.object({ from: PreviewRag, to: PreviewRag, count: z.int() })),
  /** How many accounts would change RAG (the sum of `transitions`). */
  ragChanged: z.int(),
  /** Accounts scored both before and after whose shown score would change. */
  scoreChanged: z.int(),
  /** Mean of after − before over the accounts scored both before and after; null when there are none. */
  meanChange: z.number().nullable(),
  /** Up to 10 largest falls (most negative first) and rises, among accounts scored both before and after. */
  falls: z.array(PreviewMove),
  rises: z.array(PreviewMove),
  milliseconds: z.number(),
});
export type ScorecardPreview = z.infer<typeof ScorecardPreview>;
