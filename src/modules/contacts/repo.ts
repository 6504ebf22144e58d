import { type ExpressionBuilder, type Kysely, type RawBuilder, type SelectQueryBuilder, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/connection.js';
import { containsText, decodeJson, jsonArrayContains } from '../../db/dialect.js';
import type { KeyKind } from '../../db/keyset.js';
import type { DB } from '../../db/schema.js';
import type { ContactRole, ContactStatus } from '../../domain/enums.js';
import type { Contact, ContactFilters } from './contracts.js';

type Executor = Kysely<DB> | Transaction<DB>;
type ContactQuery = SelectQueryBuilder<DB & { account: DB['accounts'] }, 'contacts' | 'account', object>;

/** The joined columns every contact read returns. */
export function selectContacts(db: Executor) {
  return db
    .selectFrom('contacts')
    .innerJoin('accounts as account', 'account.id', 'contacts.account_id')
    .selectAll('contacts')
    .select('account.name as account_name');
}

export type ContactRow = DB['contacts'] & { account_name: string };

export function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    accountId: row.account_id,
    accountName: row.account_name,
    externalId: row.external_id,
    name: row.name,
    email: row.email,
    title: row.title,
    phone: row.phone,
    roles: decodeJson<ContactRole[]>(row.roles, []),
    status: row.status as ContactStatus,
    leftOn: row.left_on,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Applies every filter; used by the list, the count and the export so they always agree. */
export function applyContactFilters<Q extends ContactQuery>(query: Q, database: Database, workspaceId: string, filters: ContactFilters): Q {
  const { dialect } = database;
  let q = query.where('contacts.workspace_id', '=', workspaceId) as Q;
  if (filters.accountId) q = q.where('contacts.account_id', '=', filters.accountId) as Q;
  if (filters.status) q = q.where('contacts.status', '=', filters.status) as Q;
  if (filters.q) {
    const text = filters.q;
    q = q.where((eb: ExpressionBuilder<DB, 'contacts'>) =>
      eb.or([
        containsText(dialect, eb.ref('contacts.name'), text),
        containsText(dialect, eb.ref('contacts.email'), text),
        containsText(dialect, eb.ref('contacts.title'), text),
      ]),
    ) as Q;
  }
  if (filters.role?.length) {
    const roles = filters.role;
    q = q.where((eb: ExpressionBuilder<DB, 'contacts'>) => eb.or(roles.map((r) => jsonArrayContains(dialect, eb.ref('contacts.roles'), r)))) as Q;
  }
  return q;
}

/** Sort keys as SQL expressions (none of them is nullable, so keyset comparisons stay simple). */
export function sortExpression(sort: string): { key: RawBuilder<string>; kind: KeyKind } {
  switch (sort) {
    case 'updatedAt':
      return { key: sql`contacts.updated_at`, kind: 'timestamp' };
    case 'createdAt':
      return { key: sql`contacts.created_at`, kind: 'timestamp' };
    default:
      return { key: sql`lower(contacts.name)`, kind: 'text' };
  }
}

export async function findContactRow(db: Executor, workspaceId: string, id: string): Promise<ContactRow | undefined> {
  return (await selectContacts(db).where('contacts.workspace_id', '=', workspaceId).where('contacts.id', '=', id).executeTakeFirst()) as ContactRow | undefined;
}

/** Which unique field (email or external id) another contact of the workspace already holds, if any. */
export async function duplicateField(
  db: Executor,
  workspaceId: string,
  values: { email?: string | null; externalId?: string | null },
  exceptId: string | null,
): Promise<'email' | 'externalId' | null> {
  const checks: Array<['email' | 'externalId', 'email' | 'external_id', string]> = [];
  if (values.email) checks.push(['email', 'email', values.email]);
  if (values.externalId) checks.push(['externalId', 'external_id', values.externalId]);
  for (const [field, column, value] of checks) {
    let q = db.selectFrom('contacts').select('id').where('workspace_id', '=', workspaceId).where(column, '=', value);
    if (exceptId) q = q.where('id', '!=', exceptId);
    if (await q.executeTakeFirst()) return field;
  }
  return null;
}
