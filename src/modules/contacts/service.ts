import type { Database } from '../../db/connection.js';
import { classifyDbError, encodeJson, nowIso } from '../../db/dialect.js';
import { afterCursor, splitPage } from '../../db/keyset.js';
import type { DB } from '../../db/schema.js';
import { withTransaction } from '../../db/transaction.js';
import type { ContactStatus } from '../../domain/enums.js';
import { parseSort } from '../../lib/cursor.js';
import { newId } from '../../lib/ids.js';
import { AppError, conflict, invalid, notFound } from '../../server/errors.js';
import type { Actor } from '../../server/types.js';
import { onContactsKeyed } from '../ingest/rematch.js';
import { flagDepartedKeyContacts } from '../red-flags/raise.js';
import type { Contact, ContactCreate, ContactFilters, ContactListQuery, ContactPage, ContactPatch } from './contracts.js';
import { applyContactFilters, type ContactRow, duplicateField, findContactRow, selectContacts, sortExpression, toContact } from './repo.js';

export async function listContacts(database: Database, actor: Actor, query: ContactListQuery): Promise<ContactPage> {
  return { ...(await contactPage(database, actor, query)), total: await countContacts(database, actor, query) };
}

/** One page without the total, which the export does not need for every batch. */
async function contactPage(database: Database, actor: Actor, query: ContactListQuery): Promise<Omit<ContactPage, 'total'>> {
  const { field, direction } = parseSort(query.sort);
  const { key, kind } = sortExpression(field);
  let q = applyContactFilters(selectContacts(database.db), database, actor.workspaceId, query).select(key.as('sort_key'));
  if (query.cursor) q = q.where(afterCursor(key, kind, 'contacts.id', direction, query.cursor));
  const fetched = (await q
    .orderBy(key, direction)
    .orderBy('contacts.id', direction)
    .limit(query.limit + 1)
    .execute()) as Array<ContactRow & { sort_key: string }>;
  const { rows, nextCursor } = splitPage(fetched, query.limit);
  return { items: rows.map(toContact), nextCursor };
}

