import { z } from 'zod';
import { Id } from '../../domain/schemas.js';

/** A Segment write key: what a vendor's tracking sends as the HTTP Basic username to /v1/*. */
export const WriteKey = z.object({
  id: Id,
  name: z.string(),
  /** The first characters of the key, to recognise it; the rest is never shown again. */
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type WriteKey = z.infer<typeof WriteKey>;

export const WriteKeyCreate = z.object({ name: z.string().trim().min(1).max(120) });

export const WriteKeyCreated = WriteKey.extend({
  /** The secret: shown once, stored only as a hash. */
  key: z.string(),
});

export const WriteKeyList = z.object({ items: z.array(WriteKey) });
