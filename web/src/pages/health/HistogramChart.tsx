import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import type { Portfolio } from '../../api/types';
import { Chart } from '../../components/charts/Chart';
import { chartColors } from '../../components/charts/options';
import { ragHex } from '../../components/health/HealthBadge';

/** How many accounts score in each 10-point bucket now; each bar takes the colour of its bucket's top score. */
export function HistogramChart({ histogram, bands }: { histogram: Portfolio['histogram']; bands: { redMax: number; amberMax: number } }) {
  const option = useMemo<EChartsCoreOption>(
    () => ({
      animation: false,
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: histogram.map((b) => `${b.from}–${b.to}`), axisLabel: { color: chartColors.text, hideOverlap: true } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { color: chartColors.text }, splitLine: { lineStyle: { color: chartColors.grid } } },
      series: [
        {
          name: 'Accounts',
          type: 'bar',
          barMaxWidth: 36,
          data: histogram.map((b) => ({
            value: b.count,
            itemStyle: { color: b.to <= bands.redMax ? ragHex.red : b.to <= bands.amberMax ? ragHex.amber : ragHex.green },
          })),
        },
      ],
    }),
    [histogram, bands],
  );
  const label = `Accounts per score range now: ${histogram.map((b) => `${b.from} to ${b.to}: ${b.count}`).join('; ')}.`;
  return <Chart option={option} label={label} height={260} />;
}
