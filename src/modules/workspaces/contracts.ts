import { z } from 'zod';
import { Roles } from '../../domain/enums.js';
import { Currency, Id } from '../../domain/schemas.js';

export const RevenueBandSchema = z.object({
  label: z.string().trim().min(1).max(40),
  upToMinor: z.int().min(1).max(Number.MAX_SAFE_INTEGER).nullable(),
});

export const WorkspaceSettings = z.object({
  currency: Currency,
  revenueBands: z.array(RevenueBandSchema).min(1).max(12),
  /** Usage ingest: a Segment group call whose groupId matches no account creates the account (named by traits.name). */
  autoCreateAccountsFromGroup: z.boolean(),
  /** Days between customer touches per touch tier; an account whose last touch is older is "touch overdue". */
  touchCadenceDays: z.object({
    high: z.int().min(1).max(365),
    medium: z.int().min(1).max(365),
    tech: z.int().min(1).max(365),
  }),
  /** An internal request unanswered and not followed up for this many days is stalled: its asker is reminded. */
  requestFollowUpDays: z.int().min(1).max(90),
});
export type WorkspaceSettings = z.infer<typeof WorkspaceSettings>;

export const Workspace = z.object({
  id: Id,
  name: z.string(),
  settings: WorkspaceSettings,
  createdAt: z.string(),
});
export type Workspace = z.infer<typeof Workspace>;

export const WorkspacePatch = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  settings: WorkspaceSettings.partial().optional(),
});

export const Member = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  role: Roles.schema,
  createdAt: z.string(),
});
export type Member = z.infer<typeof Member>;

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'must be an email address such as ana@example.com' }));

export const Password = z.string().min(10, 'must be at least 10 characters').max(200);

export const MemberCreate = z.object({
  email: Email,
  name: z.string().trim().min(1).max(120),
  role: Roles.schema,
  /** Required for a new person; ignored when the email already has a Keepwell login. */
  password: Password.optional(),
});

export const MemberPatch = z.object({ role: Roles.schema });

/** An admin sets a new password for a member who cannot sign in; all their sessions end. */
export const MemberPasswordSet = z.object({ newPassword: Password });
export type MemberPasswordSet = z.infer<typeof MemberPasswordSet>;

export const MemberList = z.object({ items: z.array(Member) });
