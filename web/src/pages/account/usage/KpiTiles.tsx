import { Anchor, Group, Paper, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../../api/client';
import type { AccountKpi, AccountKpis } from '../../../api/types';
import { Chart } from '../../../components/charts/Chart';
import { timeSeriesOption } from '../../../components/charts/options';
import { Empty, ErrorState } from '../../../components/States';
import { formatDate } from '../../../lib/format';
import { axisFormatter, formatKpiValue, thresholdLines, thresholdText, toneColors, trendArrows, trendTone, trendWords } from './format';
import { StatusBadge } from './StatusBadge';
import './usage.css';

function KpiTile({ item, selected, onSelect }: { item: AccountKpi; selected: boolean; onSelect(): void }) {
  const { kpi, value, previousValue, trend, status } = item;
  const tone = trendTone(trend, kpi.direction);
  const trendText = trend
    ? `${trendWords[trend]} from ${formatKpiValue(previousValue, kpi.unit)} in the previous ${kpi.windowDays} days`
    : 'No earlier value to compare with';
  return (
    <UnstyledButton className="kw-kpi-tile" data-status={status} aria-pressed={selected} onClick={onSelect} aria-controls="kpi-chart">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Text size="sm" fw={600} lineClamp={2}>
          {kpi.name}
        </Text>
        <StatusBadge status={status} />
      </Group>
      <Text fz={26} fw={700} lh={1.2} mt={6} className="kw-kpi-value">
        {formatKpiValue(value, kpi.unit)}
      </Text>
      <Text size="xs" c={toneColors[tone]} mt={4}>
        {trend && (
          <span aria-hidden="true" className="kw-kpi-arrow">
            {trendArrows[trend]}{' '}
          </span>
        )}
        {trendText}
      </Text>
      <Text size="xs" c="dimmed" mt={2}>
        {kpi.windowDays}-day window
      </Text>
    </UnstyledButton>
  );
}

function KpiChart({ item, asOf }: { item: AccountKpi; asOf: string }) {
  const { kpi } = item;
  const option = useMemo(
    () =>
      timeSeriesOption({
        series: [{ name: kpi.name, points: item.series, area: true }],
        thresholds: thresholdLines(kpi),
        format: axisFormatter(kpi.unit),
      }),
    [item, kpi],
  );
  const known = item.series.filter((p) => p.value !== null);
  const first = known[0];
  const last = known[known.length - 1];
  const label =
    first && last
      ? `${kpi.name} from ${formatDate(first.date)} (${formatKpiValue(first.value, kpi.unit)}) to ${formatDate(last.date)} (${formatKpiValue(last.value, kpi.unit)})`
      : `${kpi.name}: no values in this range`;
  return (
    <Paper withBorder p="md" component="section" id="kpi-chart" aria-labelledby="kpi-chart-title">
      <Group justify="space-between" align="baseline" mb="xs">
        <Title order={3} size="h5" id="kpi-chart-title">
          {kpi.name} over time
        </Title>
        <Text size="xs" c="dimmed">
          Each point: the {kpi.windowDays} days ending that day, as of {formatDate(asOf)}. {thresholdText(kpi)}.
        </Text>
      </Group>
      {kpi.description && (
        <Text size="sm" c="dimmed" mb="xs">
          {kpi.description}
        </Text>
      )}
      <Chart option={option} label={label} height={240} />
    </Paper>
  );
}

/** The account's KPI tiles; picking one shows its series with the threshold lines. */
export function KpiTiles({ accountId, days }: { accountId: string; days: number }) {
  const query = useQuery({
    queryKey: ['kpis', 'account', accountId, days],
    queryFn: () => api.get<AccountKpis>(`/accounts/${accountId}/kpis`, { days }),
  });
  const [picked, setPicked] = useState<string | null>(null);

  if (query.isPending) return <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} role="status" aria-busy="true" aria-label="Loading KPIs" mih={120} />;
  if (query.isError) return <ErrorState error={query.error} title="Could not load the KPIs" onRetry={() => query.refetch()} />;
  const { items, asOf } = query.data;
  if (items.length === 0) {
    return (
      <Empty
        title="No KPIs defined"
        description="KPIs turn usage and metrics into indicators with thresholds. A manager defines them, or starts from a template, in Settings → KPIs."
        action={
          <Anchor component={Link} to="/settings?tab=kpis">
            Go to Settings → KPIs
          </Anchor>
        }
      />
    );
  }
  const selected = items.find((i) => i.kpi.id === picked) ?? items[0];
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 4 }} spacing="sm" role="group" aria-label="KPIs">
        {items.map((item) => (
          <KpiTile key={item.kpi.id} item={item} selected={item === selected} onSelect={() => setPicked(item.kpi.id)} />
        ))}
      </SimpleGrid>
      {selected && <KpiChart item={selected} asOf={asOf} />}
    </Stack>
  );
}
