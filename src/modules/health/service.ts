import type { Database } from '../../db/connection.js';
import { nowIso } from '../../db/dialect.js';
import { withTransaction } from '../../db/transaction.js';
import { newId } from '../../lib/ids.js';
import { invalid, notFound } from '../../server/errors.js';
import type { Actor } from '../../server/types.js';
import { recomputeHealth } from './compute.js';
import type { MeasureInput, Scorecard, ScorecardInput, ScorecardPatch } from './contracts.js';
import { loadScorecards, nextScorecardPosition, replaceMeasures, scorecardColumns } from './repo.js';

/** Scorecards: CRUD with the checks zod cannot make; every write recomputes the scorecard's scores. */
export async function listScorecards(database: Database, actor: Actor): Promise<{ items: Scorecard[] }> {
  return { items: await loadScorecards(database.db, actor.workspaceId) };
}

export async function getScorecard(database: Database, actor: Actor, id: string): Promise<Scorecard> {
  const [card] = await loadScorecards(database.db, actor.workspaceId, [id]);
  if (!card) throw notFound('Scorecard');
  return card;
}

function checkMapping(m: MeasureInput, i: number): void {
  const field = `measures.${i}.mapping`;
  if (m.mapping.kind === 'linear') {
    if (m.mapping.worst === m.mapping.best)
      throw invalid(`${field}.best`, 'distinct', 'Best and worst must differ (worst > best when lower is better)', m.mapping.best);
    return;
  }
  const { bands } = m.mapping;
  for (const [j, band] of bands.entries()) {
    const last = j === bands.length - 1;
    if (last !== (band.upTo === null)) {
      throw invalid(`${field}.bands.${j}.upTo`, 'bands', 'Only the last band has no upper bound (upTo null), and it must have none', band.upTo);
    }
    const previous = bands[j - 1]?.upTo;
    if (j > 0 && band.upTo !== null && previous !== null && previous !== undefined && band.upTo <= previous) {
      throw invalid(`${field}.bands.${j}.upTo`, 'ascending', 'Band upper bounds must be in ascending order', band.upTo);
    }
  }
}

/**
 * `measuresGiven` false: the measures are the stored ones, whose KPIs may since have been deleted (→ no data, not an error).
 * Exported for the editor's preview (preview.ts), which checks a draft exactly as saving it would, without writing.
 */
export async function checkScorecard(
  database: Database,
  actor: Actor,
  card: ScorecardInput,
  existingIds: string[] | null,
  measuresGiven = true,
): Promise<void> {
  if (card.rag.redMax >= card.rag.amberMax)
    throw invalid('rag.amberMax', 'order', 'The amber band must end above the red band (redMax < amberMax)', card.rag.amberMax);
  const groupNames = card.groups.map((g) => g.name);
  for (const [i, name] of groupNames.entries()) {
    if (groupNames.indexOf(name) !== i) throw invalid(`groups.${i}.name`, 'unique', `The group "${name}" is listed twice`, name);
  }
  const kpiIds = [...new Set(card.measures.flatMap((m) => (m.source.kind === 'kpi' ? [m.source.kpiId] : [])))];
  const kpis = kpiIds.length
    ? new Set(
        (await database.db.selectFrom('kpis').select('id').where('workspace_id', '=', actor.workspaceId).where('id', 'in', kpiIds).execute()).map((r) => r.id),
      )
    : new Set<string>();
  const seen = new Set<string>();
  for (const [i, m] of card.measures.entries()) {
    if (m.id !== undefined) {
      if (!existingIds?.includes(m.id))
        throw invalid(`measures.${i}.id`, 'exists', 'No measure with this id on this scorecard: leave the id out for a new measure', m.id);
      if (seen.has(m.id)) throw invalid(`measures.${i}.id`, 'unique', 'The same measure is listed twice', m.id);
      seen.add(m.id);
    }
    if (measuresGiven && m.source.kind === 'kpi' && !kpis.has(m.source.kpiId)) {
      throw invalid(`measures.${i}.source.kpiId`, 'exists', 'No KPI with this id in this workspace', m.source.kpiId);
    }
    if (m.source.kind === 'manual' && m.source.min >= m.source.max) {
      throw invalid(`measures.${i}.source.max`, 'order', 'The highest value must be above the lowest', m.source.max);
    }
    if (groupNames.length && m.group !== null && !groupNames.includes(m.group)) {
      throw invalid(`measures.${i}.group`, 'exists', `No group "${m.group}" in groups: add it there or leave groups empty`, m.group);
    }
    checkMapping(m, i);
  }
}

