import { Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type RequestStatus, RequestStatuses } from '../../../../src/domain/enums';
import { api } from '../../api/client';
import { useMembers } from '../../api/queries';
import type { InternalRequest, RequestCreate, RequestPatch } from '../../api/types';
import { fieldErrors, notifySuccess } from '../../lib/errors';
import { enumOptions } from '../../lib/format';
import { FormFooter } from '../FormFooter';
import { AccountPicker } from './AccountPicker';
import { invalidateWork } from './actions';

const FIELDS = ['title', 'details', 'assigneeId', 'accountId', 'neededBy', 'status', 'response'] as const;

interface Props {
  /** The request to edit; null to ask a new one. */
  request: InternalRequest | null;
  /** Fixes the account of a new request (the account's own tab); otherwise it is optional. */
  accountId?: string;
  onClose(): void;
}

/** Asks a colleague for something, or edits / answers a request. */
export function RequestModal({ request, accountId, onClose }: Props) {
  const queryClient = useQueryClient();
  const members = useMembers();
  const [form, setForm] = useState({
    title: request?.title ?? '',
    details: request?.details ?? '',
    assigneeId: request?.assigneeId ?? null,
    accountId: request?.accountId ?? accountId ?? null,
    neededBy: request?.neededBy ?? '',
    status: (request?.status ?? 'open') as RequestStatus,
    response: request?.response ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors(({ [key]: _fixed, ...rest }) => rest);
  };

  const save = useMutation({
    mutationFn: () => {
      const common = { title: form.title, details: form.details, accountId: form.accountId, neededBy: form.neededBy || null };
      if (request) {
        const patch: RequestPatch = { ...common, status: form.status, response: form.response, ...(form.assigneeId ? { assigneeId: form.assigneeId } : {}) };
        return api.patch<InternalRequest>(`/requests/${request.id}`, patch);
      }
      return api.post<InternalRequest>('/requests', { ...common, assigneeId: form.assigneeId ?? '' } satisfies RequestCreate);
    },
    onSuccess: (saved) => {
      invalidateWork(queryClient);
      notifySuccess(request ? `Saved “${saved.title}”` : `Asked ${saved.assigneeName ?? 'your colleague'}: “${saved.title}”`);
      onClose();
    },
    onError: (err) => setErrors(fieldErrors(err, FIELDS)),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    // Said here in words: the API would answer that an empty id "must be an id".
    const missing: Record<string, string> = {};
    if (!form.assigneeId) missing.assigneeId = 'Pick the colleague to ask';
    if (!form.title.trim()) missing.title = 'Say what you need';
    if (Object.keys(missing).length) {
      setErrors(missing);
      return;
    }
    setErrors({});
    save.mutate();
  }

  return (
    <Modal opened onClose={onClose} title={request ? 'Edit request' : 'New request'} size="lg">
      <form onSubmit={submit} noValidate aria-label={request ? 'Edit request' : 'New request'}>
        <Stack>
          <TextInput
            label="What do you need?"
            required
            data-autofocus
            value={form.title}
            error={errors.title}
            onChange={(e) => set('title', e.currentTarget.value)}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label="Ask"
              placeholder="Pick a colleague"
              required
              searchable
              data={(members.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
              value={form.assigneeId}
              error={errors.assigneeId}
              onChange={(v) => set('assigneeId', v)}
            />
            <TextInput label="Needed by" type="date" value={form.neededBy} error={errors.neededBy} onChange={(e) => set('neededBy', e.currentTarget.value)} />
          </SimpleGrid>
          {!accountId && (
            <AccountPicker label="About account" placeholder="None" value={form.accountId} error={errors.accountId} onChange={(id) => set('accountId', id)} />
          )}
          <Textarea
            label="Details"
            autosize
            minRows={2}
            maxRows={8}
            value={form.details}
            error={errors.details}
            onChange={(e) => set('details', e.currentTarget.value)}
          />
          {request && (
            <>
              <Select
                label="Status"
                data={enumOptions(RequestStatuses)}
                value={form.status}
                allowDeselect={false}
                error={errors.status}
                onChange={(v) => set('status', (v ?? 'open') as RequestStatus)}
              />
              <Textarea
                label="Answer"
                autosize
                minRows={2}
                maxRows={8}
                value={form.response}
                error={errors.response}
                onChange={(e) => set('response', e.currentTarget.value)}
              />
            </>
          )}
          <FormFooter onCancel={onClose} saving={save.isPending} submitLabel={request ? 'Save request' : 'Send request'} />
        </Stack>
      </form>
    </Modal>
  );
}
