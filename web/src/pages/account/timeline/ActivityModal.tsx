import { Badge, Group, Modal, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ActivityStatuses, ActivityTypes, TaskStatuses } from '../../../../../src/domain/enums';
import { api } from '../../../api/client';
import { useMembers } from '../../../api/queries';
import type { Activity, ActivityCreate, ContactPageT } from '../../../api/types';
import { FormFooter } from '../../../components/FormFooter';
import { fieldErrors, notifySuccess } from '../../../lib/errors';
import { enumOptions } from '../../../lib/format';
import { type ActionItemRow, ActionItemsEditor } from './ActionItemsEditor';
import { defaultWhen, fromLocalInput, toLocalInput } from './activityFormat';
import { invalidateTimeline } from './invalidate';

const FIELDS = ['type', 'status', 'title', 'occurredAt', 'durationMinutes', 'summary', 'outcome', 'contactIds', 'userIds'] as const;
const ITEM_FIELDS = ['title', 'ownerId', 'dueOn', 'priority'] as const;

export type ActivityModalMode = { kind: 'log' } | { kind: 'plan' } | { kind: 'edit'; activity: Activity; markDone?: boolean };

interface Props {
  accountId: string;
  mode: ActivityModalMode;
  onClose(): void;
}

function initialForm(mode: ActivityModalMode) {
  if (mode.kind === 'edit') {
    const a = mode.activity;
    return {
      type: a.type as string,
      status: (mode.markDone ? 'done' : a.status) as string,
      title: a.title,
      when: toLocalInput(a.occurredAt),
      durationMinutes: (a.durationMinutes ?? '') as number | string,
      summary: a.summary ?? '',
      outcome: a.outcome ?? '',
      contactIds: a.contacts.map((c) => c.id),
      userIds: a.users.map((u) => u.id),
    };
  }
  const plan = mode.kind === 'plan';
  return {
    type: 'meeting',
    status: plan ? 'planned' : 'done',
    title: '',
    when: toLocalInput(defaultWhen(mode.kind)),
    durationMinutes: (plan ? 30 : '') as number | string,
    summary: '',
    outcome: '',
    contactIds: [] as string[],
    userIds: [] as string[],
  };
}