export async function createScorecard(database: Database, actor: Actor, input: ScorecardInput): Promise<Scorecard> {
  await checkScorecard(database, actor, input, null);
  const id = newId();
  const now = nowIso();
  await withTransaction(database.db, async (trx) => {
    await trx
      .insertInto('scorecards')
      .values({
        id,
        workspace_id: actor.workspaceId,
        ...scorecardColumns(database.dialect, input),
        position: await nextScorecardPosition(trx, actor.workspaceId),
        template_key: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await replaceMeasures(
      trx,
      actor.workspaceId,
      id,
      input.measures.map(({ id: _ignored, ...m }) => m),
    );
    // The scorecard and its scores commit together: a crash cannot leave a saved scorecard unscored.
    await recomputeHealth({ ...database, db: trx }, actor.workspaceId, { scorecardIds: [id], cause: 'scorecard created' });
  });
  return getScorecard(database, actor, id);
}

export async function updateScorecard(database: Database, actor: Actor, id: string, patch: ScorecardPatch): Promise<Scorecard> {
  const current = await getScorecard(database, actor, id);
  const merged: ScorecardInput = {
    name: patch.name ?? current.name,
    description: patch.description === undefined ? current.description : patch.description,
    isOverall: patch.isOverall ?? current.isOverall,
    segment: patch.segment ?? current.segment,
    groups: patch.groups ?? current.groups,
    rag: patch.rag ?? current.rag,
    measures: patch.measures ?? current.measures,
  };
  await checkScorecard(
    database,
    actor,
    merged,
    current.measures.map((m) => m.id),
    patch.measures !== undefined,
  );
  await withTransaction(database.db, async (trx) => {
    await trx
      .updateTable('scorecards')
      .set({ ...scorecardColumns(database.dialect, merged), updated_at: nowIso() })
      .where('workspace_id', '=', actor.workspaceId)
      .where('id', '=', id)
      .execute();
    if (patch.measures) await replaceMeasures(trx, actor.workspaceId, id, patch.measures);
    await recomputeHealth({ ...database, db: trx }, actor.workspaceId, { scorecardIds: [id], cause: 'scorecard edited' });
  });
  return getScorecard(database, actor, id);
}

/** Puts the scorecards in the given order. No recompute: which overall scorecard an account shows is decided when read. */
export async function reorderScorecards(database: Database, actor: Actor, ids: string[]): Promise<{ items: Scorecard[] }> {
  const existing = (await database.db.selectFrom('scorecards').select('id').where('workspace_id', '=', actor.workspaceId).execute()).map((r) => r.id);
  for (const [i, id] of ids.entries()) {
    if (ids.indexOf(id) !== i) throw invalid(`ids.${i}`, 'unique', 'This scorecard is listed twice', id);
    if (!existing.includes(id)) throw invalid(`ids.${i}`, 'exists', 'No scorecard with this id in this workspace', id);
  }
  const missing = existing.filter((id) => !ids.includes(id));
  if (missing.length) throw invalid('ids', 'complete', `List every scorecard: ${missing.length} missing (${missing.join(', ')})`, missing.length);
  await withTransaction(database.db, async (trx) => {
    for (const [position, id] of ids.entries())
      await trx.updateTable('scorecards').set({ position, updated_at: nowIso() }).where('workspace_id', '=', actor.workspaceId).where('id', '=', id).execute();
  });
  return listScorecards(database, actor);
}

export async function deleteScorecard(database: Database, actor: Actor, id: string): Promise<void> {
  // Its measures, manual values, scores and snapshots go with it (foreign keys cascade).
  const result = await database.db.deleteFrom('scorecards').where('workspace_id', '=', actor.workspaceId).where('id', '=', id).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound('Scorecard');
}
