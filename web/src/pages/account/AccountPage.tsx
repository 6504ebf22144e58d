import { Anchor, Badge, Breadcrumbs, Grid, Group, Paper, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { DeploymentStatuses, LifecyclePhases } from '../../../../src/domain/enums';
import { ApiError, api } from '../../api/client';
import { useSession } from '../../api/session';
import type { AccountDetail } from '../../api/types';
import { ConfirmButton } from '../../components/ConfirmButton';
import { HealthBadge } from '../../components/health/HealthBadge';
import { Empty, ErrorState, PageSkeleton } from '../../components/States';
import { notifyError, notifySuccess } from '../../lib/errors';
import { enumLabel, formatDateTime, formatMoney } from '../../lib/format';
import { healthOf, RiskBadges } from '../accounts/columns';
import { AccountForm } from './AccountForm';
import { ContactsSection } from './ContactsSection';
import { Hierarchy } from './Hierarchy';
import { HealthTab } from './health/HealthTab';
import { LifecycleTab } from './lifecycle/LifecycleTab';
import { RedFlagBanner } from './risks/RedFlagBanner';
import { RisksTab } from './risks/RisksTab';
import { StoriesTab } from './stories/StoriesTab';
import { TasksTab } from './tasks/TasksTab';
import { TimelineTab } from './timeline/TimelineTab';
import { UsageTab } from './usage/UsageTab';

/** The account's tabs, in order; the open one is `?tab=` in the URL. */
/** The engagement and health tabs share one shape: the account and whether the viewer may edit it. */
type AccountTab = (props: { account: AccountDetail; canEdit: boolean }) => ReactNode;

const TABS: ReadonlyArray<{ value: string; label: string; Panel?: AccountTab }> = [
  { value: 'overview', label: 'Overview' },
  { value: 'health', label: 'Health', Panel: HealthTab },
  { value: 'timeline', label: 'Timeline', Panel: TimelineTab },
  { value: 'tasks', label: 'Tasks', Panel: TasksTab },
  { value: 'lifecycle', label: 'Lifecycle & playbooks', Panel: LifecycleTab },
  { value: 'risks', label: 'Risks & red flags', Panel: RisksTab },
  { value: 'stories', label: 'Stories', Panel: StoriesTab },
  { value: 'usage', label: 'Usage', Panel: ({ account }) => <UsageTab accountId={account.id} /> },
];

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={650} size="lg">
        {value}
      </Text>
    </div>
  );
}

export function AccountPage() {
  const { id = '' } = useParams();
  const { can } = useSession();
  const navigate = useNavigate();
  // The open tab lives in the URL (`tab=usage`), so a reload or a shared link opens the same one.
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((t) => t.value === params.get('tab'))?.value ?? 'overview';
  const queryClient = useQueryClient();
  const canEdit = can('csm');
  const query = useQuery({ queryKey: ['accounts', 'detail', id], queryFn: () => api.get<AccountDetail>(`/accounts/${id}`) });
  const remove = useMutation({
    mutationFn: () => api.delete(`/accounts/${id}`),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: ['accounts', 'detail', id] });
      queryClient.invalidateQueries({ queryKey: ['accounts'] });
      notifySuccess(`Deleted ${query.data?.name ?? 'the account'}`);
      navigate('/accounts');
    },
    onError: (err) => notifyError(err, 'Could not delete the account'),
  });

  if (query.isPending) return <PageSkeleton label="Loading account" />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) {
      return (
        <Empty
          title="Account not found"
          description="It may have been deleted, or it belongs to another workspace."
          action={
            <Anchor component={Link} to="/accounts">
              Back to accounts
            </Anchor>
          }
        />
      );
    }
    return <ErrorState error={query.error} title="Could not load the account" onRetry={() => query.refetch()} />;
  }
  const account = query.data;

  return (
    <Stack gap="md">
      <Breadcrumbs aria-label="Breadcrumb">
        <Anchor component={Link} to="/accounts">
          Accounts
        </Anchor>
        {account.parentId && (
          <Anchor component={Link} to={`/accounts/${account.parentId}`}>
            {account.parentName}
          </Anchor>
        )}
        <Text>{account.name}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h2">
            {account.name}
          </Title>
          <Group gap="xs" mt={4}>
            {healthOf(account) !== undefined && (
              <HealthBadge
                score={healthOf(account)?.score}
                rag={healthOf(account)?.rag}
                trend={healthOf(account)?.trend}
                trendFrom={healthOf(account)?.trendFrom}
              />
            )}
            {account.deploymentStatus && <Badge tt="none">{enumLabel(DeploymentStatuses, account.deploymentStatus)}</Badge>}
            {account.lifecyclePhase && (
              <Badge tt="none" variant="light" color="gray">
                {enumLabel(LifecyclePhases, account.lifecyclePhase)}
              </Badge>
            )}
            <RiskBadges risks={account.riskStatuses} />
          </Group>
        </div>
        {canEdit && (
          <ConfirmButton
            title="Delete account"
            message={`Delete ${account.name}? Its ${account.contactCount} contact(s) are deleted with it and its child accounts become top-level. This cannot be undone.`}
            confirmLabel="Delete account"
            onConfirm={() => remove.mutateAsync()}
          >
            Delete account
          </ConfirmButton>
        )}
      </Group>

      <RedFlagBanner accountId={account.id} />

      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          <Stat label="ARR" value={formatMoney(account.arrMinor, account.currency)} />
          <Stat label="Roll-up ARR" value={formatMoney(account.rollupArrMinor, account.currency)} />
          <Stat label="Revenue band" value={account.revenueBand ?? '—'} />
          <Stat label="Owner" value={account.ownerName ?? 'Unassigned'} />
        </SimpleGrid>
      </Paper>

      <Tabs value={tab} onChange={(t) => setParams(t && t !== 'overview' ? { tab: t } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List>
          {TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <Stack gap="md">
            <Grid gap="md">
              <Grid.Col span={{ base: 12, lg: 8 }}>
                <Paper withBorder p="md" component="section" aria-labelledby="details-title">
                  <Title order={2} size="h4" id="details-title" mb="sm">
                    Details
                  </Title>
                  <AccountForm key={`${account.id}:${account.updatedAt}`} account={account} canEdit={canEdit} />
                </Paper>
              </Grid.Col>
              <Grid.Col span={{ base: 12, lg: 4 }}>
                <Stack gap="md">
                  <Hierarchy account={account} />
                  <Paper withBorder p="md">
                    <Text size="xs" c="dimmed">
                      Created {formatDateTime(account.createdAt)} · Updated {formatDateTime(account.updatedAt)}
                    </Text>
                  </Paper>
                </Stack>
              </Grid.Col>
            </Grid>
            <ContactsSection accountId={account.id} canEdit={canEdit} />
          </Stack>
        </Tabs.Panel>
        {TABS.map(
          ({ value, Panel }) =>
            Panel && (
              <Tabs.Panel key={value} value={value} pt="md">
                <Panel account={account} canEdit={canEdit} />
              </Tabs.Panel>
            ),
        )}
      </Tabs>
    </Stack>
  );
}
