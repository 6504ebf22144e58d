import { sql, type Transaction } from 'kysely';
import { encodeJson, nowIso } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { nextPosition } from '../kpis/repo.js';
import { findTemplate } from '../kpis/templates.js';
import type { MeasureInput } from './contracts.js';
import { nextScorecardPosition } from './repo.js';

/**
 * The prebuilt "Customer health" scorecard (seed 'scorecard-v1'), following DOMAIN.md's health components: product
 * use, support, invoice history, how recently we were in touch, open risks and the executive relationship.
 * Weights are relative (they need not add up to 100); a measure without data is left out and the rest re-weighted.
 */
type DefaultMeasure = Omit<MeasureInput, 'source' | 'id'> & { source: MeasureInput['source'] | { kind: 'template'; templateKey: string } };

export const DEFAULT_SCORECARD_KEY = 'customer-health';

export const DEFAULT_MEASURES: DefaultMeasure[] = [
  // 13 of 100 licences active is poor; 70% and more is as good as it gets.
  {
    name: 'Licence utilisation',
    group: 'Product use',
    source: { kind: 'template', templateKey: 'licence_utilisation' },
    mapping: { kind: 'linear', worst: 10, best: 70 },
    weight: 20,
  },
  {
    name: 'Active users',
    group: 'Product use',
    source: { kind: 'template', templateKey: 'active_users' },
    mapping: {
      kind: 'bands',
      bands: [
        { upTo: 0, score: 0 },
        { upTo: 2, score: 30 },
        { upTo: 5, score: 60 },
        { upTo: 10, score: 85 },
        { upTo: null, score: 100 },
      ],
    },
    weight: 10,
  },
  // Lower is better: no tickets → 100, 20 or more in 30 days → 0.
  {
    name: 'Support tickets',
    group: 'Support',
    source: { kind: 'template', templateKey: 'support_tickets' },
    mapping: { kind: 'linear', worst: 20, best: 0 },
    weight: 15,
  },
  {
    name: 'Invoices paid late',
    group: 'Invoice history',
    source: { kind: 'template', templateKey: 'invoices_paid_late' },
    mapping: {
      kind: 'bands',
      bands: [
        { upTo: 0, score: 100 },
        { upTo: 1, score: 50 },
        { upTo: null, score: 0 },
      ],
    },
    weight: 10,
  },
  {
    name: 'Days since last touch',
    group: 'Relationship',
    source: { kind: 'days_since_touch' },
    mapping: {
      kind: 'bands',
      bands: [
        { upTo: 14, score: 100 },
        { upTo: 30, score: 70 },
        { upTo: 60, score: 30 },
        { upTo: null, score: 0 },
      ],
    },
    weight: 15,
  },
  {
    name: 'Open risks',
    group: 'Risks',
    source: { kind: 'open_risks' },
    mapping: {
      kind: 'bands',
      bands: [
        { upTo: 0, score: 100 },
        { upTo: 1, score: 50 },
        { upTo: null, score: 0 },
      ],
    },
    weight: 15,
  },
  {
    name: 'Executive relationship',
    group: 'Relationship',
    source: { kind: 'manual', min: 1, max: 5 },
    mapping: { kind: 'linear', worst: 1, best: 5 },
    weight: 10,
  },
];

/** The workspace's KPI for a template: the one made from it, else one with its name, else a new one. */
async function kpiFor(trx: Transaction<DB>, workspaceId: string, templateKey: string): Promise<string> {
  const template = findTemplate(templateKey);
  if (!template) throw new Error(`Unknown KPI template ${templateKey}`);
  const found =
    (await trx
      .selectFrom('kpis')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('template_key', '=', templateKey)
      .orderBy('position')
      .executeTakeFirst()) ??
    (await trx.selectFrom('kpis').select('id').where('workspace_id', '=', workspaceId).where('name', '=', template.name).executeTakeFirst());
  if (found) return found.id;
  const { key, ...fields } = template;
  const id = newId();
  const now = nowIso();
  await trx
    .insertInto('kpis')
    .values({
      id,
      workspace_id: workspaceId,
      name: fields.name,
      description: fields.description,
      template_key: key,
      formula: encodeJson(fields.formula),
      window_days: fields.windowDays,
      timing: fields.timing,
      direction: fields.direction,
      objectivity: fields.objectivity,
      nature: fields.nature,
      unit: fields.unit,
      warning_threshold: fields.warningThreshold,
      critical_threshold: fields.criticalThreshold,
      watchers: '[]',
      position: await nextPosition(trx, workspaceId),
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** Seed 'scorecard-v1' (src/modules/seeds.ts). Scores appear with the first recompute. */
export async function installDefaultScorecard(trx: Transaction<DB>, workspaceId: string): Promise<void> {
  const now = nowIso();
  const id = newId();
  await trx
    .insertInto('scorecards')
    .values({
      id,
      workspace_id: workspaceId,
      name: 'Customer health',
      description: 'Product use, support, invoices, how recently we spoke, open risks and the executive relationship.',
      // A comparison is true on both engines (SQLite stores 1, PostgreSQL a boolean); seeds get no dialect.
      is_overall: sql<boolean>`1 = 1`,
      segment: encodeJson({ lifecyclePhase: [], touchTier: [], deploymentStatus: [], companySize: [] }),
      groups: '[]',
      red_max: 50,
      amber_max: 75,
      position: await nextScorecardPosition(trx, workspaceId),
      template_key: DEFAULT_SCORECARD_KEY,
      created_at: now,
      updated_at: now,
    })
    .execute();
  for (const [position, m] of DEFAULT_MEASURES.entries()) {
    const source = m.source.kind === 'template' ? { kind: 'kpi' as const, kpiId: await kpiFor(trx, workspaceId, m.source.templateKey) } : m.source;
    await trx
      .insertInto('scorecard_measures')
      .values({
        id: newId(),
        workspace_id: workspaceId,
        scorecard_id: id,
        name: m.name,
        group_name: m.group,
        source: encodeJson(source),
        mapping: encodeJson(m.mapping),
        weight: m.weight,
        position,
      })
      .execute();
  }
}
