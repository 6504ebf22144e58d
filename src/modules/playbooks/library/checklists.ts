import type { PlaybookTemplate } from './types.js';

/**
 * One checklist per phase of the touchpoint cycle. The Adopt checklist is the one in DOMAIN.md, word for word from
 * the "Adoption checklist, best practices and risk assessments" e-book; the others follow the seed books' advice for
 * their phase (the hand-off form and onboarding kick-off from "The 10 Laws", value realization from the phase-6
 * notes, renewals 30–60 days ahead from the churn and retention chapter).
 */
export const CHECKLISTS: PlaybookTemplate[] = [
  {
    key: 'checklist-sales-handoff',
    name: 'Sales hand-off checklist',
    kind: 'checklist',
    phase: 'sales_handoff',
    description:
      'Everything the customer was promised during the sale becomes the starting point of customer success. Capture it before the kick-off, realistically and with its supporting documents: only what is possible, well thought through and tested with the product.',
    items: [
      {
        title: 'Collect the hand-off form from sales and pre-sales',
        details:
          'Promised outcomes ("art of the possible", project vision), success measures, stakeholders, contract terms and anything agreed outside the contract.',
        dueOffsetDays: 0,
      },
      {
        title: 'Record the promised goals with their success measures',
        details: 'Each goal with a measure that has a unit, a baseline, a target and a date. Unrealistic promises are raised now, not during implementation.',
        dueOffsetDays: 2,
      },
      {
        title: 'Map the customer contacts and their roles',
        details: 'Sponsor, influencer, champion, project coordinator, administrator, end users: who decides, who uses, who will speak for the product.',
        dueOffsetDays: 2,
      },
      {
        title: 'Set the account segment fields',
        details: 'Revenue band, company size, deployment status "Starting Implementation", touch tier and owner.',
        dueOffsetDays: 1,
      },
      {
        title: 'Check the fit with our ideal customer',
        details: 'Is this the right customer for our product-market fit? Use cases outside it take resources and mindshare: flag them to the CS manager.',
        dueOffsetDays: 3,
      },
      {
        title: 'Internal hand-off meeting',
        details: 'Sales representative, pre-sales engineer, implementation lead and CSM walk through the hand-off form together.',
        dueOffsetDays: 3,
      },
      {
        title: 'Schedule the onboarding kick-off call',
        details: 'Invite the sponsor and project coordinator; the pre-sales engineer attends to validate the success measures with the customer.',
        dueOffsetDays: 5,
      },
    ],
  },
  {
    key: 'checklist-onboarding',
    name: 'Onboarding and implementation checklist',
    kind: 'checklist',
    phase: 'onboarding',
    description:
      'Obsessively improve time to value: start the onboarding clock only once success measures are defined, implement in phases so value arrives early, and confirm the measures constantly.',
    items: [
      {
        title: 'Kick-off call: validate the success measures',
        details: '"During the sales cycle you said … was a key driver. Is that still true? How long does it take today?" The pre-sales engineer attends.',
        dueOffsetDays: 0,
      },
      { title: 'Record a baseline for every chosen measure', details: 'A measure without a baseline cannot show value later.', dueOffsetDays: 7 },
      {
        title: 'Agree a phased implementation plan',
        details: 'Start with the most important measure; roll out to a group, division or region first rather than everyone at once.',
        dueOffsetDays: 10,
      },
      { title: 'Set the first-value milestone and its date', details: 'The time to value is measured against it.', dueOffsetDays: 10 },
      {
        title: 'Set the deployment status to Under Implementation',
        details: 'Keeps the account in the right segment for reporting and prioritisation.',
        dueOffsetDays: 10,
      },
      {
        title: 'Put the measures at the top of every status report',
        details: '"Just checking in: these are still the measures that we care about for this phase, right?"',
        dueOffsetDays: 14,
      },
      {
        title: 'Validate the measures with the business sponsor',
        details: 'Connect directly with the sponsor at several points during onboarding.',
        dueOffsetDays: 30,
      },
      { title: 'Train administrators and roll out to end users', details: 'Phase I users first; collect their first impressions.', dueOffsetDays: 45 },
      {
        title: 'Bring the CSM into the project status calls',
        details: 'As onboarding ends the CSM learns the success criteria and takes over reporting on progress.',
        dueOffsetDays: 50,
      },
      {
        title: 'Confirm first value with the sponsor and set the status to Deployed',
        details: 'Record the date first value was reached; plan phase II.',
        dueOffsetDays: 75,
      },
    ],
  },
  {
    key: 'checklist-adopt',
    name: 'Adopt checklist',
    kind: 'checklist',
    phase: 'adoption',
    description:
      'After rolling out a solution to the end-users, both vendor and customer stakeholders need to monitor progress proactively. Assign this checklist to be conscious of each item while moving along in this phase, and keep iterating over these activities to achieve the desired success.',
    items: [
      { title: 'Periodic informal meetings', details: 'Schedule regular informal touchpoint meetings with customer contact.', dueOffsetDays: 7 },
      {
        title: 'Champion feedback',
        details: 'Keep the dialog open with champions to collect first and ongoing impressions of the platform amongst end-users.',
        dueOffsetDays: 14,
      },
      {
        title: 'Feedback survey deployment',
        details: 'Deploy feedback surveys to friendly end-users and champions in collaboration with customer contact.',
        dueOffsetDays: 21,
      },
      {
        title: 'Outcome (goal) management',
        details:
          'Review contracts, objectives, implementation meeting notes, meeting recordings, and notes to confirm alignment of deliverables with expectations.',
        dueOffsetDays: 30,
      },
      {
        title: 'Formal quarterly business reviews',
        details:
          'Schedule formal business review meetings between senior vendor management and critical customer personnel such as a sponsor, influencer, and project coordinator to review progress and alignment with desired goals. Gather all relevant success metrics; senior executives expect thorough preparation before this meeting.',
        dueOffsetDays: 90,
      },
      {
        title: 'Advocacy (references, testimonials, case studies)',
        details:
          'Once customer satisfaction is established, reach out to customer contacts and friendly champions for formal and informal recommendations such as testimonials, joint case studies, and reference calls/meetings with prospects.',
        dueOffsetDays: 120,
      },
      {
        title: 'Upsell, cross-sell and new-license business development',
        details:
          'Exploring opportunistic times, suggest, test waters, and propose additional business development ideas to customer contacts. Smart customer investors do not mind investing more if there is continuous and incremental value.',
        dueOffsetDays: 150,
      },
    ],
  },
  {
    key: 'checklist-value-realization',
    name: 'Value realization checklist',
    kind: 'checklist',
    phase: 'value_realization',
    description:
      'The longest phase, and it should last as long as possible: measure, report and maintain. Make sure the promises of the sale are fulfilled, milestones are passed and KPIs achieved, and that decision makers know the value came from the product.',
    items: [
      {
        title: "Review whether the customer's strategy is still current",
        details: 'Challenges and initiatives may have changed since the sale.',
        dueOffsetDays: 0,
      },
      {
        title: 'Confirm the KPIs and milestones',
        details: 'Leading indicators (usage) before lagging ones (revenue); 5–7 indicators are enough for most.',
        dueOffsetDays: 7,
      },
      { title: 'Check every pre-sales promise against what was delivered', details: 'Open a risk for any promise that is slipping.', dueOffsetDays: 14 },
      {
        title: 'Plot progress against the milestones',
        details: 'Set realistic next milestones from the data points so far (the "hurdler" chart).',
        dueOffsetDays: 30,
      },
      {
        title: 'Review the health score and act on its weakest component',
        details: 'A low component should lead to an action with an owner.',
        dueOffsetDays: 30,
      },
      {
        title: 'Report value to the decision makers',
        details: 'Charts before tables; show that the value is due to the product, not just that value exists.',
        dueOffsetDays: 45,
      },
      {
        title: 'Quarterly business review',
        details:
          'Begin with the end in mind: what is in it for each attendee (four-way value model). No troubleshooting, hard selling, training or price talk.',
        dueOffsetDays: 90,
      },
      { title: 'Ask for a testimonial or case study', details: 'Invite satisfied customers to become advocates (see the story tracks).', dueOffsetDays: 100 },
      {
        title: 'Identify new challenges that more products could solve',
        details: 'Upsell and cross-sell as a separate discussion point, not as aggressive selling.',
        dueOffsetDays: 120,
      },
    ],
  },
  {
    key: 'checklist-renewal-expansion',
    name: 'Renewal and expansion checklist',
    kind: 'checklist',
    phase: 'renewal_expansion',
    description:
      'Start about 120 days before the renewal date. Renewals should be completed 30–60 days before the subscription ends; after demonstrated value, explore multi-year licences and expansion.',
    items: [
      {
        title: 'Review health, open risks and red flags',
        details: 'Forecast the renewal: on track, at risk or likely churn, with your judgement.',
        dueOffsetDays: 0,
      },
      {
        title: 'Prepare the business-case talk track for the sponsor',
        details: "The CFO's office will ask for a justification: quantify cost savings, productivity gains, revenue gains and risk mitigated.",
        dueOffsetDays: 14,
      },
      { title: 'Confirm the value delivered against the success measures', details: 'Baseline, target and actual for each goal.', dueOffsetDays: 21 },
      {
        title: 'Executive business review with the sponsor',
        details: 'Value delivered, insights from comparable customers and the roadmap.',
        dueOffsetDays: 30,
      },
      {
        title: 'Propose the renewal, and a multi-year term',
        details: 'Multi-year licences raise the company value for investors and reduce the risk of early loss.',
        dueOffsetDays: 45,
      },
      {
        title: 'Propose upsell, cross-sell or new licences',
        details: 'Bring in the sales representative; expansion follows realised value.',
        dueOffsetDays: 50,
      },
      {
        title: 'Close the renewal 30–60 days before the end date',
        details: 'Record it as renewal, upgrade, downgrade or cancellation; for any loss, a churn reason (avoidable or not).',
        dueOffsetDays: 75,
      },
      { title: 'Plan the next cycle', details: 'Move the account on to onboarding whatever was sold, and refresh the goals.', dueOffsetDays: 90 },
    ],
  },
];
