import { Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { formatDate } from '../../../lib/format';
import { EventUsage } from './EventUsage';
import { KpiTiles } from './KpiTiles';
import { MetricsCharts } from './MetricsCharts';

const RANGES = ['30', '90', '180'] as const;
type Range = (typeof RANGES)[number];

/** The last `days` UTC days, today included. */
function rangeDates(days: number): { from: string; to: string } {
  const today = new Date();
  const to = today.toISOString().slice(0, 10);
  const from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - (days - 1))).toISOString().slice(0, 10);
  return { from, to };
}

/** The account's Usage tab: KPIs, product usage and metrics over a range kept in the URL (`range=`). */
export function UsageTab({ accountId }: { accountId: string }) {
  const [params, setParams] = useSearchParams();
  const range: Range = RANGES.find((r) => r === params.get('range')) ?? '90';
  const days = Number(range);
  const { from, to } = rangeDates(days);

  function pick(value: string) {
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value === '90') next.delete('range');
        else next.set('range', value);
        return next;
      },
      { replace: true },
    );
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" align="center" wrap="wrap">
        <Text size="sm" c="dimmed">
          {formatDate(from)} – {formatDate(to)} (UTC)
        </Text>
        <SegmentedControl aria-label="Date range" size="sm" value={range} onChange={pick} data={RANGES.map((r) => ({ value: r, label: `${r} days` }))} />
      </Group>
      <Paper withBorder p="md" component="section" aria-labelledby="kpis-title">
        <Title order={2} size="h4" id="kpis-title" mb="sm">
          KPIs
        </Title>
        <KpiTiles accountId={accountId} days={days} />
      </Paper>
      <EventUsage accountId={accountId} from={from} to={to} />
      <MetricsCharts accountId={accountId} from={from} to={to} />
    </Stack>
  );
}
