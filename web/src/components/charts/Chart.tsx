import { Skeleton, Text } from '@mantine/core';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { useEffect, useRef, useState } from 'react';

type Echarts = typeof import('./echarts');
let loading: Promise<Echarts> | null = null;

/** Fetches the ECharts chunk once; a failed fetch (offline, new deploy) may be retried by the next chart. */
function loadEcharts(): Promise<Echarts> {
  loading ??= import('./echarts').catch((err: unknown) => {
    loading = null;
    throw err;
  });
  return loading;
}

interface Props {
  option: EChartsCoreOption;
  /** What the chart shows, in words, for screen readers (the canvas itself says nothing). */
  label: string;
  height?: number;
}

/**
 * An ECharts chart drawn as SVG, loaded on first use. The container is role="img" with a text label; the
 * numbers it plots are also in tables or tiles next to it, so nothing is available only as a picture.
 */
export function Chart({ option, label, height = 220 }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const latest = useRef(option);
  latest.current = option;
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | null = null;
    loadEcharts()
      .then(({ init }) => {
        const el = container.current;
        if (disposed || !el) return;
        const instance = init(el, undefined, { renderer: 'svg' });
        instance.setOption(latest.current);
        chart.current = instance;
        // The tabs, the navbar and window resizes all change the width; ECharts does not watch it itself.
        observer = new ResizeObserver(() => instance.resize());
        observer.observe(el);
        setState('ready');
      })
      .catch(() => !disposed && setState('failed'));
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div style={{ position: 'relative', height }}>
      <div ref={container} role="img" aria-label={label} style={{ height, width: '100%' }} data-chart-ready={state === 'ready' || undefined} />
      {state === 'loading' && <Skeleton height={height} style={{ position: 'absolute', inset: 0 }} aria-hidden="true" />}
      {state === 'failed' && (
        <Text size="sm" c="dimmed" style={{ position: 'absolute', inset: 0, padding: 8 }}>
          The chart could not be loaded; reload the page to try again.
        </Text>
      )}
    </div>
  );
}
