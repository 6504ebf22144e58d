import { z } from 'zod';
import { CompanySizes, DeploymentStatuses, LifecyclePhases, TouchTiers } from '../../domain/enums.js';
import { Id, IsoDate, optionalText } from '../../domain/schemas.js';

/**
 * Health scores (issue 4). A scorecard is a list of measures, optionally in one level of groups; each measure takes
 * a raw value from a source, maps it to 0–100 (src/modules/health/score.ts) and carries a non-negative weight.
 * Weights are normalised; a measure with no data is left out and the rest re-normalised.
 */

const Num = z.number().min(-1e12).max(1e12);
const Name = z.string().trim().min(1, 'is required').max(120);

/** Where a measure's raw value comes from. */
export const MeasureSource = z.discriminatedUnion('kind', [
  /** A KPI's value for the account over the KPI's window (src/modules/kpis). */
  z.object({ kind: z.literal('kpi'), kpiId: Id }),
  /** Days since the account's last touch (any timeline entry but a note); no touch ever → no data. */
  z.object({ kind: z.literal('days_since_touch') }),
  /** How many open (open or mitigating) risks the account has. */
  z.object({ kind: z.literal('open_risks') }),
  /** How many open red flags the account has. */
  z.object({ kind: z.literal('open_red_flags') }),
  /**
   * A field of the account itself: its ARR (in major units of its currency), or the days until its renewal date
   * (negative once the date has passed); no renewal date → no data.
   */
  z.object({ kind: z.literal('account_field'), field: z.enum(['arr', 'days_to_renewal']) }),
  /** A numeric custom field of the account (e.g. contract growth %); missing or not a number → no data. */
  z.object({ kind: z.literal('custom_field'), key: z.string().trim().min(1).max(64) }),
  /** A value a CSM sets per account (executive relationship, sentiment), with a comment and an expiry. */
  z.object({ kind: z.literal('manual'), min: Num.default(0), max: Num.default(100) }),
]);
export type MeasureSource = z.infer<typeof MeasureSource>;

export const Mapping = z.discriminatedUnion('kind', [
  /** worst → 0, best → 100, linear between; worst > best when lower is better. */
  z.object({ kind: z.literal('linear'), worst: Num, best: Num }),
  /** Ascending upper bounds; the last band has upTo null (no bound). */
  z.object({
    kind: z.literal('bands'),
    bands: z
      .array(z.object({ upTo: Num.nullable(), score: z.number().min(0).max(100) }))
      .min(1)
      .max(10),
  }),
]);
export type Mapping = z.infer<typeof Mapping>;

export const MeasureInput = z.object({
  /** Kept when editing an existing measure, so that manual values and history stay attached. */
  id: Id.optional(),
  name: Name,
  group: z.string().trim().min(1).max(80).nullable().default(null),
  source: MeasureSource,
  mapping: Mapping,
  weight: z.number().min(0).max(1e6),
});
export type MeasureInput = z.infer<typeof MeasureInput>;

export const Segment = z.object({
  lifecyclePhase: z.array(LifecyclePhases.schema).max(10).default([]),
  touchTier: z.array(TouchTiers.schema).max(10).default([]),
  deploymentStatus: z.array(DeploymentStatuses.schema).max(10).default([]),
  companySize: z.array(CompanySizes.schema).max(10).default([]),
});
export type Segment = z.infer<typeof Segment>;

export const RagBands = z.object({ redMax: z.int().min(0).max(99), amberMax: z.int().min(1).max(99) });

const Groups = z.array(z.object({ name: z.string().trim().min(1).max(80), weight: z.number().min(0).max(1e6) })).max(20);
const ScorecardFields = z.object({
  name: Name,
  description: optionalText(2000),
  isOverall: z.boolean(),
  segment: Segment,
  groups: Groups,
  rag: RagBands,
  measures: z.array(MeasureInput).min(1).max(30),
});
export const ScorecardInput = ScorecardFields.extend({
  isOverall: z.boolean().default(true),
  segment: Segment.default({ lifecyclePhase: [], touchTier: [], deploymentStatus: [], companySize: [] }),
  groups: Groups.default([]),
  rag: RagBands.default({ redMax: 50, amberMax: 75 }),
});
export type ScorecardInput = z.infer<typeof ScorecardInput>;
/** Without defaults: a field left out of a patch keeps its value. */
export const ScorecardPatch = ScorecardFields.partial();
export type ScorecardPatch = z.infer<typeof ScorecardPatch>;

