import { Autocomplete, Fieldset, NumberInput, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import type { KpiBase, KpiFormula, Metric, UsageCatalogT } from '../../api/types';

/** The editor's loose form of a formula: every field kept while the kind changes, turned into a formula on save. */
export type BaseKind = KpiBase['kind'];
export interface BaseDraft {
  kind: BaseKind;
  event: string;
  property: string;
  metric: string;
}
export interface FormulaDraft {
  kind: BaseKind | 'ratio';
  base: BaseDraft;
  numerator: BaseDraft;
  denominator: BaseDraft;
  scale: number | string;
}

const emptyBase = (kind: BaseKind = 'event_count'): BaseDraft => ({ kind, event: '', property: '', metric: '' });

function baseDraft(b: KpiBase): BaseDraft {
  return { ...emptyBase(b.kind), ...b, event: 'event' in b ? (b.event ?? '') : '' };
}

export function toDraft(formula: KpiFormula | null): FormulaDraft {
  if (!formula) return { kind: 'event_count', base: emptyBase(), numerator: emptyBase('active_users'), denominator: emptyBase('metric'), scale: '' };
  if (formula.kind === 'ratio') {
    return {
      kind: 'ratio',
      base: emptyBase(),
      numerator: baseDraft(formula.numerator),
      denominator: baseDraft(formula.denominator),
      scale: formula.scale ?? '',
    };
  }
  return { kind: formula.kind, base: baseDraft(formula), numerator: emptyBase('active_users'), denominator: emptyBase('metric'), scale: '' };
}

function fromBase(b: BaseDraft): KpiBase {
  switch (b.kind) {
    case 'event_count':
      return { kind: 'event_count', event: b.event.trim() };
    case 'active_users':
      return b.event.trim() ? { kind: 'active_users', event: b.event.trim() } : { kind: 'active_users' };
    case 'property_sum':
      return { kind: 'property_sum', event: b.event.trim(), property: b.property.trim() };
    case 'metric':
      return { kind: 'metric', metric: b.metric };
  }
}

export function fromDraft(d: FormulaDraft): KpiFormula {
  if (d.kind !== 'ratio') return fromBase({ ...d.base, kind: d.kind });
  const scale = d.scale === '' ? undefined : Number(d.scale);
  return { kind: 'ratio', numerator: fromBase(d.numerator), denominator: fromBase(d.denominator), ...(scale === undefined ? {} : { scale }) };
}

/** Server issues land on these fields; the most specific first, as fieldErrors takes the first that matches. */
export const FORMULA_FIELDS = [
  ...['formula.numerator', 'formula.denominator', 'formula'].flatMap((p) => [`${p}.event`, `${p}.property`, `${p}.metric`]),
  'formula.scale',
  'formula.numerator',
  'formula.denominator',
  'formula',
] as const;

const kindOptions = [
  { value: 'event_count', label: 'Event count' },
  { value: 'active_users', label: 'Active users (distinct)' },
  { value: 'property_sum', label: 'Sum of a numeric property' },
  { value: 'metric', label: 'Metric value (from another system)' },
];

interface Props {
  draft: FormulaDraft;
  onChange(draft: FormulaDraft): void;
  catalog: UsageCatalogT | undefined;
  metrics: Metric[] | undefined;
  errors: Record<string, string>;
  disabled: boolean;
}

export function FormulaBuilder({ draft, onChange, catalog, metrics, errors, disabled }: Props) {
  return (
    <Stack gap="sm">
      <Select
        label="Formula"
        description="What the KPI measures per account over its window"
        data={[...kindOptions, { value: 'ratio', label: 'Ratio of two values (e.g. active users ÷ licences)' }]}
        value={draft.kind}
        allowDeselect={false}
        disabled={disabled}
        onChange={(v) => onChange({ ...draft, kind: (v ?? 'event_count') as FormulaDraft['kind'] })}
        error={errors.formula}
      />
      {draft.kind === 'ratio' ? (
        <>
          <Fieldset legend="Numerator" disabled={disabled}>
            <BaseEditor
              prefix="formula.numerator"
              label="Numerator"
              base={draft.numerator}
              onChange={(numerator) => onChange({ ...draft, numerator })}
              {...{ catalog, metrics, errors }}
            />
          </Fieldset>
          <Fieldset legend="Denominator" disabled={disabled}>
            <BaseEditor
              prefix="formula.denominator"
              label="Denominator"
              base={draft.denominator}
              onChange={(denominator) => onChange({ ...draft, denominator })}
              {...{ catalog, metrics, errors }}
            />
          </Fieldset>
          <NumberInput
            label="Multiply by"
            description="Optional: 100 turns the ratio into a percentage. A zero or missing denominator gives no value."
            min={0}
            value={draft.scale}
            onChange={(scale) => onChange({ ...draft, scale })}
            error={errors['formula.scale']}
            disabled={disabled}
            w={200}
          />
        </>
      ) : (
        <BaseEditor
          prefix="formula"
          base={{ ...draft.base, kind: draft.kind }}
          onChange={(base) => onChange({ ...draft, base })}
          fixedKind
          {...{ catalog, metrics, errors }}
        />
      )}
    </Stack>
  );
}

interface BaseProps {
  prefix: string;
  label?: string;
  base: BaseDraft;
  onChange(base: BaseDraft): void;
  catalog: UsageCatalogT | undefined;
  metrics: Metric[] | undefined;
  errors: Record<string, string>;
  /** The kind is chosen by the formula select above (a single value). */
  fixedKind?: boolean;
}

function BaseEditor({ prefix, label, base, onChange, catalog, metrics, errors, fixedKind }: BaseProps) {
  const events = catalog?.events ?? [];
  const properties = events.find((e) => e.event === base.event)?.properties ?? [...new Set(events.flatMap((e) => e.properties))];
  const named = (what: string) => (label ? `${label} ${what.toLowerCase()}` : what);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      {!fixedKind && (
        <Select
          label={named('Value')}
          data={kindOptions}
          value={base.kind}
          allowDeselect={false}
          onChange={(v) => onChange({ ...base, kind: (v ?? 'event_count') as BaseKind })}
        />
      )}
      {base.kind !== 'metric' && (
        <Autocomplete
          label={named('Event')}
          description={base.kind === 'active_users' ? 'Leave empty to count users of any event' : 'Names seen in the last 90 days are suggested'}
          required={base.kind !== 'active_users'}
          data={events.map((e) => e.event)}
          value={base.event}
          onChange={(event) => onChange({ ...base, event })}
          error={errors[`${prefix}.event`]}
        />
      )}
      {base.kind === 'property_sum' && (
        <Autocomplete
          label={named('Numeric property')}
          required
          data={properties}
          value={base.property}
          onChange={(property) => onChange({ ...base, property })}
          error={errors[`${prefix}.property`]}
        />
      )}
      {base.kind === 'metric' && (
        <Select
          label={named('Metric')}
          required
          searchable
          data={(metrics ?? []).map((m) => ({ value: m.key, label: `${m.name} (${m.key})` }))}
          value={base.metric || null}
          onChange={(metric) => onChange({ ...base, metric: metric ?? '' })}
          error={errors[`${prefix}.metric`]}
          nothingFoundMessage="No metric: define one under Settings → Metrics"
        />
      )}
      {base.kind === 'metric' && !metrics?.length && (
        <Text size="xs" c="dimmed">
          No metrics are defined yet: add them under the Metrics tab.
        </Text>
      )}
      {prefix !== 'formula' && errors[prefix] && (
        <Text size="xs" c="red" role="alert">
          {errors[prefix]}
        </Text>
      )}
    </SimpleGrid>
  );
}
