import type { ActivityStatus, ActivityType, Priority, TaskStatus } from '../src/domain/enums.js';
import { actionItems, meetingTitles, outcomes, summaries } from './engagement-words.js';
import type { DemoAccount, DemoContact } from './generate.js';
import { addDaysIso, type Random } from './random.js';
import type { UsageStory } from './usage.js';

/**
 * A year of one account's timeline as plain data: the touches its tier calls for (high touch: a meeting every two
 * weeks and a QBR a quarter; medium: monthly; tech: e-mail campaigns), bent by its usage story (declining
 * customers cancel, stalled ones stop answering, thriving ones talk expansion), the next meetings on the calendar,
 * and the action items each meeting left, most of them done long ago and the recent ones still open.
 */

export interface PlannedTask {
  title: string;
  ownerEmail: string | null;
  dueOn: string;
  priority: Priority;
  status: TaskStatus;
  createdAt: string;
  completedAt: string | null;
}

export interface PlannedActivity {
  type: ActivityType;
  status: ActivityStatus;
  title: string;
  occurredAt: string;
  durationMinutes: number | null;
  summary: string | null;
  outcome: string | null;
  contactExternalIds: string[];
  userEmails: string[];
  createdByEmail: string | null;
  tasks: PlannedTask[];
}

export interface TimelineInput {
  account: DemoAccount;
  story: UsageStory;
  contacts: readonly DemoContact[];
  random: Random;
  today: string;
  /** The first day of the account's timeline (a year ago, or when it became a customer). */
  from: string;
  /** A stalled onboarding whose customer stopped answering (meetings cancelled, e-mails unanswered). */
  dark: boolean;
  managerEmail: string;
  execEmail: string;
}

/** How often each kind of touch happens, in days (with ± jitter), per tier. */
const cadences: Record<'high' | 'medium' | 'techOwned' | 'techPool', Partial<Record<ActivityType, [number, number]>>> = {
  high: { meeting: [14, 2], qbr: [91, 5], call: [30, 8], email: [16, 5], note: [75, 15] },
  medium: { meeting: [30, 4], call: [45, 10], email: [30, 7], note: [120, 20] },
  techOwned: { email: [30, 6], call: [100, 20] },
  techPool: { email: [45, 10] },
};

const durations: Partial<Record<ActivityType, readonly number[]>> = { meeting: [30, 45, 60], qbr: [60, 90], ebr: [60], call: [15, 20, 30] };
const HOUR_START: Record<DemoAccount['region'], number> = { NA: 14, EMEA: 8, APAC: 1, LATAM: 12 };

const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/** Moves a Saturday or Sunday to the Monday after. */
function weekday(date: string): string {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow === 6 ? addDaysIso(date, 2) : dow === 0 ? addDaysIso(date, 1) : date;
}

function series(random: Random, from: string, until: string, [every, jitter]: [number, number]): string[] {
  const dates: string[] = [];
  let day = addDaysIso(from, random.int(0, every - 1));
  while (day <= until) {
    dates.push(weekday(day));
    day = addDaysIso(day, every + random.int(-jitter, jitter));
  }
  return dates;
}

function at(input: TimelineInput, date: string): string {
  const hour = HOUR_START[input.account.region] + input.random.int(0, 7);
  return `${date}T${String(hour).padStart(2, '0')}:${input.random.pick(['00', '30'])}:00.000Z`;
}

/** The people present on a date: who had not left by then, the champion and the sponsor first when asked. */
function attendees(input: TimelineInput, date: string, count: number, sponsor: boolean): DemoContact[] {
  const present = input.contacts.filter((c) => !c.leftOn || c.leftOn > date);
  const ranked = present.map((c) => ({ c, rank: sponsor && c.roles.includes('sponsor') ? 0 : c.roles.includes('champion') ? 1 : 2 + input.random.next() }));
  return ranked
    .sort((a, b) => a.rank - b.rank)
    .slice(0, count)
    .map((r) => r.c);
}

