import type { CompanySize, ContactRole, ContactStatus, DeploymentStatus, LifecyclePhase, RiskStatus, Role, TouchTier } from '../src/domain/enums.js';
import { generateAccounts } from './accounts.js';
import { generateContacts } from './contacts.js';
import { createRandom } from './random.js';
import type { Region } from './words.js';

/**
 * The demo workspace as plain data: no database, no clock, no Math.random. The same seed and
 * `today` always give the same workspace, so demos, screenshots and tests can rely on it.
 */

export const DEMO_WORKSPACE_NAME = 'Northwind Analytics (demo)';
/** Every demo person signs in with this password; it is printed by `keepwell serve` and `keepwell demo`. */
export const DEMO_PASSWORD = 'keepwell-demo';
export const DEMO_LOGIN = { email: 'demo@keepwell.local', password: DEMO_PASSWORD } as const;
export const DEMO_SEED = 20240917;
export const DEMO_ACCOUNT_COUNT = 336;

export interface DemoUser {
  email: string;
  name: string;
  role: Role;
  /** For CSMs: the touch tier of their book and how many accounts it holds. */
  book?: { tier: TouchTier; size: number };
}

export interface DemoAccount {
  externalId: string;
  name: string;
  domain: string;
  industry: string;
  region: Region;
  companySize: CompanySize;
  arrMinor: number;
  currency: 'USD';
  deploymentStatus: DeploymentStatus;
  lifecyclePhase: LifecyclePhase;
  touchTier: TouchTier;
  ownerEmail: string | null;
  renewalDate: string;
  riskStatuses: RiskStatus[];
  parentExternalId: string | null;
  customFields: { plan: 'Enterprise' | 'Growth' | 'Starter'; employees: number; seats: number };
}

export interface DemoContact {
  externalId: string;
  accountExternalId: string;
  name: string;
  email: string;
  title: string;
  roles: ContactRole[];
  status: ContactStatus;
  leftOn: string | null;
}

export interface DemoData {
  workspaceName: string;
  users: DemoUser[];
  accounts: DemoAccount[];
  contacts: DemoContact[];
}

const team = (local: string) => `${local}@northwind.example`;

/**
 * The vendor's customer success team. Senior CSMs carry small high-touch books, mid-level CSMs
 * larger medium-touch books, and one scale CSM runs part of the tech-touch pool (the rest of the
 * long tail has no named owner and is served one-to-many).
 */
export const DEMO_USERS: readonly DemoUser[] = [
  { email: DEMO_LOGIN.email, name: 'Alex Morgan', role: 'admin' },
  { email: team('dana.whitfield'), name: 'Dana Whitfield', role: 'manager' },
  { email: team('elena.markovic'), name: 'Elena Marković', role: 'csm', book: { tier: 'high', size: 14 } },
  { email: team('marcus.bell'), name: 'Marcus Bell', role: 'csm', book: { tier: 'high', size: 12 } },
  { email: team('aisha.okafor'), name: 'Aisha Okafor', role: 'csm', book: { tier: 'medium', size: 42 } },
  { email: team('tomas.rivera'), name: 'Tomás Rivera', role: 'csm', book: { tier: 'medium', size: 36 } },
  { email: team('hannah.lindqvist'), name: 'Hannah Lindqvist', role: 'csm', book: { tier: 'medium', size: 30 } },
  { email: team('kenji.watanabe'), name: 'Kenji Watanabe', role: 'csm', book: { tier: 'tech', size: 40 } },
  { email: team('victoria.hale'), name: 'Victoria Hale', role: 'viewer' },
];

export function generateDemo(options: { today: string; seed?: number }): DemoData {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.today)) throw new Error(`today must be YYYY-MM-DD, got "${options.today}"`);
  const random = createRandom(options.seed ?? DEMO_SEED);
  const users = DEMO_USERS.map((u) => ({ ...u }));
  const accounts = generateAccounts(random, { count: DEMO_ACCOUNT_COUNT, today: options.today, users });
  const contacts = generateContacts(random, accounts, options.today);
  return { workspaceName: DEMO_WORKSPACE_NAME, users, accounts, contacts };
}
