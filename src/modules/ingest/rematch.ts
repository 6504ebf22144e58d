import type { Transaction } from 'kysely';
import type { Dialect } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { accountOfUser, accountsByExternalId, type ContactRef, loadDirectory } from './identity.js';
import { lockUsage } from './lock.js';
import { numbersOf } from './message.js';
import { applyRollups, type RollupInput, userKeyOf } from './rollup.js';
import { foldAllQueuedIn } from './rollup-queue.js';

const PAGE = 5_000;
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * Matches kept-unmatched events that name one of `groupIds`, or come from one of `userIds` without naming a
 * group, to the accounts they now resolve to, and adds them to the rollups: in the caller's transaction, so
 * that the account or contact that made them match and the matching commit together. Returns how many matched.
 */
export async function rematchEvents(
  trx: Transaction<DB>,
  dialect: Dialect,
  workspaceId: string,
  keys: { groupIds: readonly string[]; userIds: readonly string[] },
): Promise<number> {
  let matched = 0;
  for (const groupIds of chunks([...new Set(keys.groupIds)])) matched += await rematchWhere(trx, dialect, workspaceId, groupIds, []);
  for (const userIds of chunks([...new Set(keys.userIds)])) matched += await rematchWhere(trx, dialect, workspaceId, [], userIds);
  return matched;
}

async function rematchWhere(trx: Transaction<DB>, dialect: Dialect, workspaceId: string, groupIds: string[], userIds: string[]): Promise<number> {
  let matched = 0;
  let after = 0;
  for (;;) {
    const rows = await trx
      .selectFrom('usage_events')
      .select(['seq', 'type', 'event', 'user_id', 'anonymous_id', 'group_id', 'ts', 'payload'])
      .where('workspace_id', '=', workspaceId)
      .where('account_id', 'is', null)
      .where('seq', '>', after)
      .where((eb) => (groupIds.length ? eb('group_id', 'in', groupIds) : eb.and([eb('group_id', 'is', null), eb('user_id', 'in', userIds)])))
      .orderBy('seq')
      .limit(PAGE)
      .execute();
    if (rows.length === 0) return matched;
    after = rows[rows.length - 1]?.seq ?? after;

    const directory = await loadDirectory(trx, workspaceId, {
      groupIds: rows.flatMap((r) => (r.group_id ? [r.group_id] : [])),
      userIds: rows.flatMap((r) => (r.user_id ? [r.user_id] : [])),
      emails: [],
    });
    const byAccount = new Map<string, number[]>();
    const rollups: RollupInput[] = [];
    for (const r of rows) {
      const accountId = r.group_id ? (directory.accountsByExternalId.get(r.group_id) ?? null) : r.user_id ? accountOfUser(directory, r.user_id) : null;
      if (!accountId) continue;
      const seqs = byAccount.get(accountId) ?? [];
      seqs.push(r.seq);
      byAccount.set(accountId, seqs);
      if (r.event) {
        const properties = (JSON.parse(r.payload) as { properties?: unknown }).properties;
        const numbers = properties && typeof properties === 'object' && !Array.isArray(properties) ? numbersOf(properties as Record<string, unknown>) : [];
        rollups.push({ accountId, event: r.event, day: r.ts.slice(0, 10), userKey: userKeyOf(r.user_id, r.anonymous_id), numbers });
      }
    }
    for (const [accountId, seqs] of byAccount) {
      for (const part of chunks(seqs)) {
        await trx
          .updateTable('usage_events')
          .set({ account_id: accountId, unmatched_reason: null })
          .where('workspace_id', '=', workspaceId)
          .where('seq', 'in', part)
          .execute();
        matched += part.length;
      }
    }
    await applyRollups(trx, dialect, workspaceId, rollups);
    if (rows.length < PAGE) return matched;
  }
}

/** Accounts that have (or now have) these external ids: users grouped under them, and their events, match. */
export async function onAccountsKeyed(trx: Transaction<DB>, dialect: Dialect, workspaceId: string, externalIds: readonly string[]): Promise<number> {
  const ids = [...new Set(externalIds.filter(Boolean))];
  if (ids.length === 0) return 0;
  await lockUsage(trx, dialect, workspaceId, 'exclusive');
  const accounts = await accountsByExternalId(trx, workspaceId, ids);
  const userIds: string[] = [];
  for (const [externalId, accountId] of accounts) {
    const users = await trx
      .updateTable('usage_users')
      .set({ account_id: accountId })
      .where('workspace_id', '=', workspaceId)
      .where('group_id', '=', externalId)
      .returning('user_id')
      .execute();
    for (const u of users) userIds.push(u.user_id);
  }
  return rematchEvents(trx, dialect, workspaceId, { groupIds: [...accounts.keys()], userIds });
}

/** Contacts that have (or now have) these external ids or emails: the product users they are, and their events, match. */
export async function onContactsKeyed(trx: Transaction<DB>, dialect: Dialect, workspaceId: string, contacts: readonly ContactRef[]): Promise<number> {
  if (!contacts.some((c) => c.externalId || c.email)) return 0;
  await lockUsage(trx, dialect, workspaceId, 'exclusive');
  const userIds: string[] = [];
  for (const c of contacts) {
    if (c.externalId) userIds.push(c.externalId);
    const conditions = [
      c.externalId ? { column: 'user_id' as const, value: c.externalId } : null,
      c.email ? { column: 'email' as const, value: c.email } : null,
    ];
    for (const condition of conditions) {
      if (!condition) continue;
      const users = await trx
        .selectFrom('usage_users')
        .select(['user_id', 'account_id'])
        .where('workspace_id', '=', workspaceId)
        .where(condition.column, '=', condition.value)
        .execute();
      for (const u of users) {
        await trx
          .updateTable('usage_users')
          .set({ contact_id: c.id, account_id: u.account_id ?? c.accountId })
          .where('workspace_id', '=', workspaceId)
          .where('user_id', '=', u.user_id)
          .execute();
        userIds.push(u.user_id);
      }
    }
  }
  return userIds.length ? rematchEvents(trx, dialect, workspaceId, { groupIds: [], userIds }) : 0;
}

/**
 * A deleted account's events are kept, unmatched (reason account_deleted), and its rollups go: an account
 * created later with the same external id takes them back through the usual rematch. What is still queued for the
 * rollups is folded first, so that no later fold can bring the account's rows back: the caller holds the workspace's
 * usage lock exclusively (taken before it deleted the account), and no fold runs meanwhile.
 */
export async function onAccountDeleted(trx: Transaction<DB>, dialect: Dialect, workspaceId: string, accountId: string): Promise<void> {
  await foldAllQueuedIn(trx, dialect, workspaceId);
  await trx
    .updateTable('usage_events')
    .set({ account_id: null, unmatched_reason: 'account_deleted' })
    .where('workspace_id', '=', workspaceId)
    .where('account_id', '=', accountId)
    .execute();
  await trx.updateTable('usage_users').set({ account_id: null }).where('workspace_id', '=', workspaceId).where('account_id', '=', accountId).execute();
  await trx.deleteFrom('usage_daily').where('workspace_id', '=', workspaceId).where('account_id', '=', accountId).execute();
  await trx.deleteFrom('usage_user_days').where('workspace_id', '=', workspaceId).where('account_id', '=', accountId).execute();
}
