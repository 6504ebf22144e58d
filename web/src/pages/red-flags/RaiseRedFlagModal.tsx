import { Button, Group, Modal, Select, Stack, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { RedFlagKinds } from '../../../../src/domain/enums';
import { api } from '../../api/client';
import type { ContactPageT, RedFlag } from '../../api/types';
import { AccountPicker } from '../../components/tasks/AccountPicker';
import { fieldErrors, notifySuccess } from '../../lib/errors';
import { enumOptions } from '../../lib/format';
import { invalidateRedFlags } from './actions';

const FIELDS = ['accountId', 'kind', 'note', 'contactId'] as const;

/** Anyone signed in raises a red flag: on a given account, or on one picked by searching. */
export function RaiseRedFlagModal({ accountId, onClose }: { accountId?: string; onClose(): void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState<{ accountId: string | null; kind: string | null; note: string; contactId: string | null }>({
    accountId: accountId ?? null,
    kind: null,
    note: '',
    contactId: null,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const contacts = useQuery({
    queryKey: ['contacts', { accountId: form.accountId }],
    queryFn: () => api.get<ContactPageT>('/contacts', { accountId: form.accountId, limit: 500, sort: 'name' }),
    enabled: form.kind === 'contact_left' && !!form.accountId,
  });
  const raise = useMutation({
    mutationFn: () => api.post<RedFlag>('/red-flags', form),
    onSuccess: (flag) => {
      invalidateRedFlags(queryClient);
      notifySuccess(`Raised a red flag on ${flag.accountName}`);
      onClose();
    },
    onError: (err) => setErrors(fieldErrors(err, FIELDS)),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!form.accountId) missing.accountId = 'Pick the account';
    if (!form.kind) missing.kind = 'Pick what kind of warning this is';
    setErrors(missing);
    if (Object.keys(missing).length === 0) raise.mutate();
  }
  return (
    <Modal opened onClose={onClose} title="Raise a red flag">
      <form onSubmit={submit} noValidate aria-label="Raise a red flag">
        <Stack>
          {!accountId && (
            <AccountPicker
              label="Account"
              required
              value={form.accountId}
              error={errors.accountId}
              onChange={(id) => setForm({ ...form, accountId: id, contactId: null })}
            />
          )}
          <Select
            label="Kind"
            required
            placeholder="What did you notice?"
            data={enumOptions(RedFlagKinds)}
            value={form.kind}
            error={errors.kind}
            onChange={(kind) => setForm({ ...form, kind, contactId: kind === 'contact_left' ? form.contactId : null })}
          />
          {form.kind === 'contact_left' && form.accountId && (
            <Select
              label="Who left"
              placeholder="Optional"
              clearable
              searchable
              data={(contacts.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
              value={form.contactId}
              error={errors.contactId}
              onChange={(contactId) => setForm({ ...form, contactId })}
            />
          )}
          <Textarea
            label="Note"
            description="What you heard or saw, and from whom"
            autosize
            minRows={3}
            value={form.note}
            error={errors.note}
            onChange={(e) => setForm({ ...form, note: e.currentTarget.value })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={raise.isPending}>
              Raise red flag
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
