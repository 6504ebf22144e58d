import { Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Priorities, type Priority, type TaskStatus, TaskStatuses } from '../../../../src/domain/enums';
import { api } from '../../api/client';
import { useMembers } from '../../api/queries';
import type { Task, TaskCreate, TaskPatch } from '../../api/types';
import { fieldErrors, notifySuccess } from '../../lib/errors';
import { enumOptions } from '../../lib/format';
import { FormFooter } from '../FormFooter';
import { AccountPicker } from './AccountPicker';
import { invalidateWork } from './actions';

const FIELDS = ['accountId', 'title', 'description', 'ownerId', 'dueOn', 'priority', 'status'] as const;

interface Props {
  /** The task to edit; null to create one. */
  task: Task | null;
  /** Fixes the account of a new task (the account's own tab); otherwise the form asks for one. */
  accountId?: string;
  /** The owner a new task starts with (My work: the reader). */
  defaultOwnerId?: string | null;
  onClose(): void;
}

/** Creates or edits one task. */
export function TaskModal({ task, accountId, defaultOwnerId = null, onClose }: Props) {
  const queryClient = useQueryClient();
  const members = useMembers();
  const [form, setForm] = useState({
    accountId: task?.accountId ?? accountId ?? null,
    title: task?.title ?? '',
    description: task?.description ?? '',
    ownerId: task ? task.ownerId : defaultOwnerId,
    dueOn: task?.dueOn ?? '',
    priority: (task?.priority ?? 'normal') as Priority,
    status: (task?.status ?? 'open') as TaskStatus,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors(({ [key]: _fixed, ...rest }) => rest);
  };

  const save = useMutation({
    mutationFn: () => {
      const common = { title: form.title, description: form.description, ownerId: form.ownerId, dueOn: form.dueOn || null, priority: form.priority };
      if (task) return api.patch<Task>(`/tasks/${task.id}`, { ...common, status: form.status } satisfies TaskPatch);
      return api.post<Task>('/tasks', { ...common, accountId: form.accountId ?? '' } satisfies TaskCreate);
    },
    onSuccess: (saved) => {
      invalidateWork(queryClient);
      notifySuccess(task ? `Saved “${saved.title}”` : `Added “${saved.title}”`);
      onClose();
    },
    onError: (err) => setErrors(fieldErrors(err, FIELDS)),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    // Said here in words: the API would answer that an empty id "must be an id".
    const missing: Record<string, string> = {};
    if (!form.accountId) missing.accountId = 'Pick the account this task is for';
    if (!form.title.trim()) missing.title = 'Say what needs doing';
    if (Object.keys(missing).length) {
      setErrors(missing);
      return;
    }
    setErrors({});
    save.mutate();
  }

  return (
    <Modal opened onClose={onClose} title={task ? 'Edit task' : 'New task'} size="lg">
      <form onSubmit={submit} noValidate aria-label={task ? 'Edit task' : 'New task'}>
        <Stack>
          {!task && !accountId && (
            <AccountPicker label="Account" required value={form.accountId} error={errors.accountId} onChange={(id) => set('accountId', id)} />
          )}
          <TextInput label="Task" required data-autofocus value={form.title} error={errors.title} onChange={(e) => set('title', e.currentTarget.value)} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label="Owner"
              placeholder="Unassigned"
              clearable
              searchable
              data={(members.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
              value={form.ownerId}
              error={errors.ownerId}
              onChange={(v) => set('ownerId', v)}
            />
            <TextInput label="Due date" type="date" value={form.dueOn} error={errors.dueOn} onChange={(e) => set('dueOn', e.currentTarget.value)} />
            <Select
              label="Priority"
              data={enumOptions(Priorities)}
              value={form.priority}
              allowDeselect={false}
              error={errors.priority}
              onChange={(v) => set('priority', (v ?? 'normal') as Priority)}
            />
            {task && (
              <Select
                label="Status"
                data={enumOptions(TaskStatuses)}
                value={form.status}
                allowDeselect={false}
                error={errors.status}
                onChange={(v) => set('status', (v ?? 'open') as TaskStatus)}
              />
            )}
          </SimpleGrid>
          <Textarea
            label="Notes"
            autosize
            minRows={2}
            maxRows={8}
            value={form.description}
            error={errors.description}
            onChange={(e) => set('description', e.currentTarget.value)}
          />
          <FormFooter onCancel={onClose} saving={save.isPending} submitLabel={task ? 'Save task' : 'Add task'} />
        </Stack>
      </form>
    </Modal>
  );
}
