import { z } from 'zod';
import { CompanySizes, DeploymentStatuses, LifecyclePhases, RiskStatuses, TouchTiers } from '../../domain/enums.js';
import { Currency, Cursor, Id, IsoDate, Limit, MinorUnits, optionalText, page, queryList } from '../../domain/schemas.js';
import { AccountHealthSummary } from '../health/contracts.js';

const CustomValue = z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]);
export const CustomFields = z
  .record(
    z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z][A-Za-z0-9_ -]*$/, 'must start with a letter; letters, digits, _ - and spaces'),
    CustomValue,
  )
  .refine((o) => Object.keys(o).length <= 50, 'at most 50 custom fields');

const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a domain name such as example.com');

/** Fields a person or a system may set on an account. */
export const AccountFields = z.object({
  name: z.string().trim().min(1, 'is required').max(200),
  externalId: optionalText(200),
  domain: Domain.nullable()
    .optional()
    .or(z.literal('').transform(() => null)),
  industry: optionalText(100),
  region: optionalText(100),
  companySize: CompanySizes.schema.nullable().optional(),
  arrMinor: MinorUnits.optional(),
  currency: Currency.optional(),
  deploymentStatus: DeploymentStatuses.schema.nullable().optional(),
  lifecyclePhase: LifecyclePhases.schema.nullable().optional(),
  touchTier: TouchTiers.schema.nullable().optional(),
  ownerId: Id.nullable().optional(),
  renewalDate: IsoDate.nullable().optional(),
  riskStatuses: z.array(RiskStatuses.schema).max(RiskStatuses.values.length).optional(),
  parentId: Id.nullable().optional(),
  customFields: CustomFields.optional(),
});
export const AccountCreate = AccountFields;
export type AccountCreate = z.infer<typeof AccountCreate>;
export const AccountPatch = AccountFields.partial();
export type AccountPatch = z.infer<typeof AccountPatch>;

