import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/connection.js';
import { decodeBool, nowIso } from '../../db/dialect.js';
import { afterCursor, splitPage } from '../../db/keyset.js';
import type { DB } from '../../db/schema.js';
import { withTransaction } from '../../db/transaction.js';
import { OPEN_RISK_STATUSES, type RiskRecordStatus } from '../../domain/enums.js';
import { parseSort } from '../../lib/cursor.js';
import { newId } from '../../lib/ids.js';
import { invalid, notFound } from '../../server/errors.js';
import type { Actor } from '../../server/types.js';
import { accountExists } from '../accounts/repo.js';
import { findMember } from '../workspaces/service.js';
import type { AccountRiskListQuery, Risk, RiskCreate, RiskListQuery, RiskPage, RiskPatch } from './contracts.js';
import { applyRiskFilters, findRiskRow, type RiskRow, riskSortExpression, selectRisks, toRisk } from './repo.js';
import { syncAccountRiskStatuses } from './sync.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** How far back a red flag counts as the first warning signal of a risk logged later. */
export const SIGNAL_WINDOW_DAYS = 90;

export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

export function shiftDate(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const isOpen = (status: string) => (OPEN_RISK_STATUSES as readonly string[]).includes(status);

export async function listRisks(database: Database, actor: Actor, query: RiskListQuery): Promise<RiskPage> {
  const { field, direction } = parseSort(query.sort);
  const { key, kind } = riskSortExpression(field);
  let q = applyRiskFilters(selectRisks(database.db, actor.workspaceId), query).select(key.as('sort_key'));
  if (query.cursor) q = q.where(afterCursor(key, kind, 'risks.id', direction, query.cursor));
  const fetched = (await q
    .orderBy(key, direction)
    .orderBy('risks.id', direction)
    .limit(query.limit + 1)
    .execute()) as Array<RiskRow & { sort_key: string | number }>;
  const { rows, nextCursor } = splitPage(fetched, query.limit);
  const count = await applyRiskFilters(selectRisks(database.db, actor.workspaceId), query)
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { items: rows.map(toRisk), nextCursor, total: Number(count.n) };
}

export async function listAccountRisks(database: Database, actor: Actor, accountId: string, query: AccountRiskListQuery): Promise<RiskPage> {
  if (!(await accountExists(database.db, actor.workspaceId, accountId))) throw notFound('Account');
  return listRisks(database, actor, { ...query, accountId: [accountId] });
}

export async function getRisk(database: Database, actor: Actor, id: string): Promise<Risk> {
  const row = await findRiskRow(database.db, actor.workspaceId, id);
  if (!row) throw notFound('Risk');
  return toRisk(row);
}

/** The type must be this workspace's; a new or changed type must also be active. Returns its label. */
async function checkType(database: Database, actor: Actor, riskTypeId: string): Promise<string> {
  const type = await database.db
    .selectFrom('risk_types')
    .select(['label', 'active'])
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', riskTypeId)
    .executeTakeFirst();
  if (!type) throw invalid('riskTypeId', 'exists', 'The risk type does not exist in this workspace', riskTypeId);
  if (!decodeBool(type.active)) throw invalid('riskTypeId', 'active', 'The risk type is inactive: pick an active one from the catalog', riskTypeId);
  return type.label;
}

async function checkOwner(database: Database, actor: Actor, ownerId: string | null | undefined): Promise<void> {
  if (ownerId && !(await findMember(database, actor.workspaceId, ownerId))) {
    throw invalid('ownerId', 'member', 'The owner must be a user of this workspace', ownerId);
  }
}

/** The earliest red flag raised on the account in the window before the risk was identified, else the day itself. */
export async function defaultFirstSignal(db: Executor, workspaceId: string, accountId: string, identifiedOn: string): Promise<string> {
  const row = await db
    .selectFrom('red_flags')
    .select((eb) => eb.fn.min('raised_at').as('first'))
    .where('workspace_id', '=', workspaceId)
    .where('account_id', '=', accountId)
    .where('raised_at', '>=', `${shiftDate(identifiedOn, -SIGNAL_WINDOW_DAYS)}T00:00:00.000Z`)
    .where('raised_at', '<', `${shiftDate(identifiedOn, 1)}T00:00:00.000Z`)
    .executeTakeFirst();
  return row?.first ? String(row.first).slice(0, 10) : identifiedOn;
}

/** Dates must be in order: first signal ≤ identified ≤ resolved. A resolved date only belongs to a closed risk. */
function checkDates(status: RiskRecordStatus, firstSignalOn: string | null, identifiedOn: string, resolvedOn: string | null, givenResolved?: string | null) {
  if (firstSignalOn && firstSignalOn > identifiedOn) {
    throw invalid(
      'firstSignalOn',
      'not_after_identified',
      `The first signal cannot come after the day the risk was identified (${identifiedOn})`,
      firstSignalOn,
    );
  }
  if (givenResolved && isOpen(status)) {
    throw invalid('resolvedOn', 'closed_only', 'Only a mitigated, churned or dismissed risk has a resolved date', givenResolved);
  }
  if (resolvedOn && resolvedOn < identifiedOn) {
    throw invalid('resolvedOn', 'not_before_identified', `The risk cannot be resolved before it was identified (${identifiedOn})`, resolvedOn);
  }
}

export async function createRisk(database: Database, actor: Actor, input: RiskCreate): Promise<Risk> {
  if (!(await accountExists(database.db, actor.workspaceId, input.accountId))) {
    throw invalid('accountId', 'exists', 'The account does not exist in this workspace', input.accountId);
  }
  const typeLabel = input.riskTypeId ? await checkType(database, actor, input.riskTypeId) : null;
  const title = input.title ?? typeLabel;
  if (!title) throw invalid('title', 'required', 'Give the risk a title, or pick a risk type to use its label', null);
  await checkOwner(database, actor, input.ownerId);
  const status = input.status ?? 'open';
  const identifiedOn = input.identifiedOn ?? todayUtc();
  const resolvedOn = isOpen(status) ? null : (input.resolvedOn ?? todayUtc());
  const id = newId();
  await withTransaction(database.db, async (trx) => {
    const firstSignalOn = input.firstSignalOn ?? (await defaultFirstSignal(trx, actor.workspaceId, input.accountId, identifiedOn));
    checkDates(status, firstSignalOn, identifiedOn, resolvedOn, input.resolvedOn);
    const now = nowIso();
    await trx
      .insertInto('risks')
      .values({
        id,
        workspace_id: actor.workspaceId,
        account_id: input.accountId,
        risk_type_id: input.riskTypeId ?? null,
        title,
        description: input.description ?? null,
        severity: input.severity ?? 'medium',
        status,
        owner_id: input.ownerId ?? null,
        mitigation_plan: input.mitigationPlan ?? null,
        first_signal_on: firstSignalOn,
        identified_on: identifiedOn,
        resolved_on: resolvedOn,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await syncAccountRiskStatuses(trx, actor.workspaceId, [input.accountId]);
  });
  return getRisk(database, actor, id);
}

export async function updateRisk(database: Database, actor: Actor, id: string, patch: RiskPatch): Promise<Risk> {
  const before = await findRiskRow(database.db, actor.workspaceId, id);
  if (!before) throw notFound('Risk');
  if (patch.riskTypeId && patch.riskTypeId !== before.risk_type_id) await checkType(database, actor, patch.riskTypeId);
  await checkOwner(database, actor, patch.ownerId);
  const status = patch.status ?? (before.status as RiskRecordStatus);
  const identifiedOn = patch.identifiedOn ?? before.identified_on;
  // Closing stamps the day (unless given), reopening clears it; a closed risk keeps its day unless a new one is given.
  const resolvedOn = isOpen(status) ? null : (patch.resolvedOn ?? before.resolved_on ?? todayUtc());
  await withTransaction(database.db, async (trx) => {
    let firstSignalOn = patch.firstSignalOn !== undefined ? patch.firstSignalOn : before.first_signal_on;
    // Cleared, or left behind by an earlier identified day: back to the default.
    if (firstSignalOn === null || (patch.firstSignalOn === undefined && firstSignalOn > identifiedOn)) {
      firstSignalOn = await defaultFirstSignal(trx, actor.workspaceId, before.account_id, identifiedOn);
    }
    checkDates(status, firstSignalOn, identifiedOn, resolvedOn, patch.resolvedOn);
    const set: Partial<DB['risks']> = { status, identified_on: identifiedOn, resolved_on: resolvedOn, first_signal_on: firstSignalOn, updated_at: nowIso() };
    if (patch.riskTypeId !== undefined) set.risk_type_id = patch.riskTypeId;
    if (patch.title !== undefined) set.title = patch.title;
    if (patch.description !== undefined) set.description = patch.description;
    if (patch.severity !== undefined) set.severity = patch.severity;
    if (patch.ownerId !== undefined) set.owner_id = patch.ownerId;
    if (patch.mitigationPlan !== undefined) set.mitigation_plan = patch.mitigationPlan;
    await trx.updateTable('risks').set(set).where('workspace_id', '=', actor.workspaceId).where('id', '=', id).execute();
    await syncAccountRiskStatuses(trx, actor.workspaceId, [before.account_id], releasedBy(before));
  });
  return getRisk(database, actor, id);
}

/** The status a risk stopped accounting for when it changes or goes: its type's, if it was open. */
function releasedBy(before: RiskRow): string[] {
  return isOpen(before.status) && before.type_risk_status ? [before.type_risk_status] : [];
}

export async function deleteRisk(database: Database, actor: Actor, id: string): Promise<void> {
  const before = await findRiskRow(database.db, actor.workspaceId, id);
  if (!before) throw notFound('Risk');
  await withTransaction(database.db, async (trx) => {
    await trx.deleteFrom('risks').where('workspace_id', '=', actor.workspaceId).where('id', '=', id).execute();
    await syncAccountRiskStatuses(trx, actor.workspaceId, [before.account_id], releasedBy(before));
  });
}