/** Logs an activity, plans a meeting, or edits one; new action items become tasks on the account. */
export function ActivityModal({ accountId, mode, onClose }: Props) {
  const queryClient = useQueryClient();
  const editing = mode.kind === 'edit' ? mode.activity : null;
  const [form, setForm] = useState(() => initialForm(mode));
  const [items, setItems] = useState<ActionItemRow[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const members = useMembers();
  const contacts = useQuery({
    queryKey: ['contacts', { accountId }],
    queryFn: () => api.get<ContactPageT>('/contacts', { accountId, limit: 500, sort: 'name' }),
  });
  const memberOptions = (members.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }));
  // Keep attendees who are no longer listed (a contact who left the list) selectable, by the name the activity has.
  const contactOptions = [
    ...(contacts.data?.items ?? []).map((c) => ({ value: c.id, label: c.title ? `${c.name} (${c.title})` : c.name })),
    ...(editing?.contacts ?? []).filter((c) => !contacts.data?.items.some((x) => x.id === c.id)).map((c) => ({ value: c.id, label: c.name })),
  ];

  const save = useMutation({
    mutationFn: (body: ActivityCreate) => (editing ? api.patch<Activity>(`/activities/${editing.id}`, body) : api.post<Activity>('/activities', body)),
    onSuccess: (saved) => {
      invalidateTimeline(queryClient);
      notifySuccess(editing ? `Saved “${saved.title}”` : saved.status === 'planned' ? `Planned “${saved.title}”` : `Logged “${saved.title}”`);
      onClose();
    },
    onError: (err) => {
      const itemFields = items.flatMap((_, i) => ITEM_FIELDS.map((f) => `actionItems.${i}.${f}`));
      setErrors(fieldErrors(err, [...itemFields, 'actionItems', ...FIELDS, 'accountId']));
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const occurredAt = fromLocalInput(form.when);
    if (!occurredAt) {
      setErrors({ occurredAt: 'Pick a date and time' });
      return;
    }
    setErrors({});
    save.mutate({
      accountId,
      type: form.type as ActivityCreate['type'],
      status: form.status as ActivityCreate['status'],
      title: form.title,
      occurredAt,
      durationMinutes: form.durationMinutes === '' ? null : Number(form.durationMinutes),
      summary: form.summary,
      outcome: form.outcome,
      contactIds: form.contactIds,
      userIds: form.userIds,
      actionItems: items.map((r) => ({
        title: r.title,
        ownerId: r.ownerId,
        dueOn: r.dueOn || null,
        priority: r.priority as ActivityCreate['actionItems'][number]['priority'],
      })),
    });
  }

  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) => setForm((f) => ({ ...f, [key]: value }));
  const title = editing ? `Edit “${editing.title}”` : mode.kind === 'plan' ? 'Plan a meeting' : 'Log an activity';

  return (
    <Modal opened onClose={onClose} title={title} size="xl">
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label="Type"
              data={enumOptions(ActivityTypes)}
              value={form.type}
              onChange={(v) => set('type', v ?? 'meeting')}
              allowDeselect={false}
              error={errors.type}
              data-autofocus
            />
            <Select
              label="Status"
              data={enumOptions(ActivityStatuses)}
              value={form.status}
              onChange={(v) => set('status', v ?? 'done')}
              allowDeselect={false}
              error={errors.status}
            />
            <TextInput
              label="When"
              type="datetime-local"
              required
              value={form.when}
              error={errors.occurredAt}
              onChange={(e) => set('when', e.currentTarget.value)}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label="Title"
              required
              maxLength={200}
              value={form.title}
              error={errors.title}
              onChange={(e) => set('title', e.currentTarget.value)}
              style={{ gridColumn: 'span 2' }}
            />
            <NumberInput
              label="Duration"
              suffix=" min"
              min={1}
              max={10080}
              allowDecimal={false}
              allowNegative={false}
              value={form.durationMinutes}
              error={errors.durationMinutes}
              onChange={(v) => set('durationMinutes', v)}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <MultiSelect
              label="Customer attendees"
              placeholder={contactOptions.length ? 'Pick contacts' : 'No contacts on this account yet'}
              data={contactOptions}
              value={form.contactIds}
              onChange={(v) => set('contactIds', v)}
              error={errors.contactIds}
              searchable
              clearable
            />
            <MultiSelect
              label="Our attendees"
              placeholder="Pick colleagues"
              data={memberOptions}
              value={form.userIds}
              onChange={(v) => set('userIds', v)}
              error={errors.userIds}
              searchable
              clearable
            />
          </SimpleGrid>
          <Textarea
            label="Summary"
            autosize
            minRows={3}
            maxRows={12}
            value={form.summary}
            error={errors.summary}
            onChange={(e) => set('summary', e.currentTarget.value)}
          />
          <Textarea
            label="Outcome"
            autosize
            minRows={2}
            maxRows={6}
            value={form.outcome}
            error={errors.outcome}
            onChange={(e) => set('outcome', e.currentTarget.value)}
          />
          {editing && editing.tasks.length > 0 && (
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                Action items so far (edit them under Tasks)
              </Text>
              {editing.tasks.map((t) => (
                <Group key={t.id} gap="xs">
                  <Badge size="sm" variant="light" tt="none">
                    {TaskStatuses.labels[t.status]}
                  </Badge>
                  <Text size="sm">{t.title}</Text>
                </Group>
              ))}
            </Stack>
          )}
          <ActionItemsEditor rows={items} members={memberOptions} errors={errors} onChange={setItems} />
          <FormFooter
            onCancel={onClose}
            saving={save.isPending}
            submitLabel={editing ? 'Save activity' : mode.kind === 'plan' ? 'Plan meeting' : 'Log activity'}
          />
        </Stack>
      </form>
    </Modal>
  );
}
