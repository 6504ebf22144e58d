import type { Database } from '../src/db/connection.js';
import { encodeJson } from '../src/db/dialect.js';
import { newId } from '../src/lib/ids.js';
import { refreshAccountTouches } from '../src/modules/activities/touches.js';
import { recordPhaseChanges } from '../src/modules/lifecycle/record.js';
import { syncAccountRiskStatuses } from '../src/modules/risks/sync.js';
import { insertTasks, type NewTask } from '../src/modules/tasks/create.js';
import { planRequests, planStories } from './engagement-extras.js';
import { installPlaybooks, type PlaybookAccount } from './engagement-playbooks.js';
import { type PlannedFlag, type PlannedPhaseChange, type PlannedRisk, planLifecycle, planRisks } from './engagement-records.js';
import { writeFlags, writeRisks } from './engagement-risks.js';
import { type PlannedActivity, type PlannedTask, planTimeline } from './engagement-timeline.js';
import { chunks, setById } from './engagement-write.js';
import type { DemoContact, DemoData } from './generate.js';
import { addDaysIso, createRandom } from './random.js';
import { hashString, planUsage, type UsageStory } from './usage.js';

/**
 * A year of engagement for the demo workspace: lifecycle history, the timeline with its action items, internal
 * requests, playbook runs, risks, red flags and stories, consistent with each account's tier, phase and usage story.
 * Planned as plain data from seeded random sources (the same demo every time), then written in bulk through the
 * modules' own write functions where they exist, inside the installer's transaction.
 */

export const ENGAGEMENT_SEED = 0x5eed2025;

export interface EngagementSummary {
  phaseChanges: number;
  activities: number;
  tasks: number;
  requests: number;
  playbookRuns: number;
  risks: number;
  redFlags: number;
  stories: number;
}

const MANAGER = 'dana.whitfield@northwind.example';
const VIEWER = 'victoria.hale@northwind.example';

/** Two in five stalled onboardings have gone dark (the customer stopped answering); the others wait on the customer's IT. */
export function goneDark(externalId: string, story: UsageStory): boolean {
  return story === 'stalled_onboarding' && hashString(`${externalId}:dark`) % 5 < 2;
}

interface AccountPlan {
  id: string;
  story: UsageStory;
  history: PlannedPhaseChange[];
  activities: PlannedActivity[];
  risks: PlannedRisk[];
  flags: PlannedFlag[];
}

