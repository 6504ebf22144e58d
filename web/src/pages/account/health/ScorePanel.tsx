import { Alert, Badge, Grid, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { AccountScore } from '../../../api/types';
import { formatScore, RagBadge } from '../../../components/health/HealthBadge';
import { TrendArrow } from '../../../components/health/TrendArrow';
import { formatDateTime } from '../../../lib/format';
import { BreakdownChart } from './BreakdownChart';
import { formatPoints, formatRaw, formatShare } from './format';
import { TrendChart } from './TrendChart';

/** One score of the account: the number, what changed, why it is what it is. */
export function ScorePanel({ score }: { score: AccountScore }) {
  const titleId = `score-${score.scorecardId}`;
  const leftOut = score.components.filter((c) => c.leftOut).map((c) => c.name);
  const leftOutNames = leftOut.length ? leftOut : score.leftOut;
  const changed = score.previousScore !== null && formatScore(score.previousScore) !== formatScore(score.score);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <div>
            <Group gap="xs">
              <Title order={2} size="h4" id={titleId}>
                {score.scorecardName}
              </Title>
              {score.isOverall && (
                <Badge variant="outline" color="dark" tt="none" size="sm">
                  Overall health
                </Badge>
              )}
            </Group>
            <Text size="xs" c="dimmed" mt={2}>
              Computed {formatDateTime(score.computedAt)}
            </Text>
          </div>
          <Group gap="sm" align="center">
            <Text fz={36} fw={700} lh={1} style={{ fontVariantNumeric: 'tabular-nums' }}>
              {score.score === null ? 'No score' : formatScore(score.score)}
            </Text>
            <TrendArrow trend={score.trend} from={score.trendFrom} size="xl" />
            <RagBadge rag={score.rag} />
          </Group>
        </Group>
        {changed && (
          <Text size="sm">
            Was {formatScore(score.previousScore)}
            {score.changedAt && `, changed ${formatDateTime(score.changedAt)}`}
            {score.cause && ` · ${score.cause}`}
          </Text>
        )}
        {score.weakest && (
          <Alert color="orange" variant="light" p="sm">
            <Text size="sm">
              <Text span fw={700}>
                Dragging the score down:
              </Text>{' '}
              {score.weakest.sentence}
            </Text>
          </Alert>
        )}
        {score.score === null && (
          <Text size="sm" c="dimmed">
            No measure of this scorecard has data for this account yet, so there is no score.
          </Text>
        )}
        <Grid gap="md">
          <Grid.Col span={{ base: 12, xl: 7 }}>
            <BreakdownTable score={score} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, xl: 5 }}>
            <BreakdownChart components={score.components} name={score.scorecardName} />
          </Grid.Col>
        </Grid>
        {score.sparkline.some((p) => p.score !== null) && (
          <div>
            <Title order={3} size="h6" mb={4}>
              Last {score.sparkline.length} weeks
            </Title>
            <TrendChart score={score} />
          </div>
        )}
        {leftOutNames.length > 0 && (
          <Text size="sm" c="dimmed">
            Left out for lack of data (the other weights were re-normalised): {leftOutNames.join(', ')}.
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function BreakdownTable({ score }: { score: AccountScore }) {
  const grouped = score.components.some((c) => c.group);
  return (
    <Table.ScrollContainer minWidth={620} type="native">
      <Table verticalSpacing={6} aria-label={`${score.scorecardName}: breakdown by measure`}>
        <Table.Thead>
          <Table.Tr>
            {grouped && <Table.Th>Group</Table.Th>}
            <Table.Th>Measure</Table.Th>
            <Table.Th>Raw value</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Score</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Weight</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Share</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Points</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {score.components.map((c) => (
            <Table.Tr key={c.measureId}>
              {grouped && <Table.Td>{c.group ?? '—'}</Table.Td>}
              <Table.Td>
                <Text size="sm" fw={score.weakest?.measureId === c.measureId ? 700 : 500} fs={c.leftOut ? 'italic' : undefined}>
                  {c.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {c.sentence}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" className="kw-nowrap">
                  {formatRaw(c)}
                </Text>
                {c.unit && (
                  <Text size="xs" c="dimmed">
                    {c.unit}
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ textAlign: 'right' }} className="kw-nowrap">
                {c.leftOut || c.score === null ? 'Left out' : formatScore(c.score)}
              </Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{c.weight.toLocaleString()}</Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{c.leftOut ? '—' : formatShare(c.share)}</Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{c.leftOut ? '—' : formatPoints(c.points)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
