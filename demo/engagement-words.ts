import type { RedFlagKind, RiskStatus } from '../src/domain/enums.js';
import type { UsageStory } from './usage.js';

/**
 * The words of the demo's engagement: meeting titles, summaries, outcomes, action items, internal requests, risks,
 * red flags and stories. Kept apart from the planning so that the planner reads as a calendar, not as prose.
 * `{contact}`, `{product}`, `{n}` are filled in by the planner.
 */

export const meetingTitles = {
  meeting: ['Bi-weekly check-in', 'Roadmap preview', 'Champion sync', 'Adoption review', 'Admin office hours', 'Reporting workshop', 'Success plan review'],
  call: ['Quick call with {contact}', 'Support escalation follow-up', 'Licence true-up call', 'Renewal pre-call', 'Onboarding status call'],
  email: ['Monthly usage summary', 'Release notes and tips', 'Follow-up on open questions', 'Training invitation', 'Invoice and licence overview'],
  techEmail: ['Newsletter: what is new this month', 'Webinar invitation: dashboards 101', 'Customer community digest', 'Best practices: alerts'],
  qbr: ['Quarterly business review'],
  ebr: ['Executive business review'],
  note: ['Internal note', 'Account plan update', 'Notes from the support team'],
} as const;

export const summaries: Record<UsageStory, readonly string[]> = {
  thriving: [
    'Walked through active users by team: {n} new people onboarded since last time. {contact} wants dashboards for the finance team next.',
    'Reviewed the success plan: two of three goals on track. They asked about the API for the data warehouse export.',
    'Showed the new alerting features; {contact} will pilot them with the operations team.',
    'Usage keeps growing; licences are almost all in use. Talked about adding seats before the next quarter.',
  ],
  steady: [
    'Regular check-in. Usage stable, no open tickets of note. {contact} asked for a refresher on report scheduling.',
    'Went through the roadmap; nothing urgent. Agreed to revisit the reporting templates next month.',
    'Stable month. Discussed the upcoming release and the training calendar.',
  ],
  seasonal: [
    'Month-end close drives usage as expected. {contact} asked for faster exports during the close.',
    'Quiet weeks between closes; planned a workshop before the next peak.',
    'Reviewed last close: report run times were fine. Discussed the year-end peak.',
  ],
  declining: [
    'Fewer people signing in; {contact} says priorities shifted to a new initiative. Agreed to review which teams still use it.',
    '{contact} raised that the team finds the reports hard to build. Offered a training session.',
    'Attendance was low. Budget review coming up on their side; need to show value before it.',
    'Discussed the drop in active users; they are evaluating whether all licences are needed at renewal.',
  ],
  stalled_onboarding: [
    'Kick-off follow-up: data source access still pending on their side. {contact} to chase IT.',
    'Implementation plan reviewed; the SSO setup is blocked waiting for their security review.',
    'Only {n} people set up so far. Agreed on a new go-live date.',
  ],
};

export const outcomes: Record<UsageStory, readonly string[]> = {
  thriving: ['Positive: expansion likely', 'Agreed next steps', 'Reference call offered', 'Pilot of alerts approved'],
  steady: ['Agreed next steps', 'No issues', 'Training scheduled'],
  seasonal: ['Agreed next steps', 'Workshop booked before the peak'],
  declining: ['Concerns raised', 'Follow-up needed', 'Renewal at risk'],
  stalled_onboarding: ['Blocked on customer', 'New go-live date agreed', 'No reply'],
};

export const actionItems = [
  'Send the meeting recap to {contact}',
  'Share the report-builder training recording',
  'Set up a dashboard template for the finance team',
  'Check licence utilisation before the true-up',
  'Open a feature request for scheduled exports',
  'Book the next business review',
  'Follow up on the open support ticket',
  'Prepare usage metrics for the sponsor',
  'Introduce {contact} to the product manager',
  'Send the updated success plan',
  'Confirm SSO configuration with their IT team',
  'Draft the renewal proposal',
] as const;

