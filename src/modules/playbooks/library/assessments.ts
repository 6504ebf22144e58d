import type { PlaybookTemplate } from './types.js';

/**
 * Risk assessments: each item is a risk to assess for the account, with the remedy to prepare. The adoption one is
 * DOMAIN.md's list of adoption risks; onboarding and renewal draw on the risk statuses and the top churn causes.
 */
export const ASSESSMENTS: PlaybookTemplate[] = [
  {
    key: 'risk-assessment-adoption',
    name: 'Adoption risk assessment',
    kind: 'risk_assessment',
    phase: 'adoption',
    description:
      'Attempts to execute the Adopt checklist are aspirational and do not always get a favourable response. Assess the technical and efficiency challenges of collecting and managing data, and prepare a remedy for each risk that applies. Log the ones that apply in the risk register.',
    items: [
      {
        title: 'Customer unwilling to share third-party data or to call end users',
        details:
          'Lack of customer contact\'s interest in sharing data from third-party systems, or in calling end users. Remedy: start from the data in our own systems; ask politely, do not press after a "nothing to share".',
        dueOffsetDays: 14,
      },
      {
        title: 'No continuity: missed meetings, missing notes, incomplete action items',
        details:
          'Lack of continuity in conversation due to missed meetings, missing notes, and incomplete action items. Remedy: log every meeting with its action items and follow them through.',
        dueOffsetDays: 14,
      },
      {
        title: 'Broken relationships from turnover on either side',
        details: 'Broken relationships due to turnover on either end. Remedy: more than one contact per role; introduce the successor early.',
        dueOffsetDays: 14,
      },
      {
        title: 'Time-consuming data collection and report preparation',
        details:
          'Time-consuming effort to collect data, streamline, and prepare consistent presentation materials. Remedy: one report format, kept up to date weekly.',
        dueOffsetDays: 21,
      },
      {
        title: 'Hard to track the sources of information',
        details: 'Difficulty in tracking relevant sources of information. Remedy: record where each success metric comes from.',
        dueOffsetDays: 21,
      },
      {
        title: 'Ad-hoc, non-standard data collection',
        details: 'Nonstandardized and ad-hoc processes for collecting data. Remedy: adoption questionnaires and usage metric templates.',
        dueOffsetDays: 21,
      },
    ],
  },
  {
    key: 'risk-assessment-onboarding',
    name: 'Onboarding risk assessment',
    kind: 'risk_assessment',
    phase: 'onboarding',
    description: 'A long onboarding leaves little time to show value before the first renewal. Check these risks at the start and again half way.',
    items: [
      { title: 'Success measures not defined or without a baseline', details: 'Without them nobody can tell whether value arrived.', dueOffsetDays: 7 },
      { title: 'Failing or stalled implementation', details: 'Milestones slipping; the plan needs a smaller first phase.', dueOffsetDays: 30 },
      { title: 'Customer resource constraint', details: 'The project team has no time beside their day jobs.', dueOffsetDays: 30 },
      { title: 'Vendor resource constraint', details: 'Implementation or CSM capacity is short.', dueOffsetDays: 30 },
      { title: 'Feature gaps against what was sold', details: 'Promises from the sale that the product cannot keep.', dueOffsetDays: 30 },
      { title: 'Sponsor not engaged', details: 'No direct contact with the business sponsor since the kick-off.', dueOffsetDays: 45 },
    ],
  },
  {
    key: 'risk-assessment-renewal',
    name: 'Renewal risk assessment',
    kind: 'risk_assessment',
    phase: 'renewal_expansion',
    description: 'The top causes of churn, checked before the renewal conversation starts.',
    items: [
      { title: 'Value not realised', details: 'The success measures did not move, or nobody can show that they did.', dueOffsetDays: 0 },
      { title: 'Lost sponsor or champion', details: 'A key contact left or changed role; new leadership re-evaluates purchases.', dueOffsetDays: 0 },
      { title: 'Low adoption', details: 'Few active users compared with the licences bought.', dueOffsetDays: 0 },
      { title: 'Competitive solution or an RFP', details: 'The customer is evaluating alternatives.', dueOffsetDays: 7 },
      { title: 'Budget cut or withholding payment', details: 'Invoices late; the budget for the product is under review.', dueOffsetDays: 7 },
      { title: 'Acquisition or financial trouble', details: '"Death and marriage": often unavoidable, but plan for it.', dueOffsetDays: 7 },
    ],
  },
];
