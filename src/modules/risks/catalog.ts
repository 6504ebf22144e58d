import { sql, type Transaction } from 'kysely';
import { nowIso } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import type { RiskCategory, RiskStatus } from '../../domain/enums.js';
import { RiskStatuses } from '../../domain/enums.js';
import { newId } from '../../lib/ids.js';

export interface CatalogEntry {
  category: RiskCategory;
  label: string;
  description: string;
  /** The account risk status an open risk of this type puts on its account. */
  riskStatus: RiskStatus | null;
}

const statusDescriptions: Record<RiskStatus, string> = {
  failing_implementation: 'The implementation is late, stalled or not delivering what was planned.',
  feature_gaps: 'The product lacks capabilities the customer needs for its goals.',
  customer_resource_constraint: 'The customer cannot staff the project or the roll-out.',
  vendor_resource_constraint: 'We cannot give the account the people or time it needs.',
  unusable_interface: 'Users find the product hard to use and avoid it.',
  lack_of_interest: 'Users show little interest: low logins, no engagement with training or news.',
  withholding_payment: 'Invoices are disputed or paid late on purpose.',
  competitive_solution: 'A competing product is being used or considered alongside ours.',
};

/**
 * The prebuilt risk catalog from DOMAIN.md: the eight account risk statuses, the adoption risks of the Adopt phase's
 * risk assessment, and the top churn causes. A workspace edits its own copy (seed 'risk-catalog-v1').
 */
export const RISK_CATALOG: readonly CatalogEntry[] = [
  ...RiskStatuses.values.map((s) => ({ category: 'risk_status' as const, label: RiskStatuses.labels[s], description: statusDescriptions[s], riskStatus: s })),
  {
    category: 'adoption_risk',
    label: 'Customer will not share data or access to end users',
    description: 'The customer is unwilling to share third-party data or let us call end users.',
    riskStatus: 'customer_resource_constraint',
  },
  {
    category: 'adoption_risk',
    label: 'No continuity',
    description: 'Missed meetings, missing notes, incomplete action items.',
    riskStatus: null,
  },
  {
    category: 'adoption_risk',
    label: 'Broken relationships from turnover',
    description: 'People who knew the project left, on their side or ours.',
    riskStatus: null,
  },
  {
    category: 'adoption_risk',
    label: 'Time-consuming data collection and reporting',
    description: 'Collecting data and preparing reports takes too long to keep up.',
    riskStatus: 'vendor_resource_constraint',
  },
  {
    category: 'adoption_risk',
    label: 'Hard to track sources of information',
    description: 'The information about the account is spread over places that are hard to follow.',
    riskStatus: null,
  },
  {
    category: 'adoption_risk',
    label: 'Ad-hoc, non-standard data collection',
    description: 'Data is collected differently each time, so results cannot be compared.',
    riskStatus: null,
  },
  { category: 'churn_cause', label: 'Value not realised', description: 'The customer does not see the value it was promised.', riskStatus: 'lack_of_interest' },
  {
    category: 'churn_cause',
    label: 'Stalled implementation',
    description: 'The implementation stopped before going live.',
    riskStatus: 'failing_implementation',
  },
  { category: 'churn_cause', label: 'Lost sponsor', description: 'The executive sponsor or champion left or lost interest.', riskStatus: null },
  { category: 'churn_cause', label: 'Low adoption', description: 'Few of the licensed users use the product.', riskStatus: 'lack_of_interest' },
  {
    category: 'churn_cause',
    label: 'Acquisition',
    description: 'The customer is being acquired; the buyer may standardise on another tool.',
    riskStatus: null,
  },
  { category: 'churn_cause', label: 'Missing features', description: 'The customer needs features we do not have.', riskStatus: 'feature_gaps' },
  { category: 'churn_cause', label: 'New leadership', description: 'New leaders review their tools and vendors.', riskStatus: null },
  { category: 'churn_cause', label: 'Poor quality', description: 'Defects, outages or slow support erode trust.', riskStatus: null },
  { category: 'churn_cause', label: 'Wrong fit', description: 'The customer was not a good fit for the product.', riskStatus: null },
  { category: 'churn_cause', label: 'The human factor', description: 'Personal relationships or friction between people.', riskStatus: null },
];

/** Seed 'risk-catalog-v1' (src/modules/seeds.ts). A label the workspace already has is left as it is. */
export async function installRiskCatalog(trx: Transaction<DB>, workspaceId: string): Promise<void> {
  const now = nowIso();
  await trx
    .insertInto('risk_types')
    .values(
      RISK_CATALOG.map((entry, position) => ({
        id: newId(),
        workspace_id: workspaceId,
        category: entry.category,
        label: entry.label,
        description: entry.description,
        risk_status: entry.riskStatus,
        // TRUE is a boolean on PostgreSQL and 1 on SQLite (3.23+): right on both without knowing the engine here.
        active: sql<boolean>`true`,
        position,
        created_at: now,
        updated_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['workspace_id', 'label']).doNothing())
    .execute();
}
