import { Alert, Anchor, Box, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { PreviewMove, PreviewRag, ScorecardPreview } from '../../../api/types';
import { formatScore, ragColors, ragLabels } from '../../../components/health/HealthBadge';

/** One preview's figures: RAG counts now → after, the moves between colours, the distribution, the biggest changes. */
const RAGS: readonly PreviewRag[] = ['green', 'amber', 'red', 'none'];
const label = (r: PreviewRag) => (r === 'none' ? 'No score' : ragLabels[r]);
const color = (r: PreviewRag) => (r === 'none' ? 'var(--mantine-color-gray-5)' : `var(--mantine-color-${ragColors[r]}-6)`);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const signed = (n: number) => (n > 0 ? `+${n.toFixed(1)}` : n.toFixed(1));

/** "12 accounts move from green to amber", in words that say what "none" means. */
export function transitionText(t: ScorecardPreview['transitions'][number]): string {
  const who = plural(t.count, 'account');
  const verb = t.count === 1 ? 'moves' : 'move';
  if (t.from === 'none') return `${who} ${t.count === 1 ? 'gets' : 'get'} a score: ${t.to}`;
  if (t.to === 'none') return `${who} ${t.count === 1 ? 'loses its' : 'lose their'} ${t.from} score (outside the segment or no data)`;
  return `${who} ${verb} from ${t.from} to ${t.to}`;
}

function Bar({ value, max, fill }: { value: number; max: number; fill: string }) {
  return <Box h={8} w={`${max ? Math.max(value ? 2 : 0, (value / max) * 100) : 0}%`} bg={fill} style={{ borderRadius: 2 }} aria-hidden="true" />;
}

function RagTable({ preview }: { preview: ScorecardPreview }) {
  const max = Math.max(1, ...RAGS.flatMap((r) => [preview.before.rag[r], preview.after.rag[r]]));
  return (
    <Table withTableBorder verticalSpacing={4} aria-label="Accounts by RAG, now and after saving">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">RAG</Table.Th>
          <Table.Th scope="col">Now</Table.Th>
          <Table.Th scope="col">After</Table.Th>
          <Table.Th scope="col">Change</Table.Th>
          <Table.Th scope="col" w="40%">
            <Text span size="xs" c="dimmed">
              Grey: now · colour: after
            </Text>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {RAGS.map((r) => {
          const change = preview.after.rag[r] - preview.before.rag[r];
          return (
            <Table.Tr key={r}>
              <Table.Th scope="row">{label(r)}</Table.Th>
              <Table.Td className="kw-num">{preview.before.rag[r]}</Table.Td>
              <Table.Td className="kw-num">{preview.after.rag[r]}</Table.Td>
              <Table.Td className="kw-num">{change > 0 ? `+${change}` : change}</Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <Bar value={preview.before.rag[r]} max={max} fill="var(--mantine-color-gray-4)" />
                  <Bar value={preview.after.rag[r]} max={max} fill={color(r)} />
                </Stack>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

/** Ten columns of paired bars; the same figures in words for screen readers. */
function Histogram({ preview }: { preview: ScorecardPreview }) {
  const { before, after } = preview;
  const max = Math.max(1, ...before.histogram, ...after.histogram);
  const range = (i: number) => (i === 9 ? '90–100' : `${i * 10}–${i * 10 + 9}`);
  const words = after.histogram.map((n, i) => `${range(i)}: ${before.histogram[i] ?? 0} now, ${n} after`).join('; ');
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        Scores by tens
      </Text>
      <Group gap={6} align="flex-end" wrap="nowrap" h={90} role="img" aria-label={`Accounts by score, now and after saving. ${words}`}>
        {after.histogram.map((n, i) => (
          <Stack key={range(i)} gap={2} align="center" style={{ flex: 1 }}>
            <Group gap={2} align="flex-end" wrap="nowrap" h={70}>
              <Box w={8} h={`${((before.histogram[i] ?? 0) / max) * 100}%`} bg="var(--mantine-color-gray-4)" />
              <Box w={8} h={`${(n / max) * 100}%`} bg="var(--mantine-color-blue-6)" />
            </Group>
            <Text size="10px" c="dimmed">
              {i * 10}
            </Text>
          </Stack>
        ))}
      </Group>
    </Stack>
  );
}

function MovesTable({ title, moves }: { title: string; moves: PreviewMove[] }) {
  if (!moves.length) return null;
  return (
    <Stack gap={4}>
      <Title order={4} size="h6">
        {title}
      </Title>
      <Table.ScrollContainer minWidth={640}>
        <Table striped verticalSpacing={4} aria-label={title}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Account</Table.Th>
              <Table.Th scope="col">Now</Table.Th>
              <Table.Th scope="col">After</Table.Th>
              <Table.Th scope="col">Change</Table.Th>
              <Table.Th scope="col">RAG</Table.Th>
              <Table.Th scope="col">Weakest measure after</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {moves.map((m) => (
              <Table.Tr key={m.accountId}>
                <Table.Td>
                  <Anchor component={Link} to={`/accounts/${m.accountId}?tab=health`} size="sm">
                    {m.name}
                  </Anchor>
                </Table.Td>
                <Table.Td className="kw-num">{formatScore(m.before)}</Table.Td>
                <Table.Td className="kw-num">{formatScore(m.after)}</Table.Td>
                <Table.Td className="kw-num">{signed(m.change)}</Table.Td>
                <Table.Td className="kw-nowrap">{m.ragBefore === m.ragAfter ? label(m.ragAfter) : `${label(m.ragBefore)} → ${label(m.ragAfter)}`}</Table.Td>
                <Table.Td>
                  {m.weakestAfter ? (
                    <Text size="sm">
                      {m.weakestAfter.name}
                      <Text span size="xs" c="dimmed">
                        {' '}
                        · {m.weakestAfter.sentence}
                      </Text>
                    </Text>
                  ) : (
                    '—'
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

export function PreviewResult({ preview }: { preview: ScorecardPreview }) {
  const { before, after } = preview;
  const isNew = preview.scorecardId === null;
  const scoredAfter = after.rag.red + after.rag.amber + after.rag.green;
  const noData = after.accounts - scoredAfter;
  return (
    <Stack gap="md">
      <Text size="sm">
        {plural(after.accounts, 'account')} in the draft's segment
        {isNew ? ' (a new scorecard: none scored yet)' : `, ${before.accounts} scored now`}
        {noData > 0 && ` · ${noData} without data for any measure`} · {plural(preview.ragChanged, 'account')} change RAG
        {preview.meanChange !== null && ` · mean change ${signed(preview.meanChange)}`}
        {after.mean !== null && ` · mean after ${after.mean.toFixed(1)}`}
      </Text>
      {after.accounts === 0 && (
        <Alert color="gray" title="No accounts in this segment">
          Widen the segment, or it will score no account of the {plural(preview.totalAccounts, 'account')} in the workspace.
        </Alert>
      )}
      <RagTable preview={preview} />
      {preview.transitions.length ? (
        <List size="sm" spacing={2} aria-label="Moves between RAG colours">
          {preview.transitions.map((t) => (
            <List.Item key={`${t.from}-${t.to}`}>{transitionText(t)}</List.Item>
          ))}
        </List>
      ) : (
        <Text size="sm" c="dimmed">
          No account changes RAG.
        </Text>
      )}
      {scoredAfter + before.rag.red + before.rag.amber + before.rag.green > 0 && <Histogram preview={preview} />}
      <MovesTable title="Biggest falls" moves={preview.falls} />
      <MovesTable title="Biggest rises" moves={preview.rises} />
      {!isNew && after.accounts > 0 && !preview.falls.length && !preview.rises.length && (
        <Text size="sm" c="dimmed">
          No account's score changes.
        </Text>
      )}
    </Stack>
  );
}
