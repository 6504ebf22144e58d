import { Badge, Group, Paper, Text } from '@mantine/core';
import type { AccountDetail } from '../../../api/types';
import { formatDate } from '../../../lib/format';

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={600}>{value || '—'}</Text>
    </div>
  );
}

/** The figures the timeline drives: last touch, last and next meeting, and whether a touch is overdue. */
export function TouchSummary({ account }: { account: AccountDetail }) {
  return (
    <Paper withBorder p="sm">
      <Group gap="xl" wrap="wrap">
        <Figure label="Last touch" value={formatDate(account.lastTouchAt)} />
        <Figure label="Last meeting" value={formatDate(account.lastMeetingAt)} />
        <Figure label="Next meeting" value={formatDate(account.nextMeetingAt)} />
        {account.touchOverdue ? (
          <Badge color="orange" variant="light" size="lg" tt="none">
            Touch overdue
          </Badge>
        ) : (
          account.touchTier && (
            <Badge color="teal" variant="light" size="lg" tt="none">
              Touch cadence on track
            </Badge>
          )
        )}
      </Group>
    </Paper>
  );
}
