import type { KpiFormula, KpiTemplate } from './contracts.js';

/**
 * Prebuilt KPIs from DOMAIN.md's typical indicators. Thresholds are starting points for one account; a workspace
 * tunes them. Event names follow Segment's spec naming ("Object Action", Title Case).
 *
 * Escalations to management are counted as an event ("Escalation Raised"), not a metric: the support desk or CRM
 * that records them can send it through the same Segment-compatible API, and it needs no new metric definition.
 */
export const kpiTemplates: KpiTemplate[] = [
  {
    key: 'weekly_logins',
    name: 'Weekly logins',
    description: 'Sign-ins over the last 7 days: the first sign that people use the product, or stop.',
    formula: { kind: 'event_count', event: 'Signed In' },
    windowDays: 7,
    timing: 'leading',
    direction: 'performance',
    objectivity: 'objective',
    nature: 'quantitative',
    unit: 'logins',
    warningThreshold: 10,
    criticalThreshold: 2,
  },
  {
    key: 'monthly_logins',
    name: '30-day logins',
    description: 'Sign-ins over the last 30 days: smoother than the weekly count, for accounts with a monthly rhythm.',
    formula: { kind: 'event_count', event: 'Signed In' },
    windowDays: 30,
    timing: 'leading',
    direction: 'performance',
    objectivity: 'objective',
    nature: 'quantitative',
    unit: 'logins',
    warningThreshold: 40,
    criticalThreshold: 10,
  },
  {
    key: 'active_users',
    name: 'Active users',
    description: 'Distinct people who did anything in the product over the last 30 days: the breadth of adoption.',
    formula: { kind: 'active_users' },
    windowDays: 30,
    timing: 'leading',
    direction: 'performance',
    objectivity: 'objective',
    nature: 'quantitative',
    unit: 'users',
    warningThreshold: 5,
    criticalThreshold: 1,
  },
  {
    key: 'feature_usage',
    name: 'Feature usage',
    description: "Distinct people who used one feature over the last 30 days. Choose the event that marks the feature's use when you add it.",
    formula: { kind: 'active_users', event: 'Feature Used' },
    windowDays: 30,
    timing: 'leading',
    direction: 'performance',
    objectivity: 'objective',
    nature: 'quantitative',
    unit: 'users',
    warningThreshold: 3,
    criticalThreshold: 1,
  },
  {
    key: 'licence_utilisation',
    name: 'Licence utilisation',
    description: 'Active users over the last 30 days as a share of licences purchased ("13 of 100 licences active" is 13%).',
    formula: { kind: 'ratio', numerator: { kind: 'active_users' }, denominator: { kind: 'metric', metric: 'licences_purchased' }, scale: 100 },
    windowDays: 30,
    timing: 'leading',
    direction: 'performance',
    objectivity: 'objective',
    nature: 'quantitative',
    unit: '%',
    warningThreshold: 50,
    criticalThreshold: 25,
  },
  {
    key: 'support_tickets',
    name: 'Support tickets',
    // Leading: a rise in tickets comes before dissatisfaction shows in renewals; read it against active users.
    description: 'Tickets opened over the last 30 days. Read it in context: more users can mean more tickets.',
    formula: { kind: 'metric', metric: 'support_tickets' },
    windowDays: 30,
    timing: 'leading',
    direction: 'risk',
    objectivity: 'objective',
    nature: 'quantitative',
    unit: 'tickets',
    warningThreshold: 10,
    criticalThreshold: 25,
  },
  {
    key: 'support_first_response',
    name: 'Support first response time',
    description: "Average hours to the first answer on this account's tickets over the last 30 days (the system's response time).",
    formula: { kind: 'metric', metric: 'first_response_hours' },
    windowDays: 30,
    timing: 'lagging',
    direction: 'risk',
    objectivity: 'objective',
    nature: 'quantitative',
    unit: 'hours',
    warningThreshold: 8,
    criticalThreshold: 24,
  },
  {
    key: 'invoices_paid_late',
    name: 'Invoices paid late',
    description: 'Invoices paid after their due date over the last 90 days: a lagging sign of a weakening relationship or budget.',
    formula: { kind: 'metric', metric: 'invoices_paid_late' },
    windowDays: 90,
    timing: 'lagging',
    direction: 'risk',
    objectivity: 'objective',
    nature: 'quantitative',
    unit: 'invoices',
    warningThreshold: 1,
    criticalThreshold: 2,
  },
  {
    key: 'escalations',
    name: 'Escalations to management',
    // Subjective: someone judges that an issue deserves management's attention.
    description: 'Escalations raised over the last 90 days, sent as "Escalation Raised" events by the support desk or CRM.',
    formula: { kind: 'event_count', event: 'Escalation Raised' },
    windowDays: 90,
    timing: 'lagging',
    direction: 'risk',
    objectivity: 'subjective',
    nature: 'quantitative',
    unit: 'escalations',
    warningThreshold: 1,
    criticalThreshold: 3,
  },
];

export function findTemplate(key: string): KpiTemplate | undefined {
  return kpiTemplates.find((t) => t.key === key);
}

/** The formula with every event name replaced (a ratio's bases included); metrics have none. */
export function withEvent(formula: KpiFormula, event: string): KpiFormula {
  if (formula.kind === 'ratio') {
    const base = (b: typeof formula.numerator) => withEvent(b, event) as typeof formula.numerator;
    return { ...formula, numerator: base(formula.numerator), denominator: base(formula.denominator) };
  }
  if (formula.kind === 'metric') return formula;
  return { ...formula, event };
}
