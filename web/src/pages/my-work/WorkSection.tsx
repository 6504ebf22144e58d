import { Badge, Group, Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

interface Props {
  id: string;
  title: string;
  total: number;
  shown: number;
  /** Shown instead of the list when the section is empty ("Nothing overdue"). */
  empty: string;
  tone?: string;
  children: ReactNode;
}

/** One titled block of My work with its count; an empty one says so in a line instead of a table. */
export function WorkSection({ id, title, total, shown, empty, tone, children }: Props) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Group gap="xs" mb={total ? 'sm' : 0}>
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        <Badge variant="light" color={total ? tone : 'gray'} aria-label={`${total} items`}>
          {total}
        </Badge>
      </Group>
      {total === 0 ? (
        <Text c="dimmed" size="sm" mt="xs">
          {empty}
        </Text>
      ) : (
        children
      )}
      {shown < total && (
        <Text c="dimmed" size="xs" mt="xs">
          Showing the first {shown} of {total}.
        </Text>
      )}
    </Paper>
  );
}