function taskStatus(random: Random, story: UsageStory, dueOn: string, today: string): TaskStatus {
  const late = daysBetween(dueOn, today);
  const struggling = story === 'declining' || story === 'stalled_onboarding';
  // Old action items were closed long ago; a struggling account has stragglers, and the last two weeks' are still open.
  if (late > 45) return random.weighted({ done: 95, cancelled: 5 });
  if (late > 14) return struggling ? random.weighted({ done: 80, cancelled: 5, open: 15 }) : random.weighted({ done: 95, cancelled: 5 });
  if (late > 0) return struggling ? random.weighted({ done: 35, in_progress: 15, open: 50 }) : random.weighted({ done: 70, in_progress: 10, open: 20 });
  return random.weighted({ open: 75, in_progress: 15, done: 10 });
}

/** Business reviews leave two or three action items, most meetings one or two, a call now and then one. */
function actionItemCount(random: Random, type: ActivityType): number {
  if (type === 'qbr' || type === 'ebr') return random.int(2, 3);
  if (type === 'meeting') return random.chance(0.6) ? random.int(1, 2) : 0;
  return random.chance(0.3) ? 1 : 0;
}

function actionItemsFor(input: TimelineInput, activity: PlannedActivity, date: string, contact: string): PlannedTask[] {
  const { random, account, today, story } = input;
  const count = actionItemCount(random, activity.type);
  const tasks: PlannedTask[] = [];
  for (const title of random.shuffle(actionItems).slice(0, count)) {
    const dueOn = addDaysIso(date, random.int(3, 14));
    const status = taskStatus(random, story, dueOn, today);
    const finished = addDaysIso(dueOn, random.int(-3, 2));
    // Finished after the meeting and before today (the day being lived has not happened yet).
    const yesterday = addDaysIso(today, -1);
    const completedOn = [finished, addDaysIso(date, 1)].sort()[1] as string;
    const closedOn = completedOn > yesterday ? (yesterday < date ? date : yesterday) : completedOn;
    // The executive sponsor (the demo's admin) owns a follow-up of each executive review, so their My work is not empty.
    const owner = activity.type === 'ebr' && tasks.length === 0 ? input.execEmail : random.chance(0.9) ? account.ownerEmail : input.managerEmail;
    tasks.push({
      title: fill(title, { contact }),
      ownerEmail: owner,
      dueOn,
      priority: activity.type === 'qbr' || activity.type === 'ebr' ? 'high' : story === 'declining' && random.chance(0.2) ? 'urgent' : 'normal',
      status,
      createdAt: activity.occurredAt.replace(/T(\d\d)/, (_, h: string) => `T${String(Math.min(23, Number(h) + 1)).padStart(2, '0')}`),
      completedAt: status === 'done' ? `${closedOn}T16:00:00.000Z` : null,
    });
  }
  return tasks;
}

/** What happened to a touch on a past date, given the account's story. */
function pastStatus(input: TimelineInput, type: ActivityType, date: string): ActivityStatus {
  const { story, random, today } = input;
  const ago = daysBetween(date, today);
  const meeting = type === 'meeting' || type === 'qbr' || type === 'ebr' || type === 'call';
  // The customer stopped showing up three to six weeks ago.
  if (input.dark && meeting && ago < random.int(20, 40)) return 'cancelled';
  if (story === 'declining' && meeting && ago < 60 && random.chance(0.4)) return 'cancelled';
  return meeting && random.chance(0.04) ? 'cancelled' : 'done';
}

