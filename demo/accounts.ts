import type { CompanySize, DeploymentStatus, LifecyclePhase, RiskStatus, TouchTier } from '../src/domain/enums.js';
import type { DemoAccount, DemoUser } from './generate.js';
import { addDaysIso, asciiSlug, type Random } from './random.js';
import { brandEnds, brandStarts, countries, divisions, type Industry, industries, type Region, regionWeights } from './words.js';

/**
 * ARR in US dollars by rank (0 = largest customer, 1 = smallest), interpolated on a log scale
 * between anchor points. The anchors make the top fifth of accounts hold about 80% of ARR
 * (the Pareto view that sets the touch tiers), with a handful above 5M and a long tail near 12k.
 */
const ARR_ANCHORS: ReadonlyArray<readonly [number, number]> = [
  [0, 6_400_000],
  [0.012, 5_100_000],
  [0.09, 1_050_000],
  [0.2, 320_000],
  [0.45, 115_000],
  [0.745, 42_000],
  [1, 12_000],
];

function arrCurve(fraction: number): number {
  for (let i = 1; i < ARR_ANCHORS.length; i++) {
    const [f0, a0] = ARR_ANCHORS[i - 1] as readonly [number, number];
    const [f1, a1] = ARR_ANCHORS[i] as readonly [number, number];
    if (fraction <= f1) return Math.exp(Math.log(a0) + ((fraction - f0) / (f1 - f0)) * (Math.log(a1) - Math.log(a0)));
  }
  return (ARR_ANCHORS.at(-1) as readonly [number, number])[1];
}

/** Share of the total held by the largest `fraction` of values (0.2 → the Pareto share). */
export function topShare(values: readonly number[], fraction = 0.2): number {
  const sorted = [...values].sort((a, b) => b - a);
  const total = sorted.reduce((s, v) => s + v, 0);
  const top = sorted.slice(0, Math.round(sorted.length * fraction)).reduce((s, v) => s + v, 0);
  return total === 0 ? 0 : top / total;
}

const industryWeights: Record<Industry, number> = {
  'Financial Services': 14,
  Healthcare: 12,
  Manufacturing: 12,
  'Retail & E-commerce': 10,
  'Software & Technology': 14,
  'Logistics & Transportation': 9,
  Education: 7,
  'Energy & Utilities': 7,
  'Media & Entertainment': 7,
  'Professional Services': 8,
};

/** The largest customers come more often from capital-heavy sectors than from schools or studios. */
const largeCustomerIndustryWeights: Record<Industry, number> = {
  ...industryWeights,
  'Financial Services': 22,
  Healthcare: 16,
  Manufacturing: 16,
  Education: 2,
  'Media & Entertainment': 3,
  'Professional Services': 4,
};

const phaseWeights: Record<LifecyclePhase, number> = { sales_handoff: 5, onboarding: 11, adoption: 22, value_realization: 47, renewal_expansion: 15 };

/** Accounts still implementing fail differently from deployed ones; lack of interest and feature gaps dominate overall. */
const implementingRisks: Record<RiskStatus, number> = {
  failing_implementation: 22,
  customer_resource_constraint: 20,
  feature_gaps: 14,
  lack_of_interest: 12,
  vendor_resource_constraint: 12,
  unusable_interface: 8,
  competitive_solution: 6,
  withholding_payment: 2,
};
const deployedRisks: Record<Exclude<RiskStatus, 'failing_implementation'>, number> = {
  lack_of_interest: 30,
  feature_gaps: 24,
  competitive_solution: 12,
  unusable_interface: 10,
  customer_resource_constraint: 10,
  vendor_resource_constraint: 7,
  withholding_payment: 3,
};

interface Slot {
  rank: number;
  fraction: number;
  arrMinor: number;
  group: { index: number; role: 'parent' | 'child'; division?: (typeof divisions)[number] } | null;
}

function arrSlots(random: Random, count: number): Slot[] {
  const dollars = Array.from({ length: count }, (_, r) => arrCurve(r / (count - 1)) * (0.94 + random.next() * 0.12));
  const sorted = dollars.map((d) => Math.max(1000, Math.round(d / 100) * 100)).sort((a, b) => b - a);
  return sorted.map((d, rank) => ({ rank, fraction: rank / (count - 1), arrMinor: d * 100, group: null }));
}

