import { Badge, type BadgeProps, Text } from '@mantine/core';
import type { Rag } from '../../api/types';

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
}

/** The health score with its RAG colour and word; "No score" when there is none. */
export function HealthBadge({ score, rag, size = 'sm', label = 'Health' }: Props) {
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
