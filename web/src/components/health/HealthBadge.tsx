import { Badge, type BadgeProps, Group, Text } from '@mantine/core';
import type { Rag, TrendDirection } from '../../api/types';
import { TrendArrow } from './TrendArrow';

/** RAG in words and colours; the word is always shown, so the colour never carries the meaning alone. */
export const ragLabels: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green' };
export const ragColors: Record<Rag, string> = { red: 'red', amber: 'orange', green: 'teal' };
/** Literal colours for charts (ECharts cannot read CSS variables). */
export const ragHex: Record<Rag, string> = { red: '#e03131', amber: '#f08c00', green: '#0ca678' };

/** A score as shown everywhere: rounded to a whole number (the API keeps two decimals). */
export function formatScore(score: number | null | undefined): string {
  return score === null || score === undefined ? '—' : String(Math.round(score));
}

interface Props {
  score: number | null | undefined;
  rag: Rag | null | undefined;
  size?: BadgeProps['size'];
  /** Names the score for screen readers, e.g. "Health" or a scorecard's name. */
  label?: string;
  /** The trend against the previous snapshot, shown as an arrow after the badge ("down from 64"). */
  trend?: TrendDirection | null;
  trendFrom?: number | null;
}

/** The health score with its RAG colour and word, and its trend arrow when known; "No score" when there is none. */
export function HealthBadge({ trend, trendFrom, ...props }: Props) {
  if (!trend || props.score === null || props.score === undefined) return <ScoreBadge {...props} />;
  return (
    <Group gap={4} wrap="nowrap" component="span" style={{ display: 'inline-flex', width: 'max-content' }}>
      <ScoreBadge {...props} />
      <TrendArrow trend={trend} from={trendFrom} />
    </Group>
  );
}

function ScoreBadge({ score, rag, size = 'sm', label = 'Health' }: Omit<Props, 'trend' | 'trendFrom'>) {
  if (score === null || score === undefined || !rag) {
    return (
      <Text span size="sm" c="dimmed" aria-label={`${label}: no score`} className="kw-nowrap">
        No score
      </Text>
    );
  }
  const shown = formatScore(score);
  return (
    <Badge
      color={ragColors[rag]}
      variant="light"
      size={size}
      tt="none"
      role="img"
      aria-label={`${label}: ${shown} of 100, ${ragLabels[rag]}`}
      leftSection={<span style={{ fontWeight: 700, fontVariantNumeric: 'tabular-nums' }}>{shown}</span>}
      className="kw-nowrap"
      // Beside a trend arrow in a narrow table cell, the badge keeps its full width instead of truncating.
      style={{ flexShrink: 0 }}
    >
      {ragLabels[rag]}
    </Badge>
  );
}

/** The RAG word on its colour, for places that show the number separately (the account's Health tab). */
export function RagBadge({ rag, size = 'lg' }: { rag: Rag | null; size?: BadgeProps['size'] }) {
  if (!rag) return null;
  return (
    <Badge color={ragColors[rag]} variant="filled" size={size} tt="none">
      {ragLabels[rag]}
    </Badge>
  );
}
