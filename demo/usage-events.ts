import { addDaysIso, createRandom, type Random } from './random.js';
import type { AccountUsagePlan, ProductUser, UsagePlan, UsageStory } from './usage.js';

/**
 * Segment-format messages (https://segment.com/docs/connections/spec/) for the usage plan: what a vendor's own
 * tracking would send. Each account's messages come from its own seeded source and carry deterministic
 * messageIds, so a second ingest of the same day stores nothing twice.
 */
export type SegmentMessage = Record<string, unknown> & { type: string; messageId: string; timestamp: string };

const context = { library: { name: 'keepwell-demo', version: '1.0.0' } };

/** Feature events in the order accounts discover them; weights say how common each is in a session. */
const features: ReadonlyArray<{ event: string; weight: number; numbers: (r: Random) => Record<string, number | string> }> = [
  { event: 'Dashboard Viewed', weight: 5, numbers: (r) => ({ duration_ms: r.int(800, 90_000) }) },
  { event: 'Report Created', weight: 3, numbers: (r) => ({ rows: r.int(10, 5000), duration_ms: r.int(1500, 60_000) }) },
  { event: 'Data Exported', weight: 2, numbers: (r) => ({ rows: r.int(100, 50_000), format: r.pick(['csv', 'xlsx', 'parquet']) }) },
  { event: 'Alert Configured', weight: 1, numbers: (r) => ({ conditions: r.int(1, 4) }) },
  { event: 'Integration Connected', weight: 0.3, numbers: (r) => ({ provider: r.pick(['salesforce', 'hubspot', 'snowflake', 'slack']) }) },
];

/** Hour (UTC) the working day starts, by region. */
const dayStart: Record<AccountUsagePlan['region'], number> = { NA: 13, EMEA: 7, APAC: 0, LATAM: 11 };

function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

