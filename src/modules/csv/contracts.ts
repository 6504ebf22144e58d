import { z } from 'zod';
import { ErrorBody } from '../../domain/schemas.js';

export const importKinds = ['accounts', 'contacts'] as const;
export const ImportKind = z.enum(importKinds);
export type ImportKind = z.infer<typeof ImportKind>;

/** One invalid cell (or row): where it is, what it holds, which rule it breaks. Rows count from 1 = first data row. */
export const ImportRowError = z.object({
  row: z.number().int(),
  column: z.string(),
  value: z.string(),
  rule: z.string(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof ImportRowError>;

export const ImportReport = z.object({
  kind: ImportKind,
  dryRun: z.boolean(),
  /** True only when the rows were written: not a dry run and no row invalid. */
  applied: z.boolean(),
  rowCount: z.number().int(),
  /** Rows that would be (dry run) or were created / updated. */
  created: z.number().int(),
  updated: z.number().int(),
  errors: z.array(ImportRowError),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const ImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
});

/** Largest CSV file accepted for import. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** Most data rows accepted in one file (bounds memory and the length of the one import transaction). */
export const MAX_IMPORT_ROWS = 50_000;

/** A real (not dry) run with invalid rows: HTTP 400 with the usual error body plus the full report. */
export const ImportFailure = ErrorBody.extend({ report: ImportReport });
export type ImportFailure = z.infer<typeof ImportFailure>;
