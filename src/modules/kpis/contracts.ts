import { z } from 'zod';
import { Id, IsoDate, optionalText } from '../../domain/schemas.js';

/**
 * KPIs (indicators): a formula over the usage rollups and the metrics from other systems, evaluated per account
 * over a window of 7, 30 or 90 UTC days ending on `asOf` (inclusive).
 *
 * Base values over a window:
 * - event_count: how many times the event happened (0 when it never did).
 * - active_users: distinct users with at least one event (of `event`, or of any event when absent); 0 when none.
 * - property_sum: the sum of a numeric property over the event's occurrences (0 when none).
 * - metric: the metric's values combined by its aggregation (sum, average, max over the window; last = the latest
 *   value on or before the window's end). No value from that system → null (no data), never a made-up 0.
 * A ratio is numerator / denominator × scale; a zero or missing denominator (or a missing numerator) gives null.
 */
const EventName = z.string().trim().min(1, 'is required').max(200);
const PropertyName = z.string().trim().min(1, 'is required').max(200);
export const MetricKey = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(64)
  .regex(/^[a-z][a-z0-9_]*$/, 'must be a metric key: lower-case letters, digits and _');

const EventCount = z.object({ kind: z.literal('event_count'), event: EventName });
const ActiveUsers = z.object({ kind: z.literal('active_users'), event: EventName.optional() });
const PropertySum = z.object({ kind: z.literal('property_sum'), event: EventName, property: PropertyName });
const MetricBase = z.object({ kind: z.literal('metric'), metric: MetricKey });

export const KpiBase = z.discriminatedUnion('kind', [EventCount, ActiveUsers, PropertySum, MetricBase]);
export type KpiBase = z.infer<typeof KpiBase>;

const Ratio = z.object({
  kind: z.literal('ratio'),
  numerator: KpiBase,
  denominator: KpiBase,
  /** Multiplies the quotient, e.g. 100 for a percentage. */
  scale: z.number().positive().max(1e9).optional(),
});

export const KpiFormula = z.discriminatedUnion('kind', [EventCount, ActiveUsers, PropertySum, MetricBase, Ratio]);
export type KpiFormula = z.infer<typeof KpiFormula>;

export const kpiWindows = [7, 30, 90] as const;
export const WindowDays = z.union([z.literal(7), z.literal(30), z.literal(90)]);
export type WindowDays = z.infer<typeof WindowDays>;
export const KpiTiming = z.enum(['leading', 'lagging']);
/** performance: higher is better; risk: lower is better. */
export const KpiDirection = z.enum(['performance', 'risk']);
export type KpiDirection = z.infer<typeof KpiDirection>;
export const KpiObjectivity = z.enum(['objective', 'subjective']);
export const KpiNature = z.enum(['quantitative', 'qualitative']);
export const KpiStatus = z.enum(['ok', 'warning', 'critical', 'no_data']);
export type KpiStatus = z.infer<typeof KpiStatus>;
export const KpiTrend = z.enum(['up', 'down', 'flat']);
export type KpiTrend = z.infer<typeof KpiTrend>;

const Threshold = z.number().min(-1e15).max(1e15).nullable();

/** Fields a manager sets. Thresholds: performance → critical <= warning; risk → critical >= warning. */
const KpiFields = z.object({
  name: z.string().trim().min(1, 'is required').max(120),
  description: optionalText(2000),
  formula: KpiFormula,
  windowDays: WindowDays,
  timing: KpiTiming,
  direction: KpiDirection,
  objectivity: KpiObjectivity,
  nature: KpiNature,
  unit: optionalText(40),
  warningThreshold: Threshold.optional(),
  criticalThreshold: Threshold.optional(),
  /** User ids of workspace members notified when a threshold is crossed. */
  watchers: z.array(Id).max(50),
  position: z.int().min(0).max(100_000),
});

