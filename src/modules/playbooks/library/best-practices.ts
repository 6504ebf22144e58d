import type { PlaybookTemplate } from './types.js';

/** Best-practice notes per phase, distilled from the seed books; the description (markdown) is the content. */
export const BEST_PRACTICES: PlaybookTemplate[] = [
  {
    key: 'best-practices-sales-handoff',
    name: 'Best practices: sales hand-off',
    kind: 'best_practices',
    phase: 'sales_handoff',
    description: `## Sell to the right customer
The right customers hone your vision, content and onboarding; the wrong ones, even famous brands, take resources and mindshare down a rat hole. Ask of every new account: is this the right customer for us?

## Promise only what is possible
Communicate only what is possible, well thought through and tested with the product. Unrealistic ideas cause heartburn during implementation and damage the relationship.

## Capture every promise as a goal
All portrayed possibilities become project goals with supporting documents. The CSM starts here and shapes the desired outcomes.

**Key takeaways**
- A templated hand-off form from pre-sales to post-sales scales.
- Success measures travel with the hand-off, not after it.`,
    items: [],
  },
  {
    key: 'best-practices-onboarding',
    name: 'Best practices: onboarding',
    kind: 'best_practices',
    phase: 'onboarding',
    description: `## Obsess over time to value
If the customer has not seen real value by the time renewal talks begin, they are far less likely to renew. An 11-month implementation on a 12-month contract is a renewal at risk.

## Define success measures before the clock starts
Let the customer choose measures from a menu of typical ones and make sure each has a baseline. Validate them in the kick-off call.

## Implement iteratively for early value
Don't boil the ocean: start with the most important measure, roll out to a group, division or region first, and slice the work into small achievable chunks.

## Confirm constantly, adjust in real time
- List the measures at the top of every status report.
- Connect with the business sponsor at several points.
- Bring the CSM in before onboarding ends; their first priority afterwards is that the customer reaches the stated value.`,
    items: [],
  },
  {
    key: 'best-practices-adoption',
    name: 'Best practices: adoption',
    kind: 'best_practices',
    phase: 'adoption',
    description: `## Product use
When end-users cannot work without the product and see productivity gains, time savings, revenue boosts, mitigated risks and cost savings, adoption becomes automatic. Nice-to-have projects struggle and fade away.
- Meaningful undertakings generate returns through year-over-year renewals.
- Persist with sound business judgement; change gears when actions bear no fruit.

## Realize value and broadcast value
Once there is credible evidence of realized value, broadcast it to all customer stakeholders and end-users. Explore multi-year licences after value is demonstrated, without becoming complacent: "out of sight, out of mind".

## Demonstrate business value
Give the sponsor business-case talk tracks for the CFO's office before they are asked for. Start with the data in our own systems and ask for CRM, ERP or HR data to support the value narrative.

## Track adoption through quarterly business reviews
Group accounts into in-implementation and post-deployment; give time for adoption before adoption meetings. Gather data, form a hypothesis of the value, validate it with the customer. Add insights, industry perspectives and the roadmap. Afterwards, follow through on the action items.
- If the customer has "nothing to share", do not press further.

## Customer references
Convert customers into references: they help win other accounts and buy more. Bring sales representatives into client locations.

## Implementation learnings
Share management styles, team setups, reporting structures and meeting cadences that helped other customers. Learn from other engagements and share generously.`,
    items: [],
  },
  {
    key: 'best-practices-value-realization',
    name: 'Best practices: value realization',
    kind: 'best_practices',
    phase: 'value_realization',
    description: `## Make the phase last
The longer the customer stays in this phase, the more benefit they derive and the more loyal they become. The CSM measures, reports and maintains.

## Measure with a few good indicators
- Leading indicators (usage) predict; lagging ones (revenue) confirm, late.
- 5–7 indicators for most teams, 9–10 for well-resourced ones.
- Read an indicator in context: more tickets with more users is not necessarily worse.

## Set realistic milestones
Plot the data points so far before setting the next target (the hurdler example).

## Report value visually
Decision makers read charts faster than tables. They must understand that the value is due to the product.

## Business reviews
Begin with the end in mind: what is in it for the client organisation, the client stakeholder, our organisation and the CSM (four-way value model). Bring metrics, value delivered, insights and the roadmap. No troubleshooting, hard selling, training or price negotiation.`,
    items: [],
  },
  {
    key: 'best-practices-renewal-expansion',
    name: 'Best practices: renewal and expansion',
    kind: 'best_practices',
    phase: 'renewal_expansion',
    description: `## Renew early, book on time
Complete renewals 30–60 days before the subscription ends. Book an early renewal in the period it is due; move a late renewal's expected revenue to the next period, keeping its dates.

## Sell on value
No customer buys more licences or modules before the product delivers value. Frame upsell and cross-sell as solutions to new challenges, in a separate discussion.

## Multi-year after demonstrated value
Multi-year licences raise the company's value for investors and reduce the risk of early loss, but never justify complacency.

## Learn from every loss
Record each cancellation or downgrade with a reason from the picklist and free text, avoidable or not. Quantity and price downgrades are different problems.`,
    items: [],
  },
];
