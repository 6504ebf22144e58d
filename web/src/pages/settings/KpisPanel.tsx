import { Badge, Button, Group, Paper, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import type { Kpi, KpiListT } from '../../api/types';
import { EditButton, ListStates, ListTable, RowActions, RowConfirmButton } from '../../components/ListTable';
import { notifyError } from '../../lib/errors';
import { KpiEditor } from './KpiEditor';
import { KpiTemplateModal } from './KpiTemplateModal';
import { directionText, formulaText, metricNames, thresholdsText } from './kpiText';
import { useMetrics } from './MetricsPanel';

export function useKpis() {
  return useQuery({ queryKey: ['kpis'], queryFn: () => api.get<KpiListT>('/kpis'), staleTime: 30_000 });
}

/** The workspace's indicators: everyone reads them, managers define them. */
export function KpisPanel({ manager }: { manager: boolean }) {
  const queryClient = useQueryClient();
  const kpis = useKpis();
  const metrics = useMetrics();
  const names = metricNames(metrics.data?.items);
  const [editing, setEditing] = useState<Kpi | 'new' | null>(null);
  const [fromTemplate, setFromTemplate] = useState(false);
  const remove = useMutation({
    mutationFn: (k: Kpi) => api.delete(`/kpis/${k.id}`),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['kpis'] });
      queryClient.invalidateQueries({ queryKey: ['accounts'] });
    },
    onError: (err) => notifyError(err, 'Could not delete the KPI'),
  });

  const actions = manager && (
    <Group gap="xs">
      <Button variant="light" onClick={() => setFromTemplate(true)}>
        Add from template
      </Button>
      <Button onClick={() => setEditing('new')}>New KPI</Button>
    </Group>
  );

  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Text size="sm" c="dimmed" maw={720}>
          KPIs turn usage and metrics into one number per account over 7, 30 or 90 days, coloured by its thresholds.
          {!manager && ' Managers and admins can change them.'}
        </Text>
        {actions}
      </Group>
      <ListStates
        query={kpis}
        columns={5}
        rows={4}
        errorTitle="Could not load KPIs"
        empty={{
          title: 'No KPIs yet',
          description: 'Start from a template such as weekly logins or licence utilisation, or define your own.',
          action: actions,
        }}
      >
        {(data) => (
          <ListTable label="KPIs" minWidth={860} columns={['Name', 'Formula', 'Window', 'Direction', 'Thresholds']} actions={manager}>
            {data.items.map((k) => (
              <Table.Tr key={k.id}>
                <Table.Td maw={260}>
                  <Text fw={600} size="sm">
                    {k.name}
                  </Text>
                  <Group gap={4} mt={2}>
                    <Badge size="xs" variant="light" color="gray" tt="none">
                      {k.timing === 'leading' ? 'Leading' : 'Lagging'}
                    </Badge>
                    <Badge size="xs" variant="light" color="gray" tt="none">
                      {k.objectivity === 'objective' ? 'Objective' : 'Subjective'}
                    </Badge>
                    <Badge size="xs" variant="light" color="gray" tt="none">
                      {k.nature === 'quantitative' ? 'Quantitative' : 'Qualitative'}
                    </Badge>
                  </Group>
                </Table.Td>
                <Table.Td>{formulaText(k.formula, names)}</Table.Td>
                <Table.Td className="kw-nowrap">{k.windowDays} days</Table.Td>
                <Table.Td>{directionText[k.direction]}</Table.Td>
                <Table.Td>{thresholdsText(k)}</Table.Td>
                {manager && (
                  <RowActions>
                    <EditButton name={k.name} onClick={() => setEditing(k)} />
                    <RowConfirmButton
                      verb="Delete"
                      name={k.name}
                      title="Delete KPI"
                      message={`Delete "${k.name}"? It disappears from every account and saved view; the usage data stays.`}
                      onConfirm={() => remove.mutateAsync(k)}
                    />
                  </RowActions>
                )}
              </Table.Tr>
            ))}
          </ListTable>
        )}
      </ListStates>
      {editing && <KpiEditor kpi={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {fromTemplate && <KpiTemplateModal onClose={() => setFromTemplate(false)} />}
    </Paper>
  );
}
