import type { Kysely, Transaction } from 'kysely';
import { type Dialect, decodeBool, decodeJson, encodeBool, encodeJson } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import type { Mapping, MeasureInput, MeasureSource, Scorecard, ScorecardInput, Segment } from './contracts.js';

export type Executor = Kysely<DB> | Transaction<DB>;
export type Measure = Scorecard['measures'][number];

const EMPTY_SEGMENT: Segment = { lifecyclePhase: [], touchTier: [], deploymentStatus: [], companySize: [] };

export function toMeasure(row: DB['scorecard_measures']): Measure {
  return {
    id: row.id,
    name: row.name,
    group: row.group_name,
    source: decodeJson<MeasureSource>(row.source, { kind: 'manual', min: 0, max: 100 }),
    mapping: decodeJson<Mapping>(row.mapping, { kind: 'linear', worst: 0, best: 100 }),
    weight: Number(row.weight),
  };
}

export function toScorecard(row: DB['scorecards'], measures: DB['scorecard_measures'][]): Scorecard {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    isOverall: decodeBool(row.is_overall),
    segment: { ...EMPTY_SEGMENT, ...decodeJson<Partial<Segment>>(row.segment, {}) },
    groups: decodeJson<Scorecard['groups']>(row.groups, []),
    rag: { redMax: Number(row.red_max), amberMax: Number(row.amber_max) },
    measures: measures
      .filter((m) => m.scorecard_id === row.id)
      .sort((a, b) => Number(a.position) - Number(b.position))
      .map(toMeasure),
    position: Number(row.position),
    templateKey: row.template_key,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The workspace's scorecards by position (or only `ids`), with their measures: two queries. */
export async function loadScorecards(db: Executor, workspaceId: string, ids?: string[]): Promise<Scorecard[]> {
  if (ids && ids.length === 0) return [];
  let q = db.selectFrom('scorecards').selectAll().where('workspace_id', '=', workspaceId);
  if (ids) q = q.where('id', 'in', ids);
  const rows = await q.orderBy('position').orderBy('id').limit(500).execute();
  if (rows.length === 0) return [];
  const measures = await db
    .selectFrom('scorecard_measures')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where(
      'scorecard_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((r) => toScorecard(r, measures));
}

export async function nextScorecardPosition(db: Executor, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom('scorecards')
    .select((eb) => eb.fn.max('position').as('p'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return row?.p === null || row?.p === undefined ? 0 : Number(row.p) + 1;
}

export function scorecardColumns(dialect: Dialect, input: Omit<ScorecardInput, 'measures'>) {
  return {
    name: input.name,
    description: input.description ?? null,
    is_overall: encodeBool(dialect, input.isOverall),
    segment: encodeJson(input.segment),
    groups: encodeJson(input.groups),
    red_max: input.rag.redMax,
    amber_max: input.rag.amberMax,
  };
}

/**
 * Replaces a scorecard's measures as a whole. A measure sent with the id of one of its measures keeps that id
 * (and so its manual values); the others are deleted (their manual values with them) and new ones inserted.
 */
export async function replaceMeasures(trx: Transaction<DB>, workspaceId: string, scorecardId: string, measures: MeasureInput[]): Promise<void> {
  const kept = measures.flatMap((m) => (m.id ? [m.id] : []));
  let del = trx.deleteFrom('scorecard_measures').where('workspace_id', '=', workspaceId).where('scorecard_id', '=', scorecardId);
  if (kept.length) del = del.where('id', 'not in', kept);
  await del.execute();
  for (const [position, m] of measures.entries()) {
    const columns = { name: m.name, group_name: m.group ?? null, source: encodeJson(m.source), mapping: encodeJson(m.mapping), weight: m.weight, position };
    if (m.id) {
      await trx.updateTable('scorecard_measures').set(columns).where('workspace_id', '=', workspaceId).where('id', '=', m.id).execute();
    } else {
      await trx
        .insertInto('scorecard_measures')
        .values({ id: newId(), workspace_id: workspaceId, scorecard_id: scorecardId, ...columns })
        .execute();
    }
  }
}
