import type { Database } from '../../db/connection.js';
import { nowIso } from '../../db/dialect.js';
import { withTransaction } from '../../db/transaction.js';
import { type LifecyclePhase, LifecyclePhases } from '../../domain/enums.js';
import { invalid, notFound } from '../../server/errors.js';
import type { Actor } from '../../server/types.js';
import type { AccountLifecycle, LifecycleMove, LifecycleSummary, LifecycleSummaryQuery } from './contracts.js';
import { median, nextPhase, wholeDaysBetween } from './cycle.js';
import { recordPhaseChange } from './record.js';

const HISTORY_LIMIT = 200;

function phaseOf(value: string | null): LifecyclePhase | null {
  const parsed = LifecyclePhases.schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export async function getLifecycle(database: Database, actor: Actor, accountId: string): Promise<AccountLifecycle> {
  const { db } = database;
  const account = await db
    .selectFrom('accounts')
    .select(['id', 'lifecycle_phase', 'phase_since', 'created_at'])
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', accountId)
    .executeTakeFirst();
  if (!account) throw notFound('Account');
  const history = await db
    .selectFrom('lifecycle_changes')
    .leftJoin('users', 'users.id', 'lifecycle_changes.changed_by')
    .select([
      'lifecycle_changes.id',
      'lifecycle_changes.from_phase',
      'lifecycle_changes.to_phase',
      'lifecycle_changes.changed_at',
      'lifecycle_changes.changed_by',
      'lifecycle_changes.note',
      'users.name as changed_by_name',
    ])
    .where('lifecycle_changes.workspace_id', '=', actor.workspaceId)
    .where('lifecycle_changes.account_id', '=', accountId)
    .orderBy('lifecycle_changes.changed_at', 'desc')
    .orderBy('lifecycle_changes.id', 'desc')
    .limit(HISTORY_LIMIT)
    .execute();
  const cycles = await db
    .selectFrom('lifecycle_changes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', actor.workspaceId)
    .where('account_id', '=', accountId)
    .where('from_phase', '=', 'renewal_expansion')
    .where('to_phase', 'is not', null)
    .where('to_phase', '!=', 'renewal_expansion')
    .executeTakeFirstOrThrow();
  const phase = phaseOf(account.lifecycle_phase);
  const since = phase ? (account.phase_since ?? account.created_at) : null;
  return {
    accountId,
    phase,
    since,
    daysInPhase: since ? wholeDaysBetween(since, new Date()) : null,
    nextPhase: nextPhase(phase),
    cyclesCompleted: Number(cycles.n),
    history: history.map((h) => ({
      id: h.id,
      from: phaseOf(h.from_phase),
      to: phaseOf(h.to_phase),
      changedAt: h.changed_at,
      changedById: h.changed_by,
      changedByName: h.changed_by_name ?? null,
      note: h.note,
    })),
  };
}

export async function moveLifecycle(database: Database, actor: Actor, accountId: string, input: LifecycleMove): Promise<AccountLifecycle> {
  await withTransaction(database.db, async (trx) => {
    const account = await trx
      .selectFrom('accounts')
      .select(['lifecycle_phase'])
      .where('workspace_id', '=', actor.workspaceId)
      .where('id', '=', accountId)
      .executeTakeFirst();
    if (!account) throw notFound('Account');
    const from = phaseOf(account.lifecycle_phase);
    const to = input.phase ?? nextPhase(from);
    if (to === from) throw invalid('phase', 'changed', `The account is already in ${LifecyclePhases.labels[to]}`, to);
    const at = nowIso();
    await trx
      .updateTable('accounts')
      .set({ lifecycle_phase: to, updated_at: at })
      .where('workspace_id', '=', actor.workspaceId)
      .where('id', '=', accountId)
      .execute();
    await recordPhaseChange(trx, { workspaceId: actor.workspaceId, accountId, from, to, changedBy: actor.userId, at, note: input.note ?? null });
  });
  return getLifecycle(database, actor, accountId);
}

/** Accounts per phase with their time in it; one read of two columns per account, the statistics in memory. */
export async function lifecycleSummary(database: Database, actor: Actor, query: LifecycleSummaryQuery): Promise<LifecycleSummary> {
  let q = database.db.selectFrom('accounts').select(['lifecycle_phase', 'phase_since', 'created_at']).where('workspace_id', '=', actor.workspaceId);
  if (query.ownerId) q = q.where('owner_id', '=', query.ownerId);
  const rows = await q.execute();
  const now = new Date();
  const days = new Map<LifecyclePhase, number[]>(LifecyclePhases.values.map((p) => [p, []]));
  let withoutPhase = 0;
  for (const row of rows) {
    const phase = phaseOf(row.lifecycle_phase);
    if (!phase) withoutPhase++;
    else days.get(phase)?.push(wholeDaysBetween(row.phase_since ?? row.created_at, now));
  }
  return {
    phases: LifecyclePhases.values.map((phase) => {
      const list = days.get(phase) ?? [];
      const total = list.reduce((s, d) => s + d, 0);
      return {
        phase,
        accounts: list.length,
        medianDays: median(list),
        averageDays: list.length ? Math.round((total / list.length) * 10) / 10 : null,
      };
    }),
    withoutPhase,
  };
}
