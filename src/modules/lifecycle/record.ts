import type { Kysely, Transaction } from 'kysely';
import { nowIso } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { markHealthDirty } from '../../jobs/health-dirty.js';
import { newId } from '../../lib/ids.js';

type Executor = Kysely<DB> | Transaction<DB>;

export interface PhaseChange {
  workspaceId: string;
  accountId: string;
  /** The phase before (null when the account had none, e.g. on create). */
  from: string | null;
  /** The phase after (null when the phase was cleared). */
  to: string | null;
  changedBy: string | null;
  /** When the change happened; now unless a backfill (demo, history import) says otherwise. */
  at?: string;
  note?: string | null;
}

/**
 * The one place a lifecycle phase change is written: a history row plus accounts.phase_since, inside the caller's
 * transaction so that the account's phase and its history never disagree. Callers set accounts.lifecycle_phase
 * themselves (they are updating the account anyway); a "change" to the same phase is not recorded.
 */
export async function recordPhaseChange(trx: Executor, change: PhaseChange): Promise<void> {
  await recordPhaseChanges(trx, [change]);
}

/** Many changes at once (CSV import, demo backfill): chunked inserts and one phase_since update per distinct time, not per account. */
export async function recordPhaseChanges(trx: Executor, changes: readonly PhaseChange[]): Promise<void> {
  const now = nowIso();
  const rows = changes
    .filter((c) => c.from !== c.to)
    .map((c) => ({
      id: newId(),
      workspace_id: c.workspaceId,
      account_id: c.accountId,
      from_phase: c.from,
      to_phase: c.to,
      changed_at: c.at ?? now,
      changed_by: c.changedBy,
      note: c.note ?? null,
    }));
  // 8 columns a row: 400 rows stay far below SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 400)
    await trx
      .insertInto('lifecycle_changes')
      .values(rows.slice(i, i + 400))
      .execute();
  // Each account's latest change sets its phase_since, whatever the order the changes came in (backfills).
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const seen = latest.get(r.account_id);
    if (!seen || r.changed_at >= seen.changed_at) latest.set(r.account_id, r);
  }
  const groups = new Map<string, { workspaceId: string; since: string | null; ids: string[] }>();
  for (const r of latest.values()) {
    const since = r.to_phase === null ? null : r.changed_at;
    const key = `${r.workspace_id}|${since}`;
    const group = groups.get(key) ?? { workspaceId: r.workspace_id, since, ids: [] };
    group.ids.push(r.account_id);
    groups.set(key, group);
  }
  for (const { workspaceId, since, ids } of groups.values())
    for (let i = 0; i < ids.length; i += 500)
      await trx
        .updateTable('accounts')
        .set({ phase_since: since })
        .where('workspace_id', '=', workspaceId)
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
  // The phase decides which scorecards apply.
  for (const { workspaceId, ids } of groups.values()) await markHealthDirty(trx, workspaceId, ids, 'lifecycle phase changed');
}

/** The current phase of each given account (absent from the map when the account has none). */
export async function currentPhases(trx: Executor, workspaceId: string, accountIds: readonly string[]): Promise<Map<string, string>> {
  const phases = new Map<string, string>();
  for (let i = 0; i < accountIds.length; i += 500) {
    const found = await trx
      .selectFrom('accounts')
      .select(['id', 'lifecycle_phase'])
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', accountIds.slice(i, i + 500))
      .execute();
    for (const a of found) if (a.lifecycle_phase) phases.set(a.id, a.lifecycle_phase);
  }
  return phases;
}
