import type { Database } from '../src/db/connection.js';
import { createAccount } from '../src/modules/accounts/service.js';
import { createContact } from '../src/modules/contacts/service.js';
import { addMember, createWorkspace, deleteWorkspace, findWorkspacesByIdOrName, hasAnyWorkspace } from '../src/modules/workspaces/service.js';
import type { Actor } from '../src/server/types.js';
import { type EngagementSummary, installEngagement } from './engagement.js';
import { DEMO_LOGIN, DEMO_PASSWORD, DEMO_WORKSPACE_NAME, type DemoData, generateDemo } from './generate.js';
import { type HealthSummary, installHealth } from './health.js';
import { installUsage, prepareUsage, type UsageSummary } from './install-usage.js';

export { DEMO_LOGIN, DEMO_WORKSPACE_NAME } from './generate.js';

export interface InstallOptions {
  /** Delete the demo workspace (and the people who belong to no other workspace) and build it again. */
  reset?: boolean;
  /** Today's date (YYYY-MM-DD) that renewal dates are relative to; defaults to the real today. */
  today?: string;
  /** Records written so far out of all records. */
  onProgress?: (done: number, total: number) => void;
  /** Also write 120 days of product usage, metric values and KPIs (default true). */
  usage?: boolean;
}

export interface InstallResult {
  workspaceId: string;
  login: { email: string; password: string };
  /** False when the demo workspace was already there and nothing changed. */
  created: boolean;
  /** What the usage step wrote; null when it did not run. */
  usage: UsageSummary | null;
  /** The year of engagement written (meetings, tasks, risks…); null when the demo was already there. */
  engagement: EngagementSummary | null;
  /** Accounts by overall RAG (all scorecards' rows); null when the demo was already there. */
  health: HealthSummary | null;
}

/** The demo workspace, found by its name; null when there is none. */
export async function findDemoWorkspace(database: Database): Promise<{ id: string } | null> {
  return (await findWorkspacesByIdOrName(database, DEMO_WORKSPACE_NAME)).find((w) => w.name === DEMO_WORKSPACE_NAME) ?? null;
}

export { hasAnyWorkspace };

/** Writes the generated data through the services, so the demo obeys the same rules as real data. */
async function writeDemo(
  database: Database,
  data: DemoData,
  today: string,
  total: number,
  onProgress: (done: number, total: number) => void,
): Promise<{ workspaceId: string; engagement: EngagementSummary }> {
  const workspace = await createWorkspace(database, data.workspaceName);
  const actor: Actor = { workspaceId: workspace.id, userId: null, role: 'admin', via: 'cli' };
  let done = 0;
  const step = () => {
    done += 1;
    if (done % 100 === 0) onProgress(done, total);
  };

  const userIds = new Map<string, string>();
  for (const user of data.users) {
    const member = await addMember(database, workspace.id, { email: user.email, name: user.name, role: user.role, password: DEMO_PASSWORD });
    userIds.set(user.email, member.id);
    step();
  }

  const accountIds = new Map<string, string>();
  // Parents first: a child names its parent by id.
  const ordered = [...data.accounts.filter((a) => !a.parentExternalId), ...data.accounts.filter((a) => a.parentExternalId)];
  for (const { ownerEmail, parentExternalId, ...account } of ordered) {
    const created = await createAccount(database, actor, {
      ...account,
      ownerId: ownerEmail ? (userIds.get(ownerEmail) ?? null) : null,
      parentId: parentExternalId ? (accountIds.get(parentExternalId) ?? null) : null,
    });
    accountIds.set(account.externalId, created.id);
    step();
  }

  for (const { accountExternalId, ...contact } of data.contacts) {
    const accountId = accountIds.get(accountExternalId);
    if (!accountId) throw new Error(`Demo contact ${contact.externalId} names an unknown account ${accountExternalId}`);
    await createContact(database, actor, { ...contact, accountId, phone: null });
    step();
  }
  // The year of meetings, tasks, checklists, risks and red flags, in the same transaction as the accounts it is about.
  const engagement = await installEngagement(database, workspace.id, data, { today });
  return { workspaceId: workspace.id, engagement };
}

export async function installDemo(database: Database, options: InstallOptions = {}): Promise<InstallResult> {
  const login = { ...DEMO_LOGIN };
  const existing = await findDemoWorkspace(database);
  if (existing && !options.reset) return { workspaceId: existing.id, login, created: false, usage: null, engagement: null, health: null };
  if (existing) await deleteWorkspace(database, existing.id);

  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const data = generateDemo({ today });
  // On the real today, nothing is dated after now; a given date (tests, screenshots) keeps its whole last day.
  const usage = options.usage === false ? null : prepareUsage(data, { today, until: options.today ? null : new Date().toISOString() });
  const records = data.users.length + data.accounts.length + data.contacts.length;
  const total = records + (usage?.total ?? 0);
  const onProgress = options.onProgress ?? (() => {});
  // One transaction: a failed install leaves nothing half-built, and SQLite writes it ~10x faster.
  const { workspaceId, engagement } = await database.db.transaction().execute((trx) => writeDemo({ ...database, db: trx }, data, today, total, onProgress));
  onProgress(records, total);
  // Health scores read usage, metrics and engagement: computed last, as of the demo's today.
  if (!usage) {
    const health = await installHealth(database, workspaceId, null, today);
    return { workspaceId, login, created: true, usage: null, engagement, health };
  }
  try {
    // After the commit: ingest runs a transaction per batch, as it does for a client's batches.
    const summary = await installUsage(database, workspaceId, usage, (done) => onProgress(records + done, total));
    const health = await installHealth(database, workspaceId, usage.plan, today);
    return { workspaceId, login, created: true, usage: summary, engagement, health };
  } catch (err) {
    // No half-built demo: the next run builds it again instead of finding it "already there".
    await deleteWorkspace(database, workspaceId);
    throw err;
  }
}
