import { Alert, List, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { RedFlagKinds } from '../../../../../src/domain/enums';
import { api } from '../../../api/client';
import type { RedFlagPage } from '../../../api/types';
import { formatDate } from '../../../lib/format';
import { accountFlagsKey } from '../../red-flags/actions';

/** The account's open red flags, compactly, for the account header; nothing at all when there are none. */
export function RedFlagBanner({ accountId }: { accountId: string }) {
  const flags = useQuery({
    queryKey: accountFlagsKey(accountId, 'open'),
    queryFn: () => api.get<RedFlagPage>(`/accounts/${accountId}/red-flags`, { status: 'open', limit: 20 }),
  });
  const items = flags.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Alert color="red" variant="light" title={`${flags.data?.total ?? items.length} open red ${items.length === 1 ? 'flag' : 'flags'}`} role="status" py="xs">
      <List size="sm" spacing={2}>
        {items.map((f) => (
          <List.Item key={f.id}>
            <Text span fw={600} size="sm">
              {RedFlagKinds.labels[f.kind]}
            </Text>
            {f.note ? `: ${f.note}` : ''}{' '}
            <Text span size="xs" c="dimmed">
              ({formatDate(f.raisedAt)})
            </Text>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
