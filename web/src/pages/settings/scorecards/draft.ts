import { scoreMeasures } from '../../../../../src/modules/health/score';
import type { Mapping, MeasureSource, Scorecard, ScorecardInput, Segment } from '../../../api/types';

/**
 * The scorecard editor's working copy. Numbers are kept as the inputs give them (number or '') and turned into
 * the API's shape on save; every row has a stable key so reordering keeps focus and field errors in place.
 */
export type Num = number | string;
export type SourceKind = MeasureSource['kind'];
export type AccountField = Extract<MeasureSource, { kind: 'account_field' }>['field'];

export interface BandDraft {
  key: string;
  upTo: Num;
  score: Num;
}

export interface MeasureDraft {
  key: string;
  id?: string;
  name: string;
  group: string | null;
  kind: SourceKind;
  kpiId: string | null;
  fieldKey: string;
  accountField: AccountField;
  min: Num;
  max: Num;
  mappingKind: Mapping['kind'];
  worst: Num;
  best: Num;
  bands: BandDraft[];
  weight: Num;
}

export interface GroupDraft {
  key: string;
  name: string;
  /** Empty: the group weighs the sum of its measures' weights (it is not sent in `groups`). */
  weight: Num;
}

export interface ScorecardDraft {
  name: string;
  description: string;
  isOverall: boolean;
  segment: Segment;
  redMax: Num;
  amberMax: Num;
  groups: GroupDraft[];
  measures: MeasureDraft[];
}

let counter = 0;
export const newKey = (): string => `k${++counter}`;

const num = (v: Num): number => (v === '' ? Number.NaN : Number(v));

export function blankMeasure(): MeasureDraft {
  return {
    key: newKey(),
    name: '',
    group: null,
    kind: 'manual',
    kpiId: null,
    fieldKey: '',
    accountField: 'days_to_renewal',
    min: 0,
    max: 100,
    mappingKind: 'linear',
    worst: 0,
    best: 100,
    bands: [
      { key: newKey(), upTo: 50, score: 0 },
      { key: newKey(), upTo: '', score: 100 },
    ],
    weight: 1,
  };
}

export function toDraft(card: Scorecard | null): ScorecardDraft {
  if (!card) {
    return {
      name: '',
      description: '',
      isOverall: true,
      segment: { lifecyclePhase: [], touchTier: [], deploymentStatus: [], companySize: [] },
      redMax: 50,
      amberMax: 75,
      groups: [],
      measures: [blankMeasure()],
    };
  }
  return {
    name: card.name,
    description: card.description ?? '',
    isOverall: card.isOverall,
    segment: card.segment,
    redMax: card.rag.redMax,
    amberMax: card.rag.amberMax,
    groups: [
      ...card.groups.map((g) => ({ key: newKey(), name: g.name, weight: g.weight as Num })),
      // Groups named by measures but not weighed: listed with an empty weight so they can be picked and weighed.
      ...[...new Set(card.measures.map((m) => m.group).filter((g): g is string => g !== null && !card.groups.some((x) => x.name === g)))].map((name) => ({
        key: newKey(),
        name,
        weight: '' as Num,
      })),
    ],
    measures: card.measures.map((m) => {
      const base = blankMeasure();
      const source = m.source;
      return {
        ...base,
        id: m.id,
        name: m.name,
        group: m.group,
        kind: source.kind,
        kpiId: source.kind === 'kpi' ? source.kpiId : null,
        fieldKey: source.kind === 'custom_field' ? source.key : '',
        accountField: source.kind === 'account_field' ? source.field : base.accountField,
        min: source.kind === 'manual' ? source.min : 0,
        max: source.kind === 'manual' ? source.max : 100,
        mappingKind: m.mapping.kind,
        worst: m.mapping.kind === 'linear' ? m.mapping.worst : base.worst,
        best: m.mapping.kind === 'linear' ? m.mapping.best : base.best,
        bands: m.mapping.kind === 'bands' ? m.mapping.bands.map((b) => ({ key: newKey(), upTo: b.upTo ?? '', score: b.score })) : base.bands,
        weight: m.weight,
      };
    }),
  };
}

function sourceOf(m: MeasureDraft): MeasureSource {
  switch (m.kind) {
    case 'kpi':
      return { kind: 'kpi', kpiId: m.kpiId ?? '' };
    case 'account_field':
      return { kind: 'account_field', field: m.accountField };
    case 'custom_field':
      return { kind: 'custom_field', key: m.fieldKey };
    case 'manual':
      return { kind: 'manual', min: num(m.min), max: num(m.max) };
    default:
      return { kind: m.kind };
  }
}

