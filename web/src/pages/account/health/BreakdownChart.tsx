import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import type { ScoreComponent } from '../../../api/types';
import { Chart } from '../../../components/charts/Chart';
import { chartColors } from '../../../components/charts/options';
import { formatPoints } from './format';

/**
 * Each counted measure as one horizontal bar as long as its share of the score: the filled part is the points
 * it earns, the rest the points it costs (shortfall). The table beside it has the same numbers in text.
 */
export function BreakdownChart({ components, name }: { components: ScoreComponent[]; name: string }) {
  const counted = useMemo(() => components.filter((c) => !c.leftOut && c.share > 0), [components]);
  const option = useMemo<EChartsCoreOption>(() => {
    // ECharts draws the first category at the bottom; reversed so the chart reads in the table's order.
    const rows = [...counted].reverse();
    return {
      animation: false,
      color: [chartColorsFor.points, chartColorsFor.shortfall],
      grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
      legend: { top: 0, textStyle: { color: chartColorsFor.text } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => (typeof v === 'number' ? formatPoints(v) : '') },
      xAxis: {
        type: 'value',
        min: 0,
        axisLabel: { color: chartColorsFor.text },
        splitLine: { lineStyle: { color: chartColorsFor.grid } },
      },
      yAxis: {
        type: 'category',
        data: rows.map((c) => c.name),
        axisLabel: { color: chartColorsFor.text, width: 160, overflow: 'truncate' },
      },
      series: [
        { name: 'Points', type: 'bar', stack: 'share', barMaxWidth: 18, data: rows.map((c) => round1(c.points)) },
        { name: 'Shortfall', type: 'bar', stack: 'share', barMaxWidth: 18, data: rows.map((c) => round1(c.shortfall)) },
      ],
    };
  }, [counted]);
  if (!counted.length) return null;
  const label = `${name}: points earned and points lost per measure. ${counted
    .map((c) => `${c.name} ${formatPoints(c.points)} points, ${formatPoints(c.shortfall)} lost`)
    .join('; ')}.`;
  return <Chart option={option} label={label} height={Math.max(140, 48 + counted.length * 34)} />;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Earned points in the app's primary colour, lost points in a light red. */
const chartColorsFor = { points: chartColors.primary, shortfall: '#ffa8a8', text: chartColors.text, grid: chartColors.grid } as const;
