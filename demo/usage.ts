import type { DemoAccount, DemoContact, DemoData } from './generate.js';
import { DEMO_SEED } from './generate.js';
import { addDaysIso, createRandom, type Random } from './random.js';

/**
 * The demo's product usage and metrics from other systems, as a plan: who uses each account's product and when
 * the story says they start and stop. Like generate.ts it is pure: the same data, seed and `today` give the same
 * plan, and every account draws from a random source of its own, so one account's events never depend on another's.
 * usage-events.ts turns the plan into Segment messages and usage-metrics.ts into metric values.
 */

/** Days of usage every account gets, ending on `today` (UTC) inclusive: more than the 90-day KPI window. */
export const USAGE_DAYS = 120;

export const USAGE_STORIES = ['thriving', 'declining', 'stalled_onboarding', 'seasonal', 'steady'] as const;
export type UsageStory = (typeof USAGE_STORIES)[number];

export interface ProductUser {
  userId: string;
  email: string;
  name: string;
  /** The contact this person is, if any. */
  contactExternalId: string | null;
  /** Identified only by e-mail (their login id is not the contact's external id) and sent no group call: they reach their account through the e-mail match. */
  viaEmail: boolean;
  /** First day index they use the product (0 = the first of the USAGE_DAYS days). */
  start: number;
  /** Day index from which they no longer do (exclusive); USAGE_DAYS when they stay. */
  end: number;
  /** How often this person signs in compared with their colleagues. */
  zeal: number;
}

export interface AccountUsagePlan {
  externalId: string;
  name: string;
  story: UsageStory;
  region: DemoAccount['region'];
  plan: DemoAccount['customFields']['plan'];
  employees: number;
  /** Licences purchased: the level from each day index on (the first entry is day 0). */
  licences: Array<{ day: number; value: number }>;
  users: ProductUser[];
  /** Seeds this account's event and metric draws. */
  seed: number;
}

export interface UsagePlan {
  today: string;
  /** The first day of usage, USAGE_DAYS - 1 days before today. */
  firstDay: string;
  days: number;
  /** Events after this instant (ISO) are left out, so nothing is dated in the future; absent = the end of `today`. */
  until: string | null;
  accounts: AccountUsagePlan[];
}

/** Sectors whose use of an analytics product follows the month's close or the season. */
const cyclicalIndustries = new Set(['Retail & E-commerce', 'Financial Services', 'Professional Services', 'Education']);
const churnRisks = new Set(['lack_of_interest', 'competitive_solution', 'unusable_interface', 'feature_gaps', 'withholding_payment', 'failing_implementation']);

/**
 * The story an account tells, from its segment: accounts still being onboarded stall, accounts with a churn risk
 * decline, accounts in adoption or up for expansion thrive, and sectors with a monthly close run in cycles.
 */
export function storyFor(account: DemoAccount, random: Random): UsageStory {
  if (account.lifecyclePhase === 'sales_handoff' || account.lifecyclePhase === 'onboarding') return 'stalled_onboarding';
  if (account.riskStatuses.some((r) => churnRisks.has(r))) return random.chance(0.85) ? 'declining' : 'steady';
  if (account.deploymentStatus !== 'deployed') return random.chance(0.5) ? 'declining' : 'steady';
  if (account.lifecyclePhase === 'adoption') return random.chance(0.75) ? 'thriving' : 'steady';
  if (account.lifecyclePhase === 'renewal_expansion') return random.chance(0.5) ? 'thriving' : 'steady';
  if (cyclicalIndustries.has(account.industry) && random.chance(0.55)) return 'seasonal';
  return random.weighted({ steady: 55, thriving: 30, seasonal: 15 });
}

/** Licences bought, by size: kept to tens so that the demo's event volume installs in seconds. */
function licencesFor(account: DemoAccount, random: Random): number {
  if (account.companySize === 'enterprise') return random.int(20, 40);
  if (account.companySize === 'medium') return random.int(8, 18);
  return random.int(4, 8);
}

/** A stable 32-bit hash of a string (FNV-1a), to give each account its own random source. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The people to draw product users from: the account's contacts who use it most first, the sponsor last. */
function contactOrder(contacts: readonly DemoContact[]): DemoContact[] {
  const rank = (c: DemoContact) => (c.roles.includes('sponsor') ? 2 : c.roles.includes('champion') || c.roles.includes('administrator') ? 0 : 1);
  return [...contacts].sort((a, b) => rank(a) - rank(b));
}

interface PoolShape {
  /** Users at day 0, and at the end (before any leave), as a share of the licences. */
  initial: number;
  final: number;
  /** Share of the users who stop in the declining window. */
  leaving: number;
}

const shapes: Record<Exclude<UsageStory, 'stalled_onboarding'>, PoolShape> = {
  thriving: { initial: 0.5, final: 0.92, leaving: 0 },
  declining: { initial: 0.82, final: 0.82, leaving: 0.62 },
  seasonal: { initial: 0.7, final: 0.74, leaving: 0.03 },
  steady: { initial: 0.66, final: 0.7, leaving: 0.04 },
};

