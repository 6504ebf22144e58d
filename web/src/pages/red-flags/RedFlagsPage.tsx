import { Button, Group, MultiSelect, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { RedFlagKinds, RedFlagStatuses } from '../../../../src/domain/enums';
import { api } from '../../api/client';
import type { RedFlagPage } from '../../api/types';
import { Empty, ErrorState, PageSkeleton } from '../../components/States';
import { enumOptions } from '../../lib/format';
import { RaiseRedFlagModal } from './RaiseRedFlagModal';
import { RedFlagList } from './RedFlagList';

const sourceOptions = [
  { value: 'person', label: 'Raised by a person' },
  { value: 'automatic', label: 'Automatic' },
];

/** The workspace-wide feed of red flags, newest first: everyone facing customers sees them, and anyone can raise one. */
export function RedFlagsPage() {
  const [raising, setRaising] = useState(false);
  const [status, setStatus] = useState<string | null>('open');
  const [kind, setKind] = useState<string[]>([]);
  const [source, setSource] = useState<string | null>(null);
  const [since, setSince] = useState('');
  const filters = { status, kind, source, since };
  const feed = useInfiniteQuery({
    queryKey: ['red-flags', 'feed', filters],
    queryFn: ({ pageParam }) => api.get<RedFlagPage>('/red-flags', { ...filters, limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = feed.data?.pages.flatMap((p) => p.items) ?? [];
  const total = feed.data?.pages[0]?.total;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Title order={1} size="h2">
            Red flags {total !== undefined ? `(${total})` : ''}
          </Title>
          <Text size="sm" c="dimmed" maw={760}>
            Warnings from anyone who faces customers: people leaving, budget cuts, acquisitions, an RFP, a customer gone dark. Marking a sponsor or champion as
            left raises one automatically.
          </Text>
        </div>
        <Button color="red" onClick={() => setRaising(true)}>
          Raise a red flag
        </Button>
      </Group>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select label="Status" placeholder="Any" clearable data={enumOptions(RedFlagStatuses)} value={status} onChange={setStatus} w={150} />
        <MultiSelect label="Kind" placeholder="Any" clearable data={enumOptions(RedFlagKinds)} value={kind} onChange={setKind} w={300} />
        <Select label="Source" placeholder="Any" clearable data={sourceOptions} value={source} onChange={setSource} w={190} />
        <TextInput label="Raised since" type="date" value={since} onChange={(e) => setSince(e.currentTarget.value)} w={170} />
      </Group>
      {feed.isPending ? (
        <PageSkeleton label="Loading red flags" />
      ) : feed.isError ? (
        <ErrorState error={feed.error} title="Could not load red flags" onRetry={() => feed.refetch()} />
      ) : items.length === 0 ? (
        <Empty title="No red flags match" description="Nothing to worry about here — or change the filters." />
      ) : (
        <>
          <RedFlagList items={items} />
          {feed.hasNextPage && (
            <Group justify="center">
              <Button variant="default" onClick={() => feed.fetchNextPage()} loading={feed.isFetchingNextPage}>
                Show more
              </Button>
            </Group>
          )}
        </>
      )}
      {raising && <RaiseRedFlagModal onClose={() => setRaising(false)} />}
    </Stack>
  );
}
