import type { Database } from '../../db/connection.js';
import { decodeJson, encodeJson, nowIso } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { CompanySizes, DeploymentStatuses, LifecyclePhases, RiskStatuses, TouchTiers } from '../../domain/enums.js';
import { markHealthDirty } from '../../jobs/health-dirty.js';
import { newId } from '../../lib/ids.js';
import type { Actor } from '../../server/types.js';
import { AccountFields, CustomFields } from '../accounts/contracts.js';
import { onAccountsKeyed } from '../ingest/rematch.js';
import { currentPhases, recordPhaseChanges } from '../lifecycle/record.js';
import { getSettings, listMembers } from '../workspaces/service.js';
import { decimalToMinor, enumCell, listCell, rowChecker } from './cells.js';
import type { ImportReport, ImportRowError } from './contracts.js';
import { finishReport, type ImportOptions, inBatches, updateInBatches, writeInTransaction } from './import-common.js';
import { type CsvRow, parseCsv } from './parse.js';

export const ACCOUNT_COLUMNS = [
  'external_id',
  'name',
  'domain',
  'industry',
  'region',
  'company_size',
  'arr',
  'currency',
  'deployment_status',
  'lifecycle_phase',
  'touch_tier',
  'owner_email',
  'renewal_date',
  'risk_statuses',
  'parent_external_id',
] as const;

/**
 * What an export adds after those: values Keepwell derives (the overall health score as shown, its RAG, the last
 * touch, the last and next meeting, whether a touch is overdue). For reports in a spreadsheet; an import reads
 * past them, so an export still imports back unchanged.
 */
export const ACCOUNT_DERIVED_COLUMNS = ['health_score', 'health_rag', 'last_touch_at', 'last_meeting_at', 'next_meeting_at', 'touch_overdue'] as const;

type Columns = Partial<DB['accounts']>;

interface Existing {
  id: string;
  /** Loaded only when the file has custom.<key> columns, to merge into. */
  customFields: Record<string, unknown> | null;
}

interface Plan {
  row: number;
  /** False when a cell is invalid; such rows still take part in the duplicate and parent checks. */
  valid: boolean;
  id: string;
  externalId: string;
  existing: Existing | null;
  columns: Columns;
  parentExternalId: string | null;
}

interface Context {
  currency: string;
  ownerIds: Map<string, string>;
  byExternalId: Map<string, Existing>;
  /** Every account's parent (also those without an external id), to find cycles. */
  parentOf: Map<string, string | null>;
}

const shape = AccountFields.shape;
const enumColumns = [
  ['company_size', 'company_size', shape.companySize, CompanySizes.labels],
  ['deployment_status', 'deployment_status', shape.deploymentStatus, DeploymentStatuses.labels],
  ['lifecycle_phase', 'lifecycle_phase', shape.lifecyclePhase, LifecyclePhases.labels],
  ['touch_tier', 'touch_tier', shape.touchTier, TouchTiers.labels],
] as const;
const textColumns = [
  ['name', 'name', shape.name],
  ['domain', 'domain', shape.domain],
  ['industry', 'industry', shape.industry],
  ['region', 'region', shape.region],
  ['renewal_date', 'renewal_date', shape.renewalDate],
] as const;

/** One query for everything the rows are checked against: no lookup per row. */
async function loadContext(database: Database, actor: Actor, withCustom: boolean): Promise<Context> {
  const [settings, members, accounts] = await Promise.all([
    getSettings(database, actor.workspaceId),
    listMembers(database, actor.workspaceId),
    database.db
      .selectFrom('accounts')
      .select(['id', 'external_id', 'parent_id'])
      .$if(withCustom, (q) => q.select('custom_fields'))
      .where('workspace_id', '=', actor.workspaceId)
      .execute(),
  ]);
  const byExternalId = new Map<string, Existing>();
  const parentOf = new Map<string, string | null>();
  for (const a of accounts) {
    parentOf.set(a.id, a.parent_id);
    if (a.external_id) byExternalId.set(a.external_id, { id: a.id, customFields: a.custom_fields ? decodeJson(a.custom_fields, {}) : null });
  }
  return { currency: settings.currency, ownerIds: new Map(members.map((m) => [m.email.toLowerCase(), m.id])), byExternalId, parentOf };
}

/**
 * Turns one row into the columns to write. An empty cell leaves the stored value unchanged on an
 * update and gives the default (null, 0 ARR, the workspace currency, no risks) on a create, so a
 * file that carries only some columns never wipes the others.
 */
