import type { RequestStatus } from '../src/domain/enums.js';
import { requests as requestTexts, storyBodies } from './engagement-words.js';
import type { DemoAccount, DemoContact } from './generate.js';
import { addDaysIso, type Random } from './random.js';

/** Internal requests and stories for the demo, as plain data (see engagement.ts for how they are written). */

export interface PlannedRequest {
  accountExternalId: string | null;
  title: string;
  details: string;
  requestedByEmail: string;
  assigneeEmail: string;
  askedAt: string;
  neededBy: string | null;
  status: RequestStatus;
  response: string | null;
  resolvedAt: string | null;
  lastFollowUpAt: string | null;
  followUps: number;
}

const stamp = (date: string, hour: number) => `${date}T${String(hour).padStart(2, '0')}:15:00.000Z`;

/**
 * Requests CSMs send colleagues (the manager, the executive, each other) about their accounts: the old ones answered
 * or dropped, the recent ones waiting, most of those past the follow-up threshold so that "stalled" has something
 * to show. The demo's executive asks a few too, so the demo login sees requests to follow up.
 */
export function planRequests(
  accounts: readonly DemoAccount[],
  random: Random,
  today: string,
  people: { csms: readonly string[]; managerEmail: string; execEmail: string },
): PlannedRequest[] {
  const chance = { high: 0.5, medium: 0.2, tech: 0.1 } as const;
  const asks: Array<{ account: DemoAccount; from: string }> = [];
  for (const account of accounts) {
    if (account.ownerEmail && random.chance(chance[account.touchTier])) asks.push({ account, from: account.ownerEmail });
  }
  for (const account of random.shuffle(accounts.filter((a) => a.touchTier === 'high')).slice(0, 4)) asks.push({ account, from: people.execEmail });
  return asks.map(({ account, from }, i) => {
    const text = requestTexts[i % requestTexts.length] as (typeof requestTexts)[number];
    const others = people.csms.filter((c) => c !== from);
    const assignee =
      from === people.execEmail
        ? (account.ownerEmail ?? people.managerEmail)
        : random.weighted({ manager: 35, exec: 30, csm: 35 }) === 'csm'
          ? random.pick(others)
          : random.chance(0.5)
            ? people.managerEmail
            : people.execEmail;
    // The executive's own requests are recent: they are the ones the demo login follows up.
    const ago = from === people.execEmail ? random.int(4, 12) : random.int(1, 200);
    const asked = addDaysIso(today, -ago);
    const status: RequestStatus = ago > 30 ? (random.chance(0.85) ? 'done' : 'cancelled') : random.chance(0.65) ? 'open' : 'done';
    const followUps = status === 'open' && ago > 8 ? random.int(0, 2) : 0;
    const resolvedOn = addDaysIso(asked, Math.min(ago - 1, random.int(2, 15)));
    return {
      accountExternalId: account.externalId,
      title: from === people.execEmail ? `Account plan for ${account.name} before the board review` : text.title,
      details: from === people.execEmail ? 'Need the one-page account plan with risks and expansion potential.' : text.details,
      requestedByEmail: from,
      assigneeEmail: assignee,
      askedAt: stamp(asked, random.int(8, 17)),
      neededBy: addDaysIso(asked, random.int(5, 21)),
      status,
      response: status === 'done' ? text.response : null,
      resolvedAt: status === 'open' ? null : stamp(resolvedOn, 17),
      lastFollowUpAt: followUps > 0 ? stamp(addDaysIso(asked, random.int(3, ago - 4)), 9) : null,
      followUps,
    };
  });
}

export interface PlannedStory {
  accountExternalId: string;
  title: string;
  body: string;
  authorEmail: string;
  createdAt: string;
  /** About the account's latest business review rather than the account itself. */
  aboutReview: boolean;
}

/** A handful of success stories, for the largest thriving accounts with an owner. */
export function planStories(
  thriving: readonly DemoAccount[],
  contacts: ReadonlyMap<string, readonly DemoContact[]>,
  random: Random,
  today: string,
): PlannedStory[] {
  const best = [...thriving].filter((a) => a.ownerEmail).sort((a, b) => b.arrMinor - a.arrMinor);
  return best.slice(0, 8).map((account, i) => {
    const template = storyBodies[i % storyBodies.length] as (typeof storyBodies)[number];
    const people = contacts.get(account.externalId) ?? [];
    const champion = people.find((c) => c.roles.includes('champion') && !c.leftOn) ?? people[0];
    const values: Record<string, string> = { account: account.name, contact: champion?.name ?? 'our champion', n: String(random.int(12, 60)) };
    return {
      accountExternalId: account.externalId,
      title: template.title,
      body: template.body.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? ''),
      authorEmail: account.ownerEmail as string,
      createdAt: stamp(addDaysIso(today, -random.int(5, 120)), random.int(9, 17)),
      aboutReview: template.aboutReview,
    };
  });
}
