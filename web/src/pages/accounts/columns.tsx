import { Anchor, Badge, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { CompanySizes, DeploymentStatuses, LifecyclePhases, RiskStatuses, TouchTiers } from '../../../../src/domain/enums';
import type { Account, AccountColumn, AccountHealthSummaryT } from '../../api/types';
import { HealthBadge } from '../../components/health/HealthBadge';
import { enumLabel, formatDate, formatDateTime, formatMoney } from '../../lib/format';

export interface ColumnDef {
  label: string;
  /** The API sort key, when the column can be sorted. */
  sort?: string;
  align?: 'left' | 'right';
  render(account: Account): ReactNode;
}

export const deploymentColor = { starting_implementation: 'gray', under_implementation: 'blue', deployed: 'teal' } as const;

export function RiskBadges({ risks }: { risks: Account['riskStatuses'] }) {
  if (!risks.length) return null;
  return (
    <Group gap={4} wrap="wrap">
      {risks.map((r) => (
        <Badge key={r} color="red" variant="light" size="sm" tt="none">
          {RiskStatuses.labels[r]}
        </Badge>
      ))}
    </Group>
  );
}

/** The overall health of a list item or detail (the column renderers take the base Account, which has no `health`). */
export function healthOf(account: Account): AccountHealthSummaryT | undefined {
  return (account as Account & { health?: AccountHealthSummaryT }).health;
}

export const COLUMNS: Record<AccountColumn, ColumnDef> = {
  name: {
    label: 'Name',
    sort: 'name',
    render: (a) => (
      <Anchor component={Link} to={`/accounts/${a.id}`} fw={600} size="sm" className="kw-nowrap">
        {a.name}
      </Anchor>
    ),
  },
  externalId: { label: 'External ID', render: (a) => a.externalId },
  industry: { label: 'Industry', render: (a) => a.industry },
  region: { label: 'Region', render: (a) => a.region },
  companySize: { label: 'Company size', render: (a) => enumLabel(CompanySizes, a.companySize) },
  revenueBand: { label: 'Revenue band', render: (a) => <span className="kw-nowrap">{a.revenueBand}</span> },
  arr: {
    label: 'ARR',
    sort: 'arr',
    align: 'right',
    render: (a) => <span className="kw-nowrap">{formatMoney(a.arrMinor, a.currency)}</span>,
  },
  deploymentStatus: {
    label: 'Deployment',
    render: (a) =>
      a.deploymentStatus && (
        <span className="kw-nowrap">
          <span className="kw-dot" style={{ background: `var(--mantine-color-${deploymentColor[a.deploymentStatus]}-6)` }} aria-hidden="true" />
          {DeploymentStatuses.labels[a.deploymentStatus]}
        </span>
      ),
  },
  lifecyclePhase: { label: 'Lifecycle phase', render: (a) => enumLabel(LifecyclePhases, a.lifecyclePhase) },
  touchTier: { label: 'Touch tier', render: (a) => enumLabel(TouchTiers, a.touchTier) },
  owner: {
    label: 'Owner',
    render: (a) =>
      a.ownerName ?? (
        <Text span c="dimmed" size="sm">
          Unassigned
        </Text>
      ),
  },
  renewalDate: { label: 'Renewal', sort: 'renewalDate', render: (a) => <span className="kw-nowrap">{formatDate(a.renewalDate)}</span> },
  riskStatuses: { label: 'Risks', render: (a) => <RiskBadges risks={a.riskStatuses} /> },
  parent: {
    label: 'Parent',
    render: (a) =>
      a.parentId && (
        <Anchor component={Link} to={`/accounts/${a.parentId}`} size="sm">
          {a.parentName}
        </Anchor>
      ),
  },
  updatedAt: { label: 'Updated', sort: 'updatedAt', render: (a) => <span className="kw-nowrap">{formatDateTime(a.updatedAt)}</span> },
  lastMeetingAt: { label: 'Last meeting', sort: 'lastMeetingAt', render: (a) => <span className="kw-nowrap">{formatDate(a.lastMeetingAt)}</span> },
  nextMeetingAt: {
    label: 'Next meeting',
    sort: 'nextMeetingAt',
    render: (a) =>
      a.nextMeetingAt && (
        // A planned meeting whose day has passed still needs logging: shown as such rather than as "next".
        <Text span size="sm" c={a.nextMeetingAt < new Date().toISOString() ? 'orange' : undefined} className="kw-nowrap">
          {formatDate(a.nextMeetingAt)}
        </Text>
      ),
  },
  lastTouchAt: { label: 'Last touch', sort: 'lastTouchAt', render: (a) => <span className="kw-nowrap">{formatDate(a.lastTouchAt)}</span> },
  touchOverdue: {
    label: 'Touch overdue',
    render: (a) =>
      a.touchOverdue && (
        <Badge color="orange" variant="light" size="sm" tt="none">
          Overdue
        </Badge>
      ),
  },
  health: {
    label: 'Health',
    sort: 'health',
    render: (a) => {
      const health = healthOf(a);
      return <HealthBadge score={health?.score} rag={health?.rag} trend={health?.trend} trendFrom={health?.trendFrom} />;
    },
  },
};
