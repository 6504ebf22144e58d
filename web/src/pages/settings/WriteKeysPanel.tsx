import { Alert, Badge, Button, Code, CopyButton, Group, Modal, Paper, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import type { WriteKey, WriteKeyCreatedT } from '../../api/types';
import { ConfirmButton } from '../../components/ConfirmButton';
import { Empty, ErrorState, TableSkeleton } from '../../components/States';
import { fieldErrors, notifyError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';

/** Segment write keys: what a product's tracking sends usage with (POST /v1/batch and friends). */
export function WriteKeysPanel({ admin }: { admin: boolean }) {
  const queryClient = useQueryClient();
  const keys = useQuery({ queryKey: ['write-keys'], queryFn: () => api.get<{ items: WriteKey[] }>('/write-keys'), enabled: admin });
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<WriteKeyCreatedT | null>(null);

  const create = useMutation({
    mutationFn: () => api.post<WriteKeyCreatedT>('/write-keys', { name }),
    onSuccess: (key) => {
      queryClient.invalidateQueries({ queryKey: ['write-keys'] });
      setCreated(key);
      setName('');
    },
    onError: (err) => setErrors(fieldErrors(err, ['name'])),
  });
  const revoke = useMutation({
    mutationFn: (key: WriteKey) => api.delete(`/write-keys/${key.id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['write-keys'] }),
    onError: (err) => notifyError(err, 'Could not revoke the write key'),
  });

  if (!admin) return <Empty title="Write keys are managed by admins" description="Ask an admin of this workspace for a write key to send usage data." />;

  function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    create.mutate();
  }

  return (
    <Stack gap="md">
      <Paper withBorder p="md">
        <Text size="sm" c="dimmed" mb="sm">
          A write key lets your product send usage to Keepwell with Segment’s tracking API: point an official Segment library (or any HTTP client) at this
          server and use the key as the write key. It can only send events; it cannot read anything.
        </Text>
        <form onSubmit={submit} noValidate aria-label="Create write key">
          <Group align="flex-end" wrap="wrap">
            <TextInput
              label="Write key name"
              placeholder="e.g. Web app production"
              required
              value={name}
              error={errors.name}
              onChange={(e) => setName(e.currentTarget.value)}
              style={{ flex: '1 1 240px' }}
            />
            <Button type="submit" loading={create.isPending}>
              Create write key
            </Button>
          </Group>
        </form>
      </Paper>
      <Paper withBorder p="md">
        {keys.isPending ? (
          <TableSkeleton columns={5} rows={3} />
        ) : keys.isError ? (
          <ErrorState error={keys.error} title="Could not load write keys" onRetry={() => keys.refetch()} />
        ) : keys.data.items.length === 0 ? (
          <Empty title="No write keys yet" description="Create one above, then send your product’s events to Keepwell with it." />
        ) : (
          <Table.ScrollContainer minWidth={640} type="native">
            <Table verticalSpacing="xs" aria-label="Write keys">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Key</Table.Th>
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
                          title="Revoke write key"
                          message={`Revoke "${k.name}"? Events sent with it are refused from then on (401), so tracking that still uses it loses data.`}
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
      <Modal opened={created !== null} onClose={() => setCreated(null)} title="Your new write key" size="xl">
        {created && <CreatedKey created={created} onDone={() => setCreated(null)} />}
      </Modal>
    </Stack>
  );
}

function CreatedKey({ created, onDone }: { created: WriteKeyCreatedT; onDone(): void }) {
  const origin = window.location.origin;
  const node = `import { Analytics } from '@segment/analytics-node';

const analytics = new Analytics({ writeKey: '${created.key}', host: '${origin}' });

// The account: groupId is the account's external ID in Keepwell.
analytics.group({ userId: 'user-42', groupId: 'acme-corp', traits: { name: 'Acme Corp' } });
analytics.track({ userId: 'user-42', event: 'Report Exported', context: { groupId: 'acme-corp' } });`;
  const curl = `curl ${origin}/v1/batch \\
  -u '${created.key}:' \\
  -H 'Content-Type: application/json' \\
  -d '{"batch":[{"type":"track","userId":"user-42","event":"Signed In","context":{"groupId":"acme-corp"}}]}'`;
  return (
    <Stack>
      <Alert color="yellow" title="Copy it now">
        This is the only time Keepwell shows this key. Keep it with your product’s configuration; if it is lost, revoke it and create another.
      </Alert>
      <Group wrap="nowrap" align="flex-start">
        <Code block aria-label="New write key" style={{ wordBreak: 'break-all', flex: 1 }}>
          {created.key}
        </Code>
        <CopyValue value={created.key} label="Copy key" />
      </Group>
      <Snippet title="Node.js with @segment/analytics-node" code={node} />
      <Snippet title="Any HTTP client (curl)" code={curl} />
      <Text size="xs" c="dimmed">
        The key is the HTTP Basic user name with an empty password, as in Segment’s API. Events whose groupId or userId match no account are kept and listed
        under Unmatched data.
      </Text>
      <Group justify="flex-end">
        <Button onClick={onDone}>Done</Button>
      </Group>
    </Stack>
  );
}

function Snippet({ title, code }: { title: string; code: string }) {
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Title order={3} size="h6">
          {title}
        </Title>
        <CopyValue value={code} label={`Copy the ${title} snippet`} text="Copy" />
      </Group>
      <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
        {code}
      </Code>
    </Stack>
  );
}

function CopyValue({ value, label, text = label }: { value: string; label: string; text?: string }) {
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Button size="xs" variant="light" color={copied ? 'teal' : 'blue'} onClick={copy} aria-label={label}>
          {copied ? 'Copied' : text}
        </Button>
      )}
    </CopyButton>
  );
}
