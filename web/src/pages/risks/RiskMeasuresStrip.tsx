import { Group, Paper, Progress, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Severities } from '../../../../src/domain/enums';
import { api } from '../../api/client';
import type { RiskMeasures } from '../../api/types';
import { ErrorState } from '../../components/States';

function Tile({ label, value, children }: { label: string; value: string; children?: ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
      {children}
    </Paper>
  );
}

const days = (n: number | null) => (n === null ? '—' : `${n.toLocaleString()} ${n === 1 ? 'day' : 'days'}`);

/** How early the team sees trouble and how often it saves the account: the register's measures. */
export function RiskMeasuresStrip() {
  const query = useQuery({ queryKey: ['risks', 'measures'], queryFn: () => api.get<RiskMeasures>('/risks/measures') });
  if (query.isPending) return <Skeleton height={110} role="status" aria-label="Loading the measures" />;
  if (query.isError) return <ErrorState error={query.error} title="Could not load the measures" onRetry={() => query.refetch()} />;
  const { signalToLogged, outcomes, openBySeverity, open } = query.data;
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} component="section" aria-label="Risk measures">
      <Tile label="First signal to risk logged (median)" value={days(signalToLogged.medianDays)}>
        <Text size="xs" c="dimmed">
          Average {days(signalToLogged.averageDays)} over {signalToLogged.n.toLocaleString()} {signalToLogged.n === 1 ? 'risk' : 'risks'}
        </Text>
      </Tile>
      <Tile label="Mitigated vs ended in churn" value={outcomes.mitigatedPct === null ? '—' : `${outcomes.mitigatedPct}% mitigated`}>
        {outcomes.resolved > 0 && (
          <Stack gap={4}>
            <Progress.Root size="md" aria-label={`${outcomes.mitigated} mitigated, ${outcomes.churned} churned`}>
              <Progress.Section value={outcomes.mitigatedPct ?? 0} color="teal" />
              <Progress.Section value={outcomes.churnedPct ?? 0} color="red" />
            </Progress.Root>
            <Text size="xs" c="dimmed">
              {outcomes.mitigated} mitigated · {outcomes.churned} churned{outcomes.dismissed ? ` · ${outcomes.dismissed} dismissed` : ''}
            </Text>
          </Stack>
        )}
        {outcomes.resolved === 0 && (
          <Text size="xs" c="dimmed">
            No risk has ended yet
          </Text>
        )}
      </Tile>
      <Tile label="Open risks" value={open.toLocaleString()}>
        <Group gap="xs">
          {[...openBySeverity].reverse().map((s) => (
            <Text key={s.severity} size="xs" c="dimmed">
              {Severities.labels[s.severity]} {s.count}
            </Text>
          ))}
        </Group>
      </Tile>
    </SimpleGrid>
  );
}
