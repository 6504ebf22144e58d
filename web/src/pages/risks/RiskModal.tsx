import { Button, Group, Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { RiskCategories, RiskRecordStatuses, Severities } from '../../../../src/domain/enums';
import { api } from '../../api/client';
import { useMembers } from '../../api/queries';
import type { Risk, RiskTypeList } from '../../api/types';
import { fieldErrors, notifySuccess } from '../../lib/errors';
import { enumOptions } from '../../lib/format';

const FIELDS = [
  'riskTypeId',
  'title',
  'description',
  'severity',
  'status',
  'ownerId',
  'mitigationPlan',
  'firstSignalOn',
  'identifiedOn',
  'resolvedOn',
] as const;

/** The active catalog, grouped by category for a Select. */
export function useRiskTypes(activeOnly = false) {
  return useQuery({
    queryKey: ['risk-types', { activeOnly }],
    queryFn: () => api.get<RiskTypeList>('/risk-types', activeOnly ? { active: 'true' } : undefined),
    staleTime: 60_000,
  });
}

/** Invalidates what a risk write changes: the register, its measures, and the account's risk statuses. */
export function invalidateRisks(queryClient: ReturnType<typeof useQueryClient>) {
  queryClient.invalidateQueries({ queryKey: ['risks'] });
  queryClient.invalidateQueries({ queryKey: ['accounts'] });
  queryClient.invalidateQueries({ queryKey: ['risk-types'] });
}

interface Props {
  accountId: string;
  /** The risk to edit; null to log a new one. */
  risk: Risk | null;
  onClose(): void;
}

/** Logs a risk on an account (from a catalog type, whose label prefills the title) or edits one. */
export function RiskModal({ accountId, risk, onClose }: Props) {
  const queryClient = useQueryClient();
  const types = useRiskTypes(true);
  const members = useMembers();
  const [form, setForm] = useState({
    riskTypeId: risk?.riskTypeId ?? null,
    title: risk?.title ?? '',
    description: risk?.description ?? '',
    severity: risk?.severity ?? 'medium',
    status: risk?.status ?? 'open',
    ownerId: risk?.ownerId ?? null,
    mitigationPlan: risk?.mitigationPlan ?? '',
    firstSignalOn: risk?.firstSignalOn ?? '',
    identifiedOn: risk?.identifiedOn ?? '',
    resolvedOn: risk?.resolvedOn ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => (risk ? api.patch<Risk>(`/risks/${risk.id}`, body) : api.post<Risk>('/risks', { ...body, accountId })),
    onSuccess: (saved) => {
      invalidateRisks(queryClient);
      notifySuccess(risk ? `Saved “${saved.title}”` : `Logged “${saved.title}”`);
      onClose();
    },
    onError: (err) => setErrors(fieldErrors(err, FIELDS)),
  });

  const closed = !['open', 'mitigating'].includes(form.status);
  function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    save.mutate({
      riskTypeId: form.riskTypeId,
      title: form.title,
      description: form.description,
      severity: form.severity,
      status: form.status,
      ownerId: form.ownerId,
      mitigationPlan: form.mitigationPlan,
      // Empty dates mean "use the default" (first signal from red flags, today for identification and resolution).
      firstSignalOn: form.firstSignalOn || null,
      ...(form.identifiedOn ? { identifiedOn: form.identifiedOn } : {}),
      ...(closed && form.resolvedOn ? { resolvedOn: form.resolvedOn } : {}),
    });
  }

  const set = (key: keyof typeof form, value: string | null) => setForm((f) => ({ ...f, [key]: value }));
  const typeItems = types.data?.items ?? [];
  // A retired type stays selectable on the risk that already has it.
  const typeOptions = RiskCategories.values
    .map((category) => ({
      group: RiskCategories.labels[category],
      items: typeItems.filter((t) => t.category === category).map((t) => ({ value: t.id, label: t.label })),
    }))
    .filter((g) => g.items.length > 0);
  if (risk?.riskTypeId && !typeItems.some((t) => t.id === risk.riskTypeId)) {
    typeOptions.push({ group: 'Inactive', items: [{ value: risk.riskTypeId, label: risk.riskTypeLabel ?? 'Inactive type' }] });
  }
  const date = (key: 'firstSignalOn' | 'identifiedOn' | 'resolvedOn', label: string, description: string) => (
    <TextInput type="date" label={label} description={description} value={form[key]} error={errors[key]} onChange={(e) => set(key, e.currentTarget.value)} />
  );

  return (
    <Modal opened onClose={onClose} title={risk ? `Edit risk: ${risk.title}` : 'Log a risk'} size="lg">
      <form onSubmit={submit} noValidate aria-label={risk ? 'Edit risk' : 'Log a risk'}>
        <Stack>
          <Select
            label="Risk type"
            description="From the workspace's risk catalog"
            placeholder="Pick a type"
            searchable
            clearable
            data={typeOptions}
            value={form.riskTypeId}
            error={errors.riskTypeId}
            onChange={(id) => {
              const type = typeItems.find((t) => t.id === id);
              // The type's label prefills an empty title, or one that was the previous type's label.
              const previous = typeItems.find((t) => t.id === form.riskTypeId);
              setForm((f) => ({ ...f, riskTypeId: id, title: type && (!f.title || f.title === previous?.label) ? type.label : f.title }));
            }}
          />
          <TextInput label="Title" required value={form.title} error={errors.title} onChange={(e) => set('title', e.currentTarget.value)} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label="Severity"
              data={enumOptions(Severities)}
              value={form.severity}
              allowDeselect={false}
              onChange={(v) => set('severity', v)}
              error={errors.severity}
            />
            <Select
              label="Status"
              data={enumOptions(RiskRecordStatuses)}
              value={form.status}
              allowDeselect={false}
              onChange={(v) => set('status', v)}
              error={errors.status}
            />
            <Select
              label="Owner"
              placeholder="Nobody"
              clearable
              searchable
              data={(members.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
              value={form.ownerId}
              onChange={(v) => set('ownerId', v)}
              error={errors.ownerId}
            />
          </SimpleGrid>
          <Textarea
            label="Description"
            autosize
            minRows={2}
            value={form.description}
            error={errors.description}
            onChange={(e) => set('description', e.currentTarget.value)}
          />
          <Textarea
            label="Mitigation plan"
            autosize
            minRows={2}
            value={form.mitigationPlan}
            error={errors.mitigationPlan}
            onChange={(e) => set('mitigationPlan', e.currentTarget.value)}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {date('identifiedOn', 'Identified on', 'Today when empty')}
            {date('firstSignalOn', 'First warning signal', 'Earliest red flag in the 90 days before, when empty')}
            {closed && date('resolvedOn', 'Resolved on', 'Today when empty')}
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {risk ? 'Save' : 'Log risk'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
