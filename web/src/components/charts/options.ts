import type { EChartsCoreOption } from 'echarts/core';

/**
 * Option builders for the app's charts, so every chart has the same axes, tooltip and colours.
 * Colours are literal values: ECharts paints them itself and cannot resolve CSS variables.
 */
export const chartColors = {
  primary: '#087f5b',
  secondary: '#1c7ed6',
  warning: '#f08c00',
  critical: '#e03131',
  grid: '#e9ecef',
  text: '#5f666d',
} as const;

export interface DayValue {
  /** YYYY-MM-DD */
  date: string;
  value: number | null;
}

export interface LineSeries {
  name: string;
  points: DayValue[];
  color?: string;
  /** Bars suit daily counts; lines suit windowed values. */
  type?: 'line' | 'bar';
  area?: boolean;
}

export interface ThresholdLine {
  label: string;
  value: number;
  color: string;
}

interface Options {
  series: LineSeries[];
  thresholds?: ThresholdLine[];
  format?: (value: number) => string;
  /** Smaller paddings, no legend: for the small multiples. */
  compact?: boolean;
  /** The x axis spans these days (YYYY-MM-DD) even when the points cover fewer. */
  range?: { from: string; to: string };
}

const dayMs = 86_400_000;

/** Every day from `from` to `to` (inclusive), YYYY-MM-DD, in UTC. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end && out.length < 1000; t += dayMs) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** Sparse daily points (days without events are absent) as a full series with zeros, so bars and lines do not skip days. */
export function fillDays(from: string, to: string, points: Array<{ date: string; value: number }>): DayValue[] {
  const byDate = new Map(points.map((p) => [p.date, p.value]));
  return daysBetween(from, to).map((date) => ({ date, value: byDate.get(date) ?? 0 }));
}

export function timeSeriesOption({ series, thresholds = [], format = (v) => v.toLocaleString(), compact = false, range }: Options): EChartsCoreOption {
  const [first] = series;
  return {
    animation: false,
    color: series.map((s, i) => s.color ?? (i === 0 ? chartColors.primary : chartColors.secondary)),
    grid: compact
      ? { left: 8, right: 8, top: 12, bottom: 4, containLabel: true }
      : { left: 8, right: thresholds.length ? 72 : 16, top: 24, bottom: 8, containLabel: true },
    legend: series.length > 1 && !compact ? { top: 0, textStyle: { color: chartColors.text } } : undefined,
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => (typeof v === 'number' ? format(v) : 'no data'),
    },
    xAxis: {
      type: 'time',
      min: range ? `${range.from}T00:00:00Z` : undefined,
      max: range ? `${range.to}T00:00:00Z` : undefined,
      axisLabel: { color: chartColors.text, hideOverlap: true, fontSize: compact ? 10 : 12 },
      axisLine: { lineStyle: { color: chartColors.grid } },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      scale: false,
      splitNumber: compact ? 2 : 4,
      axisLabel: { color: chartColors.text, formatter: (v: number) => format(v), fontSize: compact ? 10 : 12 },
      splitLine: { lineStyle: { color: chartColors.grid } },
      // Keep the threshold lines on the chart even when every value is far from them.
      min: (extent: { min: number }) => Math.min(0, extent.min, ...thresholds.map((t) => t.value)),
      max: (extent: { max: number }) => Math.max(extent.max, ...thresholds.map((t) => t.value)),
    },
    series: series.map((s, i) => ({
      name: s.name,
      type: s.type ?? 'line',
      showSymbol: false,
      connectNulls: false,
      barMaxWidth: 12,
      areaStyle: s.area ? { opacity: 0.12 } : undefined,
      data: s.points.map((p) => [p.date, p.value]),
      markLine:
        i === 0 && first && thresholds.length
          ? {
              symbol: 'none',
              silent: true,
              data: thresholds.map((t) => ({
                name: t.label,
                yAxis: t.value,
                lineStyle: { color: t.color, type: 'dashed', width: 1.5 },
                label: { formatter: `${t.label} ${format(t.value)}`, color: t.color, position: 'end', fontSize: 11 },
              })),
            }
          : undefined,
    })),
  };
}
