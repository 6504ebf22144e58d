import { Alert, Badge, Button, Code, CopyButton, Group, Modal, Paper, Select, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Roles } from '../../../../src/domain/enums';
import { api } from '../../api/client';
import type { ApiKeyCreatedT, ApiKeyT } from '../../api/types';
import { ConfirmButton } from '../../components/ConfirmButton';
import { Empty, ErrorState, TableSkeleton } from '../../components/States';
import { fieldErrors, notifyError } from '../../lib/errors';
import { enumOptions, formatDateTime } from '../../lib/format';

/** API keys for other systems: created here, shown once, revoked here. */
export function ApiKeysPanel({ admin }: { admin: boolean }) {
  const queryClient = useQueryClient();
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => api.get<{ items: ApiKeyT[] }>('/api-keys'), enabled: admin });
  const [form, setForm] = useState({ name: '', role: 'csm' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<ApiKeyCreatedT | null>(null);

  const create = useMutation({
    mutationFn: () => api.post<ApiKeyCreatedT>('/api-keys', form),
    onSuccess: (key) => {
      queryClient.invalidateQueries({ queryKey: ['api-keys'] });
      setCreated(key);
      setForm({ name: '', role: 'csm' });
    },
    onError: (err) => setErrors(fieldErrors(err, ['name', 'role'])),
  });
  const revoke = useMutation({
    mutationFn: (key: ApiKeyT) => api.delete(`/api-keys/${key.id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['api-keys'] }),
    onError: (err) => notifyError(err, 'Could not revoke the key'),
  });

  if (!admin) return <Empty title="API keys are managed by admins" description="Ask an admin of this workspace for a key." />;

  function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    create.mutate();
  }

  return (
    <Stack gap="md">
      <Paper withBorder p="md">
        <form onSubmit={submit} noValidate aria-label="Create API key">
          <Group align="flex-end" wrap="wrap">
            <TextInput
              label="Key name"
              placeholder="e.g. Billing sync"
              required
              value={form.name}
              error={errors.name}
              onChange={(e) => {
                const name = e.currentTarget.value;
                setForm((f) => ({ ...f, name }));
              }}
              style={{ flex: '1 1 240px' }}
            />
            <Select
              label="Key role"
              data={enumOptions(Roles)}
              value={form.role}
              onChange={(role) => setForm((f) => ({ ...f, role: role ?? 'csm' }))}
              allowDeselect={false}
              w={200}
            />
            <Button type="submit" loading={create.isPending}>
              Create API key
            </Button>
          </Group>
        </form>
      </Paper>
      <Paper withBorder p="md">
        {keys.isPending ? (
          <TableSkeleton columns={5} rows={3} />
        ) : keys.isError ? (
          <ErrorState error={keys.error} title="Could not load API keys" onRetry={() => keys.refetch()} />
        ) : keys.data.items.length === 0 ? (
          <Empty title="No API keys yet" description="Create one above to let another system read or write Keepwell data." />
        ) : (
          <Table.ScrollContainer minWidth={720} type="native">
            <Table verticalSpacing="xs" aria-label="API keys">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Key</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Created</Table.Th>
                  <Table.Th>Last used</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {keys.data.items.map((k) => (
                  <Table.Tr key={k.id}>
                    <Table.Td fw={600}>{k.name}</Table.Td>
                    <Table.Td>
                      <Code>{k.prefix}…</Code>
                    </Table.Td>
                    <Table.Td>{Roles.labels[k.role]}</Table.Td>
                    <Table.Td className="kw-nowrap">{formatDateTime(k.createdAt)}</Table.Td>
                    <Table.Td className="kw-nowrap">{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : 'Never'}</Table.Td>
                    <Table.Td ta="right">
                      {k.revokedAt ? (
                        <Badge color="gray" variant="light" tt="none">
                          Revoked {formatDateTime(k.revokedAt)}
                        </Badge>
                      ) : (
                        <ConfirmButton
                          size="compact-sm"
                          variant="subtle"
                          aria-label={`Revoke ${k.name}`}
                          title="Revoke API key"
                          message={`Revoke "${k.name}"? Systems using it stop working at once.`}
                          confirmLabel="Revoke"
                          onConfirm={() => revoke.mutateAsync(k)}
                        >
                          Revoke
                        </ConfirmButton>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <Modal opened={created !== null} onClose={() => setCreated(null)} title="Your new API key" size="lg">
        {created && (
          <Stack>
            <Alert color="yellow" title="Copy it now">
              This is the only time Keepwell shows this key. Store it in your secrets manager; if it is lost, revoke it and create another.
            </Alert>
            <Code block aria-label="New API key" style={{ wordBreak: 'break-all' }}>
              {created.key}
            </Code>
            <Text size="sm" c="dimmed">
              Send it as <Code>Authorization: Bearer &lt;key&gt;</Code>. Role: {Roles.labels[created.role]}.
            </Text>
            <Group justify="flex-end">
              <CopyButton value={created.key}>
                {({ copied, copy }) => (
                  <Button variant="light" color={copied ? 'teal' : 'blue'} onClick={copy}>
                    {copied ? 'Copied' : 'Copy key'}
                  </Button>
                )}
              </CopyButton>
              <Button onClick={() => setCreated(null)}>Done</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
