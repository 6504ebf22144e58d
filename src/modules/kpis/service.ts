import type { Database } from '../../db/connection.js';
import { classifyDbError, encodeJson, nowIso } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { withTransaction } from '../../db/transaction.js';
import { markWorkspaceHealthDirty } from '../../jobs/health-dirty.js';
import { newId } from '../../lib/ids.js';
import { conflict, invalid, notFound } from '../../server/errors.js';
import type { Actor } from '../../server/types.js';
import { findMember } from '../workspaces/service.js';
import type { Kpi, KpiCreate, KpiFormula, KpiPatch } from './contracts.js';
import { thresholdProblem } from './evaluate.js';
import { basesOf, findKpiRow, listKpiRows, metricsByKey, nextPosition, toKpi } from './repo.js';
import { findTemplate, kpiTemplates, withEvent } from './templates.js';

/** KPI definitions: CRUD and templates. Evaluation lives in values.ts. */
export async function listKpis(database: Database, actor: Actor): Promise<{ items: Kpi[] }> {
  return { items: (await listKpiRows(database.db, actor.workspaceId)).map(toKpi) };
}

export async function getKpi(database: Database, actor: Actor, id: string): Promise<Kpi> {
  const row = await findKpiRow(database.db, actor.workspaceId, id);
  if (!row) throw notFound('KPI');
  return toKpi(row);
}

/**
 * Checks what zod cannot: threshold order against the direction, watchers are members, metrics exist. Watchers are
 * checked when given: someone who has since left must not block an unrelated edit.
 */
async function checkKpi(
  database: Database,
  actor: Actor,
  kpi: Omit<Kpi, 'id' | 'templateKey' | 'position' | 'createdAt' | 'updatedAt'>,
  watchersGiven = true,
): Promise<void> {
  const problem = thresholdProblem(kpi);
  if (problem) throw invalid('criticalThreshold', 'order', problem, kpi.criticalThreshold);
  for (const [i, userId] of (watchersGiven ? kpi.watchers : []).entries()) {
    if (!(await findMember(database, actor.workspaceId, userId))) {
      throw invalid(`watchers.${i}`, 'member', 'A watcher must be a user of this workspace', userId);
    }
  }
  const bases = basesOf(kpi.formula);
  const metrics = await metricsByKey(
    database.db,
    actor.workspaceId,
    bases.flatMap((b) => (b.kind === 'metric' ? [b.metric] : [])),
  );
  for (const [i, base] of bases.entries()) {
    if (base.kind !== 'metric' || metrics.has(base.metric)) continue;
    const field = kpi.formula.kind === 'ratio' ? `formula.${i === 0 ? 'numerator' : 'denominator'}.metric` : 'formula.metric';
    throw invalid(field, 'exists', `No metric with the key "${base.metric}" in this workspace: define it under Metrics first`, base.metric);
  }
}

function rethrowUnique(err: unknown, name: string | undefined): never {
  if (classifyDbError(err) === 'unique') throw conflict('name', `A KPI named "${name}" already exists`, name);
  throw err;
}

const uniqueWatchers = (watchers: string[]) => [...new Set(watchers)];

export async function createKpi(database: Database, actor: Actor, input: KpiCreate, templateKey: string | null = null): Promise<Kpi> {
  const kpi = {
    ...input,
    description: input.description ?? null,
    unit: input.unit ?? null,
    warningThreshold: input.warningThreshold ?? null,
    criticalThreshold: input.criticalThreshold ?? null,
    watchers: uniqueWatchers(input.watchers),
  };
  await checkKpi(database, actor, kpi);
  const now = nowIso();
  const id = newId();
  try {
    await database.db
      .insertInto('kpis')
      .values({
        id,
        workspace_id: actor.workspaceId,
        name: kpi.name,
        description: kpi.description,
        template_key: templateKey,
        formula: encodeJson(kpi.formula),
        window_days: kpi.windowDays,
        timing: kpi.timing,
        direction: kpi.direction,
        objectivity: kpi.objectivity,
        nature: kpi.nature,
        unit: kpi.unit,
        warning_threshold: kpi.warningThreshold,
        critical_threshold: kpi.criticalThreshold,
        watchers: encodeJson(kpi.watchers),
        position: input.position ?? (await nextPosition(database.db, actor.workspaceId)),
        created_at: now,
        updated_at: now,
      })
      .execute();
  } catch (err) {
    rethrowUnique(err, kpi.name);
  }
  return getKpi(database, actor, id);
}

export async function updateKpi(database: Database, actor: Actor, id: string, patch: KpiPatch): Promise<Kpi> {
  const current = await getKpi(database, actor, id);
  const merged: Kpi = { ...current };
  for (const [key, value] of Object.entries(patch)) if (value !== undefined) Object.assign(merged, { [key]: value });
  merged.watchers = uniqueWatchers(merged.watchers);
  await checkKpi(database, actor, merged, patch.watchers !== undefined);
  const set: Partial<DB['kpis']> = {
    name: merged.name,
    description: merged.description,
    formula: encodeJson(merged.formula),
    window_days: merged.windowDays,
    timing: merged.timing,
    direction: merged.direction,
    objectivity: merged.objectivity,
    nature: merged.nature,
    unit: merged.unit,
    warning_threshold: merged.warningThreshold,
    critical_threshold: merged.criticalThreshold,
    watchers: encodeJson(merged.watchers),
    position: merged.position,
    updated_at: nowIso(),
  };
  try {
    await withTransaction(database.db, async (trx) => {
      await trx.updateTable('kpis').set(set).where('workspace_id', '=', actor.workspaceId).where('id', '=', id).execute();
      // Scores read KPI values and explain them with the KPI's name: every account's may change.
      await markWorkspaceHealthDirty(trx, database.dialect, actor.workspaceId, 'KPI edited');
    });
  } catch (err) {
    rethrowUnique(err, merged.name);
  }
  return getKpi(database, actor, id);
}

export async function deleteKpi(database: Database, actor: Actor, id: string): Promise<void> {
  const deleted = await withTransaction(database.db, async (trx) => {
    const result = await trx.deleteFrom('kpis').where('workspace_id', '=', actor.workspaceId).where('id', '=', id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return false;
    await markWorkspaceHealthDirty(trx, database.dialect, actor.workspaceId, 'KPI deleted');
    return true;
  });
  if (!deleted) throw notFound('KPI');
}

export function listTemplates() {
  return { items: kpiTemplates };
}

export async function createFromTemplate(
  database: Database,
  actor: Actor,
  input: { templateKey: string; name?: string | undefined; event?: string | undefined },
): Promise<Kpi> {
  const template = findTemplate(input.templateKey);
  if (!template) {
    throw invalid('templateKey', 'enum', `Unknown template: use one of ${kpiTemplates.map((t) => t.key).join(', ')}`, input.templateKey);
  }
  const formula: KpiFormula = input.event ? withEvent(template.formula, input.event) : template.formula;
  const { key, ...fields } = template;
  return createKpi(database, actor, { ...fields, name: input.name ?? template.name, formula, watchers: [] }, key);
}
