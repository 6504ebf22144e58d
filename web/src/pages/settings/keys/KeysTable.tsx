import { Badge, Code, Table } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ListStates, ListTable, RowConfirmButton } from '../../../components/ListTable';
import { formatDateTime } from '../../../lib/format';
import type { KeyRow } from './useKeyAdmin';

/** The keys of one kind: name, prefix, any extra columns, dates, and revoke (or when it was revoked). */
export function KeysTable<K extends KeyRow>({
  keys,
  noun,
  emptyDescription,
  minWidth,
  extra,
  revokeMessage,
  onRevoke,
}: {
  keys: UseQueryResult<{ items: K[] }>;
  /** e.g. "API key", used in titles and labels. */
  noun: string;
  emptyDescription: string;
  minWidth: number;
  extra?: { label: string; cell(key: K): ReactNode };
  revokeMessage(key: K): string;
  onRevoke(key: K): Promise<unknown>;
}) {
  const columns = ['Name', 'Key', ...(extra ? [extra.label] : []), 'Created', 'Last used'];
  return (
    <ListStates query={keys} columns={5} rows={3} errorTitle={`Could not load ${noun}s`} empty={{ title: `No ${noun}s yet`, description: emptyDescription }}>
      {(data) => (
        <ListTable label={`${noun.charAt(0).toUpperCase()}${noun.slice(1)}s`} minWidth={minWidth} columns={columns} actions>
          {data.items.map((k) => (
            <Table.Tr key={k.id}>
              <Table.Td fw={600}>{k.name}</Table.Td>
              <Table.Td>
                <Code>{k.prefix}…</Code>
              </Table.Td>
              {extra && <Table.Td>{extra.cell(k)}</Table.Td>}
              <Table.Td className="kw-nowrap">{formatDateTime(k.createdAt)}</Table.Td>
              <Table.Td className="kw-nowrap">{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : 'Never'}</Table.Td>
              <Table.Td ta="right">
                {k.revokedAt ? (
                  <Badge color="gray" variant="light" tt="none">
                    Revoked {formatDateTime(k.revokedAt)}
                  </Badge>
                ) : (
                  <RowConfirmButton verb="Revoke" name={k.name} title={`Revoke ${noun}`} message={revokeMessage(k)} onConfirm={() => onRevoke(k)} />
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
    </ListStates>
  );
}
