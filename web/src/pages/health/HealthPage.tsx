import { Anchor, Grid, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../../api/session';
import type { Portfolio } from '../../api/types';
import { ragColors } from '../../components/health/HealthBadge';
import { Empty, ErrorState, PageSkeleton, TableSkeleton } from '../../components/States';
import { formatDate } from '../../lib/format';
import { DistributionChart } from './DistributionChart';
import { HistogramChart } from './HistogramChart';
import { MoversTable } from './MoversTable';
import { useMovers, usePortfolio } from './queries';

/** Portfolio health: how the accounts' health is spread now and week by week, and who moved most this week. */
export function HealthPage() {
  const { me } = useSession();
  const [scorecardId, setScorecardId] = useState<string | null>(null);
  const [mine, setMine] = useState(false);
  const portfolio = usePortfolio(scorecardId);
  const chosen = scorecardId ?? portfolio.data?.scorecard?.id ?? null;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1} size="h2">
            Health
          </Title>
          <Text c="dimmed" size="sm">
            {portfolio.data?.scorecard ? `Portfolio health on the ${portfolio.data.scorecard.name} scorecard` : 'Portfolio health'}
          </Text>
        </div>
        {portfolio.data && portfolio.data.scorecards.length > 1 && (
          <Select
            size="sm"
            w={260}
            label="Scorecard"
            data={portfolio.data.scorecards.map((c) => ({ value: c.id, label: c.isOverall ? `${c.name} (overall)` : c.name }))}
            value={chosen}
            allowDeselect={false}
            onChange={(v) => setScorecardId(v)}
          />
        )}
      </Group>
      {portfolio.isPending ? (
        <PageSkeleton label="Loading portfolio health" />
      ) : portfolio.isError ? (
        <ErrorState error={portfolio.error} title="Could not load portfolio health" onRetry={() => portfolio.refetch()} />
      ) : !portfolio.data.scorecard ? (
        <Empty
          title="No overall scorecard"
          description="Portfolio health reports on the overall scorecard; mark one as overall health to see it here."
          action={
            <Anchor component={Link} to="/settings?tab=scorecards">
              See the scorecards
            </Anchor>
          }
        />
      ) : (
        <Distribution portfolio={portfolio.data} />
      )}
      <Paper withBorder p="md" component="section" aria-labelledby="movers-title">
        <Group justify="space-between" mb="sm" wrap="wrap">
          <Title order={2} size="h4" id="movers-title">
            Biggest movers this week
          </Title>
          {me && (
            <SegmentedControl
              size="xs"
              aria-label="Whose accounts"
              value={mine ? 'mine' : 'all'}
              onChange={(v) => setMine(v === 'mine')}
              data={[
                { value: 'all', label: 'All accounts' },
                { value: 'mine', label: 'My accounts' },
              ]}
            />
          )}
        </Group>
        <Movers scorecardId={chosen} mine={mine} />
      </Paper>
    </Stack>
  );
}

function Distribution({ portfolio }: { portfolio: Portfolio }) {
  const { current, scorecard } = portfolio;
  const total = current.red + current.amber + current.green + current.none;
  if (total === 0) {
    return <Empty title="No scores yet" description="No account has a score on this scorecard yet; scores appear after the next recompute." />;
  }
  const tiles = [
    { label: 'Red', value: current.red, color: ragColors.red },
    { label: 'Amber', value: current.amber, color: ragColors.amber },
    { label: 'Green', value: current.green, color: ragColors.green },
    { label: 'No score', value: current.none, color: 'gray' },
  ];
  return (
    <Stack gap="md">
      <SimpleGrid
        cols={{ base: 2, sm: 4 }}
        spacing="sm"
        component="ul"
        style={{ listStyle: 'none', padding: 0, margin: 0 }}
        aria-label="Accounts by health now"
      >
        {tiles.map((t) => (
          <Paper key={t.label} withBorder p="sm" component="li" style={{ borderLeft: `4px solid var(--mantine-color-${t.color}-6)` }}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t.label}
            </Text>
            <Text fz={28} fw={700} lh={1.2} style={{ fontVariantNumeric: 'tabular-nums' }}>
              {t.value}
            </Text>
            <Text size="xs" c="dimmed">
              {Math.round((t.value / total) * 100)}% of {total}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="distribution-title">
            <Title order={2} size="h4" id="distribution-title" mb="xs">
              Health over the last {portfolio.weeks.length} weeks
            </Title>
            <Text size="xs" c="dimmed" mb="xs">
              Each account counted by its last daily score of the week, from {formatDate(portfolio.weeks[0]?.week)}.
            </Text>
            <DistributionChart weeks={portfolio.weeks} />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="histogram-title">
            <Title order={2} size="h4" id="histogram-title" mb="xs">
              Scores now
            </Title>
            <Text size="xs" c="dimmed" mb="xs">
              Accounts per 10-point range of the current score.
            </Text>
            {scorecard && <HistogramChart histogram={portfolio.histogram} bands={scorecard.rag} />}
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function Movers({ scorecardId, mine }: { scorecardId: string | null; mine: boolean }) {
  const movers = useMovers(scorecardId, mine);
  if (movers.isPending) return <TableSkeleton columns={6} rows={4} />;
  if (movers.isError) return <ErrorState error={movers.error} title="Could not load the biggest movers" onRetry={() => movers.refetch()} />;
  const since = formatDate(movers.data.since);
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, xl: 6 }}>
        <Title order={3} size="h5" mb={4}>
          Rising since {since}
        </Title>
        <MoversTable title={`Biggest rises since ${since}`} rows={movers.data.rises} empty="No account's score rose this week." />
      </Grid.Col>
      <Grid.Col span={{ base: 12, xl: 6 }}>
        <Title order={3} size="h5" mb={4}>
          Falling since {since}
        </Title>
        <MoversTable title={`Biggest falls since ${since}`} rows={movers.data.falls} empty="No account's score fell this week." />
      </Grid.Col>
    </Grid>
  );
}
