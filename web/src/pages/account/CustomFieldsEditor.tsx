import { Button, CloseButton, Group, Stack, Text, TextInput } from '@mantine/core';
import type { CustomRow } from './draft';

interface Props {
  rows: CustomRow[];
  disabled: boolean;
  error?: string | undefined;
  onChange(rows: CustomRow[]): void;
}

/** Key/value pairs the workspace tracks beyond the standard fields. */
export function CustomFieldsEditor({ rows, disabled, error, onChange }: Props) {
  const set = (index: number, patch: Partial<CustomRow>) => onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  return (
    <Stack gap="xs" role="group" aria-labelledby="custom-fields-title">
      <Text fw={600} size="sm" id="custom-fields-title">
        Custom fields
      </Text>
      {rows.length === 0 && (
        <Text size="sm" c="dimmed">
          No custom fields. Add one to track anything the standard fields do not cover.
        </Text>
      )}
      {rows.map((row, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and keys may be blank or repeated while typing
        <Group key={index} gap="xs" wrap="nowrap" align="flex-start">
          <TextInput
            aria-label={`Custom field ${index + 1} name`}
            placeholder="Name"
            value={row.key}
            onChange={(e) => set(index, { key: e.currentTarget.value })}
            style={{ flex: 1 }}
          />
          <TextInput
            aria-label={`Custom field ${index + 1} value`}
            placeholder="Value"
            value={row.value}
            onChange={(e) => set(index, { value: e.currentTarget.value })}
            style={{ flex: 2 }}
          />
          {!disabled && (
            <CloseButton aria-label={`Remove custom field ${row.key || index + 1}`} onClick={() => onChange(rows.filter((_, i) => i !== index))} mt={6} />
          )}
        </Group>
      ))}
      {error && (
        <Text size="xs" c="red" role="alert">
          {error}
        </Text>
      )}
      {!disabled && (
        <Group>
          <Button variant="subtle" size="xs" onClick={() => onChange([...rows, { key: '', value: '', type: 'string' }])}>
            Add custom field
          </Button>
        </Group>
      )}
    </Stack>
  );
}
