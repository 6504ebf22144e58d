import { ActionIcon, Button, Group, NumberInput, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import type { PlaybookItemInput } from '../../api/types';

/** An item being edited; `key` identifies rows that have no id yet. */
export interface DraftItem extends PlaybookItemInput {
  key: string;
}

let nextKey = 0;
export function newDraftKey(): string {
  nextKey += 1;
  return `new-${nextKey}`;
}

interface Props {
  items: DraftItem[];
  errors: Record<string, string>;
  onChange(items: DraftItem[]): void;
}

/** The playbook's items inline: title, details, due offset, moved with up and down buttons. */
export function ItemsEditor({ items, errors, onChange }: Props) {
  const update = (index: number, patch: Partial<DraftItem>) => onChange(items.map((item, i) => (i === index ? { ...item, ...patch } : item)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...items];
    const [item] = next.splice(index, 1);
    if (item) next.splice(index + by, 0, item);
    onChange(next);
  };
  return (
    <Stack gap="xs">
      <Table verticalSpacing="xs" aria-label="Playbook items">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>#</Table.Th>
            <Table.Th>Item</Table.Th>
            <Table.Th w={120}>Due (days after start)</Table.Th>
            <Table.Th w={130} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item, i) => (
            <Table.Tr key={item.key}>
              <Table.Td>
                <Text size="sm">{i + 1}</Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={4}>
                  <TextInput
                    aria-label={`Item ${i + 1} title`}
                    placeholder="What to do"
                    value={item.title}
                    error={errors[`items.${i}.title`]}
                    onChange={(e) => update(i, { title: e.currentTarget.value })}
                  />
                  <Textarea
                    aria-label={`Item ${i + 1} details`}
                    placeholder="Details (optional)"
                    autosize
                    minRows={1}
                    maxRows={4}
                    value={item.details ?? ''}
                    onChange={(e) => update(i, { details: e.currentTarget.value })}
                  />
                </Stack>
              </Table.Td>
              <Table.Td>
                <NumberInput
                  aria-label={`Item ${i + 1} due offset in days`}
                  min={-365}
                  max={3650}
                  allowDecimal={false}
                  value={item.dueOffsetDays}
                  error={errors[`items.${i}.dueOffsetDays`]}
                  onChange={(v) => update(i, { dueOffsetDays: typeof v === 'number' ? v : Number.parseInt(v || '0', 10) || 0 })}
                />
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <ActionIcon variant="subtle" aria-label={`Move item ${i + 1} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                    ↑
                  </ActionIcon>
                  <ActionIcon variant="subtle" aria-label={`Move item ${i + 1} down`} disabled={i === items.length - 1} onClick={() => move(i, 1)}>
                    ↓
                  </ActionIcon>
                  <ActionIcon variant="subtle" color="red" aria-label={`Remove item ${i + 1}`} onClick={() => onChange(items.filter((_, j) => j !== i))}>
                    ✕
                  </ActionIcon>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {items.length === 0 && (
        <Text size="sm" c="dimmed">
          No items yet. Best-practice notes may have none; checklists need items to be applied.
        </Text>
      )}
      <Group>
        <Button
          variant="light"
          size="xs"
          onClick={() => onChange([...items, { key: newDraftKey(), title: '', details: '', dueOffsetDays: items.at(-1)?.dueOffsetDays ?? 0 }])}
        >
          Add item
        </Button>
      </Group>
    </Stack>
  );
}