function planRow(csvRow: CsvRow, context: Context, errors: ImportRowError[]): Plan | null {
  const { row, cells, custom } = csvRow;
  const { report, check } = rowChecker(errors, row);
  const errorCount = errors.length;
  const cell = (column: string) => cells.get(column) ?? '';
  const externalId = cell('external_id');
  if (externalId === '') report('external_id', '', 'required', 'is required: rows are matched to accounts by external id');
  else check('external_id', shape.externalId, externalId, externalId);
  const existing = context.byExternalId.get(externalId) ?? null;
  const columns: Columns = {};

  if (cell('name') === '' && !existing) report('name', '', 'required', 'is required for a new account');
  for (const [column, key, schema] of textColumns) {
    const raw = cell(column);
    if (raw === '') continue;
    const result = check(column, schema, raw, raw);
    if (result.ok) columns[key] = result.value as string;
  }
  for (const [column, key, schema, labels] of enumColumns) {
    const raw = cell(column);
    if (raw === '') continue;
    const result = check(column, schema, enumCell(labels, raw), raw);
    if (result.ok) columns[key] = result.value as string;
  }
  const arr = cell('arr');
  if (arr !== '') {
    const minor = decimalToMinor(arr);
    if (minor === null) report('arr', arr, 'decimal', 'must be an amount in major units such as 2500000 or 2500000.50');
    else if (check('arr', shape.arrMinor, minor, arr).ok) columns.arr_minor = minor;
  }
  const currency = cell('currency');
  if (currency !== '' && check('currency', shape.currency, currency.toUpperCase(), currency).ok) columns.currency = currency.toUpperCase();
  const owner = cell('owner_email');
  if (owner !== '') {
    const ownerId = context.ownerIds.get(owner.toLowerCase());
    if (ownerId) columns.owner_id = ownerId;
    else report('owner_email', owner, 'member', 'The owner must be a user of this workspace');
  }
  const risks = cell('risk_statuses');
  if (risks !== '') {
    const result = check(
      'risk_statuses',
      shape.riskStatuses,
      // Deduplicated after mapping, as the API does: "feature_gaps;Feature Gaps" is one risk.
      [...new Set(listCell(risks).map((r) => enumCell(RiskStatuses.labels, r)))],
      risks,
    );
    if (result.ok) columns.risk_statuses = encodeJson(result.value);
  }
  const customValues: Record<string, string> = {};
  for (const [key, value] of custom) {
    if (value !== '' && check(`custom.${key}`, CustomFields, { [key]: value }, value).ok) customValues[key] = value;
  }
  if (Object.keys(customValues).length) {
    const merged = { ...(existing?.customFields ?? {}), ...customValues };
    if (check('custom', CustomFields, merged, '').ok) columns.custom_fields = encodeJson(merged);
  }
  if (externalId === '' || externalId.length > 200) return null;
  const parentExternalId = cell('parent_external_id') || null;
  const valid = errors.length === errorCount;
  return { row, valid, id: existing?.id ?? newId(), externalId, existing, columns: { ...columns, external_id: externalId }, parentExternalId };
}

/** Sets each row's parent; references may point to rows of the same file and the resulting hierarchy must have no cycle. */
function resolveParents(plans: Plan[], context: Context, errors: ImportRowError[]): void {
  const parentOf = new Map(context.parentOf);
  const byExternalId = new Map(plans.map((p) => [p.externalId, p.id]));
  const rowOf = new Map<string, Plan>();
  for (const plan of plans) {
    if (!plan.parentExternalId) continue;
    const report = (rule: string, message: string) => {
      // An invalid row must not count as created / updated in the report.
      plan.valid = false;
      rowChecker(errors, plan.row).report('parent_external_id', plan.parentExternalId ?? '', rule, message);
    };
    const parentId = byExternalId.get(plan.parentExternalId) ?? context.byExternalId.get(plan.parentExternalId)?.id;
    if (!parentId) report('exists', 'No account with this external id in the file or the workspace');
    else if (parentId === plan.id) report('no_cycle', 'An account cannot be its own parent');
    else {
      plan.columns.parent_id = parentId;
      rowOf.set(plan.id, plan);
      parentOf.set(plan.id, parentId);
    }
  }
  // Walk up from every changed account; accounts already known to reach the top are not walked again.
  const reachesTop = new Set<string>();
  for (const [id, plan] of rowOf) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let up: string | null = id;
    while (up !== null && !reachesTop.has(up) && !onPath.has(up)) {
      path.push(up);
      onPath.add(up);
      up = parentOf.get(up) ?? null;
    }
    if (up === null || reachesTop.has(up)) for (const p of path) reachesTop.add(p);
    else if (up === id) {
      plan.valid = false;
      rowChecker(errors, plan.row).report(
        'parent_external_id',
        plan.parentExternalId ?? '',
        'no_cycle',
        'An account cannot sit below itself or one of its own children',
      );
    }
  }
}

