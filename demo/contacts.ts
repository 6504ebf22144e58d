import type { CompanySize, ContactRole } from '../src/domain/enums.js';
import type { DemoAccount, DemoContact } from './generate.js';
import { firstNames, lastNames, titlesByRole } from './names.js';
import { addDaysIso, asciiSlug, type Random } from './random.js';

/**
 * The people on each account. Every account has a sponsor, a champion and end users; larger
 * ones add an administrator, a project coordinator and influencers. Small customers double up
 * (the champion is often also the administrator), and about 5% of people have left the company.
 */
const rolePlan: readonly ContactRole[] = ['sponsor', 'champion', 'end_user', 'administrator', 'project_coordinator', 'influencer', 'end_user', 'influencer'];

const contactCounts: Record<CompanySize, readonly [number, number]> = { enterprise: [6, 8], medium: [4, 6], small: [3, 4] };

/** A second hat people commonly wear next to their main role. */
const secondRoles: Record<ContactRole, readonly ContactRole[]> = {
  sponsor: ['influencer'],
  champion: ['administrator', 'end_user'],
  influencer: ['end_user'],
  project_coordinator: ['administrator'],
  administrator: ['project_coordinator', 'end_user'],
  end_user: ['champion'],
};

function rolesFor(random: Random, primary: ContactRole, accountContacts: number): ContactRole[] {
  // Small customers without a dedicated administrator: the champion runs the tool.
  if (primary === 'champion' && accountContacts <= 3 && random.chance(0.7)) return ['champion', 'administrator'];
  if (!random.chance(0.12)) return [primary];
  return [primary, random.pick(secondRoles[primary])];
}

function uniqueEmail(first: string, last: string, domain: string, used: Set<string>): string {
  const f = asciiSlug(first);
  const l = asciiSlug(last);
  const candidates = [`${f}.${l}`, `${f.slice(0, 1)}${l}`, `${f}.${l}2`, `${f}${l}`, `${f}.${l}3`];
  for (const local of candidates) {
    const email = `${local}@${domain}`;
    if (!used.has(email)) {
      used.add(email);
      return email;
    }
  }
  throw new Error(`No free e-mail address for ${first} ${last} at ${domain}`);
}

export function generateContacts(random: Random, accounts: readonly DemoAccount[], today: string): DemoContact[] {
  const contacts: DemoContact[] = [];
  const usedEmails = new Set<string>();
  for (const account of accounts) {
    const [min, max] = contactCounts[account.companySize];
    const count = random.int(min, max);
    const usedNames = new Set<string>();
    for (const primary of rolePlan.slice(0, count)) {
      let first = random.pick(firstNames[account.region]);
      let last = random.pick(lastNames[account.region]);
      while (usedNames.has(`${first} ${last}`)) {
        first = random.pick(firstNames[account.region]);
        last = random.pick(lastNames[account.region]);
      }
      usedNames.add(`${first} ${last}`);
      const left = random.chance(0.05);
      contacts.push({
        externalId: `user_${String(contacts.length + 1).padStart(6, '0')}`,
        accountExternalId: account.externalId,
        name: `${first} ${last}`,
        email: uniqueEmail(first, last, account.domain, usedEmails),
        title: random.pick(titlesByRole[primary]),
        roles: rolesFor(random, primary, count),
        status: left ? 'left' : 'active',
        leftOn: left ? addDaysIso(today, -random.int(7, 240)) : null,
      });
    }
  }
  return contacts;
}
