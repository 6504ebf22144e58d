import { Button, Code, Group, Modal, Paper, Select, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { metricAggregationLabels, metricAggregations } from '../../../../src/modules/metrics/contracts';
import { api } from '../../api/client';
import type { Metric, MetricList } from '../../api/types';
import { FormFooter } from '../../components/FormFooter';
import { EditButton, ListStates, ListTable, RowActions, RowConfirmButton } from '../../components/ListTable';
import { fieldErrors, notifyError, notifySuccess } from '../../lib/errors';

export const METRICS_KEY = ['metrics'] as const;

export function useMetrics() {
  return useQuery({ queryKey: METRICS_KEY, queryFn: () => api.get<MetricList>('/metrics'), staleTime: 30_000 });
}

/** How daily values combine over a KPI window, in words. */
const aggregationText: Record<Metric['aggregation'], string> = {
  sum: 'Added up over the window',
  average: 'Averaged over the window',
  max: 'Highest value in the window',
  last: 'Latest value on or before the window’s end',
};

/** Numbers from other systems (support desk, billing, CRM), one value per account per day. */
export function MetricsPanel({ manager }: { manager: boolean }) {
  const queryClient = useQueryClient();
  const metrics = useMetrics();
  const [editing, setEditing] = useState<Metric | 'new' | null>(null);
  const remove = useMutation({
    mutationFn: (m: Metric) => api.delete(`/metrics/${m.id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: METRICS_KEY }),
    onError: (err) => notifyError(err, 'Could not delete the metric'),
  });

  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Text size="sm" c="dimmed" maw={720}>
          Metrics are numbers other systems send per account and day (PUT /api/v1/metrics/values or a CSV import). KPIs use them by key.
        </Text>
        {manager && <Button onClick={() => setEditing('new')}>New metric</Button>}
      </Group>
      <ListStates
        query={metrics}
        columns={4}
        rows={4}
        errorTitle="Could not load metrics"
        empty={{ title: 'No metrics yet', description: 'Define a metric for each number another system reports, e.g. support tickets.' }}
      >
        {(data) => (
          <ListTable label="Metrics" minWidth={640} columns={['Name', 'Key', 'Unit', 'Over a window']} actions={manager}>
            {data.items.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>
                  <Text fw={600} size="sm">
                    {m.name}
                  </Text>
                  {m.description && (
                    <Text size="xs" c="dimmed">
                      {m.description}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Code>{m.key}</Code>
                </Table.Td>
                <Table.Td>{m.unit ?? '—'}</Table.Td>
                <Table.Td>{aggregationText[m.aggregation]}</Table.Td>
                {manager && (
                  <RowActions>
                    <EditButton name={m.name} onClick={() => setEditing(m)} />
                    <RowConfirmButton
                      verb="Delete"
                      name={m.name}
                      title="Delete metric"
                      message={`Delete "${m.name}" and all its values? KPIs that use it must be changed first.`}
                      onConfirm={() => remove.mutateAsync(m)}
                    />
                  </RowActions>
                )}
              </Table.Tr>
            ))}
          </ListTable>
        )}
      </ListStates>
      {editing && <MetricModal metric={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Paper>
  );
}

function MetricModal({ metric, onClose }: { metric: Metric | null; onClose(): void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    key: metric?.key ?? '',
    name: metric?.name ?? '',
    description: metric?.description ?? '',
    unit: metric?.unit ?? '',
    aggregation: metric?.aggregation ?? 'sum',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (key: keyof typeof form, value: string) => setForm((f) => ({ ...f, [key]: value }));
  const save = useMutation({
    mutationFn: () => {
      const { key, ...fields } = form;
      return metric ? api.patch<Metric>(`/metrics/${metric.id}`, fields) : api.post<Metric>('/metrics', { key, ...fields });
    },
    onSuccess: (m) => {
      queryClient.invalidateQueries({ queryKey: METRICS_KEY });
      notifySuccess(`Saved metric ${m.name}`);
      onClose();
    },
    onError: (err) => setErrors(fieldErrors(err, ['key', 'name', 'description', 'unit', 'aggregation'])),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    save.mutate();
  }

  const title = metric ? `Edit metric ${metric.name}` : 'New metric';
  return (
    <Modal opened onClose={onClose} title={title}>
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack>
          <TextInput label="Name" required value={form.name} error={errors.name} onChange={(e) => set('name', e.currentTarget.value)} data-autofocus />
          <TextInput
            label="Key"
            required={!metric}
            disabled={Boolean(metric)}
            description={metric ? 'The key cannot change: KPIs and other systems refer to it.' : 'Lower-case letters, digits and _, e.g. support_tickets.'}
            value={form.key}
            error={errors.key}
            onChange={(e) => set('key', e.currentTarget.value)}
          />
          <Select
            label="Over a window"
            description="How the daily values combine when a KPI reads 7, 30 or 90 days"
            data={metricAggregations.map((a) => ({ value: a, label: metricAggregationLabels[a] }))}
            value={form.aggregation}
            onChange={(v) => set('aggregation', v ?? 'sum')}
            allowDeselect={false}
            error={errors.aggregation}
          />
          <TextInput
            label="Unit"
            placeholder="e.g. tickets, hours"
            value={form.unit}
            error={errors.unit}
            onChange={(e) => set('unit', e.currentTarget.value)}
          />
          <Textarea
            label="Description"
            autosize
            minRows={2}
            value={form.description}
            error={errors.description}
            onChange={(e) => set('description', e.currentTarget.value)}
          />
          <FormFooter onCancel={onClose} saving={save.isPending} submitLabel={metric ? 'Save metric' : 'Create metric'} />
        </Stack>
      </form>
    </Modal>
  );
}
