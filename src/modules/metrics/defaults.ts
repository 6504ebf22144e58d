import type { Transaction } from 'kysely';
import { nowIso } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import type { MetricAggregation } from './contracts.js';

/** Keys of the metrics every workspace starts with; prebuilt KPI templates refer to them. */
export const DEFAULT_METRICS = ['support_tickets', 'invoices_paid_late', 'first_response_hours', 'licences_purchased'] as const;
export type DefaultMetricKey = (typeof DEFAULT_METRICS)[number];

export interface DefaultMetric {
  key: DefaultMetricKey;
  name: string;
  unit: string;
  aggregation: MetricAggregation;
  description: string;
}

/** What support desks, billing and CRMs commonly send, defined once per workspace. */
export const DEFAULT_METRIC_DEFINITIONS: readonly DefaultMetric[] = [
  { key: 'support_tickets', name: 'Support tickets', unit: 'tickets', aggregation: 'sum', description: 'Support tickets opened, per day' },
  { key: 'invoices_paid_late', name: 'Invoices paid late', unit: 'invoices', aggregation: 'sum', description: 'Invoices paid after their due date, per day' },
  {
    key: 'first_response_hours',
    name: 'Support first response time',
    unit: 'hours',
    aggregation: 'average',
    description: 'Average hours until the first answer to a support ticket',
  },
  { key: 'licences_purchased', name: 'Licences purchased', unit: 'licences', aggregation: 'last', description: 'Licences (seats) the account has bought' },
];

/**
 * Seed 'metrics-v1' (src/modules/seeds.ts). A key the workspace already has is left as it is: a workspace
 * that defined its own support_tickets keeps its definition.
 */
export async function installDefaultMetrics(trx: Transaction<DB>, workspaceId: string): Promise<void> {
  const now = nowIso();
  await trx
    .insertInto('metrics')
    .values(
      DEFAULT_METRIC_DEFINITIONS.map((m) => ({
        id: newId(),
        workspace_id: workspaceId,
        key: m.key,
        name: m.name,
        description: m.description,
        unit: m.unit,
        aggregation: m.aggregation,
        created_at: now,
        updated_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['workspace_id', 'key']).doNothing())
    .execute();
}
