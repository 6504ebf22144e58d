import { describe, expect, it } from 'vitest';
import { checkMessage } from '../src/modules/ingest/message.js';
import { DEFAULT_METRICS } from '../src/modules/metrics/defaults.js';
import { generateDemo } from './generate.js';
import { addDaysIso } from './random.js';
import { type AccountUsagePlan, licencesOn, planUsage, USAGE_DAYS, USAGE_STORIES, type UsageStory } from './usage.js';
import { accountMessages, expectedMessages, type SegmentMessage, unmatchedMessages } from './usage-events.js';
import { metricValues } from './usage-metrics.js';

const today = '2025-03-01';
const data = generateDemo({ today });
const plan = planUsage(data, { today });
const messages = new Map(plan.accounts.map((a) => [a.externalId, accountMessages(plan, a)]));
const values = metricValues(plan);

/** Distinct users with any track/page event in the `days` days ending `endOffset` days before today. */
function activeUsers(account: AccountUsagePlan, days: number, endOffset = 0): number {
  const to = addDaysIso(today, -endOffset);
  const from = addDaysIso(to, -(days - 1));
  const users = new Set<string>();
  for (const m of messages.get(account.externalId) ?? []) {
    const day = m.timestamp.slice(0, 10);
    if ((m.type === 'track' || m.type === 'page') && day >= from && day <= to) users.add(m.userId as string);
  }
  return users.size;
}

const byStory = (story: UsageStory) => plan.accounts.filter((a) => a.story === story);
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);

