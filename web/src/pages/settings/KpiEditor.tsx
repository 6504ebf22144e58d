import { Modal, MultiSelect, NumberInput, SegmentedControl, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { api } from '../../api/client';
import { useMembers } from '../../api/queries';
import type { Kpi, KpiCreate, UsageCatalogT } from '../../api/types';
import { FormFooter } from '../../components/FormFooter';
import { fieldErrors, notifySuccess } from '../../lib/errors';
import { FORMULA_FIELDS, FormulaBuilder, type FormulaDraft, fromDraft, toDraft } from './FormulaBuilder';
import { useMetrics } from './MetricsPanel';

const FIELDS = ['name', 'description', ...FORMULA_FIELDS, 'windowDays', 'unit', 'warningThreshold', 'criticalThreshold', 'watchers'] as const;

export function useCatalog() {
  return useQuery({ queryKey: ['usage', 'catalog'], queryFn: () => api.get<UsageCatalogT>('/usage/catalog'), staleTime: 60_000 });
}

type Num = number | string;
const toNumber = (v: Num): number | null => (v === '' || v === null ? null : Number(v));

/** Performance KPIs worsen as they fall, risk KPIs as they rise: critical must lie beyond warning. */
function thresholdProblem(direction: Kpi['direction'], warning: number | null, critical: number | null): string | null {
  if (warning === null || critical === null) return null;
  if (direction === 'performance' && critical > warning) return 'For a performance KPI (higher is better), critical must be at or below warning';
  if (direction === 'risk' && critical < warning) return 'For a risk KPI (lower is better), critical must be at or above warning';
  return null;
}

/** Create or edit a KPI. Server errors show on the field they name. */
export function KpiEditor({ kpi, onClose }: { kpi: Kpi | null; onClose(): void }) {
  const queryClient = useQueryClient();
  const catalog = useCatalog();
  const metrics = useMetrics();
  const members = useMembers();
  const [form, setForm] = useState({
    name: kpi?.name ?? '',
    description: kpi?.description ?? '',
    unit: kpi?.unit ?? '',
    windowDays: String(kpi?.windowDays ?? 30),
    timing: kpi?.timing ?? 'leading',
    direction: kpi?.direction ?? 'performance',
    objectivity: kpi?.objectivity ?? 'objective',
    nature: kpi?.nature ?? 'quantitative',
  });
  const [formula, setFormula] = useState<FormulaDraft>(toDraft(kpi?.formula ?? null));
  const [warning, setWarning] = useState<Num>(kpi?.warningThreshold ?? '');
  const [critical, setCritical] = useState<Num>(kpi?.criticalThreshold ?? '');
  const [watchers, setWatchers] = useState<string[]>(kpi?.watchers ?? []);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (key: keyof typeof form, value: string) => setForm((f) => ({ ...f, [key]: value }));

  const save = useMutation({
    mutationFn: (body: KpiCreate) => (kpi ? api.patch<Kpi>(`/kpis/${kpi.id}`, body) : api.post<Kpi>('/kpis', body)),
    onSuccess: (saved) => {
      queryClient.invalidateQueries({ queryKey: ['kpis'] });
      queryClient.invalidateQueries({ queryKey: ['accounts'] });
      notifySuccess(`Saved KPI ${saved.name}`);
      onClose();
    },
    onError: (err) => setErrors(fieldErrors(err, FIELDS)),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const direction = form.direction as Kpi['direction'];
    const problem = thresholdProblem(direction, toNumber(warning), toNumber(critical));
    const local: Record<string, string> = {};
    if (!form.name.trim()) local.name = 'is required';
    if (problem) local.criticalThreshold = problem;
    setErrors(local);
    if (Object.keys(local).length) return;
    save.mutate({
      name: form.name,
      description: form.description,
      unit: form.unit,
      formula: fromDraft(formula),
      windowDays: Number(form.windowDays) as KpiCreate['windowDays'],
      timing: form.timing as KpiCreate['timing'],
      direction,
      objectivity: form.objectivity as KpiCreate['objectivity'],
      nature: form.nature as KpiCreate['nature'],
      warningThreshold: toNumber(warning),
      criticalThreshold: toNumber(critical),
      watchers,
    } as KpiCreate);
  }

  const choice = (key: keyof typeof form, label: string, data: Array<{ value: string; label: string }>, help?: ReactNode) => (
    <Stack gap={4}>
      <Text size="sm" fw={500} id={`kpi-${key}-label`}>
        {label}
      </Text>
      <SegmentedControl aria-labelledby={`kpi-${key}-label`} data={data} value={form[key]} onChange={(v) => set(key, v)} fullWidth />
      {help && (
        <Text size="xs" c="dimmed">
          {help}
        </Text>
      )}
    </Stack>
  );
  const op = form.direction === 'performance' ? 'at or below' : 'at or above';
  const title = kpi ? `Edit KPI ${kpi.name}` : 'New KPI';

  return (
    <Modal opened onClose={onClose} title={title} size="xl">
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack>
          <TextInput label="Name" required value={form.name} error={errors.name} onChange={(e) => set('name', e.currentTarget.value)} data-autofocus />
          <Textarea
            label="Description"
            autosize
            minRows={2}
            value={form.description}
            error={errors.description}
            onChange={(e) => set('description', e.currentTarget.value)}
          />
          <FormulaBuilder draft={formula} onChange={setFormula} catalog={catalog.data} metrics={metrics.data?.items} errors={errors} disabled={false} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {choice('windowDays', 'Window', [
              { value: '7', label: '7 days' },
              { value: '30', label: '30 days' },
              { value: '90', label: '90 days' },
            ])}
            {choice(
              'direction',
              'Direction',
              [
                { value: 'performance', label: 'Performance' },
                { value: 'risk', label: 'Risk' },
              ],
              form.direction === 'performance' ? 'Higher is better' : 'Lower is better',
            )}
            {choice(
              'timing',
              'Timing',
              [
                { value: 'leading', label: 'Leading' },
                { value: 'lagging', label: 'Lagging' },
              ],
              form.timing === 'leading' ? 'Moves before the outcome (usage, logins)' : 'Confirms an outcome afterwards (late invoices)',
            )}
            {choice('objectivity', 'Objectivity', [
              { value: 'objective', label: 'Objective' },
              { value: 'subjective', label: 'Subjective' },
            ])}
            {choice('nature', 'Nature', [
              { value: 'quantitative', label: 'Quantitative' },
              { value: 'qualitative', label: 'Qualitative' },
            ])}
            <TextInput
              label="Unit"
              placeholder="e.g. users, %, tickets"
              value={form.unit}
              error={errors.unit}
              onChange={(e) => set('unit', e.currentTarget.value)}
            />
            <NumberInput
              label="Warning threshold"
              description={`Warning when the value is ${op} this`}
              value={warning}
              onChange={setWarning}
              error={errors.warningThreshold}
            />
            <NumberInput
              label="Critical threshold"
              description={`Critical when the value is ${op} this`}
              value={critical}
              onChange={setCritical}
              error={errors.criticalThreshold}
            />
          </SimpleGrid>
          <MultiSelect
            label="Watchers"
            description="Workspace members told when an account crosses a threshold"
            data={(members.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
            value={watchers}
            onChange={setWatchers}
            searchable
            clearable
            error={errors.watchers}
          />
          <FormFooter onCancel={onClose} saving={save.isPending} submitLabel={kpi ? 'Save KPI' : 'Create KPI'} />
        </Stack>
      </form>
    </Modal>
  );
}
