import { z } from 'zod';

/**
 * Every enumeration of the domain, in one place, with the labels people read.
 * Stored values are the snake_case keys; labels are for screens and CSV files.
 */
function labelled<const T extends readonly [string, ...string[]]>(values: T, labels: Record<T[number], string>) {
  return { schema: z.enum(values), values, labels };
}

export const Roles = labelled(['admin', 'manager', 'csm', 'viewer'] as const, {
  admin: 'Admin',
  manager: 'Manager',
  csm: 'CSM',
  viewer: 'Viewer (read-only)',
});
export type Role = z.infer<typeof Roles.schema>;

/** Higher rank can do everything a lower one can. */
export const roleRank: Record<Role, number> = { viewer: 0, csm: 1, manager: 2, admin: 3 };

export const CompanySizes = labelled(['enterprise', 'medium', 'small'] as const, {
  enterprise: 'Enterprise',
  medium: 'Medium',
  small: 'Small',
});
export type CompanySize = z.infer<typeof CompanySizes.schema>;

export const DeploymentStatuses = labelled(['starting_implementation', 'under_implementation', 'deployed'] as const, {
  starting_implementation: 'Starting Implementation',
  under_implementation: 'Under Implementation',
  deployed: 'Deployed',
});
export type DeploymentStatus = z.infer<typeof DeploymentStatuses.schema>;

/** The touchpoint cycle; after renewal it starts again. */
export const LifecyclePhases = labelled(['sales_handoff', 'onboarding', 'adoption', 'value_realization', 'renewal_expansion'] as const, {
  sales_handoff: 'Sales hand-off',
  onboarding: 'Onboarding',
  adoption: 'Adoption',
  value_realization: 'Value realization',
  renewal_expansion: 'Renewal & expansion',
});
export type LifecyclePhase = z.infer<typeof LifecyclePhases.schema>;

export const TouchTiers = labelled(['high', 'medium', 'tech'] as const, {
  high: 'High touch',
  medium: 'Medium touch',
  tech: 'Tech touch',
});
export type TouchTier = z.infer<typeof TouchTiers.schema>;

export const RiskStatuses = labelled(
  [
    'failing_implementation',
    'feature_gaps',
    'customer_resource_constraint',
    'vendor_resource_constraint',
    'unusable_interface',
    'lack_of_interest',
    'withholding_payment',
    'competitive_solution',
  ] as const,
  {
    failing_implementation: 'Failing Implementation',
    feature_gaps: 'Feature Gaps',
    customer_resource_constraint: 'Customer Resource Constraint',
    vendor_resource_constraint: 'Vendor Resource Constraint',
    unusable_interface: 'Unusable Interface',
    lack_of_interest: 'Lack of Interest from Users',
    withholding_payment: 'Withholding Payment',
    competitive_solution: 'Competitive Solution',
  },
);
export type RiskStatus = z.infer<typeof RiskStatuses.schema>;

export const ContactRoles = labelled(['sponsor', 'influencer', 'champion', 'project_coordinator', 'administrator', 'end_user'] as const, {
  sponsor: 'Sponsor',
  influencer: 'Influencer',
  champion: 'Champion',
  project_coordinator: 'Project coordinator',
  administrator: 'Administrator',
  end_user: 'End user',
});
export type ContactRole = z.infer<typeof ContactRoles.schema>;

export const ContactStatuses = labelled(['active', 'left'] as const, { active: 'Active', left: 'Left the company' });
export type ContactStatus = z.infer<typeof ContactStatuses.schema>;
