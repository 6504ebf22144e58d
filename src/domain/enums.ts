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

/** Timeline entries. Meetings, QBRs and EBRs count as meetings; every type but a note counts as a customer touch. */
export const ActivityTypes = labelled(['meeting', 'call', 'email', 'qbr', 'ebr', 'note'] as const, {
  meeting: 'Meeting',
  call: 'Call',
  email: 'Email',
  qbr: 'Quarterly business review',
  ebr: 'Executive business review',
  note: 'Note',
});
export type ActivityType = z.infer<typeof ActivityTypes.schema>;
export const MEETING_TYPES: readonly ActivityType[] = ['meeting', 'qbr', 'ebr'];
export const TOUCH_TYPES: readonly ActivityType[] = ['meeting', 'call', 'email', 'qbr', 'ebr'];

/** A planned activity is on the calendar; done is logged with its outcome. */
export const ActivityStatuses = labelled(['planned', 'done', 'cancelled'] as const, { planned: 'Planned', done: 'Done', cancelled: 'Cancelled' });
export type ActivityStatus = z.infer<typeof ActivityStatuses.schema>;

export const Priorities = labelled(['low', 'normal', 'high', 'urgent'] as const, { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' });
export type Priority = z.infer<typeof Priorities.schema>;

export const TaskStatuses = labelled(['open', 'in_progress', 'done', 'cancelled'] as const, {
  open: 'Open',
  in_progress: 'In progress',
  done: 'Done',
  cancelled: 'Cancelled',
});
export type TaskStatus = z.infer<typeof TaskStatuses.schema>;

/** Internal requests to colleagues (product, support, finance…). */
export const RequestStatuses = labelled(['open', 'done', 'cancelled'] as const, { open: 'Waiting', done: 'Done', cancelled: 'Cancelled' });
export type RequestStatus = z.infer<typeof RequestStatuses.schema>;

export const PlaybookKinds = labelled(['checklist', 'risk_assessment', 'best_practices', 'story_track'] as const, {
  checklist: 'Checklist',
  risk_assessment: 'Risk assessment',
  best_practices: 'Best practices',
  story_track: 'Story track',
});
export type PlaybookKind = z.infer<typeof PlaybookKinds.schema>;

export const PlaybookRunStatuses = labelled(['active', 'completed', 'cancelled'] as const, {
  active: 'Active',
  completed: 'Completed',
  cancelled: 'Cancelled',
});
export type PlaybookRunStatus = z.infer<typeof PlaybookRunStatuses.schema>;

/** Where a risk catalog entry comes from in DOMAIN.md, or custom. */
export const RiskCategories = labelled(['risk_status', 'adoption_risk', 'churn_cause', 'custom'] as const, {
  risk_status: 'Risk status',
  adoption_risk: 'Adoption risk',
  churn_cause: 'Churn cause',
  custom: 'Custom',
});
export type RiskCategory = z.infer<typeof RiskCategories.schema>;

export const Severities = labelled(['low', 'medium', 'high', 'critical'] as const, { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' });
export type Severity = z.infer<typeof Severities.schema>;

/** Open and mitigating risks are "open"; mitigated and churned are the two ends measured; dismissed was not a risk. */
export const RiskRecordStatuses = labelled(['open', 'mitigating', 'mitigated', 'churned', 'dismissed'] as const, {
  open: 'Open',
  mitigating: 'Mitigating',
  mitigated: 'Mitigated',
  churned: 'Ended in churn',
  dismissed: 'Dismissed',
});
export type RiskRecordStatus = z.infer<typeof RiskRecordStatuses.schema>;
export const OPEN_RISK_STATUSES: readonly RiskRecordStatus[] = ['open', 'mitigating'];

export const RedFlagKinds = labelled(
  ['contact_left', 'budget_cut', 'financial_trouble', 'reputation', 'industry_risk', 'acquisition', 'new_leadership', 'rfp_evaluation', 'gone_dark'] as const,
  {
    contact_left: 'Contact left',
    budget_cut: 'Budget cut',
    financial_trouble: 'Financial trouble',
    reputation: 'Reputation',
    industry_risk: 'Industry risk',
    acquisition: 'Acquisition',
    new_leadership: 'New leadership',
    rfp_evaluation: 'RFP or evaluation of alternatives',
    gone_dark: 'Gone dark',
  },
);
export type RedFlagKind = z.infer<typeof RedFlagKinds.schema>;

export const RedFlagStatuses = labelled(['open', 'resolved'] as const, { open: 'Open', resolved: 'Resolved' });
export type RedFlagStatus = z.infer<typeof RedFlagStatuses.schema>;

/** The records a story can be linked to (besides its account). */
export const StorySubjects = labelled(['account', 'activity', 'risk', 'red_flag', 'playbook_run'] as const, {
  account: 'Account',
  activity: 'Meeting or activity',
  risk: 'Risk',
  red_flag: 'Red flag',
  playbook_run: 'Playbook',
});
export type StorySubject = z.infer<typeof StorySubjects.schema>;
