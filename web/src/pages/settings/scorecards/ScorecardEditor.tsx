import { Alert, Button, Group, Modal, NumberInput, Stack, Switch, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { api } from '../../../api/client';
import type { Scorecard, ScorecardInput } from '../../../api/types';
import { FormFooter } from '../../../components/FormFooter';
import { healthKeys } from '../../../components/health/queries';
import { fieldErrors, notifySuccess } from '../../../lib/errors';
import { useKpiList } from '../../accounts/kpiColumns';
import {
  blankMeasure,
  fromDraft,
  type GroupDraft,
  knownFields,
  liveShares,
  localErrors,
  type MeasureDraft,
  newKey,
  remapGroupErrors,
  type ScorecardDraft,
  toDraft,
} from './draft';
import { GroupsEditor } from './GroupsEditor';
import { MeasureRow } from './MeasureRow';
import { PreviewPanel } from './PreviewPanel';
import { SegmentFields } from './SegmentFields';

/** Create or edit a scorecard (read-only for those who may not change it). API errors show on the field they name. */
export function ScorecardEditor({ scorecard, canEdit, onClose }: { scorecard: Scorecard | null; canEdit: boolean; onClose(): void }) {
  const queryClient = useQueryClient();
  const kpis = useKpiList();
  const [draft, setDraft] = useState<ScorecardDraft>(() => toDraft(scorecard));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const shares = useMemo(() => liveShares(draft), [draft]);
  const groupShares = useMemo(() => {
    const out = new Map<string, number>();
    for (const m of draft.measures) if (m.group) out.set(m.group, (out.get(m.group) ?? 0) + (shares.get(m.key) ?? 0));
    return out;
  }, [draft, shares]);
  const disabled = !canEdit;
  const set = (patch: Partial<ScorecardDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setMeasure = (key: string, patch: Partial<MeasureDraft>) =>
    setDraft((d) => ({ ...d, measures: d.measures.map((m) => (m.key === key ? { ...m, ...patch } : m)) }));

  function moveMeasure(index: number, by: -1 | 1) {
    setDraft((d) => {
      const measures = [...d.measures];
      const [moved] = measures.splice(index, 1);
      if (moved) measures.splice(index + by, 0, moved);
      return { ...d, measures };
    });
  }

  /** A renamed group keeps its measures; a removed one leaves them ungrouped. */
  function setGroups(groups: GroupDraft[], renamed?: { from: string; to: string }) {
    setDraft((d) => ({
      ...d,
      groups,
      measures: renamed ? d.measures.map((m) => (m.group === renamed.from ? { ...m, group: renamed.to } : m)) : d.measures,
    }));
  }

  const save = useMutation({
    mutationFn: (body: ScorecardInput) => (scorecard ? api.patch<Scorecard>(`/scorecards/${scorecard.id}`, body) : api.post<Scorecard>('/scorecards', body)),
    onSuccess: (saved) => {
      queryClient.invalidateQueries({ queryKey: healthKeys.scorecards });
      queryClient.invalidateQueries({ queryKey: ['accounts'] });
      notifySuccess(`Saved scorecard ${saved.name}`);
      onClose();
    },
    onError: (err) => setErrors(remapGroupErrors(draft, fieldErrors(err, knownFields(draft)))),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const local = localErrors(draft);
    setErrors(local);
    if (Object.keys(local).length) return;
    save.mutate(fromDraft(draft));
  }

  const title = scorecard ? (canEdit ? `Edit scorecard ${scorecard.name}` : `Scorecard ${scorecard.name}`) : 'New scorecard';
  const groupNames = draft.groups.map((g) => g.name.trim()).filter(Boolean);

  return (
    <Modal opened onClose={onClose} title={title} fullScreen>
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack gap="lg" maw={1200} mx="auto">
          {disabled && (
            <Alert color="blue" title="Read-only">
              Managers and admins can change scorecards.
            </Alert>
          )}
          <Stack gap="sm">
            <TextInput
              label="Name"
              required
              value={draft.name}
              onChange={(e) => set({ name: e.currentTarget.value })}
              error={errors.name}
              readOnly={disabled}
              data-autofocus
            />
            <Textarea
              label="Description"
              autosize
              minRows={2}
              value={draft.description}
              onChange={(e) => set({ description: e.currentTarget.value })}
              error={errors.description}
              readOnly={disabled}
            />
            <Switch
              label="Overall health"
              description="This score is the account's overall health (the list's Health column). Otherwise it is an extra score, e.g. adoption."
              checked={draft.isOverall}
              onChange={(e) => set({ isOverall: e.currentTarget.checked })}
              disabled={disabled}
              error={errors.isOverall}
            />
          </Stack>
          <SegmentFields segment={draft.segment} onChange={(segment) => set({ segment })} disabled={disabled} error={errors.segment} />
          <Stack gap="xs" component="section" aria-labelledby="rag-title">
            <Title order={3} size="h5" id="rag-title">
              RAG bands
            </Title>
            <Group align="flex-start" gap="sm">
              <NumberInput
                label="Red up to"
                min={0}
                max={99}
                value={draft.redMax}
                onChange={(v) => set({ redMax: v })}
                error={errors['rag.redMax']}
                readOnly={disabled}
                w={160}
              />
              <NumberInput
                label="Amber up to"
                min={1}
                max={99}
                value={draft.amberMax}
                onChange={(v) => set({ amberMax: v })}
                error={errors['rag.amberMax'] ?? errors.rag}
                readOnly={disabled}
                w={160}
              />
            </Group>
            <Text size="xs" c="dimmed">
              Red 0–{draft.redMax}, amber {Number(draft.redMax) + 1}–{draft.amberMax}, green {Number(draft.amberMax) + 1}–100 (on the rounded score).
            </Text>
          </Stack>
          <GroupsEditor groups={draft.groups} shares={groupShares} onChange={setGroups} disabled={disabled} errors={errors} newKey={newKey} />
          <Stack gap="sm" component="section" aria-labelledby="measures-title">
            <Group justify="space-between">
              <Title order={3} size="h5" id="measures-title">
                Measures
              </Title>
              <Text size="xs" c="dimmed">
                Weights are any non-negative numbers; each measure's share of the score updates as you type.
              </Text>
            </Group>
            {errors.measures && (
              <Text size="sm" c="red" role="alert">
                {errors.measures}
              </Text>
            )}
            {draft.measures.map((m, i) => (
              <MeasureRow
                key={m.key}
                measure={m}
                index={i}
                count={draft.measures.length}
                groups={groupNames}
                kpis={kpis.data?.items ?? []}
                share={shares.get(m.key) ?? 0}
                disabled={disabled}
                errors={errors}
                onChange={(patch) => setMeasure(m.key, patch)}
                onMove={(by) => moveMeasure(i, by)}
                onRemove={() => set({ measures: draft.measures.filter((x) => x.key !== m.key) })}
              />
            ))}
            {!disabled && draft.measures.length < 30 && (
              <Button variant="light" w="fit-content" onClick={() => set({ measures: [...draft.measures, blankMeasure()] })}>
                Add measure
              </Button>
            )}
          </Stack>
          {!disabled && <PreviewPanel scorecardId={scorecard?.id ?? null} draft={draft} onFieldErrors={setErrors} />}
          {disabled ? (
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Close
              </Button>
            </Group>
          ) : (
            <FormFooter onCancel={onClose} saving={save.isPending} submitLabel={scorecard ? 'Save scorecard' : 'Create scorecard'} />
          )}
        </Stack>
      </form>
    </Modal>
  );
}
