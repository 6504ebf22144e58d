import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import type { Portfolio } from '../../api/types';
import { Chart } from '../../components/charts/Chart';
import { chartColors } from '../../components/charts/options';
import { ragHex } from '../../components/health/HealthBadge';
import { formatDate } from '../../lib/format';

const SERIES = [
  { key: 'red', name: 'Red', color: ragHex.red },
  { key: 'amber', name: 'Amber', color: ragHex.amber },
  { key: 'green', name: 'Green', color: ragHex.green },
  { key: 'none', name: 'No score', color: '#adb5bd' },
] as const;

/** Accounts by RAG week by week (stacked bars), from each account's last snapshot of the week. */
export function DistributionChart({ weeks }: { weeks: Portfolio['weeks'] }) {
  const option = useMemo<EChartsCoreOption>(
    () => ({
      animation: false,
      color: SERIES.map((s) => s.color),
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0, textStyle: { color: chartColors.text } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: weeks.map((w) => formatDate(w.week)), axisLabel: { color: chartColors.text, hideOverlap: true } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { color: chartColors.text }, splitLine: { lineStyle: { color: chartColors.grid } } },
      series: SERIES.map((s) => ({ name: s.name, type: 'bar', stack: 'rag', barMaxWidth: 28, data: weeks.map((w) => w[s.key]) })),
    }),
    [weeks],
  );
  const words = weeks
    .filter((w) => w.red + w.amber + w.green + w.none > 0)
    .map((w) => `week of ${formatDate(w.week)}: ${w.red} red, ${w.amber} amber, ${w.green} green${w.none ? `, ${w.none} without a score` : ''}`);
  const label = words.length ? `Accounts by health each week. ${words.join('; ')}.` : 'Accounts by health each week: no snapshots yet.';
  return <Chart option={option} label={label} height={260} />;
}