export const requests: ReadonlyArray<{ title: string; details: string; response: string }> = [
  {
    title: 'Roadmap date for scheduled exports',
    details: 'The customer asks when scheduled exports ship; it blocks their finance roll-out.',
    response: 'Planned for next quarter.',
  },
  { title: 'Credit note for a double-billed invoice', details: 'The March invoice was charged twice.', response: 'Credit note issued.' },
  {
    title: 'Escalate a P1 support ticket',
    details: 'Dashboards time out for their largest workspace since the last release.',
    response: 'Fixed in the hotfix.',
  },
  {
    title: 'Security questionnaire answers',
    details: 'Their security team sent a 120-question review; needed for the SSO go-live.',
    response: 'Questionnaire returned.',
  },
  { title: 'Discount approval for a multi-year renewal', details: 'Three-year term in exchange for 8% off; needs approval.', response: 'Approved at 6%.' },
  { title: 'Sandbox environment for testing', details: 'They want to test the new connectors before enabling them.', response: 'Sandbox created.' },
  { title: 'Product manager for a feature workshop', details: 'Customer wants to discuss a custom-fields gap with product.', response: 'Workshop held.' },
  {
    title: 'Reference customer in the same industry',
    details: 'Prospect-style question from their new CFO: who else uses it like them?',
    response: 'Two references shared.',
  },
];

/** A title and mitigation plan for a risk logged under each account risk status. */
export const riskTexts: Record<RiskStatus, { title: string; plan: string }> = {
  failing_implementation: { title: 'Go-live slipped twice', plan: 'Weekly implementation stand-up; executive sponsor call to reset the plan.' },
  feature_gaps: { title: 'Needs custom fields in reports', plan: 'Workshop with product; offer the workaround with calculated columns meanwhile.' },
  customer_resource_constraint: { title: 'No admin on their side since the reorg', plan: 'Train a second administrator; offer hands-on setup sessions.' },
  vendor_resource_constraint: { title: 'Implementation team overbooked', plan: 'Bring in a partner for the data integration work.' },
  unusable_interface: { title: 'Users find report building hard', plan: 'Template pack and two training sessions for the analysts.' },
  lack_of_interest: { title: 'Active users halved in two months', plan: 'Re-launch with the champion: use cases per team, usage review every two weeks.' },
  withholding_payment: { title: 'Two invoices unpaid over 60 days', plan: 'Finance call with their controller; agree a payment plan.' },
  competitive_solution: { title: 'Trialling a competing BI tool', plan: 'Executive business review on value delivered; side-by-side comparison.' },
};

export const redFlagNotes: Record<RedFlagKind, readonly string[]> = {
  contact_left: ['Our champion left; the new team lead has not used the product.'],
  budget_cut: ['Their tooling budget was cut by 20% for next year.', 'CFO announced a freeze on new software spend.'],
  financial_trouble: ['Quarterly results missed; they announced layoffs.'],
  reputation: ['Press coverage of a data breach at the customer.'],
  industry_risk: ['New regulation in their sector may change how they report.'],
  acquisition: ['They are being acquired; the buyer standardises on another vendor.'],
  new_leadership: ['New VP of Operations started; reviewing all tools.', 'New CIO since last month; vendor consolidation on the agenda.'],
  rfp_evaluation: ['They issued an RFP for analytics tools ahead of renewal.'],
  gone_dark: ['No reply to three e-mails and a cancelled meeting.', 'Champion has not answered for weeks; kick-off follow-ups unanswered.'],
};

export const redFlagResolutions = [
  'Met the new team; they keep the product.',
  'Budget confirmed for the renewal.',
  'Spoke with the sponsor: no change for us.',
];

/** Stories of thriving accounts: markdown, as a CSM would write them. */
/** `aboutReview`: the story is linked to the account's latest quarterly business review rather than the account. */
export const storyBodies: ReadonlyArray<{ title: string; body: string; aboutReview: boolean }> = [
  {
    title: 'From pilot to every team',
    aboutReview: false,
    body: '## What happened\n\n{account} started with **one analytics team**. After the pilot, {contact} presented the results to the leadership team and the roll-out followed:\n\n- finance went live first\n- operations followed a month later\n- {n} people now sign in every week\n\n> "We finally look at the same numbers in every meeting." — {contact}\n\n**Next:** a reference call for prospects in the same industry.',
  },
  {
    title: 'Month-end close in half the time',
    aboutReview: false,
    body: "## The goal\n\nHalve the time to prepare the month-end report.\n\n## The result\n\n1. Reports are built from templates instead of spreadsheets\n2. Alerts flag late data before the close\n3. The close takes *two days instead of four*\n\n{contact} agreed to a joint case study. Details in the [customer's press release](https://example.com/press).",
  },
  {
    title: 'Expansion after the QBR',
    aboutReview: true,
    body: 'At the quarterly business review we showed licence utilisation above 90% and the goals met. {contact} asked for a proposal the same day; the expansion added **{n} seats**.\n\nWhat made the difference:\n\n- usage metrics prepared *before* the meeting\n- the four-way value model: what was in it for each person in the room\n- no troubleshooting in the review: support issues were closed beforehand',
  },
];
