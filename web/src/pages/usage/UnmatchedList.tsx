import { Badge, Button, Code, Group, Paper, Select, Stack, Table, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { type FormEvent, Fragment, useState } from 'react';
import { api } from '../../api/client';
import type { UnmatchedItemT, UnmatchedPageT } from '../../api/types';
import { Empty, ErrorState, TableSkeleton } from '../../components/States';
import { formatDateTime } from '../../lib/format';
import { reasonTitle, reasonTitles } from './reasons';

const PAGE_SIZE = 50;

interface Props {
  reason: string | null;
  onReason(reason: string | null): void;
  keyFilter: string;
  onKey(key: string): void;
}

/** Every unmatched event, newest first, filtered by reason or by an exact id, a page at a time. */
export function UnmatchedList({ reason, onReason, keyFilter, onKey }: Props) {
  const [draftKey, setDraftKey] = useState(keyFilter);
  const [open, setOpen] = useState<Set<number>>(new Set());
  const list = useInfiniteQuery({
    queryKey: ['usage', 'unmatched', { reason, key: keyFilter }],
    queryFn: ({ pageParam }) => api.get<UnmatchedPageT>('/usage/unmatched', { reason, key: keyFilter, limit: PAGE_SIZE, cursor: pageParam || undefined }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total ?? 0;

  function search(event: FormEvent) {
    event.preventDefault();
    onKey(draftKey.trim());
  }
  const toggle = (seq: number) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(seq)) next.delete(seq);
      else next.add(seq);
      return next;
    });

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="unmatched-list-title">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <div>
            <Title order={2} size="h4" id="unmatched-list-title">
              Unmatched events
            </Title>
            <Text size="sm" c="dimmed" aria-live="polite" data-testid="unmatched-total">
              {list.isPending ? 'Loading…' : `${total.toLocaleString()} ${total === 1 ? 'event' : 'events'}`}
            </Text>
          </div>
          <Group align="flex-end" wrap="wrap">
            <Select
              label="Reason"
              placeholder="Any reason"
              data={Object.entries(reasonTitles).map(([value, label]) => ({ value, label }))}
              value={reason}
              onChange={onReason}
              clearable
              w={200}
            />
            <form onSubmit={search} aria-label="Find by id">
              <Group gap="xs" align="flex-end" wrap="nowrap">
                <TextInput
                  label="groupId, userId or anonymousId"
                  placeholder="Exact id"
                  value={draftKey}
                  onChange={(e) => setDraftKey(e.currentTarget.value)}
                  w={240}
                />
                <Button type="submit" variant="default">
                  Find
                </Button>
                {keyFilter && (
                  <Button
                    variant="subtle"
                    onClick={() => {
                      setDraftKey('');
                      onKey('');
                    }}
                  >
                    Clear
                  </Button>
                )}
              </Group>
            </form>
          </Group>
        </Group>
        {list.isPending ? (
          <TableSkeleton columns={5} rows={5} />
        ) : list.isError ? (
          <ErrorState error={list.error} title="Could not load unmatched events" onRetry={() => list.refetch()} />
        ) : items.length === 0 ? (
          <Empty
            title={reason || keyFilter ? 'No unmatched events match these filters' : 'Nothing unmatched'}
            description={reason || keyFilter ? 'Clear the filters to see all of them.' : 'Every event received so far belongs to an account.'}
          />
        ) : (
          <>
            <Table.ScrollContainer minWidth={800} type="native">
              <Table verticalSpacing={6} aria-label="Unmatched events">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Event</Table.Th>
                    <Table.Th>Ids</Table.Th>
                    <Table.Th>Reason</Table.Th>
                    <Table.Th>Received</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((item) => (
                    <Fragment key={item.seq}>
                      <Row item={item} expanded={open.has(item.seq)} onToggle={() => toggle(item.seq)} />
                      {open.has(item.seq) && (
                        <Table.Tr>
                          <Table.Td colSpan={4} id={`payload-${item.seq}`}>
                            {/* Text in a <pre>: the payload is whatever a client sent, never markup. */}
                            <Code block component="pre" aria-label={`Payload of message ${item.messageId}`} style={{ maxHeight: 360, overflow: 'auto' }}>
                              {JSON.stringify(item.payload, null, 2)}
                            </Code>
                          </Table.Td>
                        </Table.Tr>
                      )}
                    </Fragment>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {list.hasNextPage && (
              <Group justify="center">
                <Button variant="default" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
                  Load more
                </Button>
              </Group>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}

function Row({ item, expanded, onToggle }: { item: UnmatchedItemT; expanded: boolean; onToggle(): void }) {
  const ids = [item.groupId && ['groupId', item.groupId], item.userId && ['userId', item.userId], item.anonymousId && ['anonymousId', item.anonymousId]].filter(
    (x): x is [string, string] => Boolean(x),
  );
  return (
    <Table.Tr>
      <Table.Td>
        <UnstyledButton onClick={onToggle} aria-expanded={expanded} aria-controls={`payload-${item.seq}`} className="kw-sort-button">
          <span aria-hidden="true">{expanded ? '▾' : '▸'}</span>
          {item.event ?? item.type}
        </UnstyledButton>
        <Text size="xs" c="dimmed">
          {item.type} · {item.messageId}
        </Text>
      </Table.Td>
      <Table.Td>
        {ids.map(([kind, value]) => (
          <Text key={kind} size="xs" style={{ overflowWrap: 'anywhere' }}>
            {kind}: <Code>{value}</Code>
          </Text>
        ))}
      </Table.Td>
      <Table.Td maw={360}>
        <Badge variant="light" color="orange" tt="none">
          {reasonTitle(item.reason)}
        </Badge>
        <Text size="xs" c="dimmed" mt={2}>
          {item.reasonText}
        </Text>
      </Table.Td>
      <Table.Td className="kw-nowrap">{formatDateTime(item.receivedAt)}</Table.Td>
    </Table.Tr>
  );
}
