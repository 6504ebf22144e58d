import { Text } from '@mantine/core';
import type { TrendDirection } from '../../api/types';
import { formatScore } from './HealthBadge';

const arrows: Record<TrendDirection, string> = { up: '↑', down: '↓', same: '→' };
/** Dark shades: the arrow is small text and must keep 4.5:1 contrast on white. */
const colors: Record<TrendDirection, string> = { up: 'teal.8', down: 'red.8', same: 'gray.7' };

/** "up from 58", "down from 64", "same as 70": what the arrow says to a screen reader and in its tooltip. */
export function trendLabel(trend: TrendDirection, from: number | null): string {
  const was = formatScore(from);
  return trend === 'same' ? `same as ${was}` : `${trend} from ${was}`;
}

/** A small arrow for the score's trend against the previous snapshot; nothing when there is no previous one. */
export function TrendArrow({ trend, from, size = 'sm' }: { trend: TrendDirection | null | undefined; from: number | null | undefined; size?: string }) {
  if (!trend) return null;
  const label = trendLabel(trend, from ?? null);
  return (
    <Text span size={size} fw={700} c={colors[trend]} role="img" aria-label={label} title={label} lh={1}>
      {arrows[trend]}
    </Text>
  );
}
