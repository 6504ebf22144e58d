import { Button, Group, Modal, MultiSelect, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ContactRoles, ContactStatuses } from '../../../../src/domain/enums';
import { api } from '../../api/client';
import type { Contact, ContactCreate } from '../../api/types';
import { fieldErrors, notifySuccess } from '../../lib/errors';
import { enumOptions } from '../../lib/format';

const FIELDS = ['name', 'email', 'title', 'phone', 'externalId', 'roles', 'status', 'leftOn'] as const;

interface Props {
  accountId: string;
  /** The contact to edit; null to add one. */
  contact: Contact | null;
  onClose(): void;
}

/** Adds or edits one contact of an account. */
export function ContactModal({ accountId, contact, onClose }: Props) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    name: contact?.name ?? '',
    email: contact?.email ?? '',
    title: contact?.title ?? '',
    phone: contact?.phone ?? '',
    externalId: contact?.externalId ?? '',
    roles: (contact?.roles ?? []) as string[],
    status: contact?.status ?? 'active',
    leftOn: contact?.leftOn ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});

  const save = useMutation({
    mutationFn: (body: ContactCreate) => (contact ? api.patch<Contact>(`/contacts/${contact.id}`, body) : api.post<Contact>('/contacts', body)),
    onSuccess: (saved) => {
      queryClient.invalidateQueries({ queryKey: ['contacts'] });
      queryClient.invalidateQueries({ queryKey: ['accounts', 'detail', accountId] });
      notifySuccess(contact ? `Saved ${saved.name}` : `Added ${saved.name}`);
      onClose();
    },
    onError: (err) => setErrors(fieldErrors(err, FIELDS)),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    save.mutate({
      ...form,
      accountId,
      roles: form.roles as ContactCreate['roles'],
      status: form.status as ContactCreate['status'],
      leftOn: form.status === 'left' ? form.leftOn || null : null,
    });
  }

  const set = (key: keyof typeof form, value: string | string[]) => setForm((f) => ({ ...f, [key]: value }));
  const text = (key: 'name' | 'email' | 'title' | 'phone' | 'externalId', label: string, type = 'text') => (
    <TextInput label={label} type={type} required={key === 'name'} value={form[key]} error={errors[key]} onChange={(e) => set(key, e.currentTarget.value)} />
  );

  return (
    <Modal opened onClose={onClose} title={contact ? `Edit ${contact.name}` : 'Add contact'} size="lg">
      <form onSubmit={submit} noValidate aria-label={contact ? 'Edit contact' : 'Add contact'}>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {text('name', 'Contact name')}
            {text('email', 'Email', 'email')}
            {text('title', 'Job title')}
            {text('phone', 'Phone', 'tel')}
            {text('externalId', 'Contact external ID')}
            <Select
              label="Status"
              data={enumOptions(ContactStatuses)}
              value={form.status}
              onChange={(v) => set('status', v ?? 'active')}
              allowDeselect={false}
              error={errors.status}
            />
          </SimpleGrid>
          {form.status === 'left' && (
            <TextInput label="Left on" type="date" required value={form.leftOn} error={errors.leftOn} onChange={(e) => set('leftOn', e.currentTarget.value)} />
          )}
          <MultiSelect
            label="Roles"
            placeholder="Pick any"
            data={enumOptions(ContactRoles)}
            value={form.roles}
            onChange={(v) => set('roles', v)}
            error={errors.roles}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {contact ? 'Save contact' : 'Add contact'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