/** New accounts in an order where a parent from the same file comes before its children (foreign keys hold after each statement). */
function parentsFirst(creates: Plan[]): Plan[] {
  const byId = new Map(creates.map((p) => [p.id, p]));
  const depth = new Map<string, number>();
  const depthOf = (plan: Plan): number => {
    let d = 0;
    for (let up = byId.get(plan.columns.parent_id ?? ''); up && d <= byId.size; up = byId.get(up.columns.parent_id ?? '')) d++;
    return d;
  };
  for (const plan of creates) depth.set(plan.id, depthOf(plan));
  return [...creates].sort((a, b) => (depth.get(a.id) ?? 0) - (depth.get(b.id) ?? 0));
}

async function writePlans(database: Database, actor: Actor, plans: Plan[], context: Context, options: ImportOptions) {
  await writeInTransaction(database, plans.length, options, async (trx, progress) => {
    const now = nowIso();
    // Phases before the write, for the lifecycle history of the rows that set one.
    const phased = plans.filter((p) => p.columns.lifecycle_phase !== undefined);
    const phaseBefore = await currentPhases(
      trx,
      actor.workspaceId,
      phased.filter((p) => p.existing).map((p) => p.id),
    );
    for (const batch of inBatches(parentsFirst(plans.filter((p) => !p.existing)), 200)) {
      const values = batch.map((p) => ({
        arr_minor: 0,
        currency: context.currency,
        risk_statuses: '[]',
        custom_fields: '{}',
        ...p.columns,
        id: p.id,
        workspace_id: actor.workspaceId,
        name: p.columns.name ?? '',
        created_at: now,
        updated_at: now,
      }));
      await trx.insertInto('accounts').values(values).execute();
      progress(batch.length);
    }
    const updates = plans.filter((p) => p.existing);
    await updateInBatches(trx, 'accounts', actor.workspaceId, updates, now, progress);
    const externalIds = plans.flatMap((p) => (p.columns.external_id ? [p.columns.external_id] : []));
    await onAccountsKeyed(trx, database.dialect, actor.workspaceId, externalIds);
    await recordPhaseChanges(
      trx,
      phased.map((p) => ({
        workspaceId: actor.workspaceId,
        accountId: p.id,
        from: phaseBefore.get(p.id) ?? null,
        to: p.columns.lifecycle_phase ?? null,
        changedBy: actor.userId,
        at: now,
      })),
    );
    await markHealthDirty(
      trx,
      actor.workspaceId,
      plans.map((p) => p.id),
      'accounts imported',
    );
  });
}

/** Upserts accounts by external id from a CSV file; writes nothing unless every row is valid. */
export async function importAccountsCsv(database: Database, actor: Actor, csv: string, options: ImportOptions): Promise<ImportReport> {
  const parsed = parseCsv(csv, { columns: ACCOUNT_COLUMNS, required: ['external_id'], custom: true, ignored: ACCOUNT_DERIVED_COLUMNS });
  const errors = [...parsed.errors];
  if (parsed.fatal) return finishReport('accounts', options, parsed.rows.length, 0, 0, errors);
  const context = await loadContext(
    database,
    actor,
    parsed.rows.some((r) => r.custom.size > 0),
  );
  const plans: Plan[] = [];
  const firstRow = new Map<string, number>();
  for (const row of parsed.rows) {
    const plan = planRow(row, context, errors);
    if (!plan) continue;
    const earlier = firstRow.get(plan.externalId);
    if (earlier !== undefined) {
      rowChecker(errors, row.row).report('external_id', plan.externalId, 'duplicate', `is also on row ${earlier}: each account may appear once`);
      continue;
    }
    firstRow.set(plan.externalId, row.row);
    plans.push(plan);
  }
  resolveParents(plans, context, errors);
  const valid = plans.filter((p) => p.valid);
  const created = valid.filter((p) => !p.existing).length;
  const report = finishReport('accounts', options, parsed.rows.length, created, valid.length - created, errors);
  if (report.errors.length === 0 && !options.dryRun) await writePlans(database, actor, plans, context, options);
  return report;
}