export const KpiCreate = KpiFields.extend({
  objectivity: KpiObjectivity.default('objective'),
  nature: KpiNature.default('quantitative'),
  watchers: z.array(Id).max(50).default([]),
  position: z.int().min(0).max(100_000).optional(),
});
export type KpiCreate = z.infer<typeof KpiCreate>;
export const KpiPatch = KpiFields.partial();
export type KpiPatch = z.infer<typeof KpiPatch>;

export const Kpi = z.object({
  id: Id,
  name: z.string(),
  description: z.string().nullable(),
  /** The template it was made from, if any. */
  templateKey: z.string().nullable(),
  formula: KpiFormula,
  windowDays: WindowDays,
  timing: KpiTiming,
  direction: KpiDirection,
  objectivity: KpiObjectivity,
  nature: KpiNature,
  unit: z.string().nullable(),
  warningThreshold: z.number().nullable(),
  criticalThreshold: z.number().nullable(),
  watchers: z.array(z.string()),
  position: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Kpi = z.infer<typeof Kpi>;
export const KpiList = z.object({ items: z.array(Kpi) });

export const KpiTemplate = Kpi.pick({
  name: true,
  description: true,
  formula: true,
  windowDays: true,
  timing: true,
  direction: true,
  objectivity: true,
  nature: true,
  unit: true,
  warningThreshold: true,
  criticalThreshold: true,
}).extend({ key: z.string() });
export type KpiTemplate = z.infer<typeof KpiTemplate>;
export const KpiTemplateList = z.object({ items: z.array(KpiTemplate) });

export const KpiFromTemplate = z.object({
  templateKey: z.string().trim().min(1, 'is required').max(64),
  /** Defaults to the template's name. */
  name: z.string().trim().min(1).max(120).optional(),
  /** Replaces the template's event name (e.g. the feature event that "feature usage" counts). */
  event: EventName.optional(),
});

/** Defaults to today (UTC). */
export const AsOfQuery = z.object({ asOf: IsoDate.optional() });

export const AccountKpisQuery = AsOfQuery.extend({
  /** Length of the daily series, ending on asOf. */
  days: z.coerce.number().int().min(1).max(366).default(90),
});

export const SeriesPoint = z.object({ date: IsoDate, value: z.number().nullable() });

export const AccountKpi = z.object({
  kpi: Kpi,
  /** The window ending on asOf. */
  value: z.number().nullable(),
  /** The window before it (windowDays days earlier). */
  previousValue: z.number().nullable(),
  /** value against previousValue; null when either is missing. */
  trend: KpiTrend.nullable(),
  status: KpiStatus,
  /** Oldest first: each point is the value of the window ending on that date. */
  series: z.array(SeriesPoint),
});
export type AccountKpi = z.infer<typeof AccountKpi>;
export const AccountKpis = z.object({ asOf: IsoDate, items: z.array(AccountKpi) });
export type AccountKpis = z.infer<typeof AccountKpis>;

/**
 * Portfolio view of one KPI. The counts cover every account of the workspace; `items` is limited (not paged):
 * worst first — critical, warning, ok, then no_data — and within a status by value, worst first (lowest for
 * performance, highest for risk), then by name. `status` restricts the items (never the counts).
 */
export const KpiValuesQuery = AsOfQuery.extend({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  status: z
    .preprocess((v) => (v === undefined || v === '' ? undefined : (Array.isArray(v) ? v : [v]).flatMap((s) => String(s).split(','))), z.array(KpiStatus).max(4))
    .optional(),
});
export const KpiValueItem = z.object({ accountId: Id, accountName: z.string(), value: z.number().nullable(), status: KpiStatus });
export const KpiValues = z.object({
  kpi: Kpi,
  asOf: IsoDate,
  counts: z.object({ ok: z.int(), warning: z.int(), critical: z.int(), no_data: z.int() }),
  total: z.int(),
  items: z.array(KpiValueItem),
});
export type KpiValues = z.infer<typeof KpiValues>;

/** What the accounts list shows per requested KPI. */
export const ListKpiValue = z.object({ value: z.number().nullable(), status: KpiStatus });
