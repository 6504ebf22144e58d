import { describe, expect, it } from 'vitest';
import { CompanySizes, ContactRoles, DeploymentStatuses, LifecyclePhases, RiskStatuses, Roles, TouchTiers } from '../src/domain/enums.js';
import { AccountCreate } from '../src/modules/accounts/contracts.js';
import { ContactCreate } from '../src/modules/contacts/contracts.js';
import { topShare } from './accounts.js';
import { DEMO_LOGIN, type DemoAccount, generateDemo } from './generate.js';
import { addDaysIso, createRandom } from './random.js';

const today = '2025-03-01';
const demo = generateDemo({ today });
const { accounts, contacts, users } = demo;

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function expectUnique(values: readonly string[]): void {
  expect(new Set(values).size).toBe(values.length);
}

describe('seeded random source', () => {
  it('repeats for a seed and differs between seeds', () => {
    const a = createRandom(7);
    const b = createRandom(7);
    const first = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
    expect(createRandom(8).next()).not.toBe(first[0]);
    for (const n of first) expect(n >= 0 && n < 1).toBe(true);
  });

  it('adds days across month and year ends in UTC', () => {
    expect(addDaysIso('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDaysIso('2024-03-01', -1)).toBe('2024-02-29');
  });
});

describe('demo generator', () => {
  it('is deterministic for a seed and a date', () => {
    expect(generateDemo({ today })).toEqual(demo);
    expect(generateDemo({ today, seed: 1 }).accounts.map((a) => a.name)).not.toEqual(accounts.map((a) => a.name));
  });

  it('has the team: an admin with the demo login, a manager, CSMs with believable books, a viewer', () => {
    expect(users.find((u) => u.email === DEMO_LOGIN.email)?.role).toBe('admin');
    expect(new Set(users.map((u) => u.role))).toEqual(new Set(Roles.values));
    const books = countBy(
      accounts.filter((a) => a.ownerEmail),
      (a) => a.ownerEmail as string,
    );
    const csms = users.filter((u) => u.role === 'csm');
    expect(csms.length).toBeGreaterThanOrEqual(4);
    for (const csm of csms) {
      const owned = accounts.filter((a) => a.ownerEmail === csm.email);
      expect(owned.length).toBe(csm.book?.size);
      // A CSM's book is one touch tier: senior CSMs carry the few large accounts.
      expect(new Set(owned.map((a) => a.touchTier))).toEqual(new Set([csm.book?.tier]));
      const [min, max] = csm.book?.tier === 'high' ? [10, 15] : csm.book?.tier === 'medium' ? [25, 45] : [1, 200];
      expect(owned.length).toBeGreaterThanOrEqual(min as number);
      expect(owned.length).toBeLessThanOrEqual(max as number);
    }
    expect(new Set(books.values()).size).toBeGreaterThanOrEqual(4);
    // The tech-touch long tail is mostly served one-to-many, without a named owner.
    const tech = accounts.filter((a) => a.touchTier === 'tech');
    expect(tech.filter((a) => a.ownerEmail === null).length / tech.length).toBeGreaterThan(0.5);
  });

  it('has at least 320 accounts with unique names, domains and external ids', () => {
    expect(accounts.length).toBeGreaterThanOrEqual(320);
    expectUnique(accounts.map((a) => a.name.toLowerCase()));
    expectUnique(accounts.map((a) => a.domain));
    expectUnique(accounts.map((a) => a.externalId));
    for (const a of accounts) expect(a.externalId).toMatch(/^acct_\d{6}$/);
  });

  it('spreads accounts over every segment value', () => {
    const present = (key: (a: DemoAccount) => string) => new Set(accounts.map(key));
    expect(present((a) => a.companySize)).toEqual(new Set(CompanySizes.values));
    expect(present((a) => a.deploymentStatus)).toEqual(new Set(DeploymentStatuses.values));
    expect(present((a) => a.lifecyclePhase)).toEqual(new Set(LifecyclePhases.values));
    expect(present((a) => a.touchTier)).toEqual(new Set(TouchTiers.values));
    expect(present((a) => a.region)).toEqual(new Set(['NA', 'EMEA', 'APAC', 'LATAM']));
    const industries = countBy(accounts, (a) => a.industry);
    expect(industries.size).toBeGreaterThanOrEqual(8);
    for (const n of industries.values()) expect(n).toBeGreaterThanOrEqual(5);
    expect(new Set(accounts.map((a) => a.customFields.plan))).toEqual(new Set(['Enterprise', 'Growth', 'Starter']));
  });

  it('has a Pareto-like ARR: the top fifth of accounts holds about 80%, and high touch is the top ARR', () => {
    const share = topShare(accounts.map((a) => a.arrMinor));
    expect(share).toBeGreaterThan(0.75);
    expect(share).toBeLessThan(0.85);
    const minArr = (tier: string) => Math.min(...accounts.filter((a) => a.touchTier === tier).map((a) => a.arrMinor));
    const maxArr = (tier: string) => Math.max(...accounts.filter((a) => a.touchTier === tier).map((a) => a.arrMinor));
    expect(minArr('high')).toBeGreaterThan(maxArr('medium'));
    expect(minArr('medium')).toBeGreaterThan(maxArr('tech'));
    // Every default revenue band (< 1M, 1–5M, ≥ 5M) has accounts.
    expect(accounts.some((a) => a.arrMinor >= 500_000_000)).toBe(true);
    expect(accounts.some((a) => a.arrMinor >= 100_000_000 && a.arrMinor < 500_000_000)).toBe(true);
  });

  it('puts renewals over the next 18 months, with a few overdue', () => {
    const overdue = accounts.filter((a) => a.renewalDate < today);
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.length / accounts.length).toBeLessThan(0.1);
    for (const a of accounts) expect(a.renewalDate <= addDaysIso(today, 549)).toBe(true);
    expect(accounts.some((a) => a.renewalDate > addDaysIso(today, 450))).toBe(true);
  });

  it('flags about a quarter of accounts at risk, mostly lack of interest and feature gaps, rarely withheld payments', () => {
    const atRisk = accounts.filter((a) => a.riskStatuses.length > 0);
    expect(atRisk.length / accounts.length).toBeGreaterThan(0.18);
    expect(atRisk.length / accounts.length).toBeLessThan(0.32);
    const risks = countBy(
      accounts.flatMap((a) => a.riskStatuses),
      (r) => r,
    );
    expect(new Set(risks.keys())).toEqual(new Set(RiskStatuses.values));
    const n = (r: string) => risks.get(r) ?? 0;
    expect(n('lack_of_interest')).toBeGreaterThan(n('withholding_payment') * 3);
    expect(n('feature_gaps')).toBeGreaterThan(n('withholding_payment') * 3);
    for (const a of accounts) expectUnique(a.riskStatuses);
  });

  it('has enterprise groups with 2–4 subsidiaries each, one level deep', () => {
    const byId = new Map(accounts.map((a) => [a.externalId, a]));
    const children = countBy(
      accounts.filter((a) => a.parentExternalId),
      (a) => a.parentExternalId as string,
    );
    expect(children.size).toBeGreaterThanOrEqual(3);
    for (const [parentId, n] of children) {
      expect(n).toBeGreaterThanOrEqual(2);
      expect(n).toBeLessThanOrEqual(4);
      const parent = byId.get(parentId);
      expect(parent?.companySize).toBe('enterprise');
      expect(parent?.parentExternalId).toBeNull();
    }
  });

  it('has 3–8 contacts per account covering every role, with unique emails at the account domain', () => {
    const perAccount = countBy(contacts, (c) => c.accountExternalId);
    expect(perAccount.size).toBe(accounts.length);
    for (const n of perAccount.values()) {
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(8);
    }
    expect(new Set(contacts.flatMap((c) => c.roles))).toEqual(new Set(ContactRoles.values));
    expect(contacts.some((c) => c.roles.length === 2)).toBe(true);
    expectUnique(contacts.map((c) => c.email));
    expectUnique(contacts.map((c) => c.externalId));
    const domains = new Map(accounts.map((a) => [a.externalId, a.domain]));
    for (const c of contacts) {
      expect(c.email.endsWith(`@${domains.get(c.accountExternalId)}`)).toBe(true);
      expect(c.externalId).toMatch(/^user_\d{6}$/);
    }
  });

  it('has about 5% of contacts who left, each with a past date', () => {
    const left = contacts.filter((c) => c.status === 'left');
    expect(left.length / contacts.length).toBeGreaterThan(0.02);
    expect(left.length / contacts.length).toBeLessThan(0.09);
    for (const c of left) expect(c.leftOn && c.leftOn < today).toBe(true);
    for (const c of contacts.filter((x) => x.status === 'active')) expect(c.leftOn).toBeNull();
  });

  it('produces records that pass the API contracts', () => {
    for (const { ownerEmail, parentExternalId, ...account } of accounts) {
      const parsed = AccountCreate.safeParse({ ...account, ownerId: ownerEmail ? 'U1' : null, parentId: parentExternalId ? 'A1' : null });
      expect(parsed.error?.issues ?? []).toEqual([]);
    }
    for (const { accountExternalId, ...contact } of contacts) {
      const parsed = ContactCreate.safeParse({ ...contact, accountId: 'A1' });
      expect(parsed.error?.issues ?? []).toEqual([]);
    }
  });
});