export async function installEngagement(database: Database, workspaceId: string, data: DemoData, options: { today: string }): Promise<EngagementSummary> {
  const { db } = database;
  const { today } = options;
  const users = new Map(
    (
      await db
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .select(['users.email', 'users.id'])
        .where('workspace_id', '=', workspaceId)
        .execute()
    ).map((u) => [u.email, u.id]),
  );
  const userId = (email: string | null) => (email ? (users.get(email) ?? null) : null);
  const accountIds = new Map(
    (await db.selectFrom('accounts').select(['id', 'external_id']).where('workspace_id', '=', workspaceId).execute()).map((a) => [a.external_id, a.id]),
  );
  const contactIds = new Map(
    (await db.selectFrom('contacts').select(['id', 'external_id']).where('workspace_id', '=', workspaceId).execute()).map((c) => [c.external_id, c.id]),
  );
  const execEmail = data.users.find((u) => u.role === 'admin')?.email as string;
  const stories = new Map(planUsage(data, { today }).accounts.map((a) => [a.externalId, a.story]));
  const contactsOf = new Map<string, DemoContact[]>();
  for (const c of data.contacts) contactsOf.set(c.accountExternalId, [...(contactsOf.get(c.accountExternalId) ?? []), c]);

  const plans: AccountPlan[] = data.accounts.map((account) => {
    const random = createRandom((ENGAGEMENT_SEED ^ hashString(account.externalId)) >>> 0);
    const story = stories.get(account.externalId) ?? 'steady';
    const history = planLifecycle(account, story, random, today, MANAGER);
    const since = (history[0] as PlannedPhaseChange).on;
    const yearAgo = addDaysIso(today, -365);
    const from = since > yearAgo ? addDaysIso(since, 1) : yearAgo;
    const contacts = contactsOf.get(account.externalId) ?? [];
    const dark = goneDark(account.externalId, story);
    const activities = planTimeline({ account, story, contacts, random, today, from, dark, managerEmail: MANAGER, execEmail });
    const { risks, flags } = planRisks(account, story, random, today, since, { managerEmail: MANAGER, viewerEmail: VIEWER }, dark);
    return { id: accountIds.get(account.externalId) as string, story, history, activities, risks, flags };
  });

  // History: the accounts were created in their current phase just now; replace that record with how they got there.
  await db.deleteFrom('lifecycle_changes').where('workspace_id', '=', workspaceId).execute();
  const changes = plans
    .flatMap((p) =>
      p.history.map((h) => ({ workspaceId, accountId: p.id, from: h.from, to: h.to, changedBy: userId(h.byEmail), at: `${h.on}T10:00:00.000Z`, note: h.note })),
    )
    .sort((a, b) => a.at.localeCompare(b.at));
  await recordPhaseChanges(db, changes);

  const activityRows = plans.flatMap((p) =>
    p.activities.map((a) => {
      // Planned meetings were put on the calendar a week ago; the others were logged when they happened.
      const logged = a.status === 'planned' ? `${addDaysIso(today, -7)}T09:00:00.000Z` : a.occurredAt;
      return {
        id: newId(),
        workspace_id: workspaceId,
        account_id: p.id,
        type: a.type,
        status: a.status,
        title: a.title,
        occurred_at: a.occurredAt,
        duration_minutes: a.durationMinutes,
        summary: a.summary,
        outcome: a.outcome,
        contact_ids: encodeJson(a.contactExternalIds.map((e) => contactIds.get(e)).filter(Boolean)),
        user_ids: encodeJson(a.userEmails.map((e) => users.get(e)).filter(Boolean)),
        created_by: userId(a.createdByEmail),
        created_at: logged,
        updated_at: logged,
      };
    }),
  );
  for (const chunk of chunks(activityRows, 250)) await db.insertInto('activities').values(chunk).execute();

  // Action items, through the tasks module's one write path, then put back in time.
  const items: Array<{ task: NewTask; plan: PlannedTask; creator: string | null; id: string }> = [];
  let row = 0;
  for (const p of plans) {
    for (const a of p.activities) {
      const activityId = (activityRows[row++] as { id: string }).id;
      for (const t of a.tasks) {
        items.push({
          task: { accountId: p.id, title: t.title, ownerId: userId(t.ownerEmail), dueOn: t.dueOn, priority: t.priority, activityId },
          plan: t,
          creator: userId(a.createdByEmail),
          id: '',
        });
      }
    }
  }
  // insertTasks takes one creator per call: one call per meeting owner.
  for (const creator of [...new Set(items.map((i) => i.creator))]) {
    const mine = items.filter((i) => i.creator === creator);
    const ids = await insertTasks(
      db,
      workspaceId,
      creator,
      mine.map((i) => i.task),
    );
    mine.forEach((item, n) => {
      item.id = ids[n] as string;
    });
  }
  await setById(
    database,
    workspaceId,
    'tasks',
    items.map((i) => ({
      id: i.id,
      values: { status: i.plan.status, completed_at: i.plan.completedAt, created_at: i.plan.createdAt, updated_at: i.plan.completedAt ?? i.plan.createdAt },
    })),
    new Set(['completed_at', 'created_at', 'updated_at']),
  );

  const execTasks = await writeExecutiveTasks(database, workspaceId, data, accountIds, userId(execEmail), today);
  const risk = await writeRisks(database, workspaceId, plans, userId, today);
  const redFlags = await writeFlags(database, workspaceId, plans, userId, today);

  const requests = planRequests(data.accounts, createRandom(ENGAGEMENT_SEED ^ 0x7e9), today, {
    csms: data.users.filter((u) => u.role === 'csm').map((u) => u.email),
    managerEmail: MANAGER,
    execEmail,
  });
  const requestRows = requests.map((r) => ({
    id: newId(),
    workspace_id: workspaceId,
    account_id: r.accountExternalId ? (accountIds.get(r.accountExternalId) ?? null) : null,
    title: r.title,
    details: r.details,
    requested_by: userId(r.requestedByEmail),
    assignee_id: userId(r.assigneeEmail),
    asked_at: r.askedAt,
    needed_by: r.neededBy,
    status: r.status,
    response: r.response,
    resolved_at: r.resolvedAt,
    last_follow_up_at: r.lastFollowUpAt,
    follow_ups: r.followUps,
    created_at: r.askedAt,
    updated_at: r.resolvedAt ?? r.lastFollowUpAt ?? r.askedAt,
  }));
  for (const chunk of chunks(requestRows)) await db.insertInto('internal_requests').values(chunk).execute();

  const playbookAccounts: PlaybookAccount[] = plans.map((p, i) => ({
    id: p.id,
    account: data.accounts[i] as DemoData['accounts'][number],
    story: p.story,
    history: p.history,
  }));
  const playbooks = await installPlaybooks(database, workspaceId, playbookAccounts, today, userId(MANAGER));

  const storyCount = await writeStories(database, workspaceId, data, plans, contactsOf, today, userId);

  const all = plans.map((p) => p.id);
  await refreshAccountTouches(db, workspaceId, all);
  await syncAccountRiskStatuses(db, workspaceId, all);
  return {
    phaseChanges: changes.length,
    activities: activityRows.length,
    tasks: items.length + execTasks + risk.tasks + playbooks.tasks,
    requests: requestRows.length,
    playbookRuns: playbooks.runs,
    risks: risk.risks,
    redFlags,
    stories: storyCount,
  };
}