/** A few enterprise groups: a parent among the largest customers with 2–4 subsidiaries further down. */
function assignGroups(random: Random, slots: Slot[], groupCount: number): Array<Array<(typeof divisions)[number]>> {
  const parents = random.shuffle(slots.slice(0, 20)).slice(0, groupCount);
  const childPool = random.shuffle(slots.slice(20, Math.min(slots.length, 220)));
  return parents.map((parent, index) => {
    parent.group = { index, role: 'parent' };
    const picked = random.shuffle(divisions).slice(0, random.int(2, 4));
    for (const division of picked) {
      const child = childPool.pop();
      if (child) child.group = { index, role: 'child', division };
    }
    return picked;
  });
}

function uniqueCore(random: Random, used: Set<string>): string {
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const core = `${random.pick(brandStarts)}${random.pick(brandEnds)}`;
    if (!used.has(core)) {
      used.add(core);
      return core;
    }
  }
  throw new Error('Ran out of demo company names');
}

function sizeFor(random: Random, slot: Slot): CompanySize {
  if (slot.group?.role === 'parent' || slot.rank < 10) return 'enterprise';
  if (slot.group?.role === 'child') return slot.fraction < 0.3 ? 'enterprise' : 'medium';
  const base: CompanySize = slot.fraction < 0.14 ? 'enterprise' : slot.fraction < 0.45 ? 'medium' : 'small';
  if (!random.chance(0.12)) return base;
  return base === 'medium' ? random.pick(['enterprise', 'small'] as const) : 'medium';
}

function employeesFor(random: Random, size: CompanySize): number {
  if (size === 'enterprise') return random.int(50, 1200) * 100;
  if (size === 'medium') return random.int(50, 499) * 10;
  return random.int(15, 499);
}

function lifecycle(random: Random, today: string): { phase: LifecyclePhase; deployment: DeploymentStatus; renewalDate: string } {
  let phase = random.weighted(phaseWeights);
  let days: number;
  if (random.chance(0.035)) {
    days = -random.int(1, 45); // overdue renewals: still being negotiated
    phase = 'renewal_expansion';
  } else if (phase === 'sales_handoff' || phase === 'onboarding') {
    days = random.int(300, 548);
  } else if (phase === 'renewal_expansion') {
    days = random.int(5, 120);
  } else {
    days = random.int(1, 548);
    if (days <= 90 && random.chance(0.7)) phase = 'renewal_expansion';
  }
  const deployment: DeploymentStatus =
    phase === 'sales_handoff'
      ? 'starting_implementation'
      : phase === 'onboarding'
        ? random.chance(0.4)
          ? 'starting_implementation'
          : 'under_implementation'
        : phase === 'adoption'
          ? random.chance(0.35)
            ? 'under_implementation'
            : 'deployed'
          : random.chance(0.05)
            ? 'under_implementation' // stalled implementations that never went live
            : 'deployed';
  return { phase, deployment, renewalDate: addDaysIso(today, days) };
}

function risksFor(random: Random, tier: TouchTier, deployment: DeploymentStatus): RiskStatus[] {
  const p = 0.2 + (tier === 'tech' ? 0.06 : 0) + (deployment !== 'deployed' ? 0.08 : 0);
  if (!random.chance(p)) return [];
  const weights: Partial<Record<RiskStatus, number>> = deployment === 'deployed' ? deployedRisks : implementingRisks;
  const first = random.weighted(weights as Record<RiskStatus, number>);
  if (!random.chance(0.3)) return [first];
  const rest = Object.fromEntries(Object.entries(weights).filter(([k]) => k !== first)) as Record<RiskStatus, number>;
  return [first, random.weighted(rest)];
}

/** Guarantees every risk status appears at least once, so every filter value has something to show. */
function coverAllRisks(accounts: DemoAccount[]): void {
  const all: RiskStatus[] = [...new Set(Object.keys(implementingRisks) as RiskStatus[])];
  for (const risk of all) {
    if (accounts.some((a) => a.riskStatuses.includes(risk))) continue;
    const target = accounts.find((a) => a.riskStatuses.length === 1 && (risk !== 'failing_implementation' || a.deploymentStatus !== 'deployed'));
    target?.riskStatuses.push(risk);
  }
}

