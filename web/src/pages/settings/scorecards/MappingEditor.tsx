import { ActionIcon, Button, Group, NumberInput, SegmentedControl, Stack, Text } from '@mantine/core';
import type { MeasureDraft } from './draft';
import { newKey } from './draft';

interface Props {
  measure: MeasureDraft;
  label: string;
  disabled: boolean;
  error?: string;
  /** Says which way is better for a KPI-bound measure, so the range is set the right way round. */
  hint?: string;
  onChange(patch: Partial<MeasureDraft>): void;
}

/** How a raw value becomes 0–100: a linear range (worst → 0, best → 100) or bands (up to X → score). */
export function MappingEditor({ measure, label, disabled, error, hint, onChange }: Props) {
  const labelId = `${measure.key}-mapping`;
  return (
    <Stack gap={6}>
      <Group gap="sm" align="center">
        <Text size="sm" fw={500} id={labelId}>
          Mapping to 0–100
        </Text>
        <SegmentedControl
          size="xs"
          aria-labelledby={labelId}
          readOnly={disabled}
          value={measure.mappingKind}
          onChange={(v) => onChange({ mappingKind: v as MeasureDraft['mappingKind'] })}
          data={[
            { value: 'linear', label: 'Linear range' },
            { value: 'bands', label: 'Bands' },
          ]}
        />
      </Group>
      {measure.mappingKind === 'linear' ? (
        <Group gap="sm" align="flex-start" grow>
          <NumberInput
            size="xs"
            label="Worst (scores 0)"
            aria-label={`${label}: worst value, scores 0`}
            value={measure.worst}
            onChange={(v) => onChange({ worst: v })}
            readOnly={disabled}
          />
          <NumberInput
            size="xs"
            label="Best (scores 100)"
            aria-label={`${label}: best value, scores 100`}
            value={measure.best}
            onChange={(v) => onChange({ best: v })}
            readOnly={disabled}
          />
        </Group>
      ) : (
        <BandsEditor measure={measure} label={label} disabled={disabled} onChange={onChange} />
      )}
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
      {error && (
        <Text size="xs" c="red" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}

/** Ascending upper bounds; the last band takes every value above the others. */
function BandsEditor({ measure, label, disabled, onChange }: Omit<Props, 'error' | 'hint'>) {
  const bands = measure.bands;
  const set = (key: string, patch: Partial<(typeof bands)[number]>) => onChange({ bands: bands.map((b) => (b.key === key ? { ...b, ...patch } : b)) });
  return (
    <Stack gap={4}>
      {bands.map((band, i) => {
        const last = i === bands.length - 1;
        const n = i + 1;
        return (
          <Group key={band.key} gap="xs" align="flex-end" wrap="nowrap">
            {last ? (
              <Text size="xs" c="dimmed" w={140} pb={6}>
                {bands.length > 1 ? 'Above that' : 'Any value'}
              </Text>
            ) : (
              <NumberInput
                size="xs"
                w={140}
                label={i === 0 ? 'Up to (inclusive)' : undefined}
                aria-label={`${label}: band ${n} upper bound`}
                value={band.upTo}
                onChange={(v) => set(band.key, { upTo: v })}
                readOnly={disabled}
              />
            )}
            <NumberInput
              size="xs"
              w={110}
              label={i === 0 ? 'Score' : undefined}
              aria-label={`${label}: band ${n} score`}
              min={0}
              max={100}
              value={band.score}
              onChange={(v) => set(band.key, { score: v })}
              readOnly={disabled}
            />
            {!disabled && bands.length > 1 && (
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={`${label}: remove band ${n}`}
                onClick={() => onChange({ bands: bands.filter((b) => b.key !== band.key) })}
                mb={2}
              >
                ×
              </ActionIcon>
            )}
          </Group>
        );
      })}
      {!disabled && bands.length < 10 && (
        <Button
          size="compact-xs"
          variant="subtle"
          w="fit-content"
          aria-label={`Add band to ${label}`}
          // The new band goes before the open-ended last one.
          onClick={() => onChange({ bands: [...bands.slice(0, -1), { key: newKey(), upTo: '', score: '' }, ...bands.slice(-1)] })}
        >
          Add band
        </Button>
      )}
    </Stack>
  );
}
