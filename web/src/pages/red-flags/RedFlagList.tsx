import { Anchor, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { RedFlagKinds } from '../../../../src/domain/enums';
import { api } from '../../api/client';
import { useSession } from '../../api/session';
import type { RedFlag } from '../../api/types';
import { ConfirmButton } from '../../components/ConfirmButton';
import { notifyError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { invalidateRedFlags } from './actions';
import { ResolveRedFlagModal } from './ResolveRedFlagModal';

/** Red flags as a feed: kind, account, note, who raised it when (automatic ones marked), and what can be done. */
export function RedFlagList({ items, showAccount = true }: { items: RedFlag[]; showAccount?: boolean }) {
  const { can, me } = useSession();
  const queryClient = useQueryClient();
  const [resolving, setResolving] = useState<RedFlag | null>(null);
  const reopen = useMutation({
    mutationFn: (flag: RedFlag) => api.patch<RedFlag>(`/red-flags/${flag.id}`, { status: 'open' }),
    onSuccess: () => invalidateRedFlags(queryClient),
    onError: (err) => notifyError(err, 'Could not reopen the red flag'),
  });
  const remove = useMutation({
    mutationFn: (flag: RedFlag) => api.delete(`/red-flags/${flag.id}`),
    onSuccess: () => invalidateRedFlags(queryClient),
    onError: (err) => notifyError(err, 'Could not delete the red flag'),
  });
  const kind = (flag: RedFlag) => RedFlagKinds.labels[flag.kind];

  return (
    <>
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Red flags">
        {items.map((flag) => (
          <Paper
            key={flag.id}
            component="li"
            withBorder
            p="sm"
            style={{ borderLeft: `4px solid var(--mantine-color-${flag.status === 'open' ? 'red' : 'gray'}-6)` }}
          >
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Stack gap={2}>
                <Group gap="xs">
                  <Text fw={700} size="sm">
                    {kind(flag)}
                  </Text>
                  {showAccount && (
                    <Anchor component={Link} to={`/accounts/${flag.accountId}?tab=risks`} size="sm">
                      {flag.accountName}
                    </Anchor>
                  )}
                  <Badge size="sm" variant="light" color={flag.status === 'open' ? 'red' : 'gray'} tt="none">
                    {flag.status === 'open' ? 'Open' : 'Resolved'}
                  </Badge>
                  {flag.source === 'automatic' && (
                    <Badge size="sm" variant="outline" color="blue" tt="none">
                      Automatic
                    </Badge>
                  )}
                </Group>
                {flag.note && <Text size="sm">{flag.note}</Text>}
                <Text size="xs" c="dimmed">
                  {flag.source === 'automatic' ? 'Raised automatically' : `Raised by ${flag.raisedByName ?? 'an API key'}`}
                  {flag.source === 'automatic' && flag.raisedByName ? ` when ${flag.raisedByName} marked the contact as left` : ''} ·{' '}
                  {formatDateTime(flag.raisedAt)}
                </Text>
                {flag.status === 'resolved' && (
                  <Text size="xs" c="dimmed">
                    Resolved by {flag.resolvedByName ?? 'an API key'} · {formatDateTime(flag.resolvedAt)}
                    {flag.resolution ? ` — ${flag.resolution}` : ''}
                  </Text>
                )}
              </Stack>
              <Group gap={4} wrap="nowrap">
                {can('csm') && flag.status === 'open' && (
                  <Button size="compact-sm" variant="light" aria-label={`Resolve ${kind(flag)} at ${flag.accountName}`} onClick={() => setResolving(flag)}>
                    Resolve
                  </Button>
                )}
                {can('csm') && flag.status === 'resolved' && (
                  <Button size="compact-sm" variant="subtle" aria-label={`Reopen ${kind(flag)} at ${flag.accountName}`} onClick={() => reopen.mutate(flag)}>
                    Reopen
                  </Button>
                )}
                {(can('manager') || (me?.user.id !== undefined && me.user.id === flag.raisedBy)) && (
                  <ConfirmButton
                    size="compact-sm"
                    variant="subtle"
                    aria-label={`Delete ${kind(flag)} at ${flag.accountName}`}
                    title="Delete red flag"
                    message="Delete this red flag? Resolve it instead to keep the history."
                    confirmLabel="Delete"
                    onConfirm={() => remove.mutateAsync(flag)}
                  >
                    Delete
                  </ConfirmButton>
                )}
              </Group>
            </Group>
          </Paper>
        ))}
      </Stack>
      {resolving && <ResolveRedFlagModal flag={resolving} onClose={() => setResolving(null)} />}
    </>
  );
}
