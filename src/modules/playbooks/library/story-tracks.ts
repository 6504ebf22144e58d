import type { PlaybookTemplate } from './types.js';

/**
 * Story tracks: the steps to turn a successful customer into an advocacy story. Healthy customers give references,
 * case studies and conference talks; the track makes sure each step has an owner and a date.
 */
export const STORY_TRACKS: PlaybookTemplate[] = [
  {
    key: 'story-track-reference',
    name: 'Story track: reference customer',
    kind: 'story_track',
    phase: 'value_realization',
    description: 'Convert a satisfied customer into a reference: they help win other accounts and, having invested in us, want us to remain viable.',
    items: [
      { title: 'Confirm the customer is a promoter', details: 'Green health, a recent NPS of 9–10 or a champion who says so.', dueOffsetDays: 0 },
      { title: 'Ask the champion to be a reference', details: 'Explain what it involves: a few calls a year with prospects.', dueOffsetDays: 7 },
      { title: "Get the sponsor's approval", details: 'Some companies need legal or communications approval.', dueOffsetDays: 14 },
      { title: 'Brief the reference on the value story', details: 'The goals, the measures and what changed.', dueOffsetDays: 21 },
      { title: 'Log each reference call and thank the customer', details: 'Do not overuse a reference: track how often they are asked.', dueOffsetDays: 60 },
    ],
  },
  {
    key: 'story-track-testimonial',
    name: 'Story track: testimonial',
    kind: 'story_track',
    phase: 'adoption',
    description: "A short quote that states the value in the customer's words, approved by them.",
    items: [
      { title: 'Pick the result to feature', details: 'One measure that moved, with numbers: baseline, now, time taken.', dueOffsetDays: 0 },
      { title: 'Interview the champion or sponsor', details: 'Fifteen minutes; ask what changed for them personally too.', dueOffsetDays: 7 },
      { title: 'Draft the quote and send it for approval', details: 'Keep their words; add name, title and company.', dueOffsetDays: 14 },
      { title: 'Publish and share it internally', details: 'Website, sales decks; tell the sales team it exists.', dueOffsetDays: 30 },
    ],
  },
  {
    key: 'story-track-case-study',
    name: 'Story track: joint case study',
    kind: 'story_track',
    phase: 'value_realization',
    description:
      'A joint case study built from credible evidence of realized value. The same material feeds marketing collateral and the business case the sponsor shows their CFO.',
    items: [
      { title: 'Collect the evidence of realized value', details: 'Goals, baselines and current values; usage and survey results.', dueOffsetDays: 0 },
      { title: 'Agree the case study with the sponsor', details: 'Scope, approvals needed, who will be quoted.', dueOffsetDays: 10 },
      { title: 'Interview the sponsor, champion and an end user', details: 'The challenge, the solution, the results.', dueOffsetDays: 21 },
      { title: 'Write the draft', details: 'Challenge, approach, measured results, a quote.', dueOffsetDays: 35 },
      { title: 'Customer review and approval', details: 'Allow time for their legal and communications teams.', dueOffsetDays: 50 },
      {
        title: 'Publish and broadcast the value',
        details: 'To all customer stakeholders and end users, and to our sales and marketing teams.',
        dueOffsetDays: 65,
      },
    ],
  },
];
