import type { Kysely, Transaction } from 'kysely';
import { decodeJson, encodeJson, nowIso } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { OPEN_RISK_STATUSES, type RiskStatus, RiskStatuses } from '../../domain/enums.js';
import { markHealthDirty } from '../../jobs/health-dirty.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Makes each account's risk_statuses follow its open risks: every status an open risk's type carries is put on the
 * account. A status is taken off only when it is `released` (a risk carrying it was just closed, deleted, retyped, or
 * its type's mapping changed) and no open risk on that account still carries it. Statuses put on by hand that no
 * risk accounts for are left alone, so a CSM's own judgement is never overwritten by the register.
 */
export async function syncAccountRiskStatuses(
  trx: Executor,
  workspaceId: string,
  accountIds: readonly string[],
  released: readonly string[] = [],
): Promise<void> {
  // Sorted, so that two transactions lock shared accounts in the same order and cannot deadlock.
  const ids = [...new Set(accountIds)].sort();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    // A no-op write locks the rows first (PostgreSQL): a concurrent risk write on the same account waits, then reads
    // what this one committed, instead of both reading the old statuses and the last one winning. Harmless on SQLite.
    await trx
      .updateTable('accounts')
      .set((eb) => ({ risk_statuses: eb.ref('risk_statuses') }))
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', chunk)
      .execute();
    const [accounts, open] = await Promise.all([
      trx.selectFrom('accounts').select(['id', 'risk_statuses']).where('workspace_id', '=', workspaceId).where('id', 'in', chunk).execute(),
      trx
        .selectFrom('risks')
        .innerJoin('risk_types', 'risk_types.id', 'risks.risk_type_id')
        .select(['risks.account_id', 'risk_types.risk_status'])
        .distinct()
        .where('risks.workspace_id', '=', workspaceId)
        .where('risks.account_id', 'in', chunk)
        .where('risks.status', 'in', [...OPEN_RISK_STATUSES])
        .where('risk_types.risk_status', 'is not', null)
        .execute(),
    ]);
    const wanted = new Map<string, Set<string>>();
    for (const row of open) {
      if (!row.risk_status) continue;
      const set = wanted.get(row.account_id) ?? new Set<string>();
      set.add(row.risk_status);
      wanted.set(row.account_id, set);
    }
    for (const account of accounts) {
      const current = decodeJson<string[]>(account.risk_statuses, []);
      const fromRisks = wanted.get(account.id) ?? new Set<string>();
      const next = new Set(current.filter((s) => fromRisks.has(s) || !released.includes(s)));
      for (const s of fromRisks) next.add(s);
      const ordered = orderStatuses(next);
      if (ordered.join(',') === current.join(',')) continue;
      await trx
        .updateTable('accounts')
        .set({ risk_statuses: encodeJson(ordered), updated_at: nowIso() })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', account.id)
        .execute();
    }
  }
  // Every risk write comes through here, and the count of open risks is a health input. After the account rows,
  // like every other writer, so that locks are always taken accounts first, then the outbox.
  await markHealthDirty(trx, workspaceId, ids, 'risks changed');
}

/** Enum order, so that the same set is always stored the same way. */
function orderStatuses(set: Set<string>): RiskStatus[] {
  return RiskStatuses.values.filter((s) => set.has(s));
}
