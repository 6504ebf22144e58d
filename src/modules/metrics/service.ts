import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/connection.js';
import { classifyDbError, nowIso } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { withTransaction } from '../../db/transaction.js';
import { markWorkspaceHealthDirty } from '../../jobs/health-dirty.js';
import { newId } from '../../lib/ids.js';
import { conflict, notFound } from '../../server/errors.js';
import type { Actor } from '../../server/types.js';
import type { Metric, MetricAggregation, MetricCreate, MetricList, MetricPatch } from './contracts.js';

export function toMetric(row: DB['metrics']): Metric {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    unit: row.unit,
    aggregation: row.aggregation as MetricAggregation,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Every metric of a workspace, by name (a workspace has tens, not thousands). */
export async function metricsOf(db: Kysely<DB> | Transaction<DB>, workspaceId: string): Promise<Metric[]> {
  const rows = await db.selectFrom('metrics').selectAll().where('workspace_id', '=', workspaceId).orderBy('name').orderBy('id').execute();
  return rows.map(toMetric);
}

export async function listMetrics(database: Database, actor: Actor): Promise<MetricList> {
  return { items: await metricsOf(database.db, actor.workspaceId) };
}

async function findMetric(database: Database, actor: Actor, id: string): Promise<DB['metrics'] | undefined> {
  return database.db.selectFrom('metrics').selectAll().where('workspace_id', '=', actor.workspaceId).where('id', '=', id).executeTakeFirst();
}

export async function getMetric(database: Database, actor: Actor, id: string): Promise<Metric> {
  const row = await findMetric(database, actor, id);
  if (!row) throw notFound('Metric');
  return toMetric(row);
}

export async function createMetric(database: Database, actor: Actor, input: MetricCreate): Promise<Metric> {
  const now = nowIso();
  const id = newId();
  try {
    await database.db
      .insertInto('metrics')
      .values({
        id,
        workspace_id: actor.workspaceId,
        key: input.key,
        name: input.name,
        description: input.description ?? null,
        unit: input.unit ?? null,
        aggregation: input.aggregation,
        created_at: now,
        updated_at: now,
      })
      .execute();
  } catch (err) {
    if (classifyDbError(err) === 'unique') throw conflict('key', `Another metric already has the key "${input.key}"`, input.key);
    throw err;
  }
  return getMetric(database, actor, id);
}

export async function updateMetric(database: Database, actor: Actor, id: string, patch: MetricPatch): Promise<Metric> {
  const set: Partial<DB['metrics']> = { updated_at: nowIso() };
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.description !== undefined) set.description = patch.description;
  if (patch.unit !== undefined) set.unit = patch.unit;
  if (patch.aggregation !== undefined) set.aggregation = patch.aggregation;
  const updated = await withTransaction(database.db, async (trx) => {
    const result = await trx.updateTable('metrics').set(set).where('workspace_id', '=', actor.workspaceId).where('id', '=', id).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    // KPIs over the metric (and so health scores) aggregate it by the metric's own rule, and name its unit.
    await markWorkspaceHealthDirty(trx, database.dialect, actor.workspaceId, 'metric edited');
    return true;
  });
  if (!updated) throw notFound('Metric');
  return getMetric(database, actor, id);
}

/** Its values go with it (foreign key cascade). KPIs naming its key then show no data rather than failing. */
export async function deleteMetric(database: Database, actor: Actor, id: string): Promise<void> {
  const deleted = await withTransaction(database.db, async (trx) => {
    const result = await trx.deleteFrom('metrics').where('workspace_id', '=', actor.workspaceId).where('id', '=', id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return false;
    await markWorkspaceHealthDirty(trx, database.dialect, actor.workspaceId, 'metric deleted');
    return true;
  });
  if (!deleted) throw notFound('Metric');
}
