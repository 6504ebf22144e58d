import { Alert, Autocomplete, Button, Group, Modal, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import type { Kpi, KpiTemplate, KpiTemplateListT } from '../../api/types';
import { ErrorState, PageSkeleton } from '../../components/States';
import { fieldErrors, notifySuccess } from '../../lib/errors';
import { useCatalog } from './KpiEditor';
import { directionText, formulaEvent, formulaText, thresholdsText } from './kpiText';

/** Prebuilt KPIs: pick one, optionally rename it and point it at your own event. */
export function KpiTemplateModal({ onClose }: { onClose(): void }) {
  const queryClient = useQueryClient();
  const templates = useQuery({ queryKey: ['kpi-templates'], queryFn: () => api.get<KpiTemplateListT>('/kpi-templates'), staleTime: Number.POSITIVE_INFINITY });
  const catalog = useCatalog();
  const [chosen, setChosen] = useState<KpiTemplate | null>(null);
  const [name, setName] = useState('');
  const [event, setEvent] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const templateEvent = chosen ? formulaEvent(chosen.formula) : null;

  const create = useMutation({
    mutationFn: () =>
      api.post<Kpi>('/kpis/from-template', {
        templateKey: chosen?.key,
        name: name.trim() || undefined,
        event: templateEvent && event.trim() && event.trim() !== templateEvent ? event.trim() : undefined,
      }),
    onSuccess: (kpi) => {
      queryClient.invalidateQueries({ queryKey: ['kpis'] });
      notifySuccess(`Added KPI ${kpi.name}`);
      onClose();
    },
    onError: (err) => setErrors(fieldErrors(err, ['templateKey', 'name', 'event', 'formula'])),
  });

  function choose(key: string) {
    const t = templates.data?.items.find((x) => x.key === key) ?? null;
    setChosen(t);
    setName(t?.name ?? '');
    setEvent(t ? (formulaEvent(t.formula) ?? '') : '');
    setErrors({});
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    if (!chosen) return setErrors({ templateKey: 'Choose a template' });
    create.mutate();
  }

  return (
    <Modal opened onClose={onClose} title="Add KPI from template" size="xl">
      {templates.isPending ? (
        <PageSkeleton label="Loading templates" />
      ) : templates.isError ? (
        <ErrorState error={templates.error} title="Could not load templates" onRetry={() => templates.refetch()} />
      ) : (
        <form onSubmit={submit} noValidate aria-label="Add KPI from template">
          <Stack>
            <Radio.Group label="Template" value={chosen?.key ?? null} onChange={choose} error={errors.templateKey} required>
              <Stack gap="xs" mt="xs">
                {templates.data.items.map((t) => (
                  <Radio
                    key={t.key}
                    value={t.key}
                    label={t.name}
                    description={`${formulaText(t.formula)} · ${t.windowDays} days · ${directionText[t.direction]}`}
                  />
                ))}
              </Stack>
            </Radio.Group>
            {chosen && (
              <Alert color="teal" variant="light" title={chosen.name}>
                <Text size="sm">{chosen.description}</Text>
                <Text size="xs" c="dimmed" mt={4}>
                  Thresholds: {thresholdsText(chosen)}. You can change everything afterwards.
                </Text>
              </Alert>
            )}
            <TextInput label="KPI name" value={name} error={errors.name} onChange={(e) => setName(e.currentTarget.value)} disabled={!chosen} />
            {templateEvent && (
              <Autocomplete
                label="Event"
                description={`The template counts “${templateEvent}”; use the event your product sends instead.`}
                data={(catalog.data?.events ?? []).map((e) => e.event)}
                value={event}
                onChange={setEvent}
                error={errors.event ?? errors.formula}
              />
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending} disabled={!chosen}>
                Add KPI
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
