import { Anchor, Stack } from '@mantine/core';
import { Link } from 'react-router';
import type { AccountDetail } from '../../../api/types';
import { useAccountHealth } from '../../../components/health/queries';
import { Empty, ErrorState, PageSkeleton } from '../../../components/States';
import { ManualMeasures } from './ManualMeasures';
import { ScorePanel } from './ScorePanel';

/** The account's Health tab: every score that applies (overall first), explained, and its manual measures. */
export function HealthTab({ account, canEdit }: { account: AccountDetail; canEdit: boolean }) {
  const health = useAccountHealth(account.id);

  if (health.isPending) return <PageSkeleton label="Loading health scores" />;
  if (health.isError) return <ErrorState error={health.error} title="Could not load the health scores" onRetry={() => health.refetch()} />;

  const scores = [...health.data.scores].sort((a, b) => Number(b.scorecardId === health.data.overall) - Number(a.scorecardId === health.data.overall));
  if (!scores.length) {
    return (
      <Empty
        title="No scorecard applies to this account"
        description="Scorecards are assigned to accounts by segment (lifecycle phase, touch tier, deployment, company size)."
        action={
          <Anchor component={Link} to="/settings?tab=scorecards">
            See the scorecards
          </Anchor>
        }
      />
    );
  }

  return (
    <Stack gap="md">
      {scores.map((score) => (
        <ScorePanel key={score.scorecardId} score={score} />
      ))}
      <ManualMeasures accountId={account.id} canEdit={canEdit} />
    </Stack>
  );
}
