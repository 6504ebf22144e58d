import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { PasswordChange } from '../../../src/modules/auth/contracts';
import { api } from '../api/client';
import { fieldErrors, notifySuccess } from '../lib/errors';

const FIELDS = ['currentPassword', 'newPassword'] as const;
const EMPTY = { currentPassword: '', newPassword: '', repeat: '' };

/** The signed-in person's own password: current, new, and the new one again to catch typos. */
export function ChangePasswordModal({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});

  function close() {
    setForm(EMPTY);
    setErrors({});
    onClose();
  }

  const change = useMutation({
    mutationFn: (body: PasswordChange) => api.post<void>('/auth/password', body),
    onSuccess: () => {
      notifySuccess('Password changed. Your other sessions have been signed out.');
      close();
    },
    onError: (err) => setErrors(fieldErrors(err, FIELDS)),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!form.currentPassword) local.currentPassword = 'Enter your current password';
    if (form.newPassword.length < 10) local.newPassword = 'Must be at least 10 characters';
    if (form.repeat !== form.newPassword) local.repeat = 'The two new passwords differ';
    setErrors(local);
    if (Object.keys(local).length === 0) change.mutate({ currentPassword: form.currentPassword, newPassword: form.newPassword });
  }

  const field = (key: keyof typeof EMPTY, label: string, autoComplete: string, description?: string) => (
    <PasswordInput
      label={label}
      description={description}
      autoComplete={autoComplete}
      required
      data-autofocus={key === 'currentPassword' || undefined}
      value={form[key]}
      error={errors[key]}
      onChange={(e) => {
        const value = e.currentTarget.value;
        setForm((f) => ({ ...f, [key]: value }));
        setErrors(({ [key]: _, ...rest }) => rest);
      }}
    />
  );

  return (
    <Modal opened={opened} onClose={close} title="Change password">
      <form onSubmit={submit} noValidate>
        <Stack>
          {field('currentPassword', 'Current password', 'current-password')}
          {field('newPassword', 'New password', 'new-password', 'At least 10 characters')}
          {field('repeat', 'Repeat the new password', 'new-password')}
          <Text size="xs" c="dimmed">
            Changing it signs you out everywhere else; this browser stays signed in.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={change.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
