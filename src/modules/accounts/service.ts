import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/connection.js';
import { classifyDbError, encodeJson, nowIso } from '../../db/dialect.js';
import { afterCursor, splitPage } from '../../db/keyset.js';
import type { DB } from '../../db/schema.js';
import { withTransaction } from '../../db/transaction.js';
import { markHealthDirty } from '../../jobs/health-dirty.js';
import { parseSort } from '../../lib/cursor.js';
import { newId } from '../../lib/ids.js';
import { conflict, invalid, notFound } from '../../server/errors.js';
import type { Actor } from '../../server/types.js';
import { overallHealth } from '../health/overall.js';
import { lockUsage } from '../ingest/lock.js';
import { onAccountDeleted, onAccountsKeyed } from '../ingest/rematch.js';
import { accountsListKpis } from '../kpis/values.js';
import { currentPhases, recordPhaseChange } from '../lifecycle/record.js';
import type { RevenueBand } from '../workspaces/revenue-bands.js';
import { findMember, getSettings } from '../workspaces/service.js';
import type { Account, AccountCreate, AccountDetail, AccountFilters, AccountListQuery, AccountPage, AccountPatch } from './contracts.js';
import { type AccountRow, ancestorIds, filteredAccounts, findAccountRow, rollupArr, selectAccounts, sortExpression, toAccount, withNames } from './repo.js';

export async function listAccounts(database: Database, actor: Actor, query: AccountListQuery): Promise<AccountPage> {
  const { revenueBands } = await getSettings(database, actor.workspaceId);
  // KPI columns and filters only cost something when asked for: without them the list runs exactly as before.
  const kpis = await accountsListKpis(database, actor, query);
  const restrict = kpis?.condition ?? null;
  const { items, nextCursor } = await pageOfAccounts(database, actor, query, revenueBands, restrict);
  const total = await countMatching(database, actor, query, revenueBands, restrict);
  const health = await overallHealth(
    database.db,
    actor.workspaceId,
    items.map((a) => a.id),
  );
  const withHealth = items.map((a) => ({ ...a, health: health.get(a.id) ?? null }));
  if (!kpis || !query.kpis?.length) return { items: withHealth, nextCursor, total };
  const columns = await kpis.columns(items.map((a) => a.id));
  return { items: withHealth.map((a) => ({ ...a, kpis: columns.get(a.id) ?? {} })), nextCursor, total };
}

/** One keyset page, without the total (exports walk every page and need no count per batch). */
async function pageOfAccounts(
  database: Database,
  actor: Actor,
  query: AccountListQuery,
  revenueBands: RevenueBand[],
  restrict: RawBuilder<boolean> | null = null,
): Promise<{ items: Account[]; nextCursor: string | null }> {
  const { field, direction } = parseSort(query.sort);
  const { key, kind } = sortExpression(field, direction);
  let filtered = filteredAccounts(database, actor.workspaceId, query, revenueBands);
  if (restrict) filtered = filtered.where(restrict);
  let q = withNames(filtered).select(key.as('sort_key'));
  if (query.cursor) q = q.where(afterCursor(key, kind, 'accounts.id', direction, query.cursor));
  const fetched = (await q
    .orderBy(key, direction)
    .orderBy('accounts.id', direction)
    .limit(query.limit + 1)
    .execute()) as Array<AccountRow & { sort_key: string | number }>;
  const { rows, nextCursor } = splitPage(fetched, query.limit);
  return { items: rows.map((r) => toAccount(r, revenueBands)), nextCursor };
}

export async function countAccounts(database: Database, actor: Actor, filters: AccountFilters): Promise<number> {
  const restrict = await kpiRestriction(database, actor, filters);
  return countMatching(database, actor, filters, (await getSettings(database, actor.workspaceId)).revenueBands, restrict);
}

/** The `kpiStatus` filter as a condition on accounts (null without one): the list, summary and export share it. */
export async function kpiRestriction(database: Database, actor: Actor, filters: AccountFilters): Promise<RawBuilder<boolean> | null> {
  if (!filters.kpiStatus?.length) return null;
  return (await accountsListKpis(database, actor, { kpiStatus: filters.kpiStatus, kpiAsOf: filters.kpiAsOf }))?.condition ?? null;
}