export const Measure = MeasureInput.extend({ id: Id, group: z.string().nullable() });
export const Scorecard = z.object({
  id: Id,
  name: z.string(),
  description: z.string().nullable(),
  isOverall: z.boolean(),
  segment: Segment,
  groups: z.array(z.object({ name: z.string(), weight: z.number() })),
  rag: RagBands,
  measures: z.array(Measure),
  position: z.number().int(),
  templateKey: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Scorecard = z.infer<typeof Scorecard>;
export const ScorecardList = z.object({ items: z.array(Scorecard) });
/** PUT /scorecards/order: every scorecard of the workspace, each once, first first. The first overall one that applies is an account's overall health. */
export const ScorecardOrder = z.object({ ids: z.array(Id).min(1).max(500) });
export type ScorecardOrder = z.infer<typeof ScorecardOrder>;
export type ScorecardList = z.infer<typeof ScorecardList>;

export const Rag = z.enum(['red', 'amber', 'green']);
export type Rag = z.infer<typeof Rag>;

export const Trend = z.enum(['up', 'down', 'same']);
export const WeekPoint = z.object({ week: z.string(), day: z.string().nullable(), score: z.number().nullable() });

/** One measure of one account's score, as the explanation shows it. */
export const ScoreComponent = z.object({
  measureId: Id,
  name: z.string(),
  group: z.string().nullable(),
  sourceKind: z.string(),
  raw: z.number().nullable(),
  /** The raw value's unit and window in words, e.g. "% of licences active · last 30 days". */
  unit: z.string().nullable(),
  score: z.number().nullable(),
  weight: z.number(),
  share: z.number(),
  points: z.number(),
  shortfall: z.number(),
  leftOut: z.boolean(),
  /** A sentence a CSM can act on: "13 of 100 licences active in the last 30 days". */
  sentence: z.string(),
});
export type ScoreComponent = z.infer<typeof ScoreComponent>;

export const AccountScore = z.object({
  scorecardId: Id,
  scorecardName: z.string(),
  isOverall: z.boolean(),
  /** Two decimals; shown rounded. Null when no measure has data. */
  score: z.number().nullable(),
  rag: Rag.nullable(),
  /** The scorecard's RAG bands, for charts that draw them. */
  ragBands: RagBands,
  computedAt: z.string(),
  previousScore: z.number().nullable(),
  changedAt: z.string().nullable(),
  cause: z.string().nullable(),
  components: z.array(ScoreComponent),
  /** The measure that costs the score most, in words. */
  weakest: z.object({ measureId: Id, name: z.string(), sentence: z.string() }).nullable(),
  leftOut: z.array(z.string()),
  /** Up, down or same against the previous snapshot (the latest before today), on shown scores; null when none. */
  trend: Trend.nullable(),
  /** The previous snapshot's score that `trend` compares with ("down from 64"). */
  trendFrom: z.number().nullable(),
  /** The last 18 weeks, oldest first: each week's last snapshot (nulls for a week without one). */
  sparkline: z.array(WeekPoint),
});
export type AccountScore = z.infer<typeof AccountScore>;
export const AccountHealth = z.object({
  /** The overall score's scorecard, if any applies. */
  overall: Id.nullable(),
  scores: z.array(AccountScore),
});
export type AccountHealth = z.infer<typeof AccountHealth>;

export const ManualValueInput = z.object({
  value: Num,
  comment: optionalText(1000),
  expiresOn: IsoDate.nullable().default(null),
});
export const ManualValue = z.object({
  measureId: Id,
  accountId: Id,
  value: z.number(),
  comment: z.string().nullable(),
  setBy: z.string().nullable(),
  setByName: z.string().nullable(),
  setAt: z.string(),
  expiresOn: z.string().nullable(),
  expired: z.boolean(),
});
export type ManualValue = z.infer<typeof ManualValue>;
/** GET /accounts/:id/manual-measures: every manual measure of the scorecards that apply, with its current value. */
export const ManualMeasureList = z.object({
  items: z.array(
    z.object({
      measureId: Id,
      name: z.string(),
      scorecardId: Id,
      scorecardName: z.string(),
      min: z.number(),
      max: z.number(),
      current: ManualValue.nullable(),
    }),
  ),
});
export type ManualMeasureList = z.infer<typeof ManualMeasureList>;

export const RecomputeResult = z.object({ accounts: z.number().int(), scores: z.number().int(), milliseconds: z.number() });

/** The accounts list's health fields (overall scorecard). */
export const AccountHealthSummary = z
  .object({ score: z.number().nullable(), rag: Rag.nullable(), scorecardId: Id, trend: Trend.nullable(), trendFrom: z.number().nullable() })
  .nullable();
