import { z } from 'zod';
import { Priorities, TaskStatuses } from '../../domain/enums.js';
import { Cursor, Id, IsoDate, Limit, optionalText, page, queryList } from '../../domain/schemas.js';
import { InternalRequest } from '../requests/contracts.js';

/** What a task came from; 'none' (in filters) is a task someone simply wrote down. */
export const TaskSourceKinds = z.enum(['activity', 'risk', 'playbook']);
export type TaskSourceKind = z.infer<typeof TaskSourceKinds>;

const TaskLinks = {
  /** A meeting or other timeline entry of the same account (its action item). */
  activityId: Id.nullable().optional(),
  /** A risk of the same account (a mitigation step). */
  riskId: Id.nullable().optional(),
  /** A playbook run on the same account; playbookItemId is the checklist item of that run's playbook. */
  playbookRunId: Id.nullable().optional(),
  playbookItemId: Id.nullable().optional(),
};

const TaskFields = {
  title: z.string().trim().min(1, 'is required').max(300),
  description: optionalText(5000),
  /** A member of the workspace; null leaves the task unowned (it then shows in the account owner's My work). */
  ownerId: Id.nullable().optional(),
  dueOn: IsoDate.nullable().optional(),
  priority: Priorities.schema.optional(),
};

export const TaskCreate = z.object({ accountId: Id, ...TaskFields, ...TaskLinks });
export type TaskCreate = z.infer<typeof TaskCreate>;

/** Every field optional; the account cannot change (links are checked against it). */
export const TaskPatch = z.object({ ...TaskFields, status: TaskStatuses.schema.optional(), ...TaskLinks }).partial();
export type TaskPatch = z.infer<typeof TaskPatch>;

export const TaskSource = z.object({
  kind: TaskSourceKinds,
  /** Short text for a list row: the meeting's title, the risk's title, or "playbook name · item title". */
  label: z.string(),
});
export type TaskSource = z.infer<typeof TaskSource>;

export const Task = z.object({
  id: Id,
  accountId: z.string(),
  accountName: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  dueOn: z.string().nullable(),
  priority: Priorities.schema,
  status: TaskStatuses.schema,
  activityId: z.string().nullable(),
  riskId: z.string().nullable(),
  playbookRunId: z.string().nullable(),
  playbookItemId: z.string().nullable(),
  /** null when the task has no link. A playbook link wins over a risk, a risk over a meeting. */
  source: TaskSource.nullable(),
  completedAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Task = z.infer<typeof Task>;

export const taskSorts = ['dueOn', 'priority', 'createdAt'] as const;
export const TaskSort = z
  .string()
  .regex(new RegExp(`^-?(${taskSorts.join('|')})$`), `must be one of ${taskSorts.join(', ')}, with - in front for descending`)
  .default('dueOn');

const TrueFalse = z.enum(['true', 'false']).transform((v) => v === 'true');

export const TaskFilters = z.object({
  accountId: queryList(Id),
  /** User ids; "me" is the caller (a signed-in person), "none" selects unowned tasks. */
  ownerId: queryList(z.string().max(64)),
  status: queryList(TaskStatuses.schema),
  priority: queryList(Priorities.schema),
  /** Due strictly before this day (tasks without a due date never match). */
  dueBefore: IsoDate.optional(),
  /** Due strictly after this day. */
  dueAfter: IsoDate.optional(),
  /** true: open or in progress and due before today (UTC); false: everything else. */
  overdue: TrueFalse.optional(),
  source: queryList(z.enum(['activity', 'risk', 'playbook', 'none'])),
  /** Tasks from these meetings, risks or playbook runs (for pages that show a record's tasks). */
  activityId: queryList(Id),
  riskId: queryList(Id),
  playbookRunId: queryList(Id),
});
export type TaskFilters = z.infer<typeof TaskFilters>;

/**
 * Sorting by due date puts tasks without one last (first with -dueOn); priority sorts low → urgent (-priority
 * for the most urgent first). Pages are keyset cursors, like the accounts list.
 */
export const TaskListQuery = TaskFilters.extend({ sort: TaskSort, limit: Limit, cursor: Cursor });
export type TaskListQuery = z.infer<typeof TaskListQuery>;

export const AccountTaskQuery = TaskListQuery.omit({ accountId: true });

export const TaskPage = page(Task);
export type TaskPage = z.infer<typeof TaskPage>;

export const MyWorkQuery = z.object({
  /** Whose work: a member's id. Defaults to the signed-in person; an API key must name one. */
  userId: Id.optional(),
  /** The caller's local date, which sections count from; today in UTC when absent. */
  today: IsoDate.optional(),
  /** At most this many items per section (the counts are exact). */
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type MyWorkQuery = z.infer<typeof MyWorkQuery>;

const Section = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });

/**
 * One person's open and in-progress tasks (theirs, plus unowned tasks on the accounts they own), in sections by
 * due date, and their internal requests: those waiting on them and their own that stalled.
 */
export const MyWork = z.object({
  userId: z.string(),
  today: IsoDate,
  /** Due before today. */
  overdue: Section(Task),
  /** Due today … today + 6. */
  dueThisWeek: Section(Task),
  /** Due after today + 6. */
  later: Section(Task),
  noDueDate: Section(Task),
  /** Open requests assigned to this person, oldest first. */
  requestsWaitingOnMe: Section(InternalRequest),
  /** Open requests this person asked that have stalled (see the workspace's requestFollowUpDays). */
  myStalledRequests: Section(InternalRequest),
  counts: z.object({
    overdue: z.number().int(),
    dueToday: z.number().int(),
    dueThisWeek: z.number().int(),
    later: z.number().int(),
    noDueDate: z.number().int(),
    open: z.number().int(),
    requestsWaitingOnMe: z.number().int(),
    myStalledRequests: z.number().int(),
  }),
});
export type MyWork = z.infer<typeof MyWork>;
