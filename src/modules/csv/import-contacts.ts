import type { Database } from '../../db/connection.js';
import { encodeJson, nowIso } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { ContactRoles, ContactStatuses } from '../../domain/enums.js';
import { newId } from '../../lib/ids.js';
import type { Actor } from '../../server/types.js';
import { ContactFields } from '../contacts/contracts.js';
import { onContactsKeyed } from '../ingest/rematch.js';
import { flagDepartedKeyContacts } from '../red-flags/raise.js';
import { enumCell, listCell, rowChecker } from './cells.js';
import type { ImportReport, ImportRowError } from './contracts.js';
import { finishReport, type ImportOptions, inBatches, updateInBatches, writeInTransaction } from './import-common.js';
import { type CsvRow, parseCsv } from './parse.js';

export const CONTACT_COLUMNS = ['external_id', 'account_external_id', 'name', 'email', 'title', 'phone', 'roles', 'status', 'left_on'] as const;

type Columns = Partial<DB['contacts']>;
type Existing = Pick<DB['contacts'], 'id' | 'external_id' | 'email' | 'status' | 'left_on'>;

interface Plan {
  row: number;
  /** False when a cell is invalid; such rows still take part in the duplicate checks. */
  valid: boolean;
  id: string;
  existing: Existing | null;
  externalId: string | null;
  email: string | null;
  columns: Columns;
}

interface Context {
  accountIds: Map<string, string>;
  byExternalId: Map<string, Existing>;
  byEmail: Map<string, Existing>;
}

const shape = ContactFields.shape;

/** Two queries for everything the rows are checked against: no lookup per row. */
async function loadContext(database: Database, actor: Actor): Promise<Context> {
  const [accounts, contacts] = await Promise.all([
    database.db
      .selectFrom('accounts')
      .select(['id', 'external_id'])
      .where('workspace_id', '=', actor.workspaceId)
      .where('external_id', 'is not', null)
      .execute(),
    database.db.selectFrom('contacts').select(['id', 'external_id', 'email', 'status', 'left_on']).where('workspace_id', '=', actor.workspaceId).execute(),
  ]);
  const context: Context = { accountIds: new Map(), byExternalId: new Map(), byEmail: new Map() };
  for (const a of accounts) if (a.external_id) context.accountIds.set(a.external_id, a.id);
  for (const c of contacts) {
    if (c.external_id) context.byExternalId.set(c.external_id, c);
    if (c.email) context.byEmail.set(c.email, c);
  }
  return context;
}

/**
 * A row matches a contact by external id when it has one, else by email; a row with both whose external id
 * is new adopts the contact holding that email if that contact has no external id yet.
 */
function match(context: Context, externalId: string | null, email: string | null): Existing | null {
  if (externalId) {
    const byId = context.byExternalId.get(externalId);
    if (byId) return byId;
    const byEmail = email ? context.byEmail.get(email) : undefined;
    return byEmail && !byEmail.external_id ? byEmail : null;
  }
  return (email && context.byEmail.get(email)) || null;
}

/**
 * Turns one row into the columns to write. An empty cell leaves the stored value unchanged on an update
 * and gives the default (null, no roles, active) on a create.
 */
function planRow(csvRow: CsvRow, context: Context, errors: ImportRowError[]): Plan | null {
  const { row, cells } = csvRow;
  const { report, check } = rowChecker(errors, row);
  const errorCount = errors.length;
  const cell = (column: string) => cells.get(column) ?? '';
  const columns: Columns = {};

  const rawExternalId = cell('external_id');
  const rawEmail = cell('email');
  let externalId: string | null = null;
  let email: string | null = null;
  if (rawExternalId === '' && rawEmail === '') report('external_id', '', 'required', 'each row needs an external_id or an email to match contacts');
  if (rawExternalId !== '') {
    const result = check('external_id', shape.externalId, rawExternalId, rawExternalId);
    if (result.ok) externalId = result.value ?? null;
  }
  if (rawEmail !== '') {
    const result = check('email', shape.email, rawEmail, rawEmail);
    if (result.ok) email = result.value ?? null;
  }
  const existing = match(context, externalId, email);
  if (externalId) columns.external_id = externalId;
  if (email) {
    const holder = context.byEmail.get(email);
    if (holder && holder.id !== existing?.id) report('email', rawEmail, 'unique', 'Another contact already has this email');
    columns.email = email;
  }

  const account = cell('account_external_id');
  if (account === '') report('account_external_id', '', 'required', 'is required: the external id of the contact’s account');
  else {
    const accountId = context.accountIds.get(account);
    if (accountId) columns.account_id = accountId;
    else report('account_external_id', account, 'exists', 'No account with this external id in the workspace');
  }

  if (cell('name') === '' && !existing) report('name', '', 'required', 'is required for a new contact');
  for (const [column, key, schema] of [
    ['name', 'name', shape.name],
    ['title', 'title', shape.title],
    ['phone', 'phone', shape.phone],
  ] as const) {
    const raw = cell(column);
    if (raw === '') continue;
    const result = check(column, schema, raw, raw);
    if (result.ok) columns[key] = result.value as string;
  }
  const roles = cell('roles');
  if (roles !== '') {
    const result = check(
      'roles',
      shape.roles,
      // Deduplicated after mapping, as the API does: "sponsor;Sponsor" is one role.
      [...new Set(listCell(roles).map((r) => enumCell(ContactRoles.labels, r)))],
      roles,
    );
    if (result.ok) columns.roles = encodeJson(result.value);
  }
  const rawStatus = cell('status');
  let status = existing?.status ?? 'active';
  if (rawStatus !== '') {
    const result = check('status', shape.status, enumCell(ContactStatuses.labels, rawStatus), rawStatus);
    if (result.ok) status = columns.status = result.value;
  }
  const rawLeftOn = cell('left_on');
  let leftOn = existing?.left_on ?? null;
  if (rawLeftOn !== '') {
    const result = check('left_on', shape.leftOn, rawLeftOn, rawLeftOn);
    if (result.ok) leftOn = result.value ?? null;
  }
  // The same rule as the API: a person who left needs the date; an active person has none.
  if (status === 'left' && !leftOn) report('left_on', rawLeftOn, 'required', 'Give the date the person left when the status is "left"');
  columns.left_on = status === 'left' ? leftOn : null;

  if (!externalId && !email) return null;
  return { row, valid: errors.length === errorCount, id: existing?.id ?? newId(), existing, externalId, email, columns };
}

