import { Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { RiskCategories, RiskStatuses } from '../../../../src/domain/enums';
import { api } from '../../api/client';
import { useSession } from '../../api/session';
import type { RiskType } from '../../api/types';
import { EditButton, ListStates, ListTable, RowActions, RowConfirmButton } from '../../components/ListTable';
import { notifyError } from '../../lib/errors';
import { invalidateRisks, useRiskTypes } from './RiskModal';
import { RiskTypeModal } from './RiskTypeModal';

/** The workspace's risk catalog: the kinds of risk it tracks and the account status each one puts on. */
export function RiskCatalog() {
  const { can } = useSession();
  const canManage = can('manager');
  const queryClient = useQueryClient();
  const types = useRiskTypes();
  const [editing, setEditing] = useState<RiskType | 'new' | null>(null);
  const toggle = useMutation({
    mutationFn: (t: RiskType) => api.patch<RiskType>(`/risk-types/${t.id}`, { active: !t.active }),
    onSuccess: () => invalidateRisks(queryClient),
    onError: (err) => notifyError(err, 'Could not change the type'),
  });
  const remove = useMutation({
    mutationFn: (t: RiskType) => api.delete(`/risk-types/${t.id}`),
    onSuccess: () => invalidateRisks(queryClient),
    onError: (err) => notifyError(err, 'Could not delete the type'),
  });

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="catalog-title">
      <Group justify="space-between" mb="sm">
        <div>
          <Title order={2} size="h4" id="catalog-title">
            Catalog
          </Title>
          <Text size="sm" c="dimmed">
            The kinds of risk this workspace tracks. An open risk of a type with an account status puts that status on its account.
          </Text>
        </div>
        {canManage && (
          <Button size="xs" onClick={() => setEditing('new')}>
            Add type
          </Button>
        )}
      </Group>
      <ListStates
        query={types}
        columns={5}
        rows={6}
        errorTitle="Could not load the catalog"
        empty={{ title: 'The catalog is empty', description: 'Add the kinds of risk you track.' }}
      >
        {({ items }) => (
          <Stack gap="md">
            {RiskCategories.values.map((category) => {
              const inCategory = items.filter((t) => t.category === category);
              if (inCategory.length === 0) return null;
              return (
                <div key={category}>
                  <Title order={3} size="h5" mb={4}>
                    {RiskCategories.labels[category]}
                  </Title>
                  <ListTable label={RiskCategories.labels[category]} minWidth={760} columns={['Type', 'Account status', 'Risks', 'State']} actions={canManage}>
                    {inCategory.map((t) => (
                      <Table.Tr key={t.id}>
                        <Table.Td>
                          <Text size="sm" fw={600} c={t.active ? undefined : 'dimmed'}>
                            {t.label}
                          </Text>
                          {t.description && (
                            <Text size="xs" c="dimmed">
                              {t.description}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          {t.riskStatus ? (
                            RiskStatuses.labels[t.riskStatus]
                          ) : (
                            <Text span size="sm" c="dimmed">
                              None
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>{t.riskCount}</Table.Td>
                        <Table.Td className="kw-nowrap">
                          <Text span size="sm" c={t.active ? 'teal.8' : 'dimmed'} fw={600}>
                            {t.active ? 'Active' : 'Inactive'}
                          </Text>
                        </Table.Td>
                        {canManage && (
                          <RowActions gap={4}>
                            <EditButton name={t.label} onClick={() => setEditing(t)} />
                            <Button
                              size="compact-sm"
                              variant="subtle"
                              aria-label={`${t.active ? 'Deactivate' : 'Activate'} ${t.label}`}
                              onClick={() => toggle.mutate(t)}
                            >
                              {t.active ? 'Deactivate' : 'Activate'}
                            </Button>
                            {t.riskCount === 0 && (
                              <RowConfirmButton
                                verb="Delete"
                                name={t.label}
                                title="Delete risk type"
                                message={`Delete “${t.label}” from the catalog? No risk uses it.`}
                                onConfirm={() => remove.mutateAsync(t)}
                              />
                            )}
                          </RowActions>
                        )}
                      </Table.Tr>
                    ))}
                  </ListTable>
                </div>
              );
            })}
          </Stack>
        )}
      </ListStates>
      {editing && <RiskTypeModal type={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Paper>
  );
}
