import { Button, Group, Menu, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import type { AccountColumn, SavedView, SavedViewListT } from '../../api/types';
import { fieldErrors, notifyError, notifySuccess } from '../../lib/errors';
import { apiQuery } from './listState';

interface Props {
  params: URLSearchParams;
  columns: AccountColumn[];
  /** Replaces the whole URL state with a view's (or clears it with null). */
  onApply(view: SavedView | null): void;
}

type Dialog = { mode: 'create' | 'rename'; name: string; error?: string } | null;

/** The signed-in person's saved views of the accounts list: pick, save, update, rename, delete. */
export function SavedViews({ params, columns, onApply }: Props) {
  const queryClient = useQueryClient();
  const views = useQuery({ queryKey: ['views'], queryFn: () => api.get<SavedViewListT>('/views') });
  const [dialog, setDialog] = useState<Dialog>(null);
  const current = views.data?.items.find((v) => v.id === params.get('view')) ?? null;
  const state = () => ({ query: Object.fromEntries(apiQuery(params).entries()), columns });

  const save = useMutation({
    mutationFn: async (d: NonNullable<Dialog>) =>
      d.mode === 'create' || !current
        ? api.post<SavedView>('/views', { name: d.name, state: state() })
        : api.patch<SavedView>(`/views/${current.id}`, { name: d.name }),
    onSuccess: (view) => {
      queryClient.invalidateQueries({ queryKey: ['views'] });
      setDialog(null);
      notifySuccess(`Saved view "${view.name}"`);
      onApply(view);
    },
    onError: (err) => setDialog((d) => d && { ...d, error: fieldErrors(err, ['name']).name }),
  });

  const update = useMutation({
    mutationFn: (view: SavedView) => api.patch<SavedView>(`/views/${view.id}`, { state: state() }),
    onSuccess: (view) => {
      queryClient.invalidateQueries({ queryKey: ['views'] });
      notifySuccess(`Updated "${view.name}" with the current filters and columns`);
    },
    onError: (err) => notifyError(err, 'Could not update the view'),
  });

  const remove = useMutation({
    mutationFn: (view: SavedView) => api.delete(`/views/${view.id}`),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['views'] });
      onApply(null);
    },
    onError: (err) => notifyError(err, 'Could not delete the view'),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (dialog) save.mutate(dialog);
  }

  return (
    <Group gap="xs" wrap="nowrap">
      <Select
        aria-label="Saved view"
        placeholder={views.isError ? 'Saved views unavailable' : views.data?.items.length ? 'Saved views' : 'No saved views yet'}
        data={(views.data?.items ?? []).map((v) => ({ value: v.id, label: v.name }))}
        value={current?.id ?? null}
        onChange={(id) => onApply(views.data?.items.find((v) => v.id === id) ?? null)}
        disabled={!views.data?.items.length}
        clearable
        size="sm"
        w={200}
      />
      <Button variant="default" size="sm" onClick={() => setDialog({ mode: 'create', name: '' })}>
        Save view
      </Button>
      {current && (
        <Menu position="bottom-end">
          <Menu.Target>
            <Button variant="subtle" size="sm" aria-label={`Actions for view ${current.name}`}>
              View options
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => update.mutate(current)}>Save current filters to "{current.name}"</Menu.Item>
            <Menu.Item onClick={() => setDialog({ mode: 'rename', name: current.name })}>Rename</Menu.Item>
            <Menu.Item color="red" onClick={() => window.confirm(`Delete the view "${current.name}"?`) && remove.mutate(current)}>
              Delete
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      )}
      <Modal opened={dialog !== null} onClose={() => setDialog(null)} title={dialog?.mode === 'rename' ? 'Rename view' : 'Save the current view'}>
        <form onSubmit={submit}>
          <Stack>
            <TextInput
              label="View name"
              required
              data-autofocus
              value={dialog?.name ?? ''}
              error={dialog?.error}
              onChange={(e) => {
                const name = e.currentTarget.value;
                setDialog((d) => d && { ...d, name, error: undefined });
              }}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDialog(null)}>
                Cancel
              </Button>
              <Button type="submit" loading={save.isPending}>
                Save
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Group>
  );
}
