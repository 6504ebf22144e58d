import { z } from 'zod';
import { Roles } from '../../domain/enums.js';
import { Id } from '../../domain/schemas.js';
import { Email, Password, WorkspaceSettings } from '../workspaces/contracts.js';

export const SignIn = z.object({
  email: Email,
  password: z.string().min(1, 'is required').max(200),
});

/** A signed-in person changing their own password; the current one proves it is really them. */
export const PasswordChange = z.object({
  currentPassword: z.string().min(1, 'is required').max(200),
  newPassword: Password,
});
export type PasswordChange = z.infer<typeof PasswordChange>;

export const SwitchWorkspace = z.object({ workspaceId: Id });

export const Me = z.object({
  user: z.object({ id: Id, email: z.string(), name: z.string() }),
  workspace: z.object({ id: Id, name: z.string(), settings: WorkspaceSettings }),
  role: Roles.schema,
  workspaces: z.array(z.object({ id: Id, name: z.string(), role: Roles.schema })),
  /** Send back as the X-CSRF-Token header on every write made with the session cookie. */
  csrfToken: z.string(),
});
export type Me = z.infer<typeof Me>;
