import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { AccountCreate, AccountDetail } from '../../api/types';
import { fieldErrors, notifySuccess } from '../../lib/errors';

/**
 * Creates the account an unmatched groupId names, with that id as its external ID. Creating it matches the kept
 * events at once (the server re-matches when an account gets an external ID); the account page edits the rest.
 */
export function CreateAccountModal({ externalId, onClose }: { externalId: string; onClose(): void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [id, setId] = useState(externalId);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useMutation({
    mutationFn: (body: AccountCreate) => api.post<AccountDetail>('/accounts', body),
    onSuccess: (account) => {
      queryClient.invalidateQueries({ queryKey: ['accounts'] });
      queryClient.invalidateQueries({ queryKey: ['usage'] });
      notifySuccess(`Created ${account.name}; its usage data is matched`);
      onClose();
    },
    onError: (err) => setErrors(fieldErrors(err, ['name', 'externalId'])),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    create.mutate({ name, externalId: id } as AccountCreate);
  }

  return (
    <Modal opened onClose={onClose} title="Create account for unmatched data">
      <form onSubmit={submit} noValidate aria-label="Create account for unmatched data">
        <Stack>
          <TextInput label="Account name" required value={name} error={errors.name} onChange={(e) => setName(e.currentTarget.value)} data-autofocus />
          <TextInput
            label="External ID"
            description="The groupId your product sends; events with it attach to this account."
            required
            value={id}
            error={errors.externalId}
            onChange={(e) => setId(e.currentTarget.value)}
          />
          <Text size="xs" c="dimmed">
            Fill in owner, ARR and the rest on the account page afterwards, or <Link to="/accounts">find an existing account</Link> and set its external ID
            instead.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create account
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
