import { sql } from 'kysely';
import type { Database } from '../../db/connection.js';
import { nowIso } from '../../db/dialect.js';
import { afterCursor, splitPage } from '../../db/keyset.js';
import type { DB } from '../../db/schema.js';
import { withTransaction } from '../../db/transaction.js';
import { type RedFlagKind, type RedFlagStatus, roleRank } from '../../domain/enums.js';
import { markHealthDirty } from '../../jobs/health-dirty.js';
import { forbidden, invalid, notFound } from '../../server/errors.js';
import type { Actor } from '../../server/types.js';
import { accountExists } from '../accounts/repo.js';
import type {
  AccountRedFlagListQuery,
  RedFlag,
  RedFlagCreate,
  RedFlagFilters,
  RedFlagListQuery,
  RedFlagPage,
  RedFlagPatch,
  RedFlagSource,
} from './contracts.js';
import { raiseRedFlag } from './raise.js';

function selectFlags(database: Database, workspaceId: string) {
  return database.db
    .selectFrom('red_flags')
    .innerJoin('accounts as account', 'account.id', 'red_flags.account_id')
    .leftJoin('contacts as contact', 'contact.id', 'red_flags.contact_id')
    .leftJoin('users as raiser', 'raiser.id', 'red_flags.raised_by')
    .leftJoin('users as resolver', 'resolver.id', 'red_flags.resolved_by')
    .selectAll('red_flags')
    .select(['account.name as account_name', 'contact.name as contact_name', 'raiser.name as raiser_name', 'resolver.name as resolver_name'])
    .where('red_flags.workspace_id', '=', workspaceId);
}

type FlagRow = DB['red_flags'] & { account_name: string; contact_name: string | null; raiser_name: string | null; resolver_name: string | null };
type FlagQuery = ReturnType<typeof selectFlags>;

function toRedFlag(row: FlagRow): RedFlag {
  return {
    id: row.id,
    accountId: row.account_id,
    accountName: row.account_name,
    kind: row.kind as RedFlagKind,
    note: row.note,
    contactId: row.contact_id,
    contactName: row.contact_name,
    source: row.source as RedFlagSource,
    status: row.status as RedFlagStatus,
    raisedBy: row.raised_by,
    raisedByName: row.raiser_name,
    raisedAt: row.raised_at,
    resolvedBy: row.resolved_by,
    resolvedByName: row.resolver_name,
    resolvedAt: row.resolved_at,
    resolution: row.resolution,
  };
}

function applyFilters(q: FlagQuery, filters: RedFlagFilters): FlagQuery {
  if (filters.status?.length) q = q.where('red_flags.status', 'in', filters.status);
  if (filters.kind?.length) q = q.where('red_flags.kind', 'in', filters.kind);
  if (filters.accountId?.length) q = q.where('red_flags.account_id', 'in', filters.accountId);
  if (filters.source?.length) q = q.where('red_flags.source', 'in', filters.source);
  if (filters.since) q = q.where('red_flags.raised_at', '>=', filters.since.length === 10 ? `${filters.since}T00:00:00.000Z` : filters.since);
  return q;
}

/** The workspace feed, newest first (keyset on raised_at, id). */
export async function listRedFlags(database: Database, actor: Actor, query: RedFlagListQuery): Promise<RedFlagPage> {
  const key = sql<string>`red_flags.raised_at`;
  let q = applyFilters(selectFlags(database, actor.workspaceId), query).select(key.as('sort_key'));
  if (query.cursor) q = q.where(afterCursor(key, 'timestamp', 'red_flags.id', 'desc', query.cursor));
  const fetched = (await q
    .orderBy('red_flags.raised_at', 'desc')
    .orderBy('red_flags.id', 'desc')
    .limit(query.limit + 1)
    .execute()) as Array<FlagRow & { sort_key: string }>;
  const { rows, nextCursor } = splitPage(fetched, query.limit);
  const count = await applyFilters(selectFlags(database, actor.workspaceId), query)
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { items: rows.map(toRedFlag), nextCursor, total: Number(count.n) };
}

export async function listAccountRedFlags(database: Database, actor: Actor, accountId: string, query: AccountRedFlagListQuery): Promise<RedFlagPage> {
  if (!(await accountExists(database.db, actor.workspaceId, accountId))) throw notFound('Account');
  return listRedFlags(database, actor, { ...query, accountId: [accountId] });
}