function assignOwners(random: Random, accounts: DemoAccount[], users: readonly DemoUser[]): void {
  for (const tier of ['high', 'medium', 'tech'] as const) {
    const pool = random.shuffle(accounts.filter((a) => a.touchTier === tier));
    for (const user of users.filter((u) => u.book?.tier === tier)) {
      for (const account of pool.splice(0, user.book?.size ?? 0)) account.ownerEmail = user.email;
    }
  }
}

export function generateAccounts(random: Random, options: { count: number; today: string; users: readonly DemoUser[] }): DemoAccount[] {
  const { count, today, users } = options;
  const highCount = users.filter((u) => u.book?.tier === 'high').reduce((s, u) => s + (u.book?.size ?? 0), 0);
  const mediumCount = users.filter((u) => u.book?.tier === 'medium').reduce((s, u) => s + (u.book?.size ?? 0), 0);
  const slots = arrSlots(random, count);
  const groupDivisions = assignGroups(random, slots, 5);
  const usedCores = new Set<string>();
  const groupCores = groupDivisions.map(() => uniqueCore(random, usedCores));
  const groupIndustries = groupDivisions.map(() => random.weighted(largeCustomerIndustryWeights));
  const externalIds = random.shuffle(slots.map((_, i) => `acct_${String(i + 101).padStart(6, '0')}`));

  const accounts = slots.map((slot): DemoAccount => {
    const group = slot.group;
    const core = group ? (groupCores[group.index] as string) : uniqueCore(random, usedCores);
    const industry = group ? (groupIndustries[group.index] as Industry) : random.weighted(slot.fraction < 0.1 ? largeCustomerIndustryWeights : industryWeights);
    let name: string;
    let domain: string;
    let region: Region;
    if (group?.role === 'parent') {
      region = random.chance(0.6) ? 'NA' : 'EMEA';
      name = `${core} ${random.pick(['Group', 'Holdings', 'Corporation'])}`;
      domain = `${asciiSlug(core)}.com`;
    } else if (group?.role === 'child' && group.division) {
      region = group.division.region;
      name = `${core} ${group.division.name} ${group.division.legal}`;
      domain = `${asciiSlug(core)}-${asciiSlug(group.division.name)}.${group.division.tld}`;
    } else {
      region = random.weighted(regionWeights);
      const word = random.pick(industries[industry]);
      const country = random.pick(countries[region]);
      const legal = random.pick(country.legal);
      name = legal ? `${core} ${word} ${legal}` : `${core} ${word}`;
      domain = random.chance(0.5) ? `${asciiSlug(core)}.${country.tld}` : `${asciiSlug(core)}-${asciiSlug(word)}.${country.tld}`;
    }
    const touchTier: TouchTier = slot.rank < highCount ? 'high' : slot.rank < highCount + mediumCount ? 'medium' : 'tech';
    const companySize = sizeFor(random, slot);
    const { phase, deployment, renewalDate } = lifecycle(random, today);
    const plan =
      touchTier === 'high' ? 'Enterprise' : touchTier === 'medium' ? (random.chance(0.3) ? 'Enterprise' : 'Growth') : random.chance(0.2) ? 'Growth' : 'Starter';
    const seatPrice = { Enterprise: 600, Growth: 450, Starter: 300 }[plan] * (0.85 + random.next() * 0.3);
    return {
      externalId: externalIds[slot.rank] as string,
      name,
      domain,
      industry,
      region,
      companySize,
      arrMinor: slot.arrMinor,
      currency: 'USD',
      deploymentStatus: deployment,
      lifecyclePhase: phase,
      touchTier,
      ownerEmail: null,
      renewalDate,
      riskStatuses: risksFor(random, touchTier, deployment),
      parentExternalId: null,
      customFields: { plan, employees: employeesFor(random, companySize), seats: Math.max(5, Math.round(slot.arrMinor / 100 / seatPrice)) },
    };
  });

  slots.forEach((slot, i) => {
    if (slot.group?.role !== 'child') return;
    const parentIndex = slots.findIndex((s) => s.group?.role === 'parent' && s.group.index === slot.group?.index);
    (accounts[i] as DemoAccount).parentExternalId = (accounts[parentIndex] as DemoAccount).externalId;
  });
  assignOwners(random, accounts, users);
  coverAllRisks(accounts);
  return accounts.sort((a, b) => a.externalId.localeCompare(b.externalId));
}
