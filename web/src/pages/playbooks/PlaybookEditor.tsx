import { Button, Group, Select, SimpleGrid, Stack, Tabs, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type LifecyclePhase, LifecyclePhases, type PlaybookKind, PlaybookKinds } from '../../../../src/domain/enums';
import { api } from '../../api/client';
import type { PlaybookDetail } from '../../api/types';
import { ConfirmButton } from '../../components/ConfirmButton';
import { Markdown } from '../../components/Markdown';
import { fieldErrors, notifyError, notifySuccess } from '../../lib/errors';
import { enumOptions } from '../../lib/format';
import { type DraftItem, ItemsEditor } from './ItemsEditor';

interface Props {
  playbook: PlaybookDetail;
  canEdit: boolean;
  onDeleted(): void;
}

function draftOf(p: PlaybookDetail) {
  return {
    name: p.name,
    kind: p.kind as PlaybookKind,
    phase: p.phase as LifecyclePhase | null,
    description: p.description ?? '',
    items: p.items.map((i): DraftItem => ({ key: i.id, id: i.id, title: i.title, details: i.details ?? '', dueOffsetDays: i.dueOffsetDays })),
  };
}

/** A playbook's fields and items, edited in place and saved as a whole (item ids kept, so past runs stay linked). */
export function PlaybookEditor({ playbook, canEdit, onDeleted }: Props) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(() => draftOf(playbook));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof typeof draft>(key: K, value: (typeof draft)[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const save = useMutation({
    mutationFn: () =>
      api.patch<PlaybookDetail>(`/playbooks/${playbook.id}`, {
        name: draft.name,
        kind: draft.kind,
        phase: draft.phase,
        description: draft.description,
        items: draft.items.map(({ id, title, details, dueOffsetDays }) => ({ ...(id ? { id } : {}), title, details, dueOffsetDays })),
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['playbooks', 'detail', saved.id], saved);
      queryClient.invalidateQueries({ queryKey: ['playbooks'] });
      setDraft(draftOf(saved));
      setErrors({});
      notifySuccess('Playbook saved');
    },
    onError: (err) => setErrors(itemErrors(err, fieldErrors(err, ['name', 'kind', 'phase', 'description', 'items']))),
  });
  const remove = useMutation({
    mutationFn: () => api.delete(`/playbooks/${playbook.id}`),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['playbooks'] });
      queryClient.invalidateQueries({ queryKey: ['playbook-runs'] });
      notifySuccess('Playbook deleted');
      onDeleted();
    },
    onError: (err) => notifyError(err, 'Could not delete the playbook'),
  });

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <fieldset disabled={!canEdit} style={{ border: 0, padding: 0, margin: 0 }}>
        <Stack>
          <TextInput label="Name" required value={draft.name} error={errors.name} onChange={(e) => set('name', e.currentTarget.value)} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label="Kind"
              data={enumOptions(PlaybookKinds)}
              value={draft.kind}
              allowDeselect={false}
              onChange={(v) => v && set('kind', v as PlaybookKind)}
            />
            <Select
              label="Lifecycle phase"
              clearable
              placeholder="Any phase"
              data={enumOptions(LifecyclePhases)}
              value={draft.phase}
              onChange={(v) => set('phase', v as LifecyclePhase | null)}
            />
          </SimpleGrid>
          <Tabs defaultValue={canEdit ? 'write' : 'preview'} keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="write">Description (markdown)</Tabs.Tab>
              <Tabs.Tab value="preview">Preview</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="write" pt="xs">
              <Textarea
                aria-label="Description"
                autosize
                minRows={3}
                maxRows={16}
                value={draft.description}
                error={errors.description}
                onChange={(e) => set('description', e.currentTarget.value)}
              />
            </Tabs.Panel>
            <Tabs.Panel value="preview" pt="xs">
              <Markdown source={draft.description} />
            </Tabs.Panel>
          </Tabs>
          <ItemsEditor items={draft.items} errors={errors} onChange={(items) => set('items', items)} />
          {canEdit && (
            <Group justify="space-between">
              <ConfirmButton
                title="Delete this playbook?"
                message="Its runs on accounts and the tasks they created are deleted with it. To stop it on one account, cancel that run instead."
                confirmLabel="Delete playbook"
                onConfirm={() => remove.mutateAsync()}
              >
                Delete
              </ConfirmButton>
              <Group>
                <Button variant="default" onClick={() => setDraft(draftOf(playbook))}>
                  Discard changes
                </Button>
                <Button type="submit" loading={save.isPending}>
                  Save
                </Button>
              </Group>
            </Group>
          )}
        </Stack>
      </fieldset>
    </form>
  );
}

/** fieldErrors groups issues under "items"; the rows want them per item field too. */
function itemErrors(err: unknown, grouped: Record<string, string>): Record<string, string> {
  const issues = (err as { issues?: Array<{ field: string; message: string }> }).issues ?? [];
  const out = { ...grouped };
  for (const issue of issues) if (/^items\.\d+\./.test(issue.field)) out[issue.field] = issue.message;
  return out;
}
