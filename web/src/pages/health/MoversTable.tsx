import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Mover } from '../../api/types';
import { formatScore, HealthBadge } from '../../components/health/HealthBadge';

/** One list of biggest movers (rises or falls): who, how much, and what to look at first. */
export function MoversTable({ title, rows, empty }: { title: string; rows: Mover[]; empty: string }) {
  if (!rows.length)
    return (
      <Text size="sm" c="dimmed" py="sm">
        {empty}
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={520} type="native">
      <Table verticalSpacing={6} aria-label={title}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Account</Table.Th>
            <Table.Th>Owner</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Before</Table.Th>
            <Table.Th>Now</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Change</Table.Th>
            <Table.Th>Weakest measure</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((m) => (
            <Table.Tr key={m.accountId}>
              <Table.Td>
                <Anchor component={Link} to={`/accounts/${m.accountId}?tab=health`} size="sm" fw={600}>
                  {m.accountName}
                </Anchor>
              </Table.Td>
              <Table.Td>
                {m.ownerName ?? (
                  <Text span size="sm" c="dimmed">
                    Unassigned
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>{formatScore(m.before)}</Table.Td>
              <Table.Td>
                <HealthBadge score={m.after} rag={m.rag} />
              </Table.Td>
              <Table.Td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>
                <Text span size="sm" fw={700} c={m.change > 0 ? 'teal.8' : 'red.8'}>
                  {m.change > 0 ? `+${m.change}` : `−${Math.abs(m.change)}`}
                </Text>
              </Table.Td>
              <Table.Td>{m.weakest ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
