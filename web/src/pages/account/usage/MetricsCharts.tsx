import { Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../../../api/client';
import type { AccountMetrics, MetricSeries } from '../../../api/types';
import { Chart } from '../../../components/charts/Chart';
import { timeSeriesOption } from '../../../components/charts/options';
import { ErrorState, PageSkeleton } from '../../../components/States';
import { formatDate } from '../../../lib/format';
import { formatKpiValue, formatNumber } from './format';

function MetricChart({ series, from, to }: { series: MetricSeries; from: string; to: string }) {
  const { metric, points } = series;
  // Levels (licences) read as a line; flows (tickets per day) as bars.
  const option = useMemo(
    () =>
      timeSeriesOption({
        series: [{ name: metric.name, points, type: metric.aggregation === 'last' ? 'line' : 'bar' }],
        format: formatNumber,
        compact: true,
        range: { from, to },
      }),
    [metric, points, from, to],
  );
  const last = points[points.length - 1];
  return (
    <Paper withBorder p="sm">
      <Text size="sm" fw={600}>
        {metric.name}
      </Text>
      <Text size="xs" c="dimmed">
        {last ? `Latest: ${formatKpiValue(last.value, metric.unit)} on ${formatDate(last.date)}` : 'No values in this range'}
      </Text>
      <Chart
        option={option}
        label={`${metric.name}: ${points.length} daily values${last ? `, latest ${formatKpiValue(last.value, metric.unit)}` : ''}`}
        height={120}
      />
    </Paper>
  );
}

/** Figures from other systems (support desk, billing, CRM), one small chart each. Hidden when the workspace has none. */
export function MetricsCharts({ accountId, from, to }: { accountId: string; from: string; to: string }) {
  const query = useQuery({
    queryKey: ['metrics', 'account', accountId, from, to],
    queryFn: () => api.get<AccountMetrics>(`/accounts/${accountId}/metrics`, { from, to }),
  });
  const items = (query.data?.items ?? []).filter((s) => s.points.length > 0);
  if (query.isSuccess && items.length === 0) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="metrics-title">
      <Title order={2} size="h4" id="metrics-title" mb="sm">
        Metrics from other systems
      </Title>
      {query.isPending ? (
        <PageSkeleton label="Loading metrics" />
      ) : query.isError ? (
        <ErrorState error={query.error} title="Could not load metrics" onRetry={() => query.refetch()} />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          {items.map((s) => (
            <MetricChart key={s.metric.id} series={s} from={from} to={to} />
          ))}
        </SimpleGrid>
      )}
    </Paper>
  );
}
