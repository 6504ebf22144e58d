import { Table } from '@mantine/core';
import type { AccountColumn, AccountListItem, Kpi } from '../../api/types';
import { COLUMNS } from './columns';
import { KpiCell } from './kpiColumns';

interface Props {
  items: AccountListItem[];
  columns: AccountColumn[];
  /** KPI columns, right after the first column (usually the name) so they are seen without scrolling; not sortable. */
  kpis?: Kpi[];
  /** The API sort string: "name", "-arr", … */
  sort: string;
  onSort(sort: string): void;
}

function SortArrow({ direction }: { direction: 'ascending' | 'descending' | 'none' }) {
  const d = direction === 'ascending' ? 'M4 10l4-5 4 5z' : direction === 'descending' ? 'M4 6l4 5 4-5z' : 'M5 6.5l3-3.5 3 3.5zM5 9.5l3 3.5 3-3.5z';
  return (
    <svg width="12" height="12" viewBox="0 0 16 16" aria-hidden="true" fill="currentColor" opacity={direction === 'none' ? 0.35 : 0.9}>
      <path d={d} />
    </svg>
  );
}

function FieldHead({ column, sort, onSort }: { column: AccountColumn; sort: string; onSort(sort: string): void }) {
  const col = COLUMNS[column];
  const direction = col.sort === sort.replace(/^-/, '') ? (sort.startsWith('-') ? 'descending' : 'ascending') : 'none';
  return (
    <Table.Th aria-sort={col.sort ? direction : undefined} style={{ textAlign: col.align ?? 'left', whiteSpace: 'nowrap' }}>
      {col.sort ? (
        <button
          type="button"
          className="kw-sort-button"
          onClick={() => onSort(direction === 'ascending' ? `-${col.sort}` : (col.sort ?? 'name'))}
          aria-label={`Sort by ${col.label}${direction === 'ascending' ? ', descending' : ''}`}
        >
          {col.label}
          <SortArrow direction={direction} />
        </button>
      ) : (
        col.label
      )}
    </Table.Th>
  );
}

function FieldCell({ column, account }: { column: AccountColumn; account: AccountListItem }) {
  return <Table.Td style={{ textAlign: COLUMNS[column].align ?? 'left' }}>{COLUMNS[column].render(account)}</Table.Td>;
}

/** The accounts table; headers of sortable columns are buttons that toggle the direction. */
export function AccountsTable({ items, columns, kpis = [], sort, onSort }: Props) {
  const [first, ...rest] = columns;
  return (
    <Table.ScrollContainer minWidth={Math.max(640, (columns.length + kpis.length) * 115)} type="native">
      <Table striped highlightOnHover verticalSpacing="xs" aria-label="Accounts">
        <Table.Thead>
          <Table.Tr>
            {first && <FieldHead column={first} sort={sort} onSort={onSort} />}
            {kpis.map((kpi) => (
              <Table.Th key={kpi.id} style={{ textAlign: 'right', whiteSpace: 'nowrap' }} title={kpi.description ?? undefined}>
                {kpi.name}
              </Table.Th>
            ))}
            {rest.map((key) => (
              <FieldHead key={key} column={key} sort={sort} onSort={onSort} />
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((account) => (
            <Table.Tr key={account.id}>
              {first && <FieldCell column={first} account={account} />}
              {kpis.map((kpi) => (
                <Table.Td key={kpi.id} style={{ textAlign: 'right' }}>
                  <KpiCell kpi={kpi} account={account} />
                </Table.Td>
              ))}
              {rest.map((key) => (
                <FieldCell key={key} column={key} account={account} />
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
