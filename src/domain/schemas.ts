import { z } from 'zod';

/** Building blocks shared by every module's contracts (and by the web app). */

export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[0-9A-Za-z_-]+$/, 'must be an id');

export const IdParams = z.object({ id: Id });

/** Optional free text: trimmed; an empty string means "no value". */
export function optionalText(max: number) {
  return z
    .string()
    .max(max)
    .transform((s) => s.trim())
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional();
}

export const IsoDate = z.iso.date();

export const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code such as USD');

/** Money is stored in integer minor units (cents). */
export const MinorUnits = z.int().min(0).max(Number.MAX_SAFE_INTEGER);

/**
 * Query-string lists: `?x=a,b` or `?x=a&x=b`, each element validated by `item`.
 */
export function queryList<T extends z.ZodType>(item: T, max = 50) {
  return z
    .preprocess((v) => {
      if (v === undefined || v === '') return undefined;
      const parts = (Array.isArray(v) ? v : [v]).flatMap((s) => String(s).split(','));
      return parts.map((s) => s.trim()).filter((s) => s !== '');
    }, z.array(item).max(max))
    .optional();
}

export const Limit = z.coerce.number().int().min(1).max(500).default(50);

export const Cursor = z.string().max(500).optional();

export function page<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    /** Pass back as `cursor` for the next page; null on the last page. */
    nextCursor: z.string().nullable(),
    /** How many records match the filters, across all pages. */
    total: z.number().int(),
  });
}

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ field: z.string(), rule: z.string(), message: z.string(), value: z.unknown().optional() })),
  }),
});
