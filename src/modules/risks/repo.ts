import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { KeyKind } from '../../db/keyset.js';
import type { DB } from '../../db/schema.js';
import type { RiskCategory, RiskRecordStatus, RiskStatus, Severity } from '../../domain/enums.js';
import { OPEN_RISK_STATUSES } from '../../domain/enums.js';
import type { Risk, RiskFilters } from './contracts.js';

type Executor = Kysely<DB> | Transaction<DB>;

export const CLOSED_RISK_STATUSES: readonly RiskRecordStatus[] = ['mitigated', 'churned', 'dismissed'];

export function selectRisks(db: Executor, workspaceId: string) {
  return db
    .selectFrom('risks')
    .innerJoin('accounts as account', 'account.id', 'risks.account_id')
    .leftJoin('risk_types as type', 'type.id', 'risks.risk_type_id')
    .leftJoin('users as owner', 'owner.id', 'risks.owner_id')
    .leftJoin('users as creator', 'creator.id', 'risks.created_by')
    .selectAll('risks')
    .select([
      'account.name as account_name',
      'type.label as type_label',
      'type.category as type_category',
      'type.risk_status as type_risk_status',
      'owner.name as owner_name',
      'creator.name as creator_name',
    ])
    .where('risks.workspace_id', '=', workspaceId);
}

export type RiskRow = DB['risks'] & {
  account_name: string;
  type_label: string | null;
  type_category: string | null;
  type_risk_status: string | null;
  owner_name: string | null;
  creator_name: string | null;
};

export function toRisk(row: RiskRow): Risk {
  return {
    id: row.id,
    accountId: row.account_id,
    accountName: row.account_name,
    riskTypeId: row.risk_type_id,
    riskTypeLabel: row.type_label,
    category: row.type_category as RiskCategory | null,
    riskStatus: row.type_risk_status as RiskStatus | null,
    title: row.title,
    description: row.description,
    severity: row.severity as Severity,
    status: row.status as RiskRecordStatus,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    mitigationPlan: row.mitigation_plan,
    firstSignalOn: row.first_signal_on,
    identifiedOn: row.identified_on,
    resolvedOn: row.resolved_on,
    createdBy: row.created_by,
    createdByName: row.creator_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Status filter values, with "open" meaning open or mitigating and "closed" the three ends. */
export function expandStatuses(statuses: readonly string[]): string[] {
  const out = new Set<string>();
  for (const s of statuses) {
    if (s === 'open') for (const o of OPEN_RISK_STATUSES) out.add(o);
    else if (s === 'closed') for (const c of CLOSED_RISK_STATUSES) out.add(c);
    else out.add(s);
  }
  return [...out];
}

type RiskQuery = ReturnType<typeof selectRisks>;

/** Every filter of the register; the list and its count share it. */
export function applyRiskFilters(q: RiskQuery, filters: RiskFilters): RiskQuery {
  if (filters.status?.length) q = q.where('risks.status', 'in', expandStatuses(filters.status));
  if (filters.severity?.length) q = q.where('risks.severity', 'in', filters.severity);
  if (filters.accountId?.length) q = q.where('risks.account_id', 'in', filters.accountId);
  if (filters.riskTypeId?.length) q = q.where('risks.risk_type_id', 'in', filters.riskTypeId);
  if (filters.category?.length) {
    const categories = filters.category;
    // Risks whose type was deleted count as custom.
    q = q.where((eb) =>
      categories.includes('custom')
        ? eb.or([eb('type.category', 'in', categories), eb('risks.risk_type_id', 'is', null)])
        : eb('type.category', 'in', categories),
    );
  }
  if (filters.ownerId?.length) {
    const ids = filters.ownerId.filter((id) => id !== 'none');
    const wantsNone = ids.length !== filters.ownerId.length;
    q = q.where((eb) => {
      const parts = [];
      if (ids.length) parts.push(eb('risks.owner_id', 'in', ids));
      if (wantsNone) parts.push(eb('risks.owner_id', 'is', null));
      return eb.or(parts);
    });
  }
  if (filters.identifiedFrom) q = q.where('risks.identified_on', '>=', filters.identifiedFrom);
  if (filters.identifiedTo) q = q.where('risks.identified_on', '<=', filters.identifiedTo);
  return q;
}

/** Severity sorts by rank (critical highest), not by name. */
export function riskSortExpression(sort: string): { key: RawBuilder<string | number>; kind: KeyKind } {
  switch (sort) {
    case 'identifiedOn':
      return { key: sql`risks.identified_on`, kind: 'date' };
    case 'updatedAt':
      return { key: sql`risks.updated_at`, kind: 'timestamp' };
    default:
      return {
        key: sql`case risks.severity when 'critical' then 4 when 'high' then 3 when 'medium' then 2 when 'low' then 1 else 0 end`,
        kind: 'number',
      };
  }
}

export async function findRiskRow(db: Executor, workspaceId: string, id: string): Promise<RiskRow | undefined> {
  return (await selectRisks(db, workspaceId).where('risks.id', '=', id).executeTakeFirst()) as RiskRow | undefined;
}
