import type { DefaultMetricKey } from '../src/modules/metrics/defaults.js';
import { addDaysIso, createRandom, type Random } from './random.js';
import { type AccountUsagePlan, licencesOn, type UsagePlan, type UsageStory } from './usage.js';

/**
 * What the demo's support desk, billing system and CRM would send for each account: tickets opened and the first
 * response time per day, invoices paid late, and the licences bought. Accounts in trouble open more tickets, wait
 * longer for answers and pay late more often.
 */
export interface DemoMetricValue {
  accountExternalId: string;
  metric: DefaultMetricKey;
  /** YYYY-MM-DD */
  day: string;
  value: number;
}

/** A Poisson draw (Knuth's method: fine for the small means here). */
function poisson(r: Random, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = r.next();
  while (p > limit) {
    k++;
    p *= r.next();
  }
  return k;
}

/** Tickets a day per √(people using the product): trouble shows as more tickets, rising as things get worse. */
function ticketRate(story: UsageStory, users: number, day: number, days: number): number {
  if (story === 'stalled_onboarding') return 0.45;
  const base = { thriving: 0.035, steady: 0.04, seasonal: 0.045, declining: 0.09 }[story];
  const worsening = story === 'declining' ? 1 + Math.max(0, (day - (days - 60)) / 60) : 1;
  return base * Math.sqrt(Math.max(1, users)) * worsening;
}

function responseHours(story: UsageStory, day: number, days: number, r: Random): number {
  const [low, high] = story === 'declining' ? [6 + (10 * day) / days, 18 + (16 * day) / days] : story === 'stalled_onboarding' ? [5, 16] : [1.5, 7];
  return Math.round((low + r.next() * (high - low)) * 10) / 10;
}

const lateChance: Record<UsageStory, number> = { thriving: 0.03, steady: 0.05, seasonal: 0.05, stalled_onboarding: 0.2, declining: 0.75 };

function accountValues(plan: UsagePlan, account: AccountUsagePlan): DemoMetricValue[] {
  const r = createRandom(account.seed ^ 0x3e7c);
  const out: DemoMetricValue[] = [];
  const push = (metric: DefaultMetricKey, day: string, value: number) => out.push({ accountExternalId: account.externalId, metric, day, value });
  for (let day = 0; day < plan.days; day++) {
    const date = addDaysIso(plan.firstDay, day);
    // The CRM syncs the licence count on the first day and at each month's start, and records each purchase.
    if (day === 0 || date.endsWith('-01') || account.licences.some((l) => l.day === day)) push('licences_purchased', date, licencesOn(account, day));
    const users = account.users.filter((u) => u.start <= day && day < u.end).length;
    const tickets = poisson(r, ticketRate(account.story, users, day, plan.days));
    push('support_tickets', date, tickets);
    if (tickets > 0) push('first_response_hours', date, responseHours(account.story, day, plan.days, r));
    // Monthly invoices, due mid-month: 1 when paid late, 0 when on time.
    if (date.endsWith('-15')) {
      push('invoices_paid_late', date, r.chance(lateChance[account.story]) ? 1 : 0);
    }
  }
  return out;
}

export function metricValues(plan: UsagePlan): DemoMetricValue[] {
  return plan.accounts.flatMap((a) => accountValues(plan, a));
}
