import { Anchor, Group, Paper, SimpleGrid, Skeleton, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { LifecyclePhases } from '../../../../src/domain/enums';
import { api } from '../../api/client';
import type { LifecycleSummary } from '../../api/types';
import { ErrorState } from '../../components/States';

function days(n: number | null): string {
  if (n === null) return '—';
  return `${Math.round(n)} day${Math.round(n) === 1 ? '' : 's'}`;
}

/**
 * The portfolio around the touchpoint cycle: how many accounts sit in each phase and for how long (median, and
 * average), each phase linking to the accounts in it. Where the cycle stalls is where playbooks are needed.
 */
export function LifecyclePortfolio() {
  const query = useQuery({ queryKey: ['lifecycle', 'summary'], queryFn: () => api.get<LifecycleSummary>('/lifecycle/summary') });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="lifecycle-portfolio">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="lifecycle-portfolio">
          Accounts by lifecycle phase
        </Title>
        {query.data && query.data.withoutPhase > 0 && (
          <Text size="sm" c="dimmed">
            {query.data.withoutPhase} account{query.data.withoutPhase === 1 ? '' : 's'} without a phase
          </Text>
        )}
      </Group>
      {query.isPending ? (
        <Skeleton h={64} role="status" aria-label="Loading the lifecycle summary" />
      ) : query.isError ? (
        <ErrorState error={query.error} title="Could not load the lifecycle summary" onRetry={() => query.refetch()} />
      ) : (
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }}>
          {query.data.phases.map((p) => (
            <div key={p.phase}>
              <Anchor component={Link} to={`/accounts?lifecyclePhase=${p.phase}`} size="sm" fw={600}>
                {LifecyclePhases.labels[p.phase]}
              </Anchor>
              <Text fw={650} size="lg">
                {p.accounts} account{p.accounts === 1 ? '' : 's'}
              </Text>
              <Text size="xs" c="dimmed">
                In phase: median {days(p.medianDays)}, average {days(p.averageDays)}
              </Text>
            </div>
          ))}
        </SimpleGrid>
      )}
    </Paper>
  );
}
