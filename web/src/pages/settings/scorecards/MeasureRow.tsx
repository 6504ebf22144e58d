import { ActionIcon, Badge, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { Kpi } from '../../../api/types';
import { sourceLabels } from '../../account/health/format';
import type { AccountField, MeasureDraft, SourceKind } from './draft';
import { MappingEditor } from './MappingEditor';

interface Props {
  measure: MeasureDraft;
  index: number;
  count: number;
  groups: string[];
  kpis: Kpi[];
  share: number;
  disabled: boolean;
  errors: Record<string, string>;
  onChange(patch: Partial<MeasureDraft>): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
}

const KINDS: SourceKind[] = ['kpi', 'days_since_touch', 'open_risks', 'open_red_flags', 'account_field', 'custom_field', 'manual'];
const ACCOUNT_FIELDS: Array<{ value: AccountField; label: string }> = [
  { value: 'days_to_renewal', label: 'Days to renewal' },
  { value: 'arr', label: 'ARR' },
];

/** One measure of the scorecard: what it reads, how that maps to 0–100, and how much it weighs. */
export function MeasureRow({ measure, index, count, groups, kpis, share, disabled, errors, onChange, onMove, onRemove }: Props) {
  const n = index + 1;
  const label = measure.name.trim() || `Measure ${n}`;
  const err = (f: string) => errors[`measures.${index}.${f}`];
  const kpi = kpis.find((k) => k.id === measure.kpiId);
  const hint =
    measure.kind === 'kpi' && kpi
      ? kpi.direction === 'risk'
        ? `${kpi.name} is a risk KPI (lower is better): set worst above best.`
        : `${kpi.name} is a performance KPI (higher is better): set best above worst.`
      : measure.kind === 'days_since_touch'
        ? 'Fewer days is better: set worst above best.'
        : measure.kind === 'account_field' && measure.accountField === 'days_to_renewal'
          ? 'A renewal further away is usually safer: set best above worst.'
          : undefined;

  return (
    <Paper withBorder p="sm" component="fieldset" aria-label={label} style={{ margin: 0 }}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs">
            <Text fw={600} size="sm">
              {n}. {label}
            </Text>
            <Badge variant="light" tt="none" aria-label={`${label}: share of the score ${(share * 100).toFixed(1)}%`}>
              {(share * 100).toFixed(1)}% of the score
            </Badge>
          </Group>
          {!disabled && (
            <Group gap={4} wrap="nowrap">
              <ActionIcon variant="subtle" color="gray" aria-label={`Move ${label} up`} disabled={index === 0} onClick={() => onMove(-1)}>
                ↑
              </ActionIcon>
              <ActionIcon variant="subtle" color="gray" aria-label={`Move ${label} down`} disabled={index === count - 1} onClick={() => onMove(1)}>
                ↓
              </ActionIcon>
              <ActionIcon variant="subtle" color="red" aria-label={`Remove ${label}`} disabled={count === 1} onClick={onRemove}>
                ×
              </ActionIcon>
            </Group>
          )}
        </Group>
        {err('') && (
          <Text size="xs" c="red">
            {err('')}
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <TextInput
            size="xs"
            label="Name"
            required
            value={measure.name}
            onChange={(e) => onChange({ name: e.currentTarget.value })}
            error={err('name')}
            readOnly={disabled}
          />
          <Select
            size="xs"
            label="Group"
            placeholder={groups.length ? 'No group' : 'Add groups above first'}
            data={groups}
            value={measure.group && groups.includes(measure.group) ? measure.group : null}
            onChange={(v) => onChange({ group: v })}
            clearable
            readOnly={disabled}
            disabled={!groups.length}
            error={err('group')}
          />
          <Select
            size="xs"
            label="Source"
            data={KINDS.map((k) => ({ value: k, label: sourceLabels[k] ?? k }))}
            value={measure.kind}
            onChange={(v) => v && onChange({ kind: v as SourceKind })}
            allowDeselect={false}
            readOnly={disabled}
            error={err('source')}
          />
          <NumberInput
            size="xs"
            label="Weight"
            min={0}
            value={measure.weight}
            onChange={(v) => onChange({ weight: v })}
            error={err('weight')}
            readOnly={disabled}
          />
        </SimpleGrid>
        <SourceFields measure={measure} kpis={kpis} disabled={disabled} onChange={onChange} />
        <MappingEditor measure={measure} label={label} disabled={disabled} error={err('mapping')} hint={hint} onChange={onChange} />
      </Stack>
    </Paper>
  );
}

function SourceFields({ measure, kpis, disabled, onChange }: Pick<Props, 'measure' | 'kpis' | 'disabled' | 'onChange'>) {
  if (measure.kind === 'kpi') {
    const data = kpis.map((k) => ({ value: k.id, label: k.name }));
    if (measure.kpiId && !kpis.some((k) => k.id === measure.kpiId)) data.push({ value: measure.kpiId, label: 'Deleted KPI' });
    return (
      <Select
        size="xs"
        label="KPI"
        placeholder={kpis.length ? 'Pick a KPI' : 'No KPIs yet: define one under Settings → KPIs'}
        data={data}
        value={measure.kpiId}
        onChange={(v) => onChange({ kpiId: v })}
        searchable
        required
        readOnly={disabled}
        maw={360}
      />
    );
  }
  if (measure.kind === 'account_field') {
    return (
      <Select
        size="xs"
        label="Account field"
        description={measure.accountField === 'arr' ? 'In major units of the account’s currency' : 'Negative once the renewal date has passed'}
        data={ACCOUNT_FIELDS}
        value={measure.accountField}
        onChange={(v) => v && onChange({ accountField: v as AccountField })}
        allowDeselect={false}
        readOnly={disabled}
        maw={360}
      />
    );
  }
  if (measure.kind === 'custom_field') {
    return (
      <TextInput
        size="xs"
        label="Custom field key"
        description="A numeric custom field of the account, e.g. contract_growth"
        value={measure.fieldKey}
        onChange={(e) => onChange({ fieldKey: e.currentTarget.value })}
        required
        readOnly={disabled}
        maw={360}
      />
    );
  }
  if (measure.kind === 'manual') {
    return (
      <Group gap="sm" align="flex-start">
        <NumberInput size="xs" label="Lowest value a CSM can set" value={measure.min} onChange={(v) => onChange({ min: v })} readOnly={disabled} w={200} />
        <NumberInput size="xs" label="Highest value a CSM can set" value={measure.max} onChange={(v) => onChange({ max: v })} readOnly={disabled} w={200} />
      </Group>
    );
  }
  return null;
}
