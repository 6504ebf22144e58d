import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import type { PasswordChange } from '../../../src/modules/auth/contracts';
import { api } from '../api/client';
import { fieldErrors, notifySuccess } from '../lib/errors';
import { usePasswordForm } from './usePasswordForm';

const FIELDS = ['currentPassword', 'newPassword'] as const;

/** The signed-in person's own password: current, new, and the new one again to catch typos. */
export function ChangePasswordModal({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { form, setErrors, reset, validate, field } = usePasswordForm(['currentPassword'] as const);

  function close() {
    reset();
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
    const missingCurrent: Record<string, string> = form.currentPassword ? {} : { currentPassword: 'Enter your current password' };
    if (validate(missingCurrent)) change.mutate({ currentPassword: form.currentPassword, newPassword: form.newPassword });
  }

  return (
    <Modal opened={opened} onClose={close} title="Change password">
      <form onSubmit={submit} noValidate>
        <Stack>
          {field('currentPassword', { label: 'Current password', autoComplete: 'current-password', autoFocus: true })}
          {field('newPassword', { label: 'New password', autoComplete: 'new-password', description: 'At least 10 characters' })}
          {field('repeat', { label: 'Repeat the new password', autoComplete: 'new-password' })}
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
