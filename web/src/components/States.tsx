import { Alert, Button, EmptyState, Group, Skeleton, Stack, Table } from '@mantine/core';
import type { ReactNode } from 'react';

/** Loading, empty and error states shared by every data view, so they look and read the same. */

/** A named live region (role="status"): a name on a plain div is not allowed, and screen readers announce the wait. */
export function PageSkeleton({ label = 'Loading' }: { label?: string }) {
  return (
    <Stack gap="sm" role="status" aria-busy="true" aria-label={label}>
      <Skeleton height={28} width="40%" />
      <Skeleton height={16} width="70%" />
      <Skeleton height={160} />
    </Stack>
  );
}

export function TableSkeleton({ columns, rows = 8 }: { columns: number; rows?: number }) {
  return (
    <Table aria-busy="true" aria-label="Loading rows">
      <Table.Tbody>
        {Array.from({ length: rows }, (_, r) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity
          <Table.Tr key={r}>
            {Array.from({ length: columns }, (_, c) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: placeholder cells have no identity
              <Table.Td key={c}>
                <Skeleton height={14} />
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function ErrorState({ error, onRetry, title = 'Could not load this' }: { error: unknown; onRetry?: () => void; title?: string }) {
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Alert color="red" title={title} role="alert">
      <Stack gap="xs" align="flex-start">
        <span>{message}</span>
        {onRetry && (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            Try again
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

export function Empty({ title, description, action }: { title: string; description?: ReactNode; action?: ReactNode }) {
  return (
    <EmptyState title={title} description={description} py="xl">
      {action && <Group justify="center">{action}</Group>}
    </EmptyState>
  );
}