function makeActivity(input: TimelineInput, type: ActivityType, date: string, status: ActivityStatus): PlannedActivity {
  const { random, account, story } = input;
  const pool = !account.ownerEmail;
  const meetingLike = type === 'meeting' || type === 'qbr' || type === 'ebr';
  const people = type === 'note' || pool ? [] : attendees(input, date, meetingLike ? random.int(1, type === 'meeting' ? 2 : 3) : 1, type !== 'meeting');
  const contact = people[0]?.name ?? 'the team';
  const titles = type === 'email' && account.touchTier === 'tech' ? meetingTitles.techEmail : meetingTitles[type];
  const users = type === 'note' || pool ? [] : [account.ownerEmail as string];
  if (type === 'qbr' || type === 'ebr') users.push(input.managerEmail);
  if (type === 'ebr') users.push(input.execEmail);
  const done = status === 'done';
  let outcome: string | null = null;
  if (status === 'cancelled') outcome = input.dark ? 'Customer did not show up' : 'Cancelled by the customer';
  else if (done && type === 'email') outcome = input.dark && daysBetween(date, input.today) < 40 ? 'No reply' : null;
  else if (done && type !== 'note') outcome = random.pick(outcomes[story]);
  let summary: string | null = null;
  const said = () => fill(random.pick(summaries[story]), { contact, n: random.int(3, 12) });
  if (type === 'note') summary = `Internal: ${said()}`;
  else if (done) summary = type === 'email' ? `Sent to ${contact}.` : said();
  const activity: PlannedActivity = {
    type,
    status,
    title: fill(random.pick(titles), { contact }),
    occurredAt: at(input, date),
    durationMinutes: durations[type] ? random.pick(durations[type] as readonly number[]) : null,
    summary,
    outcome,
    contactExternalIds: people.map((p) => p.externalId),
    userEmails: users,
    createdByEmail: account.ownerEmail,
    tasks: [],
  };
  if (done && type !== 'email' && type !== 'note' && !pool) activity.tasks = actionItemsFor(input, activity, date, contact);
  return activity;
}

export function planTimeline(input: TimelineInput): PlannedActivity[] {
  const { account, random, today, story } = input;
  const tier = account.touchTier === 'tech' ? (account.ownerEmail ? 'techOwned' : 'techPool') : account.touchTier;
  const cadence = { ...cadences[tier] };
  // Medium-touch customers on the Enterprise plan get a quarterly review too.
  if (tier === 'medium' && account.customFields.plan === 'Enterprise') cadence.qbr = [91, 7];
  const lastDone = addDaysIso(today, -1);
  const horizon = addDaysIso(today, 45);
  const activities: PlannedActivity[] = [];
  for (const [type, every] of Object.entries(cadence) as Array<[ActivityType, [number, number]]>) {
    let upcoming = 0;
    for (const date of series(random, input.from, horizon, every)) {
      if (date <= lastDone) activities.push(makeActivity(input, type, date, pastStatus(input, type, date)));
      else if (date > today && type !== 'note' && type !== 'email' && !input.dark && upcoming++ < 1) {
        activities.push(makeActivity(input, type, date, 'planned'));
      }
    }
  }
  // A yearly executive review for the largest customers.
  if (tier === 'high' && account.companySize === 'enterprise' && daysBetween(input.from, today) > 200) {
    activities.push(makeActivity(input, 'ebr', weekday(addDaysIso(today, -random.int(40, 150))), 'done'));
  }
  // Stalled onboardings keep a kick-off on the calendar that never happened: it still needs logging or rescheduling.
  if (input.dark && account.ownerEmail) {
    activities.push(makeActivity(input, 'meeting', weekday(addDaysIso(today, -random.int(5, 12))), 'planned'));
  }
  // Thriving customers talk expansion.
  if (story === 'thriving' && account.ownerEmail) {
    const call = makeActivity(input, 'call', weekday(addDaysIso(today, -random.int(5, 40))), 'done');
    call.title = 'Expansion: more seats for the next teams';
    call.outcome = 'Proposal requested';
    activities.push(call);
  }
  // A declining tech-touch customer unsubscribed and stopped answering: nothing for three months, so it shows as overdue.
  const silentFrom = account.touchTier === 'tech' && story === 'declining' ? addDaysIso(today, -95) : null;
  return activities.filter((a) => {
    const day = a.occurredAt.slice(0, 10);
    return (a.status === 'planned' || day <= lastDone) && (silentFrom === null || day < silentFrom);
  });
}
