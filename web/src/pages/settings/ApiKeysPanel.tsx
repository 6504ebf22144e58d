import { Button, Code, CopyButton, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Roles } from '../../../../src/domain/enums';
import type { ApiKeyCreatedT, ApiKeyT } from '../../api/types';
import { Empty } from '../../components/States';
import { enumOptions } from '../../lib/format';
import { CreateKeyForm } from './keys/CreateKeyForm';
import { KeysTable } from './keys/KeysTable';
import { ShownOnceModal } from './keys/ShownOnceModal';
import { useKeyAdmin } from './keys/useKeyAdmin';

/** API keys for other systems: created here, shown once, revoked here. */
export function ApiKeysPanel({ admin }: { admin: boolean }) {
  const { keys, errors, created, closeCreated, creating, submit, revoke } = useKeyAdmin<ApiKeyT, ApiKeyCreatedT>({
    path: '/api-keys',
    enabled: admin,
    fields: ['name', 'role'],
    revokeError: 'Could not revoke the key',
  });
  const [form, setForm] = useState({ name: '', role: 'csm' });

  if (!admin) return <Empty title="API keys are managed by admins" description="Ask an admin of this workspace for a key." />;

  return (
    <Stack gap="md">
      <CreateKeyForm
        noun="API key"
        nameLabel="Key name"
        placeholder="e.g. Billing sync"
        name={form.name}
        error={errors.name}
        onName={(name) => setForm((f) => ({ ...f, name }))}
        onSubmit={(e) => submit(e, form, () => setForm({ name: '', role: 'csm' }))}
        creating={creating}
      >
        <Select
          label="Key role"
          data={enumOptions(Roles)}
          value={form.role}
          onChange={(role) => setForm((f) => ({ ...f, role: role ?? 'csm' }))}
          allowDeselect={false}
          w={200}
        />
      </CreateKeyForm>
      <Paper withBorder p="md">
        <KeysTable
          keys={keys}
          noun="API key"
          emptyDescription="Create one above to let another system read or write Keepwell data."
          minWidth={720}
          extra={{ label: 'Role', cell: (k) => Roles.labels[k.role] }}
          revokeMessage={(k) => `Revoke "${k.name}"? Systems using it stop working at once.`}
          onRevoke={revoke}
        />
      </Paper>
      <ShownOnceModal created={created} onClose={closeCreated} title="Your new API key" size="lg" keep="Store it in your secrets manager">
        {(c) => (
          <>
            <Code block aria-label="New API key" style={{ wordBreak: 'break-all' }}>
              {c.key}
            </Code>
            <Text size="sm" c="dimmed">
              Send it as <Code>Authorization: Bearer &lt;key&gt;</Code>. Role: {Roles.labels[c.role]}.
            </Text>
            <Group justify="flex-end">
              <CopyButton value={c.key}>
                {({ copied, copy }) => (
                  <Button variant="light" color={copied ? 'teal' : 'blue'} onClick={copy}>
                    {copied ? 'Copied' : 'Copy key'}
                  </Button>
                )}
              </CopyButton>
              <Button onClick={closeCreated}>Done</Button>
            </Group>
          </>
        )}
      </ShownOnceModal>
    </Stack>
  );
}
