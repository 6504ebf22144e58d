import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { useMembers } from '../../api/queries';
import type { ApplyResult, PlaybookList } from '../../api/types';
import { fieldErrors, notifySuccess } from '../../lib/errors';
import { AccountsMultiPicker } from './AccountsMultiPicker';

interface Props {
  opened: boolean;
  onClose(): void;
  /** The playbook to apply; without it the person picks one. */
  playbook?: { id: string; name: string };
  /** Apply to this account only (the account page); without it the person picks accounts. */
  account?: { id: string; name: string };
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Applies a playbook: one run per account, tasks due the start date plus each item's offset. */
export function ApplyModal({ opened, onClose, playbook, account }: Props) {
  const queryClient = useQueryClient();
  const members = useMembers();
  const [playbookId, setPlaybookId] = useState<string | null>(playbook?.id ?? null);
  const [accountIds, setAccountIds] = useState<string[]>(account ? [account.id] : []);
  const [startOn, setStartOn] = useState(today());
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const playbooks = useQuery({
    queryKey: ['playbooks', 'list', 'all'],
    queryFn: () => api.get<PlaybookList>('/playbooks', { limit: 500 }),
    enabled: opened && !playbook,
  });
  const apply = useMutation({
    mutationFn: () => api.post<ApplyResult>(`/playbooks/${playbookId}/apply`, { accountIds, startOn, ownerId }),
    onSuccess: (result) => {
      for (const key of ['playbooks', 'playbook-runs', 'tasks', 'my-work']) queryClient.invalidateQueries({ queryKey: [key] });
      notifySuccess(`Applied to ${result.runs.length} ${result.runs.length === 1 ? 'account' : 'accounts'}: ${result.tasksCreated} tasks created`);
      setErrors({});
      onClose();
    },
    onError: (err) => setErrors(fieldErrors(err, ['accountIds', 'startOn', 'ownerId', 'items'])),
  });
  const options = (playbooks.data?.items ?? []).filter((p) => p.itemCount > 0).map((p) => ({ value: p.id, label: `${p.name} (${p.itemCount} items)` }));

  return (
    <Modal opened={opened} onClose={onClose} title={playbook ? `Apply “${playbook.name}”` : 'Apply a playbook'} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!playbookId) return setErrors({ playbook: 'Pick a playbook' });
          apply.mutate();
        }}
      >
        <Stack>
          {!playbook && (
            <Select
              label="Playbook"
              required
              searchable
              data={options}
              value={playbookId}
              onChange={setPlaybookId}
              error={errors.playbook ?? errors.items}
              nothingFoundMessage={playbooks.isPending ? 'Loading…' : 'No playbook with items: copy one from the template library'}
            />
          )}
          {account ? (
            <Text size="sm">
              Account: <b>{account.name}</b>
            </Text>
          ) : (
            <AccountsMultiPicker value={accountIds} onChange={setAccountIds} error={errors.accountIds} />
          )}
          {account && errors.accountIds && (
            <Text size="sm" c="red">
              {errors.accountIds}
            </Text>
          )}
          <TextInput
            type="date"
            label="Start on"
            description="Each item is due this date plus its offset"
            required
            value={startOn}
            error={errors.startOn}
            onChange={(e) => setStartOn(e.currentTarget.value)}
          />
          <Select
            label="Task owner"
            description="Leave empty to give each account's tasks to the account owner"
            clearable
            searchable
            data={(members.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
            value={ownerId}
            onChange={setOwnerId}
            error={errors.ownerId}
          />
          {playbook && errors.items && (
            <Text size="sm" c="red">
              {errors.items}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={apply.isPending} disabled={accountIds.length === 0}>
              Apply
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
