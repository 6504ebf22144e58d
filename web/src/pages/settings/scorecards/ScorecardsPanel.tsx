import { ActionIcon, Badge, Button, Group, Paper, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { CompanySizes, DeploymentStatuses, LifecyclePhases, TouchTiers } from '../../../../../src/domain/enums';
import { api } from '../../../api/client';
import type { RecomputeResultT, Scorecard, ScorecardListT } from '../../../api/types';
import { healthKeys, useScorecards } from '../../../components/health/queries';
import { EditButton, ListStates, ListTable, RowActions, RowConfirmButton } from '../../../components/ListTable';
import { notifyError, notifySuccess } from '../../../lib/errors';
import { ScorecardEditor } from './ScorecardEditor';

/** The segment in words: "Onboarding · High touch", or "All accounts". */
function segmentText(s: Scorecard['segment']): string {
  const parts = [
    ...s.lifecyclePhase.map((v) => LifecyclePhases.labels[v]),
    ...s.touchTier.map((v) => TouchTiers.labels[v]),
    ...s.deploymentStatus.map((v) => DeploymentStatuses.labels[v]),
    ...s.companySize.map((v) => CompanySizes.labels[v]),
  ];
  return parts.length ? parts.join(' · ') : 'All accounts';
}

/** The workspace's scorecards: everyone reads them, managers edit them and can recompute every score. */
export function ScorecardsPanel({ manager }: { manager: boolean }) {
  const queryClient = useQueryClient();
  const scorecards = useScorecards();
  const [editing, setEditing] = useState<Scorecard | 'new' | null>(null);
  const [result, setResult] = useState<RecomputeResultT | null>(null);
  const remove = useMutation({
    mutationFn: (s: Scorecard) => api.delete(`/scorecards/${s.id}`),
    onSuccess: (_, s) => {
      queryClient.invalidateQueries({ queryKey: healthKeys.scorecards });
      queryClient.invalidateQueries({ queryKey: ['accounts'] });
      notifySuccess(`Deleted scorecard ${s.name}`);
    },
    onError: (err) => notifyError(err, 'Could not delete the scorecard'),
  });
  const reorder = useMutation({
    mutationFn: (ids: string[]) => api.put<ScorecardListT>('/scorecards/order', { ids }),
    onSuccess: (list) => {
      queryClient.setQueryData(healthKeys.scorecards, list);
      // The overall health an account shows is the first overall scorecard that applies: it may have changed.
      queryClient.invalidateQueries({ queryKey: ['accounts'] });
    },
    onError: (err) => notifyError(err, 'Could not reorder the scorecards'),
  });
  const move = (items: Scorecard[], from: number, to: number) => {
    const next = items.map((c) => c.id);
    const [id] = next.splice(from, 1);
    if (id) next.splice(to, 0, id);
    reorder.mutate(next);
  };
  const recompute = useMutation({
    mutationFn: () => api.post<RecomputeResultT>('/health/recompute'),
    onSuccess: (r) => {
      setResult(r);
      queryClient.invalidateQueries({ queryKey: ['accounts'] });
    },
    onError: (err) => notifyError(err, 'Could not recompute the scores'),
  });

  const actions = manager && (
    <Group gap="xs">
      <Button variant="light" loading={recompute.isPending} onClick={() => recompute.mutate()}>
        Recompute all scores
      </Button>
      <Button onClick={() => setEditing('new')}>New scorecard</Button>
    </Group>
  );

  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Text size="sm" c="dimmed" maw={720}>
          A scorecard turns measures (KPIs, touches, risks, fields, manual ratings) into a 0–100 health score for the accounts of its segment.
          {!manager && ' Managers and admins can change them.'}
        </Text>
        {actions}
      </Group>
      {result && (
        <Text size="sm" role="status" mb="sm">
          Recomputed {result.scores.toLocaleString()} score(s) for {result.accounts.toLocaleString()} account(s) in{' '}
          {result.milliseconds.toLocaleString(undefined, { maximumFractionDigits: 0 })} ms.
        </Text>
      )}
      <ListStates
        query={scorecards}
        columns={4}
        rows={3}
        errorTitle="Could not load scorecards"
        empty={{
          title: 'No scorecards yet',
          description: 'Create one to give accounts a health score.',
          action: manager && <Button onClick={() => setEditing('new')}>New scorecard</Button>,
        }}
      >
        {(data) => (
          <ListTable label="Scorecards" minWidth={720} columns={['Name', 'Overall', 'Applies to', 'Measures']} actions>
            {data.items.map((s, index) => (
              <Table.Tr key={s.id}>
                <Table.Td maw={320}>
                  <Text fw={600} size="sm">
                    {s.name}
                  </Text>
                  {s.description && (
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {s.description}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {s.isOverall ? (
                    <Badge variant="light" tt="none">
                      Overall
                    </Badge>
                  ) : (
                    <Text span size="sm" c="dimmed">
                      Extra score
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{segmentText(s.segment)}</Table.Td>
                <Table.Td>{s.measures.length}</Table.Td>
                <RowActions>
                  {manager ? (
                    <>
                      {data.items.length > 1 && (
                        <>
                          <ActionIcon
                            variant="subtle"
                            color="gray"
                            aria-label={`Move ${s.name} up`}
                            disabled={index === 0 || reorder.isPending}
                            onClick={() => move(data.items, index, index - 1)}
                          >
                            ↑
                          </ActionIcon>
                          <ActionIcon
                            variant="subtle"
                            color="gray"
                            aria-label={`Move ${s.name} down`}
                            disabled={index === data.items.length - 1 || reorder.isPending}
                            onClick={() => move(data.items, index, index + 1)}
                          >
                            ↓
                          </ActionIcon>
                        </>
                      )}
                      <EditButton name={s.name} onClick={() => setEditing(s)} />
                      <RowConfirmButton
                        verb="Delete"
                        name={s.name}
                        title="Delete scorecard"
                        message={`Delete "${s.name}"? Its scores and manual values disappear from every account. This cannot be undone.`}
                        onConfirm={() => remove.mutateAsync(s)}
                      />
                    </>
                  ) : (
                    <Button size="compact-sm" variant="subtle" aria-label={`View ${s.name}`} onClick={() => setEditing(s)}>
                      View
                    </Button>
                  )}
                </RowActions>
              </Table.Tr>
            ))}
          </ListTable>
        )}
      </ListStates>
      {editing && <ScorecardEditor scorecard={editing === 'new' ? null : editing} canEdit={manager} onClose={() => setEditing(null)} />}
    </Paper>
  );
}
