import { Button, Code, CopyButton, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { UnmatchedSummaryT } from '../../api/types';
import { formatDateTime } from '../../lib/format';
import { CreateAccountModal } from './CreateAccountModal';
import { reasonTitle } from './reasons';

/** Why data is unmatched, and which ids, once given an account or contact, would match the most of it. */
export function UnmatchedSummary({ summary, canCreate, onReason }: Props) {
  const [creating, setCreating] = useState<string | null>(null);
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        {summary.byReason.map((r) => (
          <Paper key={r.reason} withBorder p="sm" component="section" aria-label={`${reasonTitle(r.reason)}: ${r.count}`}>
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Text fw={600} size="sm">
                {reasonTitle(r.reason)}
              </Text>
              <Text fw={700} size="xl" lh={1}>
                {r.count.toLocaleString()}
              </Text>
            </Group>
            <Text size="xs" c="dimmed" mt={4}>
              {r.label}
            </Text>
            {r.count > 0 && (
              <Button variant="subtle" size="compact-xs" mt={4} onClick={() => onReason(r.reason)} aria-label={`Show ${reasonTitle(r.reason)} events`}>
                Show these
              </Button>
            )}
          </Paper>
        ))}
      </SimpleGrid>
      {summary.topKeys.length > 0 && (
        <Paper withBorder p="md" component="section" aria-labelledby="top-keys-title">
          <Title order={2} size="h4" id="top-keys-title">
            Most frequent unknown ids
          </Title>
          <Text size="sm" c="dimmed" mb="xs">
            Give a groupId an account (its external ID) and a userId a contact (external ID or email), and their events match at once.
          </Text>
          <Table.ScrollContainer minWidth={600} type="native">
            <Table verticalSpacing={6} aria-label="Most frequent unknown ids">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Id</Table.Th>
                  <Table.Th>Kind</Table.Th>
                  <Table.Th ta="right">Events</Table.Th>
                  <Table.Th>Last received</Table.Th>
                  <Table.Th>What to do</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {summary.topKeys.map((k) => (
                  <Table.Tr key={`${k.kind}:${k.value}`}>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Code style={{ overflowWrap: 'anywhere' }}>{k.value}</Code>
                        <CopyButton value={k.value}>
                          {({ copied, copy }) => (
                            <Button size="compact-xs" variant="subtle" onClick={copy} aria-label={`Copy ${k.value}`}>
                              {copied ? 'Copied' : 'Copy'}
                            </Button>
                          )}
                        </CopyButton>
                      </Group>
                    </Table.Td>
                    <Table.Td>{k.kind}</Table.Td>
                    <Table.Td ta="right">{k.count.toLocaleString()}</Table.Td>
                    <Table.Td className="kw-nowrap">{formatDateTime(k.lastReceivedAt)}</Table.Td>
                    <Table.Td>
                      {k.kind === 'groupId' && canCreate ? (
                        <Button
                          size="compact-sm"
                          variant="light"
                          onClick={() => setCreating(k.value)}
                          aria-label={`Create account with external ID ${k.value}`}
                        >
                          Create account
                        </Button>
                      ) : (
                        <Text size="xs">
                          {k.kind === 'groupId'
                            ? 'Set it as an account’s external ID'
                            : 'Set it as a contact’s external ID, or send a group call for this user'}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {creating !== null && <CreateAccountModal externalId={creating} onClose={() => setCreating(null)} />}
    </Stack>
  );
}

interface Props {
  summary: UnmatchedSummaryT;
  canCreate: boolean;
  onReason(reason: string): void;
}
