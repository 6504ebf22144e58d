import { Button, CloseButton, Group, NumberInput, Stack, Text, TextInput } from '@mantine/core';

export interface BandRow {
  label: string;
  /** Exclusive upper bound in major units; null for the last, open-ended band. */
  upTo: number | string | null;
}

interface Props {
  rows: BandRow[];
  currency: string;
  disabled: boolean;
  error?: string | undefined;
  onChange(rows: BandRow[]): void;
}

/** Bands from lowest to highest ARR; the last one has no upper bound. */
export function RevenueBandsEditor({ rows, currency, disabled, error, onChange }: Props) {
  const set = (index: number, patch: Partial<BandRow>) => onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  return (
    <Stack gap="xs" role="group" aria-labelledby="bands-title">
      <div>
        <Text fw={600} size="sm" id="bands-title">
          Revenue bands
        </Text>
        <Text size="xs" c="dimmed">
          Accounts fall in the first band whose upper bound is above their ARR ({currency}, in major units).
        </Text>
      </div>
      {rows.map((row, index) => {
        const last = index === rows.length - 1;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: bands are edited in place; labels may repeat while typing
          <Group key={index} gap="xs" wrap="nowrap" align="flex-start">
            <TextInput aria-label={`Band ${index + 1} label`} value={row.label} onChange={(e) => set(index, { label: e.currentTarget.value })} w={160} />
            {last ? (
              <Text size="sm" c="dimmed" mt={6} style={{ flex: 1 }}>
                and above
              </Text>
            ) : (
              <NumberInput
                aria-label={`Band ${index + 1} upper bound`}
                leftSection={<Text size="xs">&lt;</Text>}
                min={0}
                thousandSeparator=","
                value={row.upTo ?? ''}
                onChange={(v) => set(index, { upTo: v })}
                style={{ flex: 1 }}
              />
            )}
            {!disabled && rows.length > 1 && (
              <CloseButton
                mt={6}
                aria-label={`Remove band ${row.label || index + 1}`}
                onClick={() => {
                  const next = rows.filter((_, i) => i !== index);
                  // Whatever band ends up last loses its upper bound.
                  onChange(next.map((r, i) => (i === next.length - 1 ? { ...r, upTo: null } : r)));
                }}
              />
            )}
          </Group>
        );
      })}
      {error && (
        <Text size="xs" c="red" role="alert">
          {error}
        </Text>
      )}
      {!disabled && rows.length < 12 && (
        <Group>
          <Button variant="subtle" size="xs" onClick={() => onChange([...rows.slice(0, -1), { label: '', upTo: '' }, ...rows.slice(-1)])}>
            Add band
          </Button>
        </Group>
      )}
    </Stack>
  );
}
