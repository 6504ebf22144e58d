import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import type { AccountScore } from '../../../api/types';
import { Chart } from '../../../components/charts/Chart';
import { chartColors } from '../../../components/charts/options';
import { formatScore, ragHex } from '../../../components/health/HealthBadge';
import { formatDate } from '../../../lib/format';

/**
 * The score over the last 18 weeks (each week's last daily snapshot), with the RAG band limits as dashed lines.
 * The label reads every point in words, so the chart is never the only way to the numbers.
 */
export function TrendChart({ score }: { score: AccountScore }) {
  const points = score.sparkline;
  const known = points.filter((p) => p.score !== null);
  const option = useMemo<EChartsCoreOption>(
    () => ({
      animation: false,
      color: [chartColors.primary],
      grid: { left: 8, right: 84, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? formatScore(v) : 'no snapshot') },
      xAxis: {
        type: 'category',
        data: points.map((p) => formatDate(p.week)),
        axisLabel: { color: chartColors.text, hideOverlap: true },
        axisLine: { lineStyle: { color: chartColors.grid } },
      },
      yAxis: { type: 'value', min: 0, max: 100, interval: 25, axisLabel: { color: chartColors.text }, splitLine: { lineStyle: { color: chartColors.grid } } },
      series: [
        {
          name: score.scorecardName,
          type: 'line',
          connectNulls: true,
          showSymbol: true,
          symbolSize: 5,
          data: points.map((p) => (p.score === null ? null : Math.round(p.score))),
          markLine: {
            symbol: 'none',
            silent: true,
            data: [
              {
                name: 'Red',
                yAxis: score.ragBands.redMax,
                lineStyle: { color: ragHex.red, type: 'dashed' },
                label: { formatter: `Red ≤ ${score.ragBands.redMax}`, color: ragHex.red, position: 'end', fontSize: 11 },
              },
              {
                name: 'Amber',
                yAxis: score.ragBands.amberMax,
                lineStyle: { color: ragHex.amber, type: 'dashed' },
                label: { formatter: `Amber ≤ ${score.ragBands.amberMax}`, color: '#b35c00', position: 'end', fontSize: 11 },
              },
            ],
          },
        },
      ],
    }),
    [points, score.scorecardName, score.ragBands],
  );
  if (known.length === 0) return null;
  const words = known.map((p) => `week of ${formatDate(p.week)}: ${formatScore(p.score)}`).join('; ');
  const label = `${score.scorecardName} over the last ${points.length} weeks, each week's last daily score. ${words}.`;
  return <Chart option={option} label={label} height={200} />;
}
