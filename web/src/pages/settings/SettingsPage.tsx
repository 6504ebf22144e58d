import { Alert, Stack, Tabs, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useSession } from '../../api/session';
import { ApiKeysPanel } from './ApiKeysPanel';
import { KpisPanel } from './KpisPanel';
import { MetricsPanel } from './MetricsPanel';
import { UsersPanel } from './UsersPanel';
import { WorkspacePanel } from './WorkspacePanel';
import { WriteKeysPanel } from './WriteKeysPanel';

const TABS = ['users', 'kpis', 'metrics', 'write-keys', 'api-keys', 'workspace'] as const;

export function SettingsPage() {
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((t) => t === params.get('tab')) ?? 'users';
  const admin = can('admin');
  const manager = can('manager');

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        Settings
      </Title>
      {!admin && (
        <Alert color="blue" title="Read-only">
          Only workspace admins can add people, change roles, manage API and write keys and edit workspace settings.
          {manager ? ' As a manager you can define KPIs and metrics.' : ' Managers and admins define KPIs and metrics.'}
        </Alert>
      )}
      <Tabs value={tab} onChange={(t) => setParams(t && t !== 'users' ? { tab: t } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="users">Users</Tabs.Tab>
          <Tabs.Tab value="kpis">KPIs</Tabs.Tab>
          <Tabs.Tab value="metrics">Metrics</Tabs.Tab>
          <Tabs.Tab value="write-keys">Write keys</Tabs.Tab>
          <Tabs.Tab value="api-keys">API keys</Tabs.Tab>
          <Tabs.Tab value="workspace">Workspace</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="users" pt="md">
          <UsersPanel admin={admin} />
        </Tabs.Panel>
        <Tabs.Panel value="kpis" pt="md">
          <KpisPanel manager={manager} />
        </Tabs.Panel>
        <Tabs.Panel value="metrics" pt="md">
          <MetricsPanel manager={manager} />
        </Tabs.Panel>
        <Tabs.Panel value="write-keys" pt="md">
          <WriteKeysPanel admin={admin} />
        </Tabs.Panel>
        <Tabs.Panel value="api-keys" pt="md">
          <ApiKeysPanel admin={admin} />
        </Tabs.Panel>
        <Tabs.Panel value="workspace" pt="md">
          <WorkspacePanel admin={admin} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
