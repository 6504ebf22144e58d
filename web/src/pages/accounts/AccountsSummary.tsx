import { Group, Paper, Progress, Skeleton, Stack, Text, UnstyledButton } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type CSSProperties, useId } from 'react';
import { DeploymentStatuses } from '../../../../src/domain/enums';
import { api } from '../../api/client';
import type { AccountSummaryT } from '../../api/types';
import { ErrorState } from '../../components/States';
import { formatMoney } from '../../lib/format';
import { BarList } from './BarList';
import { deploymentColor } from './columns';

interface Props {
  /** The list's filters as a query string (no sort, no paging), so the figures always match the list. */
  filters: string;
  /** Whether any filter or search is active (decides what an empty result says). */
  filtered: boolean;
  renewalFrom: string | null;
  renewalTo: string | null;
  onRenewalWindow(from: string | null, to: string | null): void;
}

/** YYYY-MM-DD `days` after a YYYY-MM-DD date, in UTC like the server's renewal windows. */
function plusDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function percent(share: number): string {
  return new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: share > 0 && share < 0.1 ? 1 : 0 }).format(share);
}

const plural = (n: number, noun: string) => `${n.toLocaleString()} ${noun}${n === 1 ? '' : 's'}`;

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase">
        {label}
      </Text>
      <Text fz={26} fw={700} lh={1.15} className="kw-nowrap">
        {value}
      </Text>
    </div>
  );
}

/** Totals, two bar charts, renewal windows and the Pareto figure for whatever the list's filters select. */
export function AccountsSummary({ filters, filtered, renewalFrom, renewalTo, onRenewalWindow }: Props) {
  const renewalsId = useId();
  const summary = useQuery({
    queryKey: ['accounts', 'summary', filters],
    queryFn: () => api.get<AccountSummaryT>('/accounts/summary', new URLSearchParams(filters)),
    placeholderData: keepPreviousData,
  });

  if (summary.isPending) {
    return (
      <Paper withBorder p="md" className="kw-summary" role="status" aria-busy="true" aria-label="Loading the portfolio summary">
        <div className="kw-summary-grid">
          {['totals', 'bands', 'deployment', 'renewals'].map((k) => (
            <Skeleton key={k} height={136} />
          ))}
        </div>
      </Paper>
    );
  }
  if (summary.isError) {
    return <ErrorState error={summary.error} title="Could not load the portfolio summary" onRetry={() => summary.refetch()} />;
  }
  const s = summary.data;
  if (s.count === 0) {
    // With no accounts at all the list below already says how to add some.
    if (!filtered) return null;
    return (
      <Paper withBorder p="sm">
        <Text size="sm" c="dimmed">
          No accounts match these filters, so there is nothing to sum up.
        </Text>
      </Paper>
    );
  }

  const bandCount = s.byRevenueBand.length;
  const bands = s.byRevenueBand.map((b, i) => ({
    key: b.label,
    label: b.label,
    value: b.arrMinor,
    valueText: formatMoney(b.arrMinor, s.currency, true),
    detail: plural(b.count, 'account'),
    // Darker for bigger bands, as the bands are ordered.
    color: `var(--mantine-color-teal-${bandCount > 1 ? 3 + Math.round((i * 5) / (bandCount - 1)) : 6})`,
  }));
  const deployment = s.byDeploymentStatus
    .filter((d) => d.key !== null || d.count > 0)
    .map((d) => ({
      key: d.key ?? 'none',
      label: d.key ? DeploymentStatuses.labels[d.key] : 'Not set',
      value: d.count,
      valueText: d.count.toLocaleString(),
      detail: formatMoney(d.arrMinor, s.currency, true),
      color: d.key ? `var(--mantine-color-${deploymentColor[d.key]}-6)` : 'var(--mantine-color-gray-4)',
    }));

  const windows = [
    { key: 'overdue', label: 'Overdue', count: s.renewals.overdue, from: null, to: plusDays(s.asOf, -1), color: 'red' },
    { key: 'next30', label: 'Next 30 days', count: s.renewals.next30, from: s.asOf, to: plusDays(s.asOf, 30), color: 'orange' },
    { key: 'next90', label: 'Next 90 days', count: s.renewals.next90, from: s.asOf, to: plusDays(s.asOf, 90), color: 'yellow' },
  ];

  const { accountsFor80PctArr: paretoCount, shareOfAccounts } = s.pareto;
  return (
    <Paper
      withBorder
      p="md"
      className="kw-summary"
      style={{ opacity: summary.isPlaceholderData ? 0.6 : 1, transition: 'opacity 120ms' }}
      aria-busy={summary.isFetching}
    >
      <div className="kw-summary-grid">
        <Stack gap="sm" justify="space-between">
          <Group gap="lg" wrap="nowrap" align="flex-start">
            <Figure label="Accounts" value={s.count.toLocaleString()} />
            <Figure label="Total ARR" value={formatMoney(s.arrTotalMinor, s.currency, true)} />
          </Group>
          <div>
            <Text size="sm">
              {s.arrTotalMinor > 0 ? (
                <>
                  <strong>{plural(paretoCount, 'account')}</strong> ({percent(shareOfAccounts)}) hold 80% of ARR
                </>
              ) : (
                'No ARR recorded for these accounts'
              )}
            </Text>
            <Progress value={shareOfAccounts * 100} size="sm" mt={4} aria-label="Share of accounts holding 80% of ARR" color="teal.7" />
          </div>
        </Stack>
        <BarList title="ARR by revenue band" bars={bands} />
        <BarList title="Accounts by deployment" bars={deployment} />
        <div>
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" mb={6} id={renewalsId}>
            Renewals
          </Text>
          {/* The group's label gives each chip its context ("Renewals, Overdue 9"), so a chip's name is just what it shows. */}
          <Stack gap={6} role="group" aria-labelledby={renewalsId}>
            {windows.map((w) => {
              const active = renewalFrom === w.from && renewalTo === w.to;
              return (
                <UnstyledButton
                  key={w.key}
                  className="kw-stat-chip"
                  style={{ '--kw-chip-color': `var(--mantine-color-${w.color}-6)` } as CSSProperties}
                  aria-pressed={active}
                  title={active ? 'Show every renewal date again' : 'Show only these accounts'}
                  onClick={() => (active ? onRenewalWindow(null, null) : onRenewalWindow(w.from, w.to))}
                >
                  <span>{w.label}</span>
                  <strong>{w.count.toLocaleString()}</strong>
                </UnstyledButton>
              );
            })}
          </Stack>
        </div>
      </div>
    </Paper>
  );
}