describe('demo usage generator', () => {
  it('is deterministic: the same data, seed and date give the same plan, messages and values', () => {
    const again = planUsage(generateDemo({ today }), { today });
    expect(again).toEqual(plan);
    const first = plan.accounts[0] as AccountUsagePlan;
    expect(accountMessages(again, first)).toEqual(messages.get(first.externalId));
    expect(metricValues(again)).toEqual(values);
    expect(unmatchedMessages(again)).toEqual(unmatchedMessages(plan));
  });

  it('gives every account usage spanning at least 90 of the last 120 days, up to today', () => {
    expect(plan.accounts).toHaveLength(data.accounts.length);
    for (const account of plan.accounts) {
      const days = new Set((messages.get(account.externalId) ?? []).filter((m) => m.type === 'track').map((m) => m.timestamp.slice(0, 10)));
      const sorted = [...days].sort();
      const [first = '', last = ''] = [sorted[0], sorted.at(-1)];
      expect(first <= addDaysIso(today, -(USAGE_DAYS - 15)), account.externalId).toBe(true);
      expect(last >= addDaysIso(today, -21) && last <= today, account.externalId).toBe(true);
      // The span covers the 90-day KPI window.
      expect((Date.parse(last) - Date.parse(first)) / 86_400_000).toBeGreaterThanOrEqual(90);
    }
  });

  it('tells every story, each by several accounts', () => {
    for (const story of USAGE_STORIES) expect(byStory(story).length, story).toBeGreaterThanOrEqual(10);
    // Stalled onboarding is the accounts still being onboarded.
    const phases = new Map(data.accounts.map((a) => [a.externalId, a.lifecyclePhase]));
    for (const a of byStory('stalled_onboarding')) expect(['sales_handoff', 'onboarding']).toContain(phases.get(a.externalId));
  });

  it('shows the stories in the numbers: declining falls, thriving grows, stalled onboarding stays low', () => {
    for (const a of byStory('declining')) expect(activeUsers(a, 30), a.externalId).toBeLessThan(activeUsers(a, 30, 30));
    for (const a of byStory('thriving')) expect(activeUsers(a, 30), a.externalId).toBeGreaterThan(activeUsers(a, 30, 60));
    for (const a of byStory('stalled_onboarding')) expect(activeUsers(a, 30)).toBeLessThanOrEqual(3);
    const utilisation = (a: AccountUsagePlan) => activeUsers(a, 30) / licencesOn(a, USAGE_DAYS - 1);
    expect(mean(byStory('declining').map(utilisation))).toBeLessThan(0.45);
    expect(mean(byStory('thriving').map(utilisation))).toBeGreaterThan(0.8);
    expect(mean(byStory('stalled_onboarding').map(utilisation))).toBeLessThan(0.35);
    // Thriving accounts also use more of the product as time goes on.
    const breadth = (a: AccountUsagePlan, from: number, to: number) =>
      new Set(
        (messages.get(a.externalId) ?? [])
          .filter((m) => m.type === 'track' && m.timestamp >= addDaysIso(today, -from) && m.timestamp < addDaysIso(today, -to))
          .map((m) => m.event),
      ).size;
    expect(mean(byStory('thriving').map((a) => breadth(a, 30, 0)))).toBeGreaterThan(mean(byStory('thriving').map((a) => breadth(a, 120, 90))));
  });

  it('has weekday/weekend differences and a month-end peak for seasonal accounts', () => {
    const perDay = new Map<string, number>();
    for (const a of byStory('seasonal'))
      for (const m of messages.get(a.externalId) ?? []) perDay.set(m.timestamp.slice(0, 10), (perDay.get(m.timestamp.slice(0, 10)) ?? 0) + 1);
    const weekend = (d: string) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
    const days = [...perDay.keys()];
    const workdays = days.filter((d) => !weekend(d));
    expect(mean(workdays.map((d) => perDay.get(d) ?? 0))).toBeGreaterThan(2 * mean(days.filter(weekend).map((d) => perDay.get(d) ?? 0)));
    const monthEnd = workdays.filter((d) => addDaysIso(d, 3).slice(5, 7) !== d.slice(5, 7));
    const midMonth = workdays.filter((d) => Number(d.slice(8)) >= 8 && Number(d.slice(8)) <= 20);
    expect(mean(monthEnd.map((d) => perDay.get(d) ?? 0))).toBeGreaterThan(1.8 * mean(midMonth.map((d) => perDay.get(d) ?? 0)));
  });

  it('sends Segment messages that pass the ingest checks, with unique deterministic messageIds', () => {
    const all: SegmentMessage[] = [...[...messages.values()].flat(), ...unmatchedMessages(plan)];
    expect(all.length).toBeGreaterThan(150_000);
    expect(all.length).toBeLessThan(400_000);
    expect(new Set(all.map((m) => m.messageId)).size).toBe(all.length);
    const receivedAt = Date.parse(`${today}T23:59:59Z`);
    for (const m of all) {
      const checked = checkMessage(m, 'demo', { receivedAt, implied: null, sentAt: null });
      if (!checked.ok) throw new Error(`${m.messageId}: ${JSON.stringify(checked.issues)}`);
      expect(checked.message.ts).toBe(m.timestamp);
    }
    const events = new Set(all.filter((m) => m.type === 'track').map((m) => m.event));
    for (const e of ['Signed In', 'Report Created', 'Dashboard Viewed', 'Data Exported', 'Integration Connected', 'Alert Configured'])
      expect(events).toContain(e);
    // Users reach their account by a group call, by their contact's external id, and by e-mail alone.
    const users = plan.accounts.flatMap((a) => a.users);
    expect(users.some((u) => u.viaEmail)).toBe(true);
    expect(users.some((u) => !u.viaEmail && u.contactExternalId === u.userId)).toBe(true);
    expect(users.some((u) => u.contactExternalId === null)).toBe(true);
    const first = plan.accounts[0] as AccountUsagePlan;
    expect(expectedMessages(plan, first)).toBeCloseTo(messages.get(first.externalId)?.length ?? 0, -3);
  });

  it('includes events that match no account: an unknown group, anonymous visitors, an unlinked user', () => {
    const unmatched = unmatchedMessages(plan);
    const groups = new Set(data.accounts.map((a) => a.externalId));
    expect(unmatched.some((m) => m.type === 'group' && !groups.has(m.groupId as string))).toBe(true);
    expect(unmatched.some((m) => !m.userId && m.anonymousId)).toBe(true);
    expect(unmatched.some((m) => m.userId === 'svc-etl-nightly')).toBe(true);
  });

  it('leaves nothing after `until`', () => {
    const until = `${today}T10:00:00.000Z`;
    const cut = planUsage(data, { today, until });
    for (const a of cut.accounts.slice(0, 20)) for (const m of accountMessages(cut, a)) expect(m.timestamp <= until).toBe(true);
  });

  it('writes metric values for every default metric, worse for accounts in trouble', () => {
    expect(new Set(values.map((v) => v.metric))).toEqual(new Set(DEFAULT_METRICS));
    const sum = (story: UsageStory, metric: string, days: number) =>
      mean(
        byStory(story).map((a) =>
          values
            .filter((v) => v.accountExternalId === a.externalId && v.metric === metric && v.day > addDaysIso(today, -days))
            .reduce((s, v) => s + v.value, 0),
        ),
      );
    expect(sum('declining', 'support_tickets', 30)).toBeGreaterThan(sum('steady', 'support_tickets', 30));
    expect(sum('stalled_onboarding', 'support_tickets', 30)).toBeGreaterThan(sum('thriving', 'support_tickets', 30));
    expect(sum('declining', 'invoices_paid_late', 90)).toBeGreaterThan(1.5);
    expect(sum('thriving', 'invoices_paid_late', 90)).toBeLessThan(0.5);
    for (const a of plan.accounts) {
      const licences = values.filter((v) => v.accountExternalId === a.externalId && v.metric === 'licences_purchased');
      expect(licences[0]?.day).toBe(plan.firstDay);
      expect(licences.every((v) => v.value > 0 && Number.isInteger(v.value))).toBe(true);
    }
  });
});
