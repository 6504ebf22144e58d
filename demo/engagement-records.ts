import type { LifecyclePhase, RedFlagKind, RiskRecordStatus, Severity } from '../src/domain/enums.js';
import { RiskStatuses } from '../src/domain/enums.js';
import { redFlagNotes, redFlagResolutions, riskTexts } from './engagement-words.js';
import { monday } from './engagement-write.js';
import type { DemoAccount } from './generate.js';
import { addDaysIso, type Random } from './random.js';
import type { UsageStory } from './usage.js';

/**
 * One account's lifecycle history, risks and red flags as plain data, consistent with its phase, tier and usage story:
 * declining accounts carry open adoption risks raised after a warning sign, stalled onboardings have gone dark, and
 * older customers have risks that were mitigated (or, now and then, ended in a partial churn).
 */

export interface PlannedPhaseChange {
  from: LifecyclePhase | null;
  to: LifecyclePhase;
  on: string;
  byEmail: string | null;
  note: string;
}

export interface PlannedRisk {
  /** The catalog entry's label (src/modules/risks/catalog.ts). */
  typeLabel: string;
  title: string;
  severity: Severity;
  status: RiskRecordStatus;
  ownerEmail: string | null;
  plan: string;
  firstSignalOn: string | null;
  identifiedOn: string;
  resolvedOn: string | null;
}

export interface PlannedFlag {
  kind: RedFlagKind;
  note: string;
  raisedOn: string;
  raisedByEmail: string | null;
  resolvedOn: string | null;
  resolution: string | null;
}

const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
const later = (a: string, b: string) => (a > b ? a : b);

const phaseDays: Record<LifecyclePhase, [number, number]> = {
  sales_handoff: [7, 20],
  onboarding: [25, 75],
  adoption: [45, 120],
  value_realization: [150, 330],
  renewal_expansion: [30, 90],
};
const order: readonly LifecyclePhase[] = ['sales_handoff', 'onboarding', 'adoption', 'value_realization', 'renewal_expansion'];

function sinceAgo(account: DemoAccount, story: UsageStory, random: Random, today: string): number {
  switch (account.lifecyclePhase) {
    case 'sales_handoff':
      return story === 'stalled_onboarding' ? random.int(20, 40) : random.int(2, 14);
    case 'onboarding':
      return story === 'stalled_onboarding' ? random.int(60, 150) : random.int(5, 60);
    case 'adoption':
      return random.int(10, 100);
    case 'value_realization':
      return random.int(20, 300);
    case 'renewal_expansion':
      // The renewal conversation starts two to four months before the date.
      return Math.max(2, random.int(60, 120) - daysBetween(today, account.renewalDate));
  }
}

function phaseNote(account: DemoAccount, to: LifecyclePhase, again: boolean): string {
  switch (to) {
    case 'sales_handoff':
      return `Signed: ${account.customFields.plan} plan, ${account.customFields.seats} seats.`;
    case 'onboarding':
      return again ? 'Renewed; onboarding the new teams and modules.' : 'Kick-off held with the project team.';
    case 'adoption':
      return 'Went live: roll-out to the end users.';
    case 'value_realization':
      return 'Adoption targets met; measuring value against the goals.';
    case 'renewal_expansion':
      return `Renewal due ${account.renewalDate}: preparing the proposal.`;
  }
}

/** The phase changes that led to the account's current phase, oldest first, the first one from no phase. */
export function planLifecycle(account: DemoAccount, story: UsageStory, random: Random, today: string, managerEmail: string): PlannedPhaseChange[] {
  // Changes are recorded at the weekly account review, on Mondays.
  let on = monday(addDaysIso(today, -sinceAgo(account, story, random, today)));
  let phase = account.lifecyclePhase;
  const steps: Array<{ to: LifecyclePhase; on: string }> = [{ to: phase, on }];
  let cycles = 0;
  while (phase !== 'sales_handoff' && steps.length < 12) {
    // Before an onboarding: the hand-off of a new customer, or the renewal that started a new turn of the cycle.
    const again = phase === 'onboarding' && story !== 'stalled_onboarding' && cycles === 0 && daysBetween(on, today) < 400 && random.chance(0.45);
    if (phase === 'onboarding' && again) cycles += 1;
    const previous: LifecyclePhase =
      phase === 'onboarding' ? (again ? 'renewal_expansion' : 'sales_handoff') : (order[order.indexOf(phase) - 1] as LifecyclePhase);
    const [min, max] = phaseDays[previous];
    on = monday(addDaysIso(on, -random.int(min, max)));
    steps.unshift({ to: previous, on });
    phase = previous;
  }
  return steps.map((step, i) => {
    const from = i === 0 ? null : (steps[i - 1] as { to: LifecyclePhase }).to;
    return {
      from,
      to: step.to,
      on: step.on,
      byEmail: step.to === 'sales_handoff' ? managerEmail : (account.ownerEmail ?? managerEmail),
      note: phaseNote(account, step.to, from === 'renewal_expansion'),
    };
  });
}

