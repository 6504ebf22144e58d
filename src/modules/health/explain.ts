import type { MeasureSource } from './contracts.js';
import type { Detail } from './sources.js';

/**
 * A measure's raw value in words a CSM can act on ("13 of 100 licences active in the last 30 days"), and its
 * unit and window. Computed with the score and stored in its components, so reading an explanation costs nothing.
 */
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Math.round(n * 10) / 10);
}

/** Money in whole units with thousands separators ("ARR 2,199,600 USD"). */
const WHOLE = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`;

/** One formatter for every sentence: toLocaleDateString builds a new one per call (about 100 µs each). */
const DAY_MONTH = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

function shortDate(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : DAY_MONTH.format(t);
}

export function unitOf(source: MeasureSource, detail: Detail): string | null {
  switch (source.kind) {
    case 'kpi':
      return detail.kind === 'kpi' && !detail.missing ? [detail.unit, `last ${detail.windowDays} days`].filter(Boolean).join(' · ') : null;
    case 'days_since_touch':
      return 'days since the last touch';
    case 'open_risks':
      return 'open risks';
    case 'open_red_flags':
      return 'open red flags';
    case 'account_field':
      if (source.field === 'arr') return detail.kind === 'money' ? `ARR, ${detail.currency}` : 'ARR';
      return 'days to renewal';
    case 'custom_field':
      return `custom field ${source.key}`;
    case 'manual':
      return `${formatNumber(source.min)}–${formatNumber(source.max)}`;
  }
}

function kpiSentence(raw: number, detail: Extract<Detail, { kind: 'kpi' }>): string {
  const window = `in the last ${detail.windowDays} days`;
  const r = detail.ratio;
  if (r && r.numerator !== null && r.denominator !== null) {
    if (r.activeOf) return `${formatNumber(r.numerator)} of ${formatNumber(r.denominator)} ${r.activeOf} active ${window}`;
    return `${detail.kpiName}: ${formatNumber(r.numerator)} of ${formatNumber(r.denominator)} (${formatNumber(raw)}${detail.unit ?? ''}) ${window}`;
  }
  return `${detail.kpiName}: ${formatNumber(raw)}${detail.unit ? ` ${detail.unit}` : ''} ${window}`;
}

/** Why a measure has no data, after "No data: ". */
function noDataReason(name: string, source: MeasureSource, detail: Detail): string {
  switch (source.kind) {
    case 'kpi':
      if (detail.kind === 'kpi' && detail.missing) return `the KPI behind ${name} no longer exists`;
      if (detail.kind === 'kpi' && detail.ratio?.denominator === 0) return `${detail.kpiName} has a zero denominator`;
      return detail.kind === 'kpi' ? `no values for ${detail.kpiName} in the last ${detail.windowDays} days` : `no values for ${name}`;
    case 'days_since_touch':
      return 'no touch recorded yet';
    case 'account_field':
      return source.field === 'days_to_renewal' ? 'the account has no renewal date' : `no value for ${name}`;
    case 'custom_field':
      return `the custom field ${source.key} is not set to a number`;
    case 'manual':
      if (detail.kind === 'manual' && detail.problem === 'expired') return `${name} expired; set it again`;
      if (detail.kind === 'manual' && detail.problem === 'out_of_range') return `${name} is outside ${unitOf(source, detail)}; set it again`;
      return `${name} has not been set`;
    default:
      return `no value for ${name}`;
  }
}

export function sentenceOf(name: string, source: MeasureSource, raw: number | null, detail: Detail): string {
  if (raw === null) return `No data: ${noDataReason(name, source, detail)}`;
  switch (source.kind) {
    case 'kpi':
      return detail.kind === 'kpi' ? kpiSentence(raw, detail) : `${name}: ${formatNumber(raw)}`;
    case 'days_since_touch':
      return raw === 0 ? 'Last touch today' : `Last touch ${plural(raw, 'day', 'days')} ago`;
    case 'open_risks':
      return raw === 0 ? 'No open risks' : plural(raw, 'open risk', 'open risks');
    case 'open_red_flags':
      return raw === 0 ? 'No open red flags' : plural(raw, 'open red flag', 'open red flags');
    case 'account_field':
      if (source.field === 'arr') return `ARR ${WHOLE.format(raw)}${detail.kind === 'money' ? ` ${detail.currency}` : ''}`;
      if (raw === 0) return 'Renewal today';
      return raw > 0 ? `Renewal in ${plural(raw, 'day', 'days')}` : `Renewal date passed ${plural(-raw, 'day', 'days')} ago`;
    case 'custom_field':
      return `${name}: ${formatNumber(raw)} (custom field ${source.key})`;
    case 'manual': {
      if (detail.kind !== 'manual') return `${name} set to ${formatNumber(raw)}`;
      const by = detail.setByName ? ` by ${detail.setByName}` : '';
      const comment = detail.comment ? `: "${detail.comment}"` : '';
      return `${name} set to ${formatNumber(raw)} of ${formatNumber(detail.max)}${by} on ${shortDate(detail.setAt)}${comment}`;
    }
  }
}