async function writePlans(database: Database, actor: Actor, plans: Plan[], options: ImportOptions): Promise<void> {
  await writeInTransaction(database, plans.length, options, async (trx, progress) => {
    const now = nowIso();
    for (const batch of inBatches(
      plans.filter((p) => !p.existing),
      300,
    )) {
      const values = batch.map((p) => ({
        roles: '[]',
        status: 'active',
        ...p.columns,
        id: p.id,
        workspace_id: actor.workspaceId,
        account_id: p.columns.account_id ?? '',
        name: p.columns.name ?? '',
        created_at: now,
        updated_at: now,
      }));
      await trx.insertInto('contacts').values(values).execute();
      progress(batch.length);
    }
    await updateInBatches(
      trx,
      'contacts',
      actor.workspaceId,
      plans.filter((p) => p.existing),
      now,
      progress,
    );
    // The product users these contacts are, and their usage kept unmatched, match now.
    const keyed = plans.filter((p) => p.externalId || p.email).map((p) => p.id);
    for (const ids of inBatches(keyed, 500)) {
      const rows = await trx
        .selectFrom('contacts')
        .select(['id', 'account_id', 'external_id', 'email'])
        .where('workspace_id', '=', actor.workspaceId)
        .where('id', 'in', ids)
        .execute();
      const refs = rows.map((r) => ({ id: r.id, accountId: r.account_id, externalId: r.external_id, email: r.email }));
      await onContactsKeyed(trx, database.dialect, actor.workspaceId, refs);
    }
    // Sponsors and champions this file marks as left raise their red flags, as the API does.
    const departed = plans.filter((p) => p.columns.status === 'left' && p.existing?.status !== 'left').map((p) => p.id);
    await flagDepartedKeyContacts(trx, actor.workspaceId, departed, actor.userId);
  });
}

/** Upserts contacts (by external id, else email) from a CSV file; writes nothing unless every row is valid. */
export async function importContactsCsv(database: Database, actor: Actor, csv: string, options: ImportOptions): Promise<ImportReport> {
  const parsed = parseCsv(csv, { columns: CONTACT_COLUMNS, required: ['account_external_id'], custom: false });
  const errors = [...parsed.errors];
  const first = parsed.rows[0];
  if (first && !first.cells.has('external_id') && !first.cells.has('email')) {
    errors.push({ row: 0, column: 'external_id', value: '', rule: 'required_column', message: 'The file needs an "external_id" or an "email" column' });
  }
  if (parsed.fatal || errors.some((e) => e.rule === 'required_column')) return finishReport('contacts', options, parsed.rows.length, 0, 0, errors);
  const context = await loadContext(database, actor);
  const plans: Plan[] = [];
  const seen = new Map<string, number>();
  for (const row of parsed.rows) {
    const plan = planRow(row, context, errors);
    if (!plan) continue;
    // One row per contact: the same contact, external id or email twice would make the outcome depend on row order.
    const keys: Array<[string, string, string]> = [[`id:${plan.id}`, plan.externalId ? 'external_id' : 'email', plan.externalId ?? plan.email ?? '']];
    if (plan.externalId) keys.push([`ext:${plan.externalId}`, 'external_id', plan.externalId]);
    if (plan.email) keys.push([`email:${plan.email}`, 'email', plan.email]);
    const clash = keys.find(([key]) => seen.has(key));
    if (clash) {
      rowChecker(errors, row.row).report(clash[1], clash[2], 'duplicate', `is also on row ${seen.get(clash[0])}: each contact may appear once`);
      continue;
    }
    for (const [key] of keys) seen.set(key, row.row);
    plans.push(plan);
  }
  const valid = plans.filter((p) => p.valid);
  const created = valid.filter((p) => !p.existing).length;
  const report = finishReport('contacts', options, parsed.rows.length, created, valid.length - created, errors);
  if (report.errors.length === 0 && !options.dryRun) await writePlans(database, actor, plans, options);
  return report;
}