export const Account = z.object({
  id: Id,
  name: z.string(),
  externalId: z.string().nullable(),
  domain: z.string().nullable(),
  industry: z.string().nullable(),
  region: z.string().nullable(),
  companySize: CompanySizes.schema.nullable(),
  arrMinor: z.number().int(),
  currency: z.string(),
  /** Derived from ARR and the workspace's revenue bands. */
  revenueBand: z.string().nullable(),
  deploymentStatus: DeploymentStatuses.schema.nullable(),
  lifecyclePhase: LifecyclePhases.schema.nullable(),
  touchTier: TouchTiers.schema.nullable(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  renewalDate: z.string().nullable(),
  riskStatuses: z.array(RiskStatuses.schema),
  parentId: z.string().nullable(),
  parentName: z.string().nullable(),
  customFields: z.record(z.string(), CustomValue),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** From the timeline: the latest done touch (any type but note), the latest done meeting, the earliest planned meeting. */
  lastTouchAt: z.string().nullable(),
  lastMeetingAt: z.string().nullable(),
  nextMeetingAt: z.string().nullable(),
  /** The account has a touch tier and no touch within the workspace's cadence for it (touchCadenceDays), as of now. */
  touchOverdue: z.boolean(),
  /** When the account entered its current lifecycle phase (read only: phase changes set it). */
  phaseSince: z.string().nullable(),
});
export type Account = z.infer<typeof Account>;

export const AccountSummary = Account.pick({ id: true, name: true, arrMinor: true, currency: true, deploymentStatus: true, ownerName: true });

export const AccountDetail = Account.extend({
  /** Own ARR plus every descendant's, in the account's currency. */
  rollupArrMinor: z.number().int(),
  children: z.array(AccountSummary),
  contactCount: z.number().int(),
  /** The overall health score (see AccountListItem.health). */
  health: AccountHealthSummary,
});
export type AccountDetail = z.infer<typeof AccountDetail>;

export const accountSorts = ['name', 'arr', 'renewalDate', 'updatedAt', 'createdAt', 'lastMeetingAt', 'nextMeetingAt', 'lastTouchAt', 'health'] as const;
export const AccountSort = z
  .string()
  .regex(new RegExp(`^-?(${accountSorts.join('|')})$`), `must be one of ${accountSorts.join(', ')}, with - in front for descending`)
  .default('name');

/** Filters shared by the list, the export and saved views. */
const KpiStatusName = '(ok|warning|critical|no_data)';
/** `<kpiId>:<status>[,<status>]`; repeat the parameter to combine several KPIs (all must hold). */
const KpiStatusFilter = z
  .string()
  .max(200)
  .regex(
    new RegExp(`^[0-9A-Za-z_-]{1,64}:${KpiStatusName}(,${KpiStatusName})*$`),
    'must be <kpiId>:<status>[,<status>] with statuses ok, warning, critical, no_data',
  );

/** A query-string boolean: "true" or "false" (JSON true/false also accepted, for saved views and the CLI). */
const QueryBool = z.union([z.boolean(), z.enum(['true', 'false'], 'must be true or false').transform((v) => v === 'true')]);

export const AccountFilters = z.object({
  q: z.string().trim().max(200).optional(),
  industry: queryList(z.string().max(100)),
  region: queryList(z.string().max(100)),
  companySize: queryList(CompanySizes.schema),
  deploymentStatus: queryList(DeploymentStatuses.schema),
  lifecyclePhase: queryList(LifecyclePhases.schema),
  touchTier: queryList(TouchTiers.schema),
  /** User ids; "none" selects accounts without an owner. */
  ownerId: queryList(z.string().max(64)),
  /** Accounts carrying any of these risk statuses. */
  riskStatus: queryList(RiskStatuses.schema),
  /** Band labels from the workspace settings. */
  revenueBand: queryList(z.string().max(40)),
  /** A parent id, or "none" for top-level accounts. */
  parentId: z.string().max(64).optional(),
  renewalFrom: IsoDate.optional(),
  renewalTo: IsoDate.optional(),
  /** true: accounts due a touch (see Account.touchOverdue); false: accounts that are not (including those without a tier). */
  touchOverdue: QueryBool.optional(),
  /** Only accounts whose KPI has one of these statuses on kpiAsOf (the total counts only them too). */
  kpiStatus: z.preprocess((v) => (v === undefined || v === '' ? undefined : Array.isArray(v) ? v : [v]), z.array(KpiStatusFilter).max(5)).optional(),
  /** The day KPI values are computed for (YYYY-MM-DD); today (UTC) when absent. */
  kpiAsOf: IsoDate.optional(),
  /** Overall health RAG: red, amber, green, or none (no overall score, or one without data). */
  health: queryList(z.enum(['red', 'amber', 'green', 'none'])),
});
export type AccountFilters = z.infer<typeof AccountFilters>;

export const AccountListQuery = AccountFilters.extend({
  sort: AccountSort,
  limit: Limit,
  cursor: Cursor,
  /** KPI ids (at most 5): each item gets `kpis[id] = {value, status}` for the window ending on kpiAsOf. */
  kpis: queryList(Id, 5),
});
export type AccountListQuery = z.infer<typeof AccountListQuery>;

/** A KPI's value and status for one account in the list (see GET /api/v1/kpis for the definitions). */
export const AccountListKpi = z.object({
  value: z.number().nullable(),
  status: z.enum(['ok', 'warning', 'critical', 'no_data']),
});

export const AccountListItem = Account.extend({
  /** Present when the query asked for `kpis`: keyed by KPI id. */
  kpis: z.record(z.string(), AccountListKpi).optional(),
  /** The overall score: the first overall scorecard (by position) that has a score row for the account; null without one. */
  health: AccountHealthSummary,
});
export type AccountListItem = z.infer<typeof AccountListItem>;

export const AccountPage = page(AccountListItem);
export type AccountPage = z.infer<typeof AccountPage>;

/** Distinct values present in the workspace, to fill filter pickers. */
export const AccountFacets = z.object({
  industries: z.array(z.string()),
  regions: z.array(z.string()),
});

const Slice = { count: z.number().int(), arrMinor: z.number().int() };

/**
 * Portfolio figures for the accounts matching AccountFilters (the same filters as the list, so the numbers
 * agree with it). ARR is summed as stored, read in the workspace currency, as revenue bands do.
 */
export const AccountSummaryReport = z.object({
  count: z.number().int(),
  arrTotalMinor: z.number().int(),
  currency: z.string(),
  /** The UTC date the renewal windows count from (YYYY-MM-DD); "next 90 days" is asOf … asOf + 90, both included. */
  asOf: IsoDate,
  /** Every status in enum order, then null (not set); zeros included. */
  byDeploymentStatus: z.array(z.object({ key: DeploymentStatuses.schema.nullable(), ...Slice })),
  byTouchTier: z.array(z.object({ key: TouchTiers.schema.nullable(), ...Slice })),
  /** Every workspace band, in band order; zeros included. */
  byRevenueBand: z.array(z.object({ label: z.string(), ...Slice })),
  renewals: z.object({
    /** Renewal date before asOf. */
    overdue: z.number().int(),
    /** Renewal date from asOf to asOf + 30 days, both included. */
    next30: z.number().int(),
    /** Renewal date from asOf to asOf + 90 days, both included (so it includes next30). */
    next90: z.number().int(),
  }),
  /** DOMAIN.md's Pareto view: the fewest accounts, largest ARR first, holding at least 80% of the ARR. */
  pareto: z.object({
    accountsFor80PctArr: z.number().int(),
    /** accountsFor80PctArr / count, from 0 to 1 (0 when there is no ARR). */
    shareOfAccounts: z.number(),
  }),
});
export type AccountSummaryReport = z.infer<typeof AccountSummaryReport>;
