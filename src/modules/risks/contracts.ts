import { z } from 'zod';
import { RiskCategories, RiskRecordStatuses, RiskStatuses, Severities } from '../../domain/enums.js';
import { Cursor, Id, IsoDate, Limit, optionalText, page, queryList } from '../../domain/schemas.js';

/** The catalog: what kinds of risk a workspace tracks (prebuilt from DOMAIN.md, then edited by managers). */
export const RiskType = z.object({
  id: Id,
  category: RiskCategories.schema,
  label: z.string(),
  description: z.string().nullable(),
  /** The account risk status an open risk of this type puts on its account; null for none. */
  riskStatus: RiskStatuses.schema.nullable(),
  /** Inactive types stay on the risks that use them but are not offered for new ones. */
  active: z.boolean(),
  position: z.int(),
  /** How many risks use this type (a type in use cannot be deleted, only deactivated). */
  riskCount: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RiskType = z.infer<typeof RiskType>;

const RiskTypeFields = z.object({
  category: RiskCategories.schema.default('custom'),
  label: z.string().trim().min(1, 'is required').max(120),
  description: optionalText(1000),
  riskStatus: RiskStatuses.schema.nullable().optional(),
  active: z.boolean().optional(),
  position: z.int().min(0).max(10_000).optional(),
});
export const RiskTypeCreate = RiskTypeFields;
export type RiskTypeCreate = z.infer<typeof RiskTypeCreate>;
export const RiskTypePatch = RiskTypeFields.extend({ category: RiskCategories.schema }).partial();
export type RiskTypePatch = z.infer<typeof RiskTypePatch>;

export const RiskTypeListQuery = z.object({
  category: queryList(RiskCategories.schema),
  /** "true" for the active types only (what a new risk may use), "false" for the inactive ones. */
  active: z.enum(['true', 'false']).optional(),
});
export type RiskTypeListQuery = z.infer<typeof RiskTypeListQuery>;

/** The whole catalog in one answer (it is small): category order, then position. */
export const RiskTypeList = z.object({ items: z.array(RiskType) });
export type RiskTypeList = z.infer<typeof RiskTypeList>;

export const Risk = z.object({
  id: Id,
  accountId: Id,
  accountName: z.string(),
  riskTypeId: z.string().nullable(),
  riskTypeLabel: z.string().nullable(),
  category: RiskCategories.schema.nullable(),
  /** The account risk status this risk's type carries. */
  riskStatus: RiskStatuses.schema.nullable(),
  title: z.string(),
  description: z.string().nullable(),
  severity: Severities.schema,
  status: RiskRecordStatuses.schema,
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  mitigationPlan: z.string().nullable(),
  firstSignalOn: z.string().nullable(),
  identifiedOn: z.string(),
  resolvedOn: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Risk = z.infer<typeof Risk>;

const RiskFields = z.object({
  riskTypeId: Id.nullable().optional(),
  /** Defaults to the risk type's label. */
  title: z.string().trim().min(1, 'is required').max(200).optional(),
  description: optionalText(4000),
  severity: Severities.schema.optional(),
  status: RiskRecordStatuses.schema.optional(),
  ownerId: Id.nullable().optional(),
  mitigationPlan: optionalText(4000),
  /** The first warning signal; defaults to the earliest red flag on the account in the 90 days before identifiedOn. */
  firstSignalOn: IsoDate.nullable().optional(),
  /** Defaults to today (UTC). */
  identifiedOn: IsoDate.optional(),
  /** Set to today when the risk is closed (mitigated, churned, dismissed) unless given; cleared when reopened. */
  resolvedOn: IsoDate.nullable().optional(),
});
export const RiskCreate = RiskFields.extend({ accountId: Id });
export type RiskCreate = z.infer<typeof RiskCreate>;
export const RiskPatch = RiskFields;
export type RiskPatch = z.infer<typeof RiskPatch>;

export const riskSorts = ['severity', 'identifiedOn', 'updatedAt'] as const;
export const RiskSort = z
  .string()
  .regex(new RegExp(`^-?(${riskSorts.join('|')})$`), `must be one of ${riskSorts.join(', ')}, with - in front for descending`)
  .default('-severity');

/** "open" selects open and mitigating risks; "closed" selects mitigated, churned and dismissed ones. */
export const RiskStatusFilter = z.enum([...RiskRecordStatuses.values, 'closed']);

export const RiskFilters = z.object({
  status: queryList(RiskStatusFilter),
  severity: queryList(Severities.schema),
  accountId: queryList(Id),
  /** User ids; "none" selects risks without an owner. */
  ownerId: queryList(z.string().max(64)),
  riskTypeId: queryList(Id),
  category: queryList(RiskCategories.schema),
  identifiedFrom: IsoDate.optional(),
  identifiedTo: IsoDate.optional(),
});
export type RiskFilters = z.infer<typeof RiskFilters>;

export const RiskListQuery = RiskFilters.extend({ sort: RiskSort, limit: Limit, cursor: Cursor });
export type RiskListQuery = z.infer<typeof RiskListQuery>;
export const AccountRiskListQuery = RiskListQuery.omit({ accountId: true });
export type AccountRiskListQuery = z.infer<typeof AccountRiskListQuery>;

export const RiskPage = page(Risk);
export type RiskPage = z.infer<typeof RiskPage>;

export const RiskMeasuresQuery = z.object({
  /** Risks identified on or after this day. */
  from: IsoDate.optional(),
  /** Risks identified on or before this day. */
  to: IsoDate.optional(),
  ownerId: Id.optional(),
});
export type RiskMeasuresQuery = z.infer<typeof RiskMeasuresQuery>;

/**
 * How well the team sees trouble early and acts on it, over the risks matching the query (dismissed risks, which
 * were not risks after all, count in none of the figures but their own).
 */
export const RiskMeasures = z.object({
  /** Days from the first warning signal to the risk being logged, over risks with a first signal. */
  signalToLogged: z.object({ n: z.int(), medianDays: z.number().nullable(), averageDays: z.number().nullable() }),
  /** Of the risks that ended (mitigated or churned): how many each way, and their shares in percent (one decimal). */
  outcomes: z.object({
    resolved: z.int(),
    mitigated: z.int(),
    churned: z.int(),
    mitigatedPct: z.number().nullable(),
    churnedPct: z.number().nullable(),
    dismissed: z.int(),
  }),
  /** Open and mitigating risks by severity, every severity listed. */
  openBySeverity: z.array(z.object({ severity: Severities.schema, count: z.int() })),
  open: z.int(),
});
export type RiskMeasures = z.infer<typeof RiskMeasures>;
