import { z } from 'zod';
import { LifecyclePhases, PlaybookKinds, PlaybookRunStatuses, TaskStatuses } from '../../domain/enums.js';
import { Id, IsoDate, optionalText } from '../../domain/schemas.js';

export const TemplateItem = z.object({ title: z.string(), details: z.string(), dueOffsetDays: z.number().int() });
export const PlaybookTemplate = z.object({
  key: z.string(),
  name: z.string(),
  kind: PlaybookKinds.schema,
  phase: LifecyclePhases.schema.nullable(),
  /** Markdown. */
  description: z.string(),
  items: z.array(TemplateItem),
});
export type PlaybookTemplate = z.infer<typeof PlaybookTemplate>;
export const TemplateQuery = z.object({ kind: PlaybookKinds.schema.optional(), phase: LifecyclePhases.schema.optional() });
export const TemplateList = z.object({ items: z.array(PlaybookTemplate) });

export const FromTemplate = z.object({ templateKey: z.string().min(1).max(100) });

const DueOffset = z.int().min(-365).max(3650);
export const PlaybookItemInput = z.object({
  /** An existing item's id keeps the item (and the link from tasks already created from it); no id makes a new item. */
  id: Id.optional(),
  title: z.string().trim().min(1, 'is required').max(300),
  details: optionalText(4000),
  dueOffsetDays: DueOffset,
});
export type PlaybookItemInput = z.infer<typeof PlaybookItemInput>;

export const PlaybookFields = z.object({
  name: z.string().trim().min(1, 'is required').max(200),
  kind: PlaybookKinds.schema,
  phase: LifecyclePhases.schema.nullable().optional(),
  /** Markdown. */
  description: optionalText(20000),
  /** In order; replaced as a whole. */
  items: z.array(PlaybookItemInput).max(200).optional(),
});
export const PlaybookCreate = PlaybookFields;
export type PlaybookCreate = z.infer<typeof PlaybookCreate>;
export const PlaybookPatch = PlaybookFields.partial();
export type PlaybookPatch = z.infer<typeof PlaybookPatch>;

export const PlaybookItem = z.object({
  id: Id,
  position: z.number().int(),
  title: z.string(),
  details: z.string().nullable(),
  dueOffsetDays: z.number().int(),
});
export type PlaybookItem = z.infer<typeof PlaybookItem>;

/** How a playbook is doing across the accounts it was applied to. */
export const PlaybookPortfolio = z.object({
  activeRuns: z.number().int(),
  completedRuns: z.number().int(),
  cancelledRuns: z.number().int(),
  /** Mean progress (0–1) of the active runs; null when none is active. */
  averageProgress: z.number().nullable(),
  /** Open or in-progress tasks of active runs whose due date has passed. */
  overdueItems: z.number().int(),
});
export type PlaybookPortfolio = z.infer<typeof PlaybookPortfolio>;

export const Playbook = z.object({
  id: Id,
  name: z.string(),
  kind: PlaybookKinds.schema,
  phase: LifecyclePhases.schema.nullable(),
  description: z.string().nullable(),
  templateKey: z.string().nullable(),
  itemCount: z.number().int(),
  portfolio: PlaybookPortfolio,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Playbook = z.infer<typeof Playbook>;
export const PlaybookDetail = Playbook.extend({ items: z.array(PlaybookItem) });
export type PlaybookDetail = z.infer<typeof PlaybookDetail>;

/** A small list: offset paging, sorted by name. */
export const PlaybookListQuery = z.object({
  kind: PlaybookKinds.schema.optional(),
  phase: LifecyclePhases.schema.optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type PlaybookListQuery = z.infer<typeof PlaybookListQuery>;
export const PlaybookList = z.object({ items: z.array(Playbook), total: z.number().int() });
export type PlaybookList = z.infer<typeof PlaybookList>;

export const ApplyPlaybook = z.object({
  accountIds: z.array(Id).min(1, 'pick at least one account').max(500),
  /** Each item's task is due this date plus the item's offset. */
  startOn: IsoDate,
  /** Owner of the created tasks; each account's owner when absent. */
  ownerId: Id.nullable().optional(),
});
export type ApplyPlaybook = z.infer<typeof ApplyPlaybook>;
export const ApplyResult = z.object({
  runs: z.array(z.object({ id: Id, accountId: Id })),
  tasksCreated: z.number().int(),
});
export type ApplyResult = z.infer<typeof ApplyResult>;

export const RunProgress = z.object({
  done: z.number().int(),
  /** The run's tasks that count: all but the cancelled ones. */
  total: z.number().int(),
  /** done / total, 0–1; 1 when nothing counts. */
  ratio: z.number(),
  overdue: z.number().int(),
});
export type RunProgress = z.infer<typeof RunProgress>;

export const RunItem = z.object({
  taskId: Id,
  itemId: z.string().nullable(),
  title: z.string(),
  details: z.string().nullable(),
  dueOn: z.string().nullable(),
  status: TaskStatuses.schema,
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  completedAt: z.string().nullable(),
});
export type RunItem = z.infer<typeof RunItem>;

export const PlaybookRunSummary = z.object({
  id: Id,
  playbookId: Id,
  playbookName: z.string(),
  kind: PlaybookKinds.schema,
  accountId: Id,
  accountName: z.string(),
  /** Completed when every task is done or cancelled; cancelled only when someone cancelled the run. */
  status: PlaybookRunStatuses.schema,
  startedOn: z.string(),
  completedAt: z.string().nullable(),
  createdAt: z.string(),
  progress: RunProgress,
});
export type PlaybookRunSummary = z.infer<typeof PlaybookRunSummary>;
export const PlaybookRun = PlaybookRunSummary.extend({ items: z.array(RunItem) });
export type PlaybookRun = z.infer<typeof PlaybookRun>;

export const RunListQuery = z.object({
  status: PlaybookRunStatuses.schema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type RunListQuery = z.infer<typeof RunListQuery>;
export const RunList = z.object({ items: z.array(PlaybookRunSummary), total: z.number().int() });
export const AccountRuns = z.object({ items: z.array(PlaybookRun) });

/** Cancelling a run cancels its open tasks; a cancelled run is not reopened. */
export const RunPatch = z.object({ status: z.literal('cancelled') });
