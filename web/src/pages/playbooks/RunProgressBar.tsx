import { Group, Progress, Text } from '@mantine/core';
import type { RunProgress } from '../../api/types';

/** A run's checklist progress: done of the items that count (cancelled ones do not), with overdue items in red. */
export function RunProgressBar({ progress, width = 160 }: { progress: RunProgress; width?: number }) {
  const percent = Math.round(progress.ratio * 100);
  return (
    <Group gap="xs" wrap="nowrap">
      <Progress value={percent} w={width} color={progress.ratio >= 1 ? 'teal' : 'blue'} aria-label={`${percent}% done`} />
      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {progress.done}/{progress.total}
      </Text>
      {progress.overdue > 0 && (
        <Text size="xs" c="red" style={{ whiteSpace: 'nowrap' }}>
          {progress.overdue} overdue
        </Text>
      )}
    </Group>
  );
}
