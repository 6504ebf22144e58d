import { z } from 'zod';
import { Id } from '../../domain/schemas.js';

/** Column keys the accounts list can show. */
export const accountColumns = [
  'name',
  'externalId',
  'industry',
  'region',
  'companySize',
  'revenueBand',
  'arr',
  'deploymentStatus',
  'lifecyclePhase',
  'touchTier',
  'owner',
  'renewalDate',
  'riskStatuses',
  'parent',
  'updatedAt',
  'lastMeetingAt',
  'nextMeetingAt',
  'lastTouchAt',
  'touchOverdue',
  'health',
] as const;
export const AccountColumn = z.enum(accountColumns);

/**
 * A saved view of the accounts list: its query (the same parameters as GET /api/v1/accounts, as they
 * appear in the URL) and its visible columns. Belongs to one user.
 */
export const ViewState = z.object({
  query: z.record(z.string().max(40), z.string().max(2000)).refine((q) => Object.keys(q).length <= 30, 'at most 30 parameters'),
  columns: z.array(AccountColumn).min(1).max(accountColumns.length),
});
export type ViewState = z.infer<typeof ViewState>;

export const SavedViewCreate = z.object({ name: z.string().trim().min(1, 'is required').max(80), state: ViewState });
export const SavedViewPatch = SavedViewCreate.partial();

export const SavedView = z.object({ id: Id, name: z.string(), state: ViewState, createdAt: z.string(), updatedAt: z.string() });
export type SavedView = z.infer<typeof SavedView>;

export const SavedViewList = z.object({ items: z.array(SavedView) });
