import type { Database } from '../../db/connection.js';
import { Severities, type Severity } from '../../domain/enums.js';
import type { Actor } from '../../server/types.js';
import type { RiskMeasures, RiskMeasuresQuery } from './contracts.js';

/** One decimal, as the register shows it. */
const round1 = (n: number) => Math.round(n * 10) / 10;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export interface MeasuredRisk {
  status: string;
  severity: string;
  firstSignalOn: string | null;
  identifiedOn: string;
}

/** The figures themselves, from the risks already selected (pure, so the formula is tested on its own). */
export function measureRisks(risks: readonly MeasuredRisk[]): RiskMeasures {
  // A dismissed risk was not a risk: its lead time says nothing about how early real trouble was seen.
  const lead = risks.filter((r) => r.status !== 'dismissed' && r.firstSignalOn).map((r) => daysBetween(r.firstSignalOn as string, r.identifiedOn));
  const mitigated = risks.filter((r) => r.status === 'mitigated').length;
  const churned = risks.filter((r) => r.status === 'churned').length;
  const resolved = mitigated + churned;
  const medianDays = median(lead);
  const open = risks.filter((r) => r.status === 'open' || r.status === 'mitigating');
  return {
    signalToLogged: {
      n: lead.length,
      medianDays: medianDays === null ? null : round1(medianDays),
      averageDays: lead.length ? round1(lead.reduce((a, b) => a + b, 0) / lead.length) : null,
    },
    outcomes: {
      resolved,
      mitigated,
      churned,
      mitigatedPct: resolved ? round1((mitigated / resolved) * 100) : null,
      churnedPct: resolved ? round1((churned / resolved) * 100) : null,
      dismissed: risks.filter((r) => r.status === 'dismissed').length,
    },
    openBySeverity: Severities.values.map((severity: Severity) => ({ severity, count: open.filter((r) => r.severity === severity).length })),
    open: open.length,
  };
}

/**
 * The register's measures for the risks identified in the period (all when none) and owned by ownerId (all owners
 * when none). A workspace holds thousands of risks at most, so four narrow columns are read and counted here.
 */
export async function riskMeasures(database: Database, actor: Actor, query: RiskMeasuresQuery): Promise<RiskMeasures> {
  let q = database.db.selectFrom('risks').select(['status', 'severity', 'first_signal_on', 'identified_on']).where('workspace_id', '=', actor.workspaceId);
  if (query.from) q = q.where('identified_on', '>=', query.from);
  if (query.to) q = q.where('identified_on', '<=', query.to);
  if (query.ownerId) q = q.where('owner_id', '=', query.ownerId);
  const rows = await q.execute();
  return measureRisks(rows.map((r) => ({ status: r.status, severity: r.severity, firstSignalOn: r.first_signal_on, identifiedOn: r.identified_on })));
}
