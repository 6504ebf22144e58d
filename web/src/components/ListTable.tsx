import { Button, Group, type GroupProps, Table, VisuallyHidden } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ConfirmButton } from './ConfirmButton';
import { Empty, ErrorState, TableSkeleton } from './States';

/** The pieces every settings-style list repeats: loading/error/empty states, the table frame, row buttons. */

type Column = string | { label: string; visibleFrom: 'sm' | 'md' | 'lg' };

/** A skeleton while loading, the error with a retry, an empty state when there are no items, else the list. */
export function ListStates<T extends { items: unknown[] }>({
  query,
  columns,
  rows,
  errorTitle,
  empty,
  children,
}: {
  query: UseQueryResult<T>;
  columns: number;
  rows: number;
  errorTitle: string;
  empty: { title: string; description: string; action?: ReactNode };
  children(data: T): ReactNode;
}) {
  if (query.isPending) return <TableSkeleton columns={columns} rows={rows} />;
  if (query.isError) return <ErrorState error={query.error} title={errorTitle} onRetry={() => query.refetch()} />;
  if (query.data.items.length === 0) return <Empty {...empty} />;
  return children(query.data);
}

/** A scrollable table with a header row; `actions` adds the trailing (visually hidden) Actions column. */
export function ListTable({
  label,
  minWidth,
  columns,
  actions = false,
  children,
}: {
  label: string;
  minWidth: number;
  columns: Column[];
  actions?: boolean;
  children: ReactNode;
}) {
  return (
    <Table.ScrollContainer minWidth={minWidth} type="native">
      <Table verticalSpacing="xs" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) =>
              typeof c === 'string' ? (
                <Table.Th key={c}>{c}</Table.Th>
              ) : (
                <Table.Th key={c.label} visibleFrom={c.visibleFrom}>
                  {c.label}
                </Table.Th>
              ),
            )}
            {actions && (
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The trailing cell of a row: its buttons, right-aligned. */
export function RowActions({ children, gap = 'xs', wrap = 'nowrap' }: { children: ReactNode; gap?: GroupProps['gap']; wrap?: GroupProps['wrap'] }) {
  return (
    <Table.Td>
      <Group gap={gap} justify="flex-end" wrap={wrap}>
        {children}
      </Group>
    </Table.Td>
  );
}

export function EditButton({ name, onClick }: { name: string; onClick(): void }) {
  return (
    <Button size="compact-sm" variant="subtle" aria-label={`Edit ${name}`} onClick={onClick}>
      Edit
    </Button>
  );
}

/** A row's destructive action ("Delete", "Remove", "Revoke") behind a confirmation naming the row. */
export function RowConfirmButton({
  verb,
  name,
  title,
  message,
  onConfirm,
}: {
  verb: string;
  name: string;
  title: string;
  message: string;
  onConfirm(): Promise<unknown>;
}) {
  return (
    <ConfirmButton size="compact-sm" variant="subtle" aria-label={`${verb} ${name}`} title={title} message={message} confirmLabel={verb} onConfirm={onConfirm}>
      {verb}
    </ConfirmButton>
  );
}
