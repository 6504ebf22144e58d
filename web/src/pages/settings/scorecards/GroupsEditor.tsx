import { ActionIcon, Badge, Button, Group, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import type { GroupDraft } from './draft';

interface Props {
  groups: GroupDraft[];
  /** Each group's share of the score (0–1), by name. */
  shares: Map<string, number>;
  disabled: boolean;
  errors: Record<string, string>;
  newKey(): string;
  onChange(groups: GroupDraft[], renamed?: { from: string; to: string }): void;
}

/** Optional groups (one level): a group's weight is shared among its measures in proportion to theirs. */
export function GroupsEditor({ groups, shares, disabled, errors, newKey, onChange }: Props) {
  return (
    <Stack gap="xs" component="section" aria-labelledby="groups-title">
      <Title order={3} size="h5" id="groups-title">
        Groups
      </Title>
      <Text size="xs" c="dimmed">
        Optional. Put measures in groups (e.g. Adoption, Relationship) and weigh the groups: every group or none (then each weighs the sum of its measures'
        weights). Without groups every measure weighs on its own.
      </Text>
      {groups.map((g, i) => {
        const label = g.name.trim() || `Group ${i + 1}`;
        const share = shares.get(g.name.trim()) ?? 0;
        return (
          <Group key={g.key} gap="sm" align="flex-end" wrap="nowrap">
            <TextInput
              size="xs"
              label={i === 0 ? 'Group name' : undefined}
              aria-label={`Group ${i + 1} name`}
              value={g.name}
              onChange={(e) => {
                const name = e.currentTarget.value;
                onChange(
                  groups.map((x) => (x.key === g.key ? { ...x, name } : x)),
                  { from: g.name.trim(), to: name.trim() },
                );
              }}
              error={errors[`groups.${i}.name`] ?? errors[`groups.${i}`]}
              readOnly={disabled}
              w={240}
            />
            <NumberInput
              size="xs"
              label={i === 0 ? 'Weight' : undefined}
              aria-label={`${label} weight`}
              min={0}
              placeholder="Sum of its measures"
              value={g.weight}
              onChange={(v) => onChange(groups.map((x) => (x.key === g.key ? { ...x, weight: v } : x)))}
              error={errors[`groups.${i}.weight`]}
              readOnly={disabled}
              w={170}
            />
            <Badge variant="light" color="gray" tt="none" mb={4}>
              {(share * 100).toFixed(1)}% of the score
            </Badge>
            {!disabled && (
              <ActionIcon variant="subtle" color="red" aria-label={`Remove ${label}`} onClick={() => onChange(groups.filter((x) => x.key !== g.key))} mb={2}>
                ×
              </ActionIcon>
            )}
          </Group>
        );
      })}
      {errors.groups && (
        <Text size="sm" c="red" role="alert">
          {errors.groups}
        </Text>
      )}
      {!disabled && groups.length < 20 && (
        <Button size="xs" variant="light" w="fit-content" onClick={() => onChange([...groups, { key: newKey(), name: '', weight: 1 }])}>
          Add group
        </Button>
      )}
    </Stack>
  );
}