function severityFor(account: DemoAccount, random: Random): Severity {
  if (account.touchTier === 'high') return random.weighted({ high: 60, critical: 25, medium: 15 });
  if (account.touchTier === 'medium') return random.weighted({ medium: 55, high: 35, low: 10 });
  return random.weighted({ low: 45, medium: 45, high: 10 });
}

const closedCauses = [
  'No continuity',
  'Broken relationships from turnover',
  'Lost sponsor',
  'New leadership',
  'Poor quality',
  'Missing features',
  'Low adoption',
];

/**
 * Red flags first (a risk's first warning signal is often one), then the risks: one open risk per risk status the
 * account carries, an adoption risk for a declining account, a stalled implementation for a stalled one, and now
 * and then a risk from the past that was mitigated, dismissed, or ended in a partial churn.
 */
export function planRisks(
  account: DemoAccount,
  story: UsageStory,
  random: Random,
  today: string,
  customerSince: string,
  people: { managerEmail: string; viewerEmail: string },
  dark: boolean,
): { risks: PlannedRisk[]; flags: PlannedFlag[] } {
  const owner = account.ownerEmail;
  const raiser = () => (random.chance(0.15) ? people.viewerEmail : random.chance(0.2) ? people.managerEmail : (owner ?? people.managerEmail));
  const ago = (min: number, max: number) => later(addDaysIso(today, -random.int(min, max)), customerSince);
  const flags: PlannedFlag[] = [];
  const flag = (kind: RedFlagKind, raisedOn: string, resolved: boolean): PlannedFlag => {
    const resolvedOn = resolved ? addDaysIso(raisedOn, random.int(5, 40)) : null;
    const planned = {
      kind,
      note: random.pick(redFlagNotes[kind]),
      raisedOn,
      raisedByEmail: raiser(),
      resolvedOn: resolvedOn && resolvedOn < today ? resolvedOn : null,
      resolution: null as string | null,
    };
    if (planned.resolvedOn) planned.resolution = random.pick(redFlagResolutions);
    flags.push(planned);
    return planned;
  };

  let signal: string | null = null;
  if (dark) signal = flag('gone_dark', ago(5, 20), false).raisedOn;
  if (story === 'declining' && random.chance(0.35))
    signal = flag(random.pick(['new_leadership', 'budget_cut', 'rfp_evaluation'] as const), ago(25, 60), false).raisedOn;
  if (random.chance(account.touchTier === 'tech' ? 0.03 : 0.08)) {
    flag(
      random.pick(['acquisition', 'financial_trouble', 'reputation', 'industry_risk', 'budget_cut', 'new_leadership'] as const),
      ago(30, 300),
      random.chance(0.75),
    );
  }

  const risks: PlannedRisk[] = [];
  const open = (typeLabel: string, title: string, plan: string, identifiedOn: string) => {
    const earliest = later(addDaysIso(identifiedOn, -random.int(2, 30)), customerSince);
    risks.push({
      typeLabel,
      title,
      severity: severityFor(account, random),
      status: random.chance(0.4) ? 'mitigating' : 'open',
      ownerEmail: owner,
      plan,
      firstSignalOn: signal && signal <= identifiedOn ? signal : earliest,
      identifiedOn,
      resolvedOn: null,
    });
  };
  for (const status of account.riskStatuses) open(RiskStatuses.labels[status], riskTexts[status].title, riskTexts[status].plan, ago(7, 120));
  if (story === 'declining' && !account.riskStatuses.includes('lack_of_interest')) {
    open('Low adoption', 'Active users falling for two months', riskTexts.lack_of_interest.plan, ago(10, 40));
  }
  if (story === 'stalled_onboarding' && !account.riskStatuses.includes('failing_implementation')) {
    const title = dark ? 'Onboarding stalled: customer not responding' : 'Onboarding behind plan: waiting on their IT';
    open('Stalled implementation', title, riskTexts.failing_implementation.plan, ago(3, 15));
  }
  if (owner && daysBetween(customerSince, today) > 150 && random.chance(account.touchTier === 'tech' ? 0.15 : 0.3)) {
    const identifiedOn = ago(130, 340);
    const status = random.weighted({ mitigated: 80, dismissed: 10, churned: 10 } as const);
    const label = random.pick(closedCauses);
    risks.push({
      typeLabel: label,
      title: status === 'churned' ? `${label}: a division cancelled its seats` : label,
      severity: severityFor(account, random),
      status,
      ownerEmail: owner,
      plan: 'Agreed a recovery plan with the sponsor; reviewed every two weeks.',
      firstSignalOn: later(addDaysIso(identifiedOn, -random.int(3, 45)), customerSince),
      identifiedOn,
      resolvedOn: addDaysIso(identifiedOn, random.int(20, 100)),
    });
  }
  return { risks, flags };
}
