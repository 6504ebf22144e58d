import { Badge, Button, Group, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../../api/client';
import type { ManualMeasureList } from '../../../api/types';
import { ConfirmButton } from '../../../components/ConfirmButton';
import { healthKeys, useManualMeasures } from '../../../components/health/queries';
import { ErrorState, TableSkeleton } from '../../../components/States';
import { notifyError, notifySuccess } from '../../../lib/errors';
import { formatDate, formatDateTime } from '../../../lib/format';
import { ManualValueModal } from './ManualValueModal';

export type ManualMeasure = ManualMeasureList['items'][number];

/** Values a CSM sets by hand (executive relationship, sentiment): each with a comment, who set it, and an expiry. */
export function ManualMeasures({ accountId, canEdit }: { accountId: string; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const query = useManualMeasures(accountId);
  const [editing, setEditing] = useState<ManualMeasure | null>(null);
  const clear = useMutation({
    mutationFn: (m: ManualMeasure) => api.delete(`/accounts/${accountId}/manual-measures/${m.measureId}`),
    onSuccess: (_, m) => {
      queryClient.invalidateQueries({ queryKey: healthKeys.manual(accountId) });
      queryClient.invalidateQueries({ queryKey: ['accounts'] });
      notifySuccess(`Cleared ${m.name}`);
    },
    onError: (err) => notifyError(err, 'Could not clear the value'),
  });

  // Nothing to show when no scorecard that applies has a manual measure.
  if (query.isSuccess && !query.data.items.length) return null;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="manual-title">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" id="manual-title">
            Manual measures
          </Title>
          <Text size="sm" c="dimmed">
            Set by a CSM from what they know of the account. An expired value no longer counts until it is set again.
          </Text>
        </div>
        {query.isPending ? (
          <TableSkeleton columns={5} rows={2} />
        ) : query.isError ? (
          <ErrorState error={query.error} title="Could not load the manual measures" onRetry={() => query.refetch()} />
        ) : (
          <Table.ScrollContainer minWidth={640} type="native">
            <Table verticalSpacing="xs" aria-label="Manual measures">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Measure</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>Value</Table.Th>
                  <Table.Th>Comment</Table.Th>
                  <Table.Th>Set by</Table.Th>
                  <Table.Th>Expires</Table.Th>
                  {canEdit && (
                    <Table.Th>
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.items.map((m) => {
                  const value = m.current;
                  return (
                    <Table.Tr key={`${m.scorecardId}:${m.measureId}`}>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {m.name}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {m.scorecardName} · {m.min}–{m.max}
                        </Text>
                      </Table.Td>
                      <Table.Td style={{ textAlign: 'right' }}>
                        {value ? (
                          value.value.toLocaleString()
                        ) : (
                          <Text span size="sm" c="dimmed">
                            Not set
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td maw={320}>
                        <Text size="sm">{value?.comment ?? ''}</Text>
                      </Table.Td>
                      <Table.Td className="kw-nowrap">
                        {value && (
                          <Text size="sm">
                            {value.setByName ?? 'Someone'}
                            <Text span size="xs" c="dimmed" display="block">
                              {formatDateTime(value.setAt)}
                            </Text>
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td className="kw-nowrap">
                        {value?.expiresOn && formatDate(value.expiresOn)}
                        {value?.expired && (
                          <Badge color="orange" variant="light" size="sm" tt="none" ml={6}>
                            Expired
                          </Badge>
                        )}
                        {value && !value.expiresOn && (
                          <Text span size="sm" c="dimmed">
                            Never
                          </Text>
                        )}
                      </Table.Td>
                      {canEdit && (
                        <Table.Td>
                          <Group gap="xs" justify="flex-end" wrap="nowrap">
                            <Button size="compact-sm" variant="subtle" aria-label={`Set ${m.name}`} onClick={() => setEditing(m)}>
                              {value ? 'Change' : 'Set'}
                            </Button>
                            {value && (
                              <ConfirmButton
                                size="compact-sm"
                                variant="subtle"
                                aria-label={`Clear ${m.name}`}
                                title="Clear the value"
                                message={`Clear ${m.name}? The measure is left out of the score until someone sets it again.`}
                                confirmLabel="Clear"
                                onConfirm={() => clear.mutateAsync(m)}
                              >
                                Clear
                              </ConfirmButton>
                            )}
                          </Group>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      {editing && <ManualValueModal accountId={accountId} measure={editing} onClose={() => setEditing(null)} />}
    </Paper>
  );
}