function mappingOf(m: MeasureDraft): Mapping {
  if (m.mappingKind === 'linear') return { kind: 'linear', worst: num(m.worst), best: num(m.best) };
  // The last band is open-ended (upTo null) whatever its field says, as the API requires.
  return {
    kind: 'bands',
    bands: m.bands.map((b, i) => ({ upTo: i === m.bands.length - 1 || b.upTo === '' ? null : num(b.upTo), score: num(b.score) })),
  };
}

/** The API body. Invalid numbers go as NaN → null in JSON, which the API names as a field error. */
export function fromDraft(d: ScorecardDraft): ScorecardInput {
  const groupNames = new Set(d.groups.map((g) => g.name.trim()).filter(Boolean));
  return {
    name: d.name,
    description: d.description.trim() || null,
    isOverall: d.isOverall,
    segment: d.segment,
    rag: { redMax: num(d.redMax), amberMax: num(d.amberMax) },
    groups: sentGroups(d).map((g) => ({ name: g.name, weight: num(g.weight) })),
    measures: d.measures.map((m) => ({
      ...(m.id ? { id: m.id } : {}),
      name: m.name,
      group: m.group && groupNames.has(m.group) ? m.group : null,
      source: sourceOf(m),
      mapping: mappingOf(m),
      weight: num(m.weight),
    })),
  };
}

/**
 * Each measure's normalised share of the score (0–1) as the weights stand, computed by the scoring core itself
 * as if every measure had data, so the editor shows exactly what scoring will do.
 */
export function liveShares(d: ScorecardDraft): Map<string, number> {
  const groupNames = new Set(d.groups.map((g) => g.name.trim()).filter(Boolean));
  const result = scoreMeasures(
    d.measures.map((m) => ({
      id: m.key,
      name: m.name,
      group: m.group && groupNames.has(m.group) ? m.group : null,
      weight: Math.max(0, Number.isFinite(num(m.weight)) ? num(m.weight) : 0),
      raw: 0,
      mapping: { kind: 'linear', worst: 0, best: 1 },
    })),
    d.groups
      .filter((g) => g.name.trim() && g.weight !== '')
      .map((g) => ({ name: g.name.trim(), weight: Math.max(0, Number.isFinite(num(g.weight)) ? num(g.weight) : 0) })),
  );
  return new Map(result.components.map((c) => [c.id, c.share]));
}

/** The groups the API gets: those with a weight. */
function sentGroups(d: ScorecardDraft): GroupDraft[] {
  return d.groups.filter((g) => g.weight !== '');
}

/** API errors on `groups.<i>` use the index among the groups sent; the form shows them at the draft's index. */
export function remapGroupErrors(d: ScorecardDraft, errors: Record<string, string>): Record<string, string> {
  const sent = sentGroups(d);
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    const match = /^groups\.(\d+)(.*)$/.exec(field);
    const group = match ? sent[Number(match[1])] : undefined;
    out[group ? `groups.${d.groups.indexOf(group)}${match?.[2] ?? ''}` : field] = message;
  }
  return out;
}

/** Field names the API may report, most specific first, so each error lands under its own input. */
export function knownFields(d: ScorecardDraft): string[] {
  const out: string[] = [];
  d.measures.forEach((_, i) => {
    for (const f of ['name', 'group', 'source', 'mapping', 'weight']) out.push(`measures.${i}.${f}`);
    out.push(`measures.${i}`);
  });
  d.groups.forEach((_, i) => {
    out.push(`groups.${i}.name`, `groups.${i}.weight`, `groups.${i}`);
  });
  out.push('name', 'description', 'isOverall', 'segment', 'rag.redMax', 'rag.amberMax', 'rag', 'groups', 'measures');
  return out;
}

/** The checks the form makes before asking the API (saving and the preview's automatic runs). */
export function localErrors(draft: ScorecardDraft): Record<string, string> {
  const local: Record<string, string> = {};
  if (!draft.name.trim()) local.name = 'is required';
  draft.measures.forEach((m, i) => {
    if (!m.name.trim()) local[`measures.${i}.name`] = 'is required';
    if (m.kind === 'kpi' && !m.kpiId) local[`measures.${i}.source`] = 'pick a KPI';
    if (m.kind === 'custom_field' && !m.fieldKey.trim()) local[`measures.${i}.source`] = 'name the custom field';
  });
  // The API takes either no group weights (each group weighs the sum of its measures) or a weight for every group.
  const weighted = draft.groups.some((g) => g.weight !== '');
  draft.groups.forEach((g, i) => {
    if (!g.name.trim()) local[`groups.${i}.name`] = 'is required';
    if (weighted && g.weight === '') local[`groups.${i}.weight`] = 'give every group a weight, or none';
  });
  if (Number(draft.amberMax) <= Number(draft.redMax)) local['rag.amberMax'] = 'must be above the red maximum';
  return local;
}
