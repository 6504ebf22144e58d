import { MultiSelect, Select, SimpleGrid, TextInput } from '@mantine/core';
import { CompanySizes, DeploymentStatuses, LifecyclePhases, RiskStatuses, TouchTiers } from '../../../../src/domain/enums';
import { useFacets, useMembers } from '../../api/queries';
import { useMe } from '../../api/session';
import type { Kpi } from '../../api/types';
import { enumOptions } from '../../lib/format';
import { kpiStatuses, statusLabels } from '../account/usage/format';
import { kpiStatusValue, type MultiFilter, readKpiStatus, readList } from './listState';

interface Props {
  params: URLSearchParams;
  onChange(key: string, value: string | string[] | null): void;
  /** The workspace's KPIs, for the KPI filter (hidden while there are none). */
  kpis?: Kpi[];
}

type Option = { value: string; label: string };

/** The overall score's RAG; "none" is accounts without a score (no scorecard applies, or no data). */
const HEALTH_OPTIONS: Option[] = [
  { value: 'red', label: 'Red' },
  { value: 'amber', label: 'Amber' },
  { value: 'green', label: 'Green' },
  { value: 'none', label: 'No score' },
];

/** One multi-select per segment field, plus hierarchy, renewal window and one KPI's status. */
export function AccountFilters({ params, onChange, kpis = [] }: Props) {
  const me = useMe();
  const facets = useFacets();
  const members = useMembers();

  const options: Record<MultiFilter, { label: string; data: Option[] }> = {
    industry: { label: 'Industry', data: (facets.data?.industries ?? []).map((v) => ({ value: v, label: v })) },
    region: { label: 'Region', data: (facets.data?.regions ?? []).map((v) => ({ value: v, label: v })) },
    companySize: { label: 'Company size', data: enumOptions(CompanySizes) },
    revenueBand: { label: 'Revenue band', data: me.workspace.settings.revenueBands.map((b) => ({ value: b.label, label: b.label })) },
    deploymentStatus: { label: 'Deployment status', data: enumOptions(DeploymentStatuses) },
    lifecyclePhase: { label: 'Lifecycle phase', data: enumOptions(LifecyclePhases) },
    touchTier: { label: 'Touch tier', data: enumOptions(TouchTiers) },
    ownerId: {
      label: 'Owner',
      data: [{ value: 'none', label: 'Unassigned' }, ...(members.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))],
    },
    riskStatus: { label: 'Risk status', data: enumOptions(RiskStatuses) },
    health: { label: 'Health', data: HEALTH_OPTIONS },
  };

  const parentId = params.get('parentId') ?? '';
  const hierarchy: Option[] = [
    { value: 'all', label: 'All accounts' },
    { value: 'none', label: 'Top-level only' },
    ...(parentId && parentId !== 'none' ? [{ value: parentId, label: 'Children of one account' }] : []),
  ];

  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 4, xl: 6 }} spacing="sm" verticalSpacing="xs">
      {(Object.keys(options) as MultiFilter[]).map((key) => {
        const selected = readList(params, key);
        const { label, data } = options[key];
        // Keep values from a shared link visible even before (or without) a matching option.
        const all = [...data, ...selected.filter((v) => !data.some((o) => o.value === v)).map((v) => ({ value: v, label: v }))];
        return (
          <MultiSelect
            key={key}
            label={label}
            placeholder={selected.length ? undefined : 'Any'}
            data={all}
            value={selected}
            onChange={(value) => onChange(key, value)}
            searchable
            clearable
            size="xs"
            // Lets a picked value and the search field share one line in a narrow grid cell.
            styles={{ inputField: { minWidth: 40 } }}
          />
        );
      })}
      <Select
        label="Hierarchy"
        data={hierarchy}
        value={parentId || 'all'}
        onChange={(v) => onChange('parentId', v === 'all' ? null : v)}
        allowDeselect={false}
        size="xs"
      />
      <TextInput
        label="Renewal from"
        type="date"
        size="xs"
        value={params.get('renewalFrom') ?? ''}
        onChange={(e) => onChange('renewalFrom', e.currentTarget.value)}
      />
      <TextInput
        label="Renewal to"
        type="date"
        size="xs"
        value={params.get('renewalTo') ?? ''}
        onChange={(e) => onChange('renewalTo', e.currentTarget.value)}
      />
      <Select
        label="Touch overdue"
        data={[
          { value: 'any', label: 'Any' },
          { value: 'true', label: 'Overdue' },
          { value: 'false', label: 'Not overdue' },
        ]}
        value={params.get('touchOverdue') ?? 'any'}
        onChange={(v) => onChange('touchOverdue', v === 'any' ? null : v)}
        allowDeselect={false}
        size="xs"
      />
      {kpis.length > 0 && <KpiFilter params={params} onChange={onChange} kpis={kpis} />}
    </SimpleGrid>
  );
}

/** Accounts whose KPI has one of the picked statuses; picking a KPI starts with critical and warning (the ones to act on). */
function KpiFilter({ params, onChange, kpis }: Required<Props>) {
  const current = readKpiStatus(params);
  const kpiData = [
    ...kpis.map((k) => ({ value: k.id, label: k.name })),
    ...(current && !kpis.some((k) => k.id === current.kpiId) ? [{ value: current.kpiId, label: 'Deleted KPI' }] : []),
  ];
  return (
    <>
      <Select
        label="KPI"
        placeholder="Any"
        data={kpiData}
        value={current?.kpiId ?? null}
        onChange={(id) => onChange('kpiStatus', kpiStatusValue(id, current?.statuses.length ? current.statuses : ['critical', 'warning']))}
        searchable
        clearable
        size="xs"
      />
      <MultiSelect
        label="KPI status"
        placeholder={current ? undefined : 'Pick a KPI first'}
        data={kpiStatuses.map((s) => ({ value: s, label: statusLabels[s] }))}
        value={current?.statuses ?? []}
        onChange={(statuses) => onChange('kpiStatus', kpiStatusValue(current?.kpiId ?? null, statuses))}
        disabled={!current}
        clearable
        size="xs"
        styles={{ inputField: { minWidth: 40 } }}
      />
    </>
  );
}