function daysInMonth(date: string): number {
  const d = new Date(`${date}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
}

/** The chance that an active person uses the product on a day: the story's shape, the week and the month. */
export function activity(story: UsageStory, day: number, days: number, date: string): number {
  const dow = weekday(date);
  const weekend = dow === 0 || dow === 6;
  const dom = Number(date.slice(8, 10));
  const toMonthEnd = daysInMonth(date) - dom;
  let rate: number;
  if (story === 'thriving') rate = 0.38 + 0.2 * (day / days);
  else if (story === 'declining') rate = day < days - 45 ? 0.4 : 0.4 - 0.18 * ((day - (days - 45)) / 45);
  else if (story === 'stalled_onboarding') rate = 0.2;
  else if (story === 'seasonal') {
    // A month-end close: busy in the last three days, quiet just after; and Mondays are planning days.
    rate = toMonthEnd < 3 ? 0.8 : dom <= 5 ? 0.15 : 0.3;
    if (dow === 1) rate *= 1.4;
  } else rate = 0.36;
  const week = weekend ? (story === 'seasonal' && toMonthEnd < 3 ? 0.5 : 0.1) : dow === 5 ? 0.8 : 1;
  return Math.min(0.95, rate * week);
}

/** How many feature events a session holds, and how many features the account has discovered. */
function breadth(story: UsageStory, day: number, days: number, r: Random): { events: number; features: number } {
  if (story === 'thriving') return { events: r.int(1, 1 + Math.floor((2 * day) / days)), features: 2 + Math.floor((4 * day) / days) };
  if (story === 'stalled_onboarding') return { events: r.int(0, 1), features: 1 };
  if (story === 'declining') return { events: r.int(0, 2), features: day < days - 45 ? 4 : 2 };
  return { events: r.int(0, 2), features: 4 };
}

function pickFeature(r: Random, available: number) {
  const pool = features.slice(0, Math.max(1, Math.min(features.length, available)));
  let roll = r.next() * pool.reduce((s, f) => s + f.weight, 0);
  for (const f of pool) {
    roll -= f.weight;
    if (roll < 0) return f;
  }
  return pool[0] as (typeof features)[number];
}

const iso = (date: string, seconds: number) => new Date(Date.parse(`${date}T00:00:00Z`) + Math.min(86_399, seconds) * 1000).toISOString();

function identity(account: AccountUsagePlan, user: ProductUser, index: number, date: string): SegmentMessage[] {
  const timestamp = iso(date, 3600 * dayStart[account.region]);
  const traits = { email: user.email, name: user.name };
  const identify: SegmentMessage = {
    type: 'identify',
    messageId: `demo-${account.externalId}-identify-${index}`,
    userId: user.userId,
    traits,
    timestamp,
    context,
  };
  if (user.viaEmail) return [identify];
  const groupTraits = { name: account.name, plan: account.plan, employees: account.employees };
  // The group call first: the identify that follows then finds the user's account, and nothing is unmatched on the way.
  return [
    {
      type: 'group',
      messageId: `demo-${account.externalId}-group-${index}`,
      userId: user.userId,
      groupId: account.externalId,
      traits: groupTraits,
      timestamp,
      context,
    },
    identify,
  ];
}

/**
 * One account's messages: each user's identify (and group call) on their first day, then their sessions day by
 * day: "Signed In", a few feature events with numeric properties, sometimes a page view.
 */
export function accountMessages(plan: UsagePlan, account: AccountUsagePlan): SegmentMessage[] {
  const r = createRandom(account.seed ^ 0x5eed);
  const until = plan.until ? Date.parse(plan.until) : Number.POSITIVE_INFINITY;
  const out: SegmentMessage[] = [];
  account.users.forEach((user, index) => {
    out.push(...identity(account, user, index, addDaysIso(plan.firstDay, user.start)));
  });
  for (let day = 0; day < plan.days; day++) {
    const date = addDaysIso(plan.firstDay, day);
    const chance = activity(account.story, day, plan.days, date);
    account.users.forEach((user, index) => {
      if (day < user.start || day >= user.end || !r.chance(Math.min(0.95, chance * user.zeal))) return;
      let seconds = 3600 * (dayStart[account.region] + r.int(0, 8)) + r.int(0, 3599);
      const id = (n: number) => `demo-${account.externalId}-${day}-${index}-${n}`;
      const session: SegmentMessage[] = [
        {
          type: 'track',
          messageId: id(0),
          userId: user.userId,
          event: 'Signed In',
          properties: { method: r.chance(0.6) ? 'sso' : 'password' },
          timestamp: iso(date, seconds),
          context,
        },
      ];
      const { events, features: available } = breadth(account.story, day, plan.days, r);
      for (let n = 1; n <= events; n++) {
        seconds += r.int(20, 600);
        const feature = pickFeature(r, available);
        session.push({
          type: 'track',
          messageId: id(n),
          userId: user.userId,
          event: feature.event,
          properties: feature.numbers(r),
          timestamp: iso(date, seconds),
          context,
        });
      }
      if (r.chance(0.2)) {
        seconds += r.int(5, 120);
        const properties = { path: '/reports', title: 'Reports', load_ms: r.int(150, 2500) };
        session.push({ type: 'page', messageId: id(events + 1), userId: user.userId, name: 'Reports', properties, timestamp: iso(date, seconds), context });
      }
      for (const m of session) if (Date.parse(m.timestamp) <= until) out.push(m);
    });
  }
  return out;
}

/**
 * Events that match no account, so the unmatched-data page has something to explain: a company on a trial whose
 * groupId no account has, visitors of the marketing site, and a service account nobody linked to an account.
 */
export function unmatchedMessages(plan: UsagePlan): SegmentMessage[] {
  const r = createRandom(0x0dd5);
  const until = plan.until ? Date.parse(plan.until) : Number.POSITIVE_INFINITY;
  const out: SegmentMessage[] = [];
  const trial = { groupId: 'acct_trial_7731', name: 'Brightwater Labs' };
  const trialUsers = ['trial_user_1', 'trial_user_2', 'trial_user_3'];
  for (let day = plan.days - 14; day < plan.days; day++) {
    const date = addDaysIso(plan.firstDay, day);
    trialUsers.forEach((userId, i) => {
      const at = iso(date, 3600 * (9 + i) + r.int(0, 3000));
      if (day === plan.days - 14) {
        out.push({
          type: 'group',
          messageId: `demo-unmatched-group-${i}`,
          userId,
          groupId: trial.groupId,
          traits: { name: trial.name },
          timestamp: at,
          context,
        });
      }
      if (!r.chance(0.6)) return;
      out.push({
        type: 'track',
        messageId: `demo-unmatched-trial-${day}-${i}`,
        userId,
        event: 'Signed In',
        timestamp: at,
        context: { ...context, groupId: trial.groupId },
      });
    });
  }
  for (let day = plan.days - 30; day < plan.days; day++) {
    const date = addDaysIso(plan.firstDay, day);
    for (let v = 0; v < r.int(2, 6); v++) {
      const name = r.pick(['Pricing', 'Docs', 'Home', 'Customers']);
      const anonymousId = `anon-${day}-${v}`;
      const properties = { path: `/${name.toLowerCase()}`, title: name };
      out.push({ type: 'page', messageId: `demo-unmatched-visit-${day}-${v}`, anonymousId, name, properties, timestamp: iso(date, r.int(0, 86_399)), context });
    }
    if (r.chance(0.5)) {
      const properties = { endpoint: '/v2/reports', rows: r.int(100, 10_000) };
      const timestamp = iso(date, r.int(0, 86_399));
      out.push({ type: 'track', messageId: `demo-unmatched-bot-${day}`, userId: 'svc-etl-nightly', event: 'API Called', properties, timestamp, context });
    }
  }
  return out.filter((m) => Date.parse(m.timestamp) <= until);
}

/**
 * About how many messages accountMessages gives, without building them: the installer's progress total. Cheap
 * (a few arithmetic operations per account-day and user), so the plan is not generated twice.
 */
export function expectedMessages(plan: UsagePlan, account: AccountUsagePlan): number {
  let total = account.users.reduce((n, u) => n + (u.viaEmail ? 1 : 2), 0);
  for (let day = 0; day < plan.days; day++) {
    const chance = activity(account.story, day, plan.days, addDaysIso(plan.firstDay, day));
    const s = account.story;
    const perSession = 1.2 + (s === 'thriving' ? (2 + Math.floor((2 * day) / plan.days)) / 2 : s === 'stalled_onboarding' ? 0.5 : 1);
    for (const u of account.users) if (day >= u.start && day < u.end) total += Math.min(0.95, chance * u.zeal) * perSession;
  }
  return Math.round(total);
}
