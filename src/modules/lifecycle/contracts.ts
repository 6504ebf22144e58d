import { z } from 'zod';
import { LifecyclePhases } from '../../domain/enums.js';
import { Id, optionalText } from '../../domain/schemas.js';

export const LifecycleChange = z.object({
  id: Id,
  from: LifecyclePhases.schema.nullable(),
  to: LifecyclePhases.schema.nullable(),
  changedAt: z.string(),
  changedById: z.string().nullable(),
  changedByName: z.string().nullable(),
  note: z.string().nullable(),
});
export type LifecycleChange = z.infer<typeof LifecycleChange>;

export const AccountLifecycle = z.object({
  accountId: Id,
  phase: LifecyclePhases.schema.nullable(),
  /** When the account entered its phase (the account's creation when no change was ever recorded). */
  since: z.string().nullable(),
  /** Whole days since `since`; null without a phase. */
  daysInPhase: z.number().int().nullable(),
  /** Where "Move to next phase" goes. */
  nextPhase: LifecyclePhases.schema,
  /** Completed turns of the cycle: how often the account left renewal & expansion for a new cycle. */
  cyclesCompleted: z.number().int(),
  /** Newest first, at most 200. */
  history: z.array(LifecycleChange),
});
export type AccountLifecycle = z.infer<typeof AccountLifecycle>;

/** Without a phase, the account advances to the next phase of the cycle. */
export const LifecycleMove = z.object({
  phase: LifecyclePhases.schema.optional(),
  note: optionalText(2000),
});
export type LifecycleMove = z.infer<typeof LifecycleMove>;

export const LifecycleSummaryQuery = z.object({ ownerId: Id.optional() });
export type LifecycleSummaryQuery = z.infer<typeof LifecycleSummaryQuery>;

export const LifecyclePhaseStats = z.object({
  phase: LifecyclePhases.schema,
  accounts: z.number().int(),
  /** Whole days in the phase; null when no account is in it. */
  medianDays: z.number().nullable(),
  averageDays: z.number().nullable(),
});
export const LifecycleSummary = z.object({
  phases: z.array(LifecyclePhaseStats),
  /** Accounts without a lifecycle phase. */
  withoutPhase: z.number().int(),
});
export type LifecycleSummary = z.infer<typeof LifecycleSummary>;