async function findFlag(database: Database, workspaceId: string, id: string): Promise<FlagRow | undefined> {
  return (await selectFlags(database, workspaceId).where('red_flags.id', '=', id).executeTakeFirst()) as FlagRow | undefined;
}

export async function getRedFlag(database: Database, actor: Actor, id: string): Promise<RedFlag> {
  const row = await findFlag(database, actor.workspaceId, id);
  if (!row) throw notFound('Red flag');
  return toRedFlag(row);
}

/** Anyone with access raises one, viewers included: support and sales see trouble first. */
export async function createRedFlag(database: Database, actor: Actor, input: RedFlagCreate): Promise<RedFlag> {
  if (!(await accountExists(database.db, actor.workspaceId, input.accountId))) {
    throw invalid('accountId', 'exists', 'The account does not exist in this workspace', input.accountId);
  }
  if (input.contactId) {
    const contact = await database.db
      .selectFrom('contacts')
      .select('id')
      .where('workspace_id', '=', actor.workspaceId)
      .where('account_id', '=', input.accountId)
      .where('id', '=', input.contactId)
      .executeTakeFirst();
    if (!contact) throw invalid('contactId', 'exists', 'The contact is not one of this account’s contacts', input.contactId);
  }
  const id = await withTransaction(database.db, (trx) =>
    raiseRedFlag(trx, {
      workspaceId: actor.workspaceId,
      accountId: input.accountId,
      kind: input.kind,
      note: input.note ?? null,
      contactId: input.contactId ?? null,
      source: 'person',
      raisedBy: actor.userId,
    }),
  );
  return getRedFlag(database, actor, id);
}

const isRaiser = (actor: Actor, row: FlagRow) => actor.userId !== null && actor.userId === row.raised_by;

export async function updateRedFlag(database: Database, actor: Actor, id: string, patch: RedFlagPatch): Promise<RedFlag> {
  const row = await findFlag(database, actor.workspaceId, id);
  if (!row) throw notFound('Red flag');
  if ((patch.status !== undefined || patch.resolution !== undefined) && roleRank[actor.role] < roleRank.csm) {
    throw forbidden('Resolving or reopening a red flag needs the CSM role or above');
  }
  if (patch.note !== undefined && !isRaiser(actor, row) && roleRank[actor.role] < roleRank.manager) {
    throw forbidden('Only the person who raised the red flag, or a manager, may edit its note');
  }
  const status = patch.status ?? (row.status as RedFlagStatus);
  if (patch.resolution && status !== 'resolved') {
    throw invalid('resolution', 'resolved_only', 'A resolution note belongs to a resolved red flag: set status to "resolved"', patch.resolution);
  }
  const set: Partial<DB['red_flags']> = {};
  if (patch.note !== undefined) set.note = patch.note;
  if (status === 'open') Object.assign(set, { status, resolved_by: null, resolved_at: null, resolution: null });
  else if (row.status !== 'resolved') Object.assign(set, { status, resolved_by: actor.userId, resolved_at: nowIso(), resolution: patch.resolution ?? null });
  else if (patch.resolution !== undefined) set.resolution = patch.resolution;
  if (Object.keys(set).length > 0) {
    await withTransaction(database.db, async (trx) => {
      await trx.updateTable('red_flags').set(set).where('workspace_id', '=', actor.workspaceId).where('id', '=', id).execute();
      await markHealthDirty(trx, actor.workspaceId, [row.account_id], 'red flags changed');
    });
  }
  return getRedFlag(database, actor, id);
}

export async function deleteRedFlag(database: Database, actor: Actor, id: string): Promise<void> {
  const row = await findFlag(database, actor.workspaceId, id);
  if (!row) throw notFound('Red flag');
  if (!isRaiser(actor, row) && roleRank[actor.role] < roleRank.manager) {
    throw forbidden('Only the person who raised the red flag, or a manager, may delete it');
  }
  await withTransaction(database.db, async (trx) => {
    await trx.deleteFrom('red_flags').where('workspace_id', '=', actor.workspaceId).where('id', '=', id).execute();
    await markHealthDirty(trx, actor.workspaceId, [row.account_id], 'red flags changed');
  });
}
