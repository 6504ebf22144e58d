import { Alert, Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { MemberPasswordSet } from '../../../../src/modules/workspaces/contracts';
import { ApiError, api } from '../../api/client';
import type { Member } from '../../api/types';
import { fieldErrors, notifySuccess } from '../../lib/errors';

const EMPTY = { newPassword: '', repeat: '' };

/** An admin sets a new password for a member who is locked out; the member's sessions all end. */
export function SetPasswordModal({ member, onClose }: { member: Member; onClose(): void }) {
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
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
    const local: Record<string, string> = {};
    if (form.newPassword.length < 10) local.newPassword = 'Must be at least 10 characters';
    if (form.repeat !== form.newPassword) local.repeat = 'The two passwords differ';
    setErrors(local);
    setRefusal(null);
    if (Object.keys(local).length === 0) save.mutate({ newPassword: form.newPassword });
  }

  const field = (key: keyof typeof EMPTY, label: string, description?: string) => (
    <PasswordInput
      label={label}
      description={description}
      autoComplete="new-password"
      required
      data-autofocus={key === 'newPassword' || undefined}
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
    <Modal opened onClose={onClose} title={`Set password for ${member.name}`}>
      <form onSubmit={submit} noValidate aria-label={`Set password for ${member.name}`}>
        <Stack>
          <Text size="sm">
            For when {member.name} ({member.email}) cannot sign in. Tell them the new password in person or over a channel you trust; they can change it
            afterwards.
          </Text>
          {field('newPassword', 'New password', 'At least 10 characters')}
          {field('repeat', 'Repeat the new password')}
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
