import type { z } from 'zod';
import type { AccountFacets, AccountPage, AccountSummaryReport } from '../../../src/modules/accounts/contracts';
import type { ApiKey, ApiKeyCreated } from '../../../src/modules/api-keys/contracts';
import type { ContactPage } from '../../../src/modules/contacts/contracts';
import type { accountColumns, SavedViewList } from '../../../src/modules/views/contracts';
import type { MemberList } from '../../../src/modules/workspaces/contracts';

/** Response types the SPA needs that the contracts define as schemas only. */
export type { Account, AccountCreate, AccountDetail, AccountPatch } from '../../../src/modules/accounts/contracts';
export type { Me } from '../../../src/modules/auth/contracts';
export type { Contact, ContactCreate, ContactPatch } from '../../../src/modules/contacts/contracts';
export type { ImportReport, ImportRowError } from '../../../src/modules/csv/contracts';
export type { SavedView, ViewState } from '../../../src/modules/views/contracts';
export type { Member, Workspace, WorkspaceSettings } from '../../../src/modules/workspaces/contracts';

export type AccountPageT = z.infer<typeof AccountPage>;
export type AccountFacetsT = z.infer<typeof AccountFacets>;
export type AccountSummaryT = z.infer<typeof AccountSummaryReport>;
export type ContactPageT = z.infer<typeof ContactPage>;
export type SavedViewListT = z.infer<typeof SavedViewList>;
export type MemberListT = z.infer<typeof MemberList>;
export type ApiKeyT = z.infer<typeof ApiKey>;
export type ApiKeyCreatedT = z.infer<typeof ApiKeyCreated>;

export type AccountColumn = (typeof accountColumns)[number];

// Issue 3: write keys, unmatched usage, metrics and KPIs (settings, usage and import pages).
export type { Kpi, KpiBase, KpiCreate, KpiDirection, KpiFormula, KpiTemplate } from '../../../src/modules/kpis/contracts';
export type { Metric, MetricImportReport, MetricList } from '../../../src/modules/metrics/contracts';
export type { WriteKey } from '../../../src/modules/write-keys/contracts';
export type WriteKeyCreatedT = z.infer<typeof import('../../../src/modules/write-keys/contracts').WriteKeyCreated>;
export type KpiListT = z.infer<typeof import('../../../src/modules/kpis/contracts').KpiList>;
export type KpiTemplateListT = z.infer<typeof import('../../../src/modules/kpis/contracts').KpiTemplateList>;
export type UnmatchedPageT = z.infer<typeof import('../../../src/modules/usage/contracts').UnmatchedPage>;
export type UnmatchedItemT = z.infer<typeof import('../../../src/modules/usage/contracts').UnmatchedItem>;
export type UnmatchedSummaryT = z.infer<typeof import('../../../src/modules/usage/contracts').UnmatchedSummary>;
export type RematchResultT = z.infer<typeof import('../../../src/modules/usage/contracts').RematchResult>;
export type UsageCatalogT = z.infer<typeof import('../../../src/modules/usage/contracts').UsageCatalog>;

// Issue 3: usage, metrics and KPIs (the account "Usage" tab and the KPI columns of the accounts list).
export type { AccountListItem } from '../../../src/modules/accounts/contracts';
export type { AccountKpi, AccountKpis, KpiStatus, KpiTrend } from '../../../src/modules/kpis/contracts';
export type { AccountMetrics, MetricSeries } from '../../../src/modules/metrics/contracts';
export type AccountUsageT = z.infer<typeof import('../../../src/modules/usage/contracts').AccountUsage>;

// Issue 5: engagement (timeline, tasks and requests, lifecycle and playbooks, risks and red flags, stories).
export type { ActionItem, Activity, ActivityCreate, ActivityPage, ActivityPatch, ActivityTask } from '../../../src/modules/activities/contracts';
export type { AccountLifecycle, LifecycleChange, LifecycleMove, LifecycleSummary } from '../../../src/modules/lifecycle/contracts';
export type {
  ApplyPlaybook,
  ApplyResult,
  Playbook,
  PlaybookCreate,
  PlaybookDetail,
  PlaybookItem,
  PlaybookItemInput,
  PlaybookList,
  PlaybookPatch,
  PlaybookPortfolio,
  PlaybookRun,
  PlaybookRunSummary,
  PlaybookTemplate,
  RunItem,
  RunProgress,
} from '../../../src/modules/playbooks/contracts';
export type { RedFlag, RedFlagCreate, RedFlagPage, RedFlagPatch } from '../../../src/modules/red-flags/contracts';
export type { InternalRequest, RequestCreate, RequestPage, RequestPatch } from '../../../src/modules/requests/contracts';
export type {
  Risk,
  RiskCreate,
  RiskMeasures,
  RiskPage,
  RiskPatch,
  RiskType,
  RiskTypeCreate,
  RiskTypeList,
  RiskTypePatch,
} from '../../../src/modules/risks/contracts';
export type { Story, StoryCreate, StoryPage, StoryPatch } from '../../../src/modules/stories/contracts';
export type { MyWork, MyWorkQuery, Task, TaskCreate, TaskPage, TaskPatch, TaskSource } from '../../../src/modules/tasks/contracts';

// Issue 4: health (scorecards, scores and their explanation, manual measures).
export type AccountHealthSummaryT = z.infer<typeof import('../../../src/modules/health/contracts').AccountHealthSummary>;
export type ManualValueInputT = z.input<typeof import('../../../src/modules/health/contracts').ManualValueInput>;
export type RecomputeResultT = z.infer<typeof import('../../../src/modules/health/contracts').RecomputeResult>;
export type ScorecardListT = z.infer<typeof import('../../../src/modules/health/contracts').ScorecardList>;
export type {
  AccountHealth,
  AccountScore,
  ManualMeasureList,
  ManualValue,
  Mapping,
  MeasureInput,
  MeasureSource,
  Rag,
  ScoreComponent,
  Scorecard,
  ScorecardInput,
  Segment,
} from '../../../src/modules/health/contracts';
export type { PreviewInput, PreviewMove, PreviewRag, ScorecardPreview } from '../../../src/modules/health/contracts-preview';
// Issue 4: health trends and portfolio.
export type TrendDirection = z.infer<typeof import('../../../src/modules/health/contracts').Trend>;
export type WeekPointT = z.infer<typeof import('../../../src/modules/health/contracts').WeekPoint>;
export type { Mover, Movers, Portfolio } from '../../../src/modules/health/contracts-portfolio';
