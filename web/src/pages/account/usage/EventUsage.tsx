import { Anchor, Grid, Group, Paper, SimpleGrid, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../../api/client';
import type { AccountUsageT } from '../../../api/types';
import { Chart } from '../../../components/charts/Chart';
import { chartColors, fillDays, timeSeriesOption } from '../../../components/charts/options';
import { Sparkline } from '../../../components/charts/Sparkline';
import { Empty, ErrorState, PageSkeleton } from '../../../components/States';
import { formatDate, formatDateTime } from '../../../lib/format';

type UsageEvent = AccountUsageT['events'][number];

function Total({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={700} size="xl" className="kw-num">
        {value}
      </Text>
    </div>
  );
}

function ActiveUsersChart({ usage }: { usage: AccountUsageT }) {
  const points = useMemo(
    () =>
      fillDays(
        usage.from,
        usage.to,
        usage.activeUsers.map((p) => ({ date: p.date, value: p.users })),
      ),
    [usage],
  );
  const option = useMemo(() => timeSeriesOption({ series: [{ name: 'Active users', points, type: 'bar' }] }), [points]);
  const peak = Math.max(0, ...usage.activeUsers.map((p) => p.users));
  return (
    <Chart option={option} label={`Daily active users from ${formatDate(usage.from)} to ${formatDate(usage.to)}; at most ${peak} in a day`} height={200} />
  );
}

function EventChart({ event, usage }: { event: UsageEvent; usage: AccountUsageT }) {
  const option = useMemo(() => {
    const count = fillDays(
      usage.from,
      usage.to,
      event.series.map((p) => ({ date: p.date, value: p.count })),
    );
    const users = fillDays(
      usage.from,
      usage.to,
      event.series.map((p) => ({ date: p.date, value: p.users })),
    );
    return timeSeriesOption({
      series: [
        { name: 'Events', points: count, type: 'bar' },
        { name: 'Users', points: users, color: chartColors.secondary },
      ],
    });
  }, [event, usage]);
  return <Chart option={option} label={`${event.event} per day: ${event.count} events by ${event.users} users over the range`} height={200} />;
}

function EventsTable({ usage, selected, onSelect }: { usage: AccountUsageT; selected: string | null; onSelect(event: string): void }) {
  return (
    <Table.ScrollContainer minWidth={480} type="native">
      <Table verticalSpacing={6} aria-label="Events">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Event</Table.Th>
            <Table.Th ta="right">Count</Table.Th>
            <Table.Th ta="right">Users</Table.Th>
            <Table.Th>Daily trend</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {usage.events.map((e) => {
            const daily = fillDays(
              usage.from,
              usage.to,
              e.series.map((p) => ({ date: p.date, value: p.count })),
            ).map((p) => p.value ?? 0);
            const isSelected = e.event === selected;
            return (
              <Table.Tr key={e.event} bg={isSelected ? 'var(--mantine-color-teal-0)' : undefined}>
                <Table.Td>
                  <UnstyledButton
                    className="kw-sort-button"
                    onClick={() => onSelect(e.event)}
                    aria-pressed={isSelected}
                    aria-controls="event-chart"
                    style={{ whiteSpace: 'normal', fontWeight: isSelected ? 700 : 500 }}
                  >
                    {e.event}
                  </UnstyledButton>
                </Table.Td>
                <Table.Td ta="right" className="kw-num">
                  {e.count.toLocaleString()}
                </Table.Td>
                <Table.Td ta="right" className="kw-num">
                  {e.users.toLocaleString()}
                </Table.Td>
                <Table.Td>
                  <Sparkline values={daily} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function RecentEvents({ usage }: { usage: AccountUsageT }) {
  if (!usage.recent.length) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="recent-events-title">
      <Title order={3} size="h5" id="recent-events-title" mb="xs">
        Recent events
      </Title>
      <Table.ScrollContainer minWidth={520} type="native">
        <Table verticalSpacing={4} fz="sm" aria-label="Recent events">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Type</Table.Th>
              <Table.Th>Event</Table.Th>
              <Table.Th>User</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {usage.recent.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: raw events have no id in this reply; the list is replaced whole
              <Table.Tr key={i}>
                <Table.Td className="kw-nowrap">{formatDateTime(r.timestamp)}</Table.Td>
                <Table.Td>{r.type}</Table.Td>
                <Table.Td>{r.event ?? '—'}</Table.Td>
                <Table.Td>
                  {r.userId ?? (
                    <Text span c="dimmed" size="sm">
                      anonymous
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/** Product usage from the Segment-format events: totals, daily active users, each event, and the latest raw events. */
export function EventUsage({ accountId, from, to }: { accountId: string; from: string; to: string }) {
  const query = useQuery({
    queryKey: ['usage', 'account', accountId, from, to],
    queryFn: () => api.get<AccountUsageT>(`/accounts/${accountId}/usage`, { from, to }),
  });
  const [picked, setPicked] = useState<string | null>(null);

  let body: ReactNode;
  if (query.isPending) body = <PageSkeleton label="Loading usage" />;
  else if (query.isError) body = <ErrorState error={query.error} title="Could not load usage" onRetry={() => query.refetch()} />;
  else if (query.data.totals.events === 0) {
    body = (
      <Empty
        title={query.data.recent.length ? 'No usage in this range' : 'No usage yet'}
        description={
          query.data.recent.length
            ? 'Nothing happened in these days; pick a longer range.'
            : "Send this account's product events with a write key (Segment's HTTP API or library, groupId = the account's external ID). Events that match no account are listed under unmatched data."
        }
        action={
          <Anchor component={Link} to="/settings?tab=write-keys">
            Go to Settings → Write keys
          </Anchor>
        }
      />
    );
  } else {
    const usage = query.data;
    const selected = usage.events.find((e) => e.event === picked) ?? usage.events[0];
    body = (
      <Stack gap="md">
        <SimpleGrid cols={{ base: 2, sm: 3 }}>
          <Total label="Events" value={usage.totals.events.toLocaleString()} />
          <Total label="Active users" value={usage.totals.activeUsers.toLocaleString()} />
          <Total label="Distinct events" value={usage.events.length.toLocaleString()} />
        </SimpleGrid>
        <div>
          <Title order={3} size="h5" mb={4}>
            Daily active users
          </Title>
          <ActiveUsersChart usage={usage} />
        </div>
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <EventsTable usage={usage} selected={selected?.event ?? null} onSelect={setPicked} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 6 }}>
            {selected && (
              <section id="event-chart" aria-labelledby="event-chart-title">
                <Group justify="space-between" mb={4}>
                  <Title order={3} size="h5" id="event-chart-title">
                    {selected.event}
                  </Title>
                  <Text size="xs" c="dimmed">
                    Events and users per day
                  </Text>
                </Group>
                <EventChart event={selected} usage={usage} />
              </section>
            )}
          </Grid.Col>
        </Grid>
        <RecentEvents usage={usage} />
      </Stack>
    );
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="event-usage-title">
      <Title order={2} size="h4" id="event-usage-title" mb="sm">
        Product usage
      </Title>
      {body}
    </Paper>
  );
}
