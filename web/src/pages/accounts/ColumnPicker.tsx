import { Anchor, Button, Checkbox, Divider, Popover, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { accountColumns } from '../../../../src/modules/views/contracts';
import type { AccountColumn, Kpi } from '../../api/types';
import { COLUMNS } from './columns';
import { MAX_KPI_COLUMNS } from './listState';

interface Props {
  columns: AccountColumn[];
  onChange(columns: AccountColumn[]): void;
  /** The workspace's KPIs (undefined while loading) and the ids shown as columns. */
  kpis?: Kpi[];
  kpiColumns?: string[];
  onKpiColumnsChange?(ids: string[]): void;
}

/** Which segment-field and KPI columns the table shows; the name column always stays. */
export function ColumnPicker({ columns, onChange, kpis, kpiColumns = [], onKpiColumnsChange }: Props) {
  const full = kpiColumns.length >= MAX_KPI_COLUMNS;
  return (
    <Popover position="bottom-end" shadow="md" withinPortal>
      <Popover.Target>
        <Button variant="default" size="sm">
          Columns
        </Button>
      </Popover.Target>
      <Popover.Dropdown mah="70vh" style={{ overflowY: 'auto' }}>
        <Stack gap={6} role="group" aria-label="Visible columns">
          {accountColumns.map((key) => (
            <Checkbox
              key={key}
              label={COLUMNS[key].label}
              checked={columns.includes(key)}
              disabled={key === 'name'}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                // Keep the canonical column order whatever the click order.
                onChange(accountColumns.filter((c) => (c === key ? on : columns.includes(c))));
              }}
            />
          ))}
        </Stack>
        {onKpiColumnsChange && (
          <>
            <Divider my="sm" />
            <Stack gap={6} role="group" aria-label="KPI columns" maw={260}>
              <Text size="xs" fw={600} c="dimmed" tt="uppercase">
                KPIs {full ? `(at most ${MAX_KPI_COLUMNS})` : ''}
              </Text>
              {kpis === undefined ? (
                <Text size="sm" c="dimmed">
                  Loading KPIs…
                </Text>
              ) : kpis.length === 0 ? (
                <Text size="sm" c="dimmed">
                  No KPIs defined yet:{' '}
                  <Anchor component={Link} to="/settings?tab=kpis" size="sm">
                    Settings → KPIs
                  </Anchor>
                </Text>
              ) : (
                kpis.map((kpi) => {
                  const checked = kpiColumns.includes(kpi.id);
                  return (
                    <Checkbox
                      key={kpi.id}
                      label={kpi.name}
                      checked={checked}
                      disabled={!checked && full}
                      onChange={(e) => {
                        const on = e.currentTarget.checked;
                        // The workspace's KPI order, whatever the click order.
                        onKpiColumnsChange(kpis.filter((k) => (k.id === kpi.id ? on : kpiColumns.includes(k.id))).map((k) => k.id));
                      }}
                    />
                  );
                })
              )}
            </Stack>
          </>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
