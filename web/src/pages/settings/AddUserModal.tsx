import { Button, Group, Modal, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Roles } from '../../../../src/domain/enums';
import { api } from '../../api/client';
import type { Member } from '../../api/types';
import { fieldErrors, notifySuccess } from '../../lib/errors';
import { enumOptions } from '../../lib/format';

export function AddUserModal({ onClose }: { onClose(): void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ email: '', name: '', role: 'csm', password: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const add = useMutation({
    mutationFn: () => api.post<Member>('/users', { ...form, password: form.password || undefined }),
    onSuccess: (m) => {
      queryClient.invalidateQueries({ queryKey: ['users'] });
      notifySuccess(`Added ${m.name} as ${Roles.labels[m.role]}`);
      onClose();
    },
    onError: (err) => setErrors(fieldErrors(err, ['email', 'name', 'role', 'password'])),
  });
  const set = (key: keyof typeof form, value: string) => setForm((f) => ({ ...f, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    add.mutate();
  }

  return (
    <Modal opened onClose={onClose} title="Add user">
      <form onSubmit={submit} noValidate aria-label="Add user">
        <Stack>
          <TextInput label="Name" required value={form.name} error={errors.name} onChange={(e) => set('name', e.currentTarget.value)} data-autofocus />
          <TextInput label="Email" type="email" required value={form.email} error={errors.email} onChange={(e) => set('email', e.currentTarget.value)} />
          <Select
            label="Role"
            data={enumOptions(Roles)}
            value={form.role}
            onChange={(v) => set('role', v ?? 'csm')}
            allowDeselect={false}
            error={errors.role}
          />
          <PasswordInput
            label="Initial password"
            description="At least 10 characters. Not needed when the email already has a Keepwell login."
            autoComplete="new-password"
            value={form.password}
            error={errors.password}
            onChange={(e) => set('password', e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={add.isPending}>
              Add user
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
