import { Button, Code, CopyButton, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { WriteKey, WriteKeyCreatedT } from '../../api/types';
import { Empty } from '../../components/States';
import { CreateKeyForm } from './keys/CreateKeyForm';
import { KeysTable } from './keys/KeysTable';
import { ShownOnceModal } from './keys/ShownOnceModal';
import { useKeyAdmin } from './keys/useKeyAdmin';

/** Segment write keys: what a product's tracking sends usage with (POST /v1/batch and friends). */
export function WriteKeysPanel({ admin }: { admin: boolean }) {
  const { keys, errors, created, closeCreated, creating, submit, revoke } = useKeyAdmin<WriteKey, WriteKeyCreatedT>({
    path: '/write-keys',
    enabled: admin,
    fields: ['name'],
    revokeError: 'Could not revoke the write key',
  });
  const [name, setName] = useState('');

  if (!admin) return <Empty title="Write keys are managed by admins" description="Ask an admin of this workspace for a write key to send usage data." />;

  return (
    <Stack gap="md">
      <CreateKeyForm
        noun="write key"
        nameLabel="Write key name"
        placeholder="e.g. Web app production"
        name={name}
        error={errors.name}
        onName={setName}
        onSubmit={(e) => submit(e, { name }, () => setName(''))}
        creating={creating}
        intro={
          <Text size="sm" c="dimmed" mb="sm">
            A write key lets your product send usage to Keepwell with Segment’s tracking API: point an official Segment library (or any HTTP client) at this
            server and use the key as the write key. It can only send events; it cannot read anything.
          </Text>
        }
      />
      <Paper withBorder p="md">
        <KeysTable
          keys={keys}
          noun="write key"
          emptyDescription="Create one above, then send your product’s events to Keepwell with it."
          minWidth={640}
          revokeMessage={(k) => `Revoke "${k.name}"? Events sent with it are refused from then on (401), so tracking that still uses it loses data.`}
          onRevoke={revoke}
        />
      </Paper>
      <ShownOnceModal created={created} onClose={closeCreated} title="Your new write key" size="xl" keep="Keep it with your product’s configuration">
        {(c) => <CreatedKey created={c} onDone={closeCreated} />}
      </ShownOnceModal>
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
    <>
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
    </>
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
