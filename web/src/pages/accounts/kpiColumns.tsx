import { Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { AccountListItem, Kpi, KpiListT } from '../../api/types';
import { formatKpiValue } from '../account/usage/format';
import { StatusBadge } from '../account/usage/StatusBadge';

/** The workspace's KPI definitions (names, units, thresholds) for the KPI columns and the KPI filter. */
export function useKpiList() {
  return useQuery({ queryKey: ['kpis', 'list'], queryFn: () => api.get<KpiListT>('/kpis'), staleTime: 60_000 });
}

/** One KPI cell: the value with its unit, and the status in words (not colour alone). */
export function KpiCell({ kpi, account }: { kpi: Kpi; account: AccountListItem }) {
  const entry = account.kpis?.[kpi.id];
  if (!entry) return null;
  return (
    <Group gap={6} wrap="nowrap" justify="flex-end">
      <Text span size="sm" className="kw-nowrap" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {formatKpiValue(entry.value, kpi.unit)}
      </Text>
      <StatusBadge status={entry.status} />
    </Group>
  );
}
