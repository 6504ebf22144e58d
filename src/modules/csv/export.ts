import { stringify } from 'csv-stringify/sync';
import type { Database } from '../../db/connection.js';
import { decodeJson } from '../../db/dialect.js';
import type { Actor } from '../../server/types.js';
import type { Account, AccountFilters } from '../accounts/contracts.js';
import { countAccounts, iterateAccounts } from '../accounts/service.js';
import type { Contact, ContactFilters } from '../contacts/contracts.js';
import { countContacts, iterateContacts } from '../contacts/service.js';
import { type HealthSummary, overallHealth } from '../health/overall.js';
import { listMembers } from '../workspaces/service.js';
import { minorToDecimal } from './cells.js';
import { ACCOUNT_COLUMNS, ACCOUNT_DERIVED_COLUMNS } from './import-accounts.js';
import { CONTACT_COLUMNS } from './import-contacts.js';
import { escapeFormula } from './spreadsheet.js';

export type WriteChunk = (chunk: string) => void | Promise<void>;

/** Text cells are escaped against formula injection; numbers, dates and enum keys cannot start a formula. */
const text = (value: string | null): string => (value === null ? '' : escapeFormula(value));

function csvLines(rows: string[][]): string {
  return stringify(rows);
}

/** Every custom field name used in the workspace, so that every exported row has the same columns. */
async function customFieldKeys(database: Database, workspaceId: string): Promise<string[]> {
  const keys = new Set<string>();
  let after = '';
  for (;;) {
    const rows = await database.db
      .selectFrom('accounts')
      .select(['id', 'custom_fields'])
      .where('workspace_id', '=', workspaceId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(2000)
      .execute();
    for (const row of rows) for (const key of Object.keys(decodeJson<Record<string, unknown>>(row.custom_fields, {}))) keys.add(key);
    const last = rows.at(-1);
    if (!last || rows.length < 2000) break;
    after = last.id;
  }
  return [...keys].sort();
}

/** Maps account ids to their external ids, one query per batch. */
async function externalIds(database: Database, workspaceId: string, ids: string[]): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  // By primary key only, then scoped here: with "workspace_id = ? and id in (…)" SQLite picks a workspace index and scans.
  const rows = await database.db
    .selectFrom('accounts')
    .select(['id', 'external_id', 'workspace_id'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.filter((r) => r.workspace_id === workspaceId).map((r) => [r.id, r.external_id]));
}

function customCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? escapeFormula(value) : String(value);
}

function accountRow(
  a: Account,
  health: HealthSummary | undefined,
  ownerEmail: string | undefined,
  parentExternalId: string | null | undefined,
  customKeys: string[],
): string[] {
  return [
    text(a.externalId),
    text(a.name),
    text(a.domain),
    text(a.industry),
    text(a.region),
    a.companySize ?? '',
    minorToDecimal(a.arrMinor),
    a.currency,
    a.deploymentStatus ?? '',
    a.lifecyclePhase ?? '',
    a.touchTier ?? '',
    text(ownerEmail ?? null),
    a.renewalDate ?? '',
    a.riskStatuses.join(';'),
    text(parentExternalId ?? null),
    ...derivedCells(a, health ?? null),
    ...customKeys.map((k) => customCell(a.customFields[k])),
  ];
}

/** ACCOUNT_DERIVED_COLUMNS' cells: numbers, keys, ISO times and booleans, none of which can start a formula. */
function derivedCells(a: Account, health: HealthSummary): string[] {
  const score = health?.score ?? null;
  return [
    score === null ? '' : String(Math.round(score)),
    health?.rag ?? '',
    a.lastTouchAt ?? '',
    a.lastMeetingAt ?? '',
    a.nextMeetingAt ?? '',
    String(a.touchOverdue),
  ];
}

/** Excel reads a CSV file as UTF-8 only when it starts with a byte-order mark; our import skips it. */
export const UTF8_BOM = '\uFEFF';

/**
 * Writes the accounts matching the filters as CSV, a batch at a time: the import's columns (so the file re-imports
 * as is), then the derived ones an import reads past, then custom fields. Filters are checked before the first
 * write, so a caller can still answer 400.
 */
export async function exportAccountsCsv(database: Database, actor: Actor, filters: AccountFilters, write: WriteChunk): Promise<number> {
  await countAccounts(database, actor, filters);
  const [members, customKeys] = await Promise.all([listMembers(database, actor.workspaceId), customFieldKeys(database, actor.workspaceId)]);
  const emails = new Map(members.map((m) => [m.id, m.email]));
  await write(UTF8_BOM + csvLines([[...ACCOUNT_COLUMNS, ...ACCOUNT_DERIVED_COLUMNS, ...customKeys.map((k) => `custom.${k}`)]]));
  let count = 0;
  for await (const batch of iterateAccounts(database, actor, filters)) {
    if (batch.length === 0) continue;
    const [parents, health] = await Promise.all([
      externalIds(
        database,
        actor.workspaceId,
        batch.flatMap((a) => (a.parentId ? [a.parentId] : [])),
      ),
      overallHealth(
        database.db,
        actor.workspaceId,
        batch.map((a) => a.id),
      ),
    ]);
    const row = (a: Account) =>
      accountRow(a, health.get(a.id), a.ownerId ? emails.get(a.ownerId) : undefined, a.parentId ? parents.get(a.parentId) : null, customKeys);
    await write(csvLines(batch.map(row)));
    count += batch.length;
  }
  return count;
}

function contactRow(c: Contact, accountExternalId: string | null | undefined): string[] {
  return [
    text(c.externalId),
    text(accountExternalId ?? null),
    text(c.name),
    text(c.email),
    text(c.title),
    text(c.phone),
    c.roles.join(';'),
    c.status,
    c.leftOn ?? '',
  ];
}

/** Writes the contacts matching the filters as CSV with the import's columns, a batch at a time. */
export async function exportContactsCsv(database: Database, actor: Actor, filters: ContactFilters, write: WriteChunk): Promise<number> {
  await countContacts(database, actor, filters);
  await write(UTF8_BOM + csvLines([[...CONTACT_COLUMNS]]));
  let count = 0;
  for await (const batch of iterateContacts(database, actor, filters)) {
    if (batch.length === 0) continue;
    const accounts = await externalIds(
      database,
      actor.workspaceId,
      batch.map((c) => c.accountId),
    );
    await write(csvLines(batch.map((c) => contactRow(c, accounts.get(c.accountId)))));
    count += batch.length;
  }
  return count;
}