async function writeStories(
  database: Database,
  workspaceId: string,
  data: DemoData,
  plans: readonly AccountPlan[],
  contactsOf: ReadonlyMap<string, DemoContact[]>,
  today: string,
  userId: (email: string | null) => string | null,
): Promise<number> {
  const thriving = data.accounts.filter((_, i) => plans[i]?.story === 'thriving');
  const planned = planStories(thriving, contactsOf, createRandom(ENGAGEMENT_SEED ^ 0x5707), today);
  const byExternal = new Map(data.accounts.map((a, i) => [a.externalId, plans[i] as AccountPlan]));
  const rows = [];
  for (const s of planned) {
    const plan = byExternal.get(s.accountExternalId) as AccountPlan;
    // The latest quarterly review the story tells about, when there is one.
    const review = s.aboutReview
      ? await database.db
          .selectFrom('activities')
          .select('id')
          .where('workspace_id', '=', workspaceId)
          .where('account_id', '=', plan.id)
          .where('type', '=', 'qbr')
          .where('status', '=', 'done')
          .orderBy('occurred_at', 'desc')
          .executeTakeFirst()
      : undefined;
    rows.push({
      id: newId(),
      workspace_id: workspaceId,
      account_id: plan.id,
      subject_type: review ? 'activity' : 'account',
      subject_id: review ? review.id : plan.id,
      title: s.title,
      body: s.body,
      author_id: userId(s.authorEmail),
      created_at: s.createdAt,
      updated_at: s.createdAt,
    });
  }
  if (rows.length) await database.db.insertInto('stories').values(rows).execute();
  return rows.length;
}

/**
 * The demo login is the executive sponsor of the largest accounts: a few sponsor calls of theirs to make, one overdue,
 * some this week and later, so that their My work shows every section.
 */
async function writeExecutiveTasks(
  database: Database,
  workspaceId: string,
  data: DemoData,
  accountIds: ReadonlyMap<string | null, string>,
  execId: string | null,
  today: string,
): Promise<number> {
  const largest = [...data.accounts].sort((a, b) => b.arrMinor - a.arrMinor).slice(0, 5);
  const dueIn = [-3, 1, 4, 10, 24];
  const tasks: NewTask[] = largest.map((account, i) => ({
    accountId: accountIds.get(account.externalId) as string,
    title: i === 0 ? `Executive sponsor call with ${account.name}` : `Executive check-in: ${account.name}`,
    description: 'Fifteen minutes with their sponsor: value delivered so far, what they expect next quarter.',
    ownerId: execId,
    dueOn: addDaysIso(today, dueIn[i] ?? 30),
    priority: i === 0 ? 'high' : 'normal',
  }));
  return (await insertTasks(database.db, workspaceId, execId, tasks)).length;
}
