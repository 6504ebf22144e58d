import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { MemberPasswordSet } from '../../../../src/modules/workspaces/contracts';
import { ApiError, api } from '../../api/client';
import type { Member } from '../../api/types';
import { usePasswordForm } from '../../components/usePasswordForm';
import { fieldErrors, notifySuccess } from '../../lib/errors';

/** An admin sets a new password for a member who is locked out; the member's sessions all end. */
export function SetPasswordModal({ member, onClose }: { member: Member; onClose(): void }) {
  const { form, setErrors, validate, field } = usePasswordForm([] as const);
  // A refusal about the person rather than the password (e.g. they belong to other workspaces).
  const [refusal, setRefusal] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (body: MemberPasswordSet) => api.post<void>(`/users/${member.id}/password`, body),
    onSuccess: () => {
      notifySuccess(`New password set for ${member.name}. All their sessions have been signed out.`);
      onClose();
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status === 403) setRefusal(err.message);
      else setErrors(fieldErrors(err, ['newPassword']));
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setRefusal(null);
    if (validate()) save.mutate({ newPassword: form.newPassword });
  }

  return (
    <Modal opened onClose={onClose} title={`Set password for ${member.name}`}>
      <form onSubmit={submit} noValidate aria-label={`Set password for ${member.name}`}>
        <Stack>
          <Text size="sm">
            For when {member.name} ({member.email}) cannot sign in. Tell them the new password in person or over a channel you trust; they can change it
            afterwards.
          </Text>
          {field('newPassword', { label: 'New password', autoComplete: 'new-password', description: 'At least 10 characters', autoFocus: true })}
          {field('repeat', { label: 'Repeat the new password', autoComplete: 'new-password' })}
          {refusal && (
            <Alert color="red" title="Not allowed">
              {refusal}
            </Alert>
          )}
          <Text size="xs" c="dimmed">
            All of {member.name}’s sessions end at once, in every workspace.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Set password
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
