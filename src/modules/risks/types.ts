import { sql } from 'kysely';
import type { Database } from '../../db/connection.js';
import { classifyDbError, decodeBool, encodeBool, nowIso } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { withTransaction } from '../../db/transaction.js';
import { RiskCategories, type RiskCategory, type RiskStatus } from '../../domain/enums.js';
import { newId } from '../../lib/ids.js';
import { AppError, conflict, notFound } from '../../server/errors.js';
import type { Actor } from '../../server/types.js';
import type { RiskType, RiskTypeCreate, RiskTypeList, RiskTypeListQuery, RiskTypePatch } from './contracts.js';
import { syncAccountRiskStatuses } from './sync.js';

type RiskTypeRow = DB['risk_types'] & { risk_count: number | string };

function selectTypes(database: Database, workspaceId: string) {
  return database.db
    .selectFrom('risk_types')
    .selectAll('risk_types')
    .select((eb) =>
      eb
        .selectFrom('risks')
        .select((r) => r.fn.countAll<number>().as('n'))
        .whereRef('risks.risk_type_id', '=', 'risk_types.id')
        .as('risk_count'),
    )
    .where('risk_types.workspace_id', '=', workspaceId);
}

function toRiskType(row: RiskTypeRow): RiskType {
  return {
    id: row.id,
    category: row.category as RiskCategory,
    label: row.label,
    description: row.description,
    riskStatus: row.risk_status as RiskStatus | null,
    active: decodeBool(row.active),
    position: Number(row.position),
    riskCount: Number(row.risk_count ?? 0),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function listRiskTypes(database: Database, actor: Actor, query: RiskTypeListQuery): Promise<RiskTypeList> {
  let q = selectTypes(database, actor.workspaceId);
  if (query.category?.length) q = q.where('risk_types.category', 'in', query.category);
  if (query.active) q = q.where('risk_types.active', '=', encodeBool(database.dialect, query.active === 'true'));
  const rows = (await q.orderBy('risk_types.position').orderBy(sql`lower(risk_types.label)`).execute()) as RiskTypeRow[];
  const rank = (c: string) => RiskCategories.values.indexOf(c as RiskCategory);
  // Category order is the enum's (the catalog's sections), which SQL does not know.
  return { items: rows.map(toRiskType).sort((a, b) => rank(a.category) - rank(b.category)) };
}

export async function getRiskType(database: Database, actor: Actor, id: string): Promise<RiskType> {
  const row = (await selectTypes(database, actor.workspaceId).where('risk_types.id', '=', id).executeTakeFirst()) as RiskTypeRow | undefined;
  if (!row) throw notFound('Risk type');
  return toRiskType(row);
}

function rethrowLabel(err: unknown, label: string | undefined): never {
  if (classifyDbError(err) === 'unique') throw conflict('label', `The catalog already has a type labelled "${label}"`, label);
  throw err;
}

export async function createRiskType(database: Database, actor: Actor, input: RiskTypeCreate): Promise<RiskType> {
  const now = nowIso();
  const id = newId();
  let position = input.position;
  if (position === undefined) {
    const max = await database.db
      .selectFrom('risk_types')
      .select((eb) => eb.fn.max('position').as('p'))
      .where('workspace_id', '=', actor.workspaceId)
      .executeTakeFirst();
    position = Number(max?.p ?? -1) + 1;
  }
  try {
    await database.db
      .insertInto('risk_types')
      .values({
        id,
        workspace_id: actor.workspaceId,
        category: input.category,
        label: input.label,
        description: input.description ?? null,
        risk_status: input.riskStatus ?? null,
        active: encodeBool(database.dialect, input.active ?? true),
        position,
        created_at: now,
        updated_at: now,
      })
      .execute();
  } catch (err) {
    rethrowLabel(err, input.label);
  }
  return getRiskType(database, actor, id);
}

export async function updateRiskType(database: Database, actor: Actor, id: string, patch: RiskTypePatch): Promise<RiskType> {
  const before = await getRiskType(database, actor, id);
  const set: Partial<DB['risk_types']> = { updated_at: nowIso() };
  if (patch.category !== undefined) set.category = patch.category;
  if (patch.label !== undefined) set.label = patch.label;
  if (patch.description !== undefined) set.description = patch.description;
  if (patch.riskStatus !== undefined) set.risk_status = patch.riskStatus;
  if (patch.active !== undefined) set.active = encodeBool(database.dialect, patch.active);
  if (patch.position !== undefined) set.position = patch.position;
  try {
    await withTransaction(database.db, async (trx) => {
      await trx.updateTable('risk_types').set(set).where('workspace_id', '=', actor.workspaceId).where('id', '=', id).execute();
      // A new mapping moves the status on every account with an open risk of this type.
      if (patch.riskStatus !== undefined && patch.riskStatus !== before.riskStatus) {
        const accounts = await trx
          .selectFrom('risks')
          .select('account_id')
          .distinct()
          .where('workspace_id', '=', actor.workspaceId)
          .where('risk_type_id', '=', id)
          .execute();
        await syncAccountRiskStatuses(
          trx,
          actor.workspaceId,
          accounts.map((a) => a.account_id),
          before.riskStatus ? [before.riskStatus] : [],
        );
      }
    });
  } catch (err) {
    rethrowLabel(err, patch.label);
  }
  return getRiskType(database, actor, id);
}

/**
 * Only a type no risk uses can be deleted: the register's history keeps its categories. A type in use answers 409
 * and is deactivated instead (PATCH active: false), which hides it from new risks.
 */
export async function deleteRiskType(database: Database, actor: Actor, id: string): Promise<void> {
  const type = await getRiskType(database, actor, id);
  if (type.riskCount > 0) {
    throw new AppError('conflict', `${type.riskCount} risk(s) use "${type.label}": deactivate the type instead of deleting it`, [
      { field: 'id', rule: 'in_use', message: 'The type is used by risks; set active to false instead', value: id },
    ]);
  }
  await database.db.deleteFrom('risk_types').where('workspace_id', '=', actor.workspaceId).where('id', '=', id).execute();
}