async function countMatching(
  database: Database,
  actor: Actor,
  filters: AccountFilters,
  revenueBands: RevenueBand[],
  restrict: RawBuilder<boolean> | null = null,
): Promise<number> {
  let filtered = filteredAccounts(database, actor.workspaceId, filters, revenueBands);
  if (restrict) filtered = filtered.where(restrict);
  const row = await filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every account matching the filters, in name order, a batch at a time (for exports). */
export async function* iterateAccounts(database: Database, actor: Actor, filters: AccountFilters, batchSize = 500): AsyncGenerator<Account[]> {
  const { revenueBands } = await getSettings(database, actor.workspaceId);
  const restrict = await kpiRestriction(database, actor, filters);
  let cursor: string | undefined;
  do {
    const page = await pageOfAccounts(database, actor, { ...filters, sort: 'name', limit: batchSize, cursor }, revenueBands, restrict);
    yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

export async function getAccount(database: Database, actor: Actor, id: string): Promise<AccountDetail> {
  const row = await findAccountRow(database.db, actor.workspaceId, id);
  if (!row) throw notFound('Account');
  const { revenueBands } = await getSettings(database, actor.workspaceId);
  const children = (await selectAccounts(database.db)
    .where('accounts.workspace_id', '=', actor.workspaceId)
    .where('accounts.parent_id', '=', id)
    .orderBy(sql`lower(accounts.name)`)
    .limit(500)
    .execute()) as AccountRow[];
  const contacts = await database.db
    .selectFrom('contacts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', actor.workspaceId)
    .where('account_id', '=', id)
    .executeTakeFirstOrThrow();
  return {
    ...toAccount(row, revenueBands),
    rollupArrMinor: await rollupArr(database.db, actor.workspaceId, id),
    children: children.map((c) => {
      const a = toAccount(c, revenueBands);
      return { id: a.id, name: a.name, arrMinor: a.arrMinor, currency: a.currency, deploymentStatus: a.deploymentStatus, ownerName: a.ownerName };
    }),
    contactCount: Number(contacts.n),
    health: (await overallHealth(database.db, actor.workspaceId, [id])).get(id) ?? null,
  };
}

/** Checks references that zod cannot: the owner is a member, the parent exists here and makes no cycle. */
async function checkReferences(database: Database, actor: Actor, input: AccountPatch, accountId: string | null): Promise<void> {
  if (input.ownerId && !(await findMember(database, actor.workspaceId, input.ownerId))) {
    throw invalid('ownerId', 'member', 'The owner must be a user of this workspace', input.ownerId);
  }
  if (input.parentId) {
    const parent = await findAccountRow(database.db, actor.workspaceId, input.parentId);
    if (!parent) throw invalid('parentId', 'exists', 'The parent account does not exist in this workspace', input.parentId);
    if (accountId && (input.parentId === accountId || (await ancestorIds(database.db, actor.workspaceId, input.parentId)).includes(accountId))) {
      throw invalid('parentId', 'no_cycle', 'An account cannot sit below itself or one of its own children', input.parentId);
    }
  }
}

function columnsFrom(input: AccountPatch): Partial<DB['accounts']> {
  const c: Partial<DB['accounts']> = {};
  if (input.name !== undefined) c.name = input.name;
  if (input.externalId !== undefined) c.external_id = input.externalId;
  if (input.domain !== undefined) c.domain = input.domain;
  if (input.industry !== undefined) c.industry = input.industry;
  if (input.region !== undefined) c.region = input.region;
  if (input.companySize !== undefined) c.company_size = input.companySize;
  if (input.arrMinor !== undefined) c.arr_minor = input.arrMinor;
  if (input.currency !== undefined) c.currency = input.currency;
  if (input.deploymentStatus !== undefined) c.deployment_status = input.deploymentStatus;
  if (input.lifecyclePhase !== undefined) c.lifecycle_phase = input.lifecyclePhase;
  if (input.touchTier !== undefined) c.touch_tier = input.touchTier;
  if (input.ownerId !== undefined) c.owner_id = input.ownerId;
  if (input.renewalDate !== undefined) c.renewal_date = input.renewalDate;
  if (input.riskStatuses !== undefined) c.risk_statuses = encodeJson([...new Set(input.riskStatuses)]);
  if (input.parentId !== undefined) c.parent_id = input.parentId;
  if (input.customFields !== undefined) c.custom_fields = encodeJson(input.customFields);
  return c;
}

function rethrowUnique(err: unknown, externalId: string | null | undefined): never {
  if (classifyDbError(err) === 'unique') {
    throw conflict('externalId', `Another account already has the external id "${externalId}"`, externalId);
  }
  throw err;
}

export async function createAccount(database: Database, actor: Actor, input: AccountCreate): Promise<AccountDetail> {
  await checkReferences(database, actor, input, null);
  const { currency } = await getSettings(database, actor.workspaceId);
  const now = nowIso();
  const id = newId();
  try {
    await withTransaction(database.db, async (trx) => {
      await trx
        .insertInto('accounts')
        .values({
          arr_minor: 0,
          risk_statuses: '[]',
          custom_fields: '{}',
          currency,
          ...columnsFrom(input),
          id,
          workspace_id: actor.workspaceId,
          name: input.name,
          created_at: now,
          updated_at: now,
        })
        .execute();
      // Usage kept unmatched for this external id belongs to the account from now on.
      if (input.externalId) await onAccountsKeyed(trx, database.dialect, actor.workspaceId, [input.externalId]);
      if (input.lifecyclePhase)
        await recordPhaseChange(trx, { workspaceId: actor.workspaceId, accountId: id, from: null, to: input.lifecyclePhase, changedBy: actor.userId, at: now });
      await markHealthDirty(trx, actor.workspaceId, [id], 'account created');
    });
  } catch (err) {
    rethrowUnique(err, input.externalId);
  }
  return getAccount(database, actor, id);
}

export async function updateAccount(database: Database, actor: Actor, id: string, patch: AccountPatch): Promise<AccountDetail> {
  if (!(await findAccountRow(database.db, actor.workspaceId, id))) throw notFound('Account');
  await checkReferences(database, actor, patch, id);
  try {
    await withTransaction(database.db, async (trx) => {
      // Read inside the transaction: the history must record the phase this update actually replaced.
      const phaseBefore = patch.lifecyclePhase === undefined ? undefined : ((await currentPhases(trx, actor.workspaceId, [id])).get(id) ?? null);
      await trx
        .updateTable('accounts')
        .set({ ...columnsFrom(patch), updated_at: nowIso() })
        .where('workspace_id', '=', actor.workspaceId)
        .where('id', '=', id)
        .execute();
      if (patch.externalId) await onAccountsKeyed(trx, database.dialect, actor.workspaceId, [patch.externalId]);
      if (phaseBefore !== undefined)
        await recordPhaseChange(trx, {
          workspaceId: actor.workspaceId,
          accountId: id,
          from: phaseBefore,
          to: patch.lifecyclePhase ?? null,
          changedBy: actor.userId,
        });
      await markHealthDirty(trx, actor.workspaceId, [id], 'account edited');
    });
  } catch (err) {
    rethrowUnique(err, patch.externalId);
  }
  return getAccount(database, actor, id);
}

export async function deleteAccount(database: Database, actor: Actor, id: string): Promise<void> {
  const deleted = await withTransaction(database.db, async (trx) => {
    // Before the row goes: a batch holding the lock shared may be creating an account with the same external id.
    await lockUsage(trx, database.dialect, actor.workspaceId, 'exclusive');
    const result = await trx.deleteFrom('accounts').where('workspace_id', '=', actor.workspaceId).where('id', '=', id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return false;
    await onAccountDeleted(trx, database.dialect, actor.workspaceId, id);
    return true;
  });
  if (!deleted) throw notFound('Account');
}

export async function accountFacets(database: Database, actor: Actor): Promise<{ industries: string[]; regions: string[] }> {
  const distinct = async (column: 'industry' | 'region') =>
    (
      await database.db
        .selectFrom('accounts')
        .select(column)
        .distinct()
        .where('workspace_id', '=', actor.workspaceId)
        .where(column, 'is not', null)
        .orderBy(column)
        .limit(1000)
        .execute()
    ).map((r) => r[column] as string);
  return { industries: await distinct('industry'), regions: await distinct('region') };
}

/** When someone leaves a workspace, the accounts they owned there go back to "unassigned". */
export async function releaseAccountsOwnedBy(db: Kysely<DB> | Transaction<DB>, workspaceId: string, userId: string): Promise<number> {
  const result = await db
    .updateTable('accounts')
    .set({ owner_id: null, updated_at: nowIso() })
    .where('workspace_id', '=', workspaceId)
    .where('owner_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