function planUsers(
  account: DemoAccount,
  contacts: readonly DemoContact[],
  story: UsageStory,
  licences: number[],
  random: Random,
  today: string,
): ProductUser[] {
  const days = USAGE_DAYS;
  const firstDay = addDaysIso(today, -(days - 1));
  const dayOf = (date: string) => Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${firstDay}T00:00:00Z`)) / 86_400_000);
  const finalLicences = licences.at(-1) as number;
  const first = licences[0] as number;
  let count: number;
  let initial: number;
  if (story === 'stalled_onboarding') {
    count = random.int(2, 3);
    initial = count;
  } else {
    const shape = shapes[story];
    count = Math.max(2, Math.round(finalLicences * shape.final * (0.95 + random.next() * 0.12)));
    // Declining accounts had everyone on board from the start; the others roll out to more people as they go.
    initial = story === 'declining' ? count : Math.min(count, Math.max(2, Math.round(first * shape.initial)));
    // A thriving account always has someone still to roll out to.
    if (story === 'thriving') count = Math.max(count, initial + 1);
  }
  const joiners = count - initial;
  // People who left the company before the period (or early in it) are not among its users; nor, in a thriving account, at all.
  const people = contactOrder(contacts.filter((c) => !c.leftOn || (story !== 'thriving' && dayOf(c.leftOn) > 30)));
  const users: ProductUser[] = [];
  for (let n = 0; n < count; n++) {
    const contact = people[n];
    // Those beyond the initial pool join one after another over the period (thriving accounts roll out to more teams).
    const start = n < initial ? random.int(0, 3) : Math.round(10 + ((n - initial + 1) / joiners) * (days - 35)) - random.int(0, 4);
    let end = days;
    if (contact?.leftOn) end = Math.max(start + 1, Math.min(days, dayOf(contact.leftOn)));
    const leaving = story === 'stalled_onboarding' ? 0 : shapes[story].leaving;
    // Declining: all but the first few drift away in the weeks before the last 30 days.
    if (story === 'declining') {
      if (n >= Math.max(1, Math.round(count * (1 - leaving)))) end = Math.min(end, random.int(days - 50, days - 32));
    } else if (random.chance(leaving)) end = Math.min(end, random.int(20, days - 10));
    const viaEmail = contact !== undefined && random.chance(0.3);
    const local = contact ? contact.email : `user${n + 1}@${account.domain}`;
    users.push({
      userId: contact ? (viaEmail ? `usr_${hashString(contact.email).toString(36)}` : contact.externalId) : `${account.externalId}_u${n + 1}`,
      email: local,
      name: contact ? contact.name : `${account.name.split(' ')[0]} user ${n + 1}`,
      contactExternalId: contact?.externalId ?? null,
      viaEmail,
      start,
      end: Math.max(end, start + 1),
      zeal: 0.6 + random.next() * 0.8,
    });
  }
  return users;
}

export function planUsage(data: DemoData, options: { today: string; seed?: number; until?: string | null }): UsagePlan {
  const { today } = options;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`today must be YYYY-MM-DD, got "${today}"`);
  const baseSeed = options.seed ?? DEMO_SEED;
  const contactsByAccount = new Map<string, DemoContact[]>();
  for (const c of data.contacts) contactsByAccount.set(c.accountExternalId, [...(contactsByAccount.get(c.accountExternalId) ?? []), c]);
  const accounts = data.accounts.map((account): AccountUsagePlan => {
    const seed = (baseSeed ^ hashString(account.externalId)) >>> 0;
    const random = createRandom(seed);
    const story = storyFor(account, random);
    const bought = licencesFor(account, random);
    const licences = [{ day: 0, value: bought }];
    // Thriving accounts expand: they buy more licences once most are in use.
    if (story === 'thriving') licences.push({ day: random.int(50, 85), value: Math.round(bought * (1.2 + random.next() * 0.15)) });
    const contacts = contactsByAccount.get(account.externalId) ?? [];
    const users = planUsers(
      account,
      contacts,
      story,
      licences.map((l) => l.value),
      random,
      today,
    );
    return {
      externalId: account.externalId,
      name: account.name,
      story,
      region: account.region,
      plan: account.customFields.plan,
      employees: account.customFields.employees,
      licences,
      users,
      seed,
    };
  });
  return { today, firstDay: addDaysIso(today, -(USAGE_DAYS - 1)), days: USAGE_DAYS, until: options.until ?? null, accounts };
}

/** Licences in force on a day index. */
export function licencesOn(account: AccountUsagePlan, day: number): number {
  let value = (account.licences[0] as { value: number }).value;
  for (const l of account.licences) if (l.day <= day) value = l.value;
  return value;
}
