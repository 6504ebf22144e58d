import { Alert, Stack, Tabs, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useSession } from '../../api/session';
import { ApiKeysPanel } from './ApiKeysPanel';
import { KpisPanel } from './KpisPanel';
import { MetricsPanel } from './MetricsPanel';
import { ScorecardsPanel } from './scorecards/ScorecardsPanel';
import { UsersPanel } from './UsersPanel';
import { WorkspacePanel } from './WorkspacePanel';
import { WriteKeysPanel } from './WriteKeysPanel';

/** Each tab with its panel; `admin` and `manager` say what the signed-in person may change there. */
const TABS = [
  { value: 'users', label: 'Users', panel: ({ admin }: Rights) => <UsersPanel admin={admin} /> },
  { value: 'kpis', label: 'KPIs', panel: ({ manager }: Rights) => <KpisPanel manager={manager} /> },
  { value: 'metrics', label: 'Metrics', panel: ({ manager }: Rights) => <MetricsPanel manager={manager} /> },
  { value: 'scorecards', label: 'Scorecards', panel: ({ manager }: Rights) => <ScorecardsPanel manager={manager} /> },
  { value: 'write-keys', label: 'Write keys', panel: ({ admin }: Rights) => <WriteKeysPanel admin={admin} /> },
  { value: 'api-keys', label: 'API keys', panel: ({ admin }: Rights) => <ApiKeysPanel admin={admin} /> },
  { value: 'workspace', label: 'Workspace', panel: ({ admin }: Rights) => <WorkspacePanel admin={admin} /> },
] as const;

type Rights = { admin: boolean; manager: boolean };

export function SettingsPage() {
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((t) => t.value === params.get('tab'))?.value ?? 'users';
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
          {manager ? ' As a manager you can define KPIs, metrics and scorecards.' : ' Managers and admins define KPIs, metrics and scorecards.'}
        </Alert>
      )}
      <Tabs value={tab} onChange={(t) => setParams(t && t !== 'users' ? { tab: t } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List>
          {TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {TABS.map((t) => (
          <Tabs.Panel key={t.value} value={t.value} pt="md">
            {t.panel({ admin, manager })}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
