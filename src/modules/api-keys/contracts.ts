import { z } from 'zod';
import { Roles } from '../../domain/enums.js';
import { Id } from '../../domain/schemas.js';

export const ApiKey = z.object({
  id: Id,
  name: z.string(),
  /** The first characters of the key, to recognise it; the rest is never shown again. */
  prefix: z.string(),
  role: Roles.schema,
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKey = z.infer<typeof ApiKey>;

export const ApiKeyCreate = z.object({
  name: z.string().trim().min(1).max(120),
  role: Roles.schema.default('csm'),
});

export const ApiKeyCreated = ApiKey.extend({
  /** The secret: shown once, stored only as a hash. Send it as `Authorization: Bearer <key>`. */
  key: z.string(),
});

export const ApiKeyList = z.object({ items: z.array(ApiKey) });