export async function countContacts(database: Database, actor: Actor, filters: ContactFilters): Promise<number> {
  const base = database.db.selectFrom('contacts').innerJoin('accounts as account', 'account.id', 'contacts.account_id');
  const row = await applyContactFilters(base, database, actor.workspaceId, filters)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every contact matching the filters, in name order, a batch at a time (for exports). */
export async function* iterateContacts(database: Database, actor: Actor, filters: ContactFilters, batchSize = 500): AsyncGenerator<Contact[]> {
  let cursor: string | undefined;
  do {
    const page = await contactPage(database, actor, { ...filters, sort: 'name', limit: batchSize, cursor });
    yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

export async function getContact(database: Database, actor: Actor, id: string): Promise<Contact> {
  const row = await findContactRow(database.db, actor.workspaceId, id);
  if (!row) throw notFound('Contact');
  return toContact(row);
}

async function checkAccount(database: Database, actor: Actor, accountId: string): Promise<void> {
  const found = await database.db
    .selectFrom('accounts')
    .select('id')
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', accountId)
    .executeTakeFirst();
  if (!found) throw invalid('accountId', 'exists', 'The account does not exist in this workspace', accountId);
}

async function checkUnique(database: Database, actor: Actor, values: { email?: string | null; externalId?: string | null }, exceptId: string | null) {
  const field = await duplicateField(database.db, actor.workspaceId, values, exceptId);
  if (field === 'email') throw conflict('email', `Another contact already has the email "${values.email}"`, values.email);
  if (field === 'externalId') throw conflict('externalId', `Another contact already has the external id "${values.externalId}"`, values.externalId);
}

/** A person who left needs the date; an active person has none (so a re-activated contact forgets it). */
function resolveLeftOn(status: ContactStatus, leftOn: string | null | undefined): string | null {
  if (status === 'active') return null;
  if (!leftOn) throw invalid('leftOn', 'required', 'Give the date the person left when the status is "left"', leftOn ?? null);
  return leftOn;
}

function columnsFrom(input: ContactPatch): Partial<DB['contacts']> {
  const c: Partial<DB['contacts']> = {};
  if (input.accountId !== undefined) c.account_id = input.accountId;
  if (input.name !== undefined) c.name = input.name;
  if (input.externalId !== undefined) c.external_id = input.externalId;
  if (input.email !== undefined) c.email = input.email;
  if (input.title !== undefined) c.title = input.title;
  if (input.phone !== undefined) c.phone = input.phone;
  if (input.roles !== undefined) c.roles = encodeJson([...new Set(input.roles)]);
  if (input.status !== undefined) c.status = input.status;
  return c;
}

/** A concurrent write can still hit a unique index after our checks; name the field it hit. */
async function rethrowUnique(err: unknown, database: Database, actor: Actor, values: ContactPatch, exceptId: string | null): Promise<never> {
  if (classifyDbError(err) === 'unique') {
    await checkUnique(database, actor, values, exceptId);
    throw new AppError('conflict', 'Another contact already has this email or external id');
  }
  throw err;
}

export async function createContact(database: Database, actor: Actor, input: ContactCreate): Promise<Contact> {
  await checkAccount(database, actor, input.accountId);
  await checkUnique(database, actor, input, null);
  const status = input.status ?? 'active';
  const leftOn = resolveLeftOn(status, input.leftOn);
  const now = nowIso();
  const id = newId();
  try {
    await withTransaction(database.db, async (trx) => {
      await trx
        .insertInto('contacts')
        .values({
          ...columnsFrom(input),
          id,
          workspace_id: actor.workspaceId,
          account_id: input.accountId,
          name: input.name,
          roles: encodeJson([...new Set(input.roles ?? [])]),
          status,
          left_on: leftOn,
          created_at: now,
          updated_at: now,
        })
        .execute();
      // The product user this contact is (by external id = Segment userId, or email) and their usage match now.
      await onContactsKeyed(trx, database.dialect, actor.workspaceId, [
        { id, accountId: input.accountId, externalId: input.externalId ?? null, email: input.email ?? null },
      ]);
      // A sponsor or champion who has left is a churn warning: raise the red flag with the record.
      if (status === 'left') await flagDepartedKeyContacts(trx, actor.workspaceId, [id], actor.userId);
    });
  } catch (err) {
    await rethrowUnique(err, database, actor, input, null);
  }
  return getContact(database, actor, id);
}

export async function updateContact(database: Database, actor: Actor, id: string, patch: ContactPatch): Promise<Contact> {
  const existing = await findContactRow(database.db, actor.workspaceId, id);
  if (!existing) throw notFound('Contact');
  if (patch.accountId !== undefined) await checkAccount(database, actor, patch.accountId);
  await checkUnique(database, actor, patch, id);
  const status = patch.status ?? (existing.status as ContactStatus);
  const leftOn = resolveLeftOn(status, patch.leftOn !== undefined ? patch.leftOn : existing.left_on);
  try {
    await withTransaction(database.db, async (trx) => {
      await trx
        .updateTable('contacts')
        .set({ ...columnsFrom(patch), left_on: leftOn, updated_at: nowIso() })
        .where('workspace_id', '=', actor.workspaceId)
        .where('id', '=', id)
        .execute();
      if (patch.externalId || patch.email) {
        const row = await trx
          .selectFrom('contacts')
          .select(['id', 'account_id', 'external_id', 'email'])
          .where('workspace_id', '=', actor.workspaceId)
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        await onContactsKeyed(trx, database.dialect, actor.workspaceId, [{ id, accountId: row.account_id, externalId: row.external_id, email: row.email }]);
      }
      if (status === 'left' && existing.status !== 'left') await flagDepartedKeyContacts(trx, actor.workspaceId, [id], actor.userId);
    });
  } catch (err) {
    await rethrowUnique(err, database, actor, patch, id);
  }
  return getContact(database, actor, id);
}

export async function deleteContact(database: Database, actor: Actor, id: string): Promise<void> {
  const result = await database.db.deleteFrom('contacts').where('workspace_id', '=', actor.workspaceId).where('id', '=', id).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound('Contact');
}
