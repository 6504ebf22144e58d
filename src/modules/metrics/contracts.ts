import { z } from 'zod';
import { Id, IsoDate, optionalText } from '../../domain/schemas.js';
import { ImportFailure, ImportReport } from '../csv/contracts.js';

/** How a metric's daily values combine over a window (see the KPI formulas). */
export const metricAggregations = ['sum', 'average', 'max', 'last'] as const;
export const MetricAggregation = z.enum(metricAggregations);
export type MetricAggregation = z.infer<typeof MetricAggregation>;
export const metricAggregationLabels: Record<MetricAggregation, string> = {
  sum: 'Sum (a flow: tickets opened, invoices paid late)',
  average: 'Average (a rate: response time)',
  max: 'Maximum',
  last: 'Latest value (a level: licences purchased)',
};

/** Keys are what KPI formulas, CSV files and API calls name a metric by: stable, so a slug. */
export const MetricKey = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'must be 1–63 characters: a lower-case letter, then lower-case letters, digits or _');

export const MetricFields = z.object({
  name: z.string().trim().min(1, 'is required').max(200),
  description: optionalText(2000),
  unit: optionalText(40),
  aggregation: MetricAggregation,
});

export const MetricCreate = MetricFields.extend({ key: MetricKey, aggregation: MetricAggregation.default('sum') });
export type MetricCreate = z.infer<typeof MetricCreate>;
/** The key cannot change: formulas and other systems refer to it. */
export const MetricPatch = MetricFields.partial();
export type MetricPatch = z.infer<typeof MetricPatch>;

export const Metric = z.object({
  id: Id,
  key: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  unit: z.string().nullable(),
  aggregation: MetricAggregation,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Metric = z.infer<typeof Metric>;

export const MetricList = z.object({ items: z.array(Metric) });
export type MetricList = z.infer<typeof MetricList>;

/** Most values accepted in one PUT (bounds the request and its transaction). */
export const MAX_VALUES_PER_REQUEST = 5000;

/** An account by Keepwell id or by the external id the other system knows it by: exactly one of the two. */
export const AccountRef = z
  .object({ id: Id.optional(), externalId: z.string().trim().min(1).max(200).optional() })
  .strict()
  .refine((a) => (a.id === undefined) !== (a.externalId === undefined), 'give exactly one of id or externalId');
export type AccountRef = z.infer<typeof AccountRef>;

export const MetricValueInput = z.object({
  account: AccountRef,
  metric: MetricKey,
  date: IsoDate,
  /** JSON carries no NaN or Infinity, and zod 4 numbers refuse them anyway. */
  value: z.number(),
});
export type MetricValueInput = z.infer<typeof MetricValueInput>;

export const MetricValuesWrite = z.object({ values: z.array(MetricValueInput).min(1).max(MAX_VALUES_PER_REQUEST) });
export type MetricValuesWrite = z.infer<typeof MetricValuesWrite>;

export const MetricValuesWritten = z.object({ written: z.number().int() });

/** Longest span of days one account's metrics can be read over. */
export const MAX_SERIES_DAYS = 400;
/** The span read when the query gives none: the last 90 days, today (UTC) included. */
export const DEFAULT_SERIES_DAYS = 90;

export const AccountMetricsQuery = z.object({ from: IsoDate.optional(), to: IsoDate.optional() });
export type AccountMetricsQuery = z.infer<typeof AccountMetricsQuery>;

export const MetricSeries = z.object({
  metric: Metric.pick({ id: true, key: true, name: true, unit: true, aggregation: true }),
  /** Days with a value, in date order; days without one are absent (not zero). */
  points: z.array(z.object({ date: IsoDate, value: z.number() })),
});
export type MetricSeries = z.infer<typeof MetricSeries>;

export const AccountMetrics = z.object({ from: IsoDate, to: IsoDate, items: z.array(MetricSeries) });
export type AccountMetrics = z.infer<typeof AccountMetrics>;

/** The CSV import report, as for accounts and contacts; created/updated count values (account, metric, date). */
export const MetricImportReport = ImportReport.extend({ kind: z.literal('metrics') });
export type MetricImportReport = z.infer<typeof MetricImportReport>;
export const MetricImportFailure = ImportFailure.extend({ report: MetricImportReport });
export type MetricImportFailure = z.infer<typeof MetricImportFailure>;
