import { ActionIcon, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { Priorities } from '../../../../../src/domain/enums';
import { enumOptions } from '../../../lib/format';

export interface ActionItemRow {
  /** Client-side only: keeps React keys stable while rows are added and removed. */
  key: number;
  title: string;
  ownerId: string | null;
  dueOn: string;
  priority: string;
}

let nextKey = 1;
export function blankActionItem(): ActionItemRow {
  nextKey += 1;
  return { key: nextKey, title: '', ownerId: null, dueOn: '', priority: 'normal' };
}

interface Props {
  rows: ActionItemRow[];
  members: Array<{ value: string; label: string }>;
  /** Server messages keyed like its fields: actionItems, actionItems.0.title … */
  errors: Record<string, string>;
  onChange(rows: ActionItemRow[]): void;
}

/** New action items for the activity: each becomes a task on the account when the form is saved. */
export function ActionItemsEditor({ rows, members, errors, onChange }: Props) {
  const update = (key: number, patch: Partial<ActionItemRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <Stack gap="xs" role="group" aria-label="New action items">
      <Text size="sm" fw={500}>
        New action items
      </Text>
      {rows.length === 0 && (
        <Text size="sm" c="dimmed">
          Follow-ups agreed here become tasks on this account.
        </Text>
      )}
      {rows.map((row, i) => (
        <Group key={row.key} gap="xs" align="flex-start" wrap="wrap">
          <TextInput
            aria-label={`Action item ${i + 1}`}
            placeholder="What needs doing"
            style={{ flex: '2 1 200px' }}
            value={row.title}
            error={errors[`actionItems.${i}.title`]}
            onChange={(e) => update(row.key, { title: e.currentTarget.value })}
            maxLength={200}
          />
          <Select
            aria-label={`Owner of action item ${i + 1}`}
            placeholder="Owner"
            data={members}
            value={row.ownerId}
            onChange={(v) => update(row.key, { ownerId: v })}
            error={errors[`actionItems.${i}.ownerId`]}
            searchable
            clearable
            style={{ flex: '1 1 140px' }}
          />
          <TextInput
            aria-label={`Due date of action item ${i + 1}`}
            type="date"
            value={row.dueOn}
            error={errors[`actionItems.${i}.dueOn`]}
            onChange={(e) => update(row.key, { dueOn: e.currentTarget.value })}
            style={{ flex: '0 1 150px' }}
          />
          <Select
            aria-label={`Priority of action item ${i + 1}`}
            data={enumOptions(Priorities)}
            value={row.priority}
            onChange={(v) => update(row.key, { priority: v ?? 'normal' })}
            allowDeselect={false}
            style={{ flex: '0 1 110px' }}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            aria-label={`Remove action item ${i + 1}`}
            onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      {errors.actionItems && (
        <Text size="sm" c="red">
          {errors.actionItems}
        </Text>
      )}
      <Group>
        <Button size="xs" variant="light" onClick={() => onChange([...rows, blankActionItem()])} disabled={rows.length >= 50}>
          Add action item
        </Button>
      </Group>
    </Stack>
  );
}
