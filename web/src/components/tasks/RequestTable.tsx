import { Anchor, Badge, Button, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { RequestStatuses } from '../../../../src/domain/enums';
import type { InternalRequest } from '../../api/types';
import { formatDate } from '../../lib/format';
import { EditButton, ListTable, RowActions, RowConfirmButton } from '../ListTable';
import { useRequestActions } from './actions';

interface Props {
  label: string;
  requests: InternalRequest[];
  canEdit: boolean;
  showAccount?: boolean;
  onEdit?(request: InternalRequest): void;
  /** Offer Delete in each row (the account tab does; My work keeps to the two everyday actions). */
  deletable?: boolean;
  /** Offer Follow up (not on requests waiting on the reader: nudging oneself means nothing). */
  followUps?: boolean;
}

function waited(days: number): string {
  return days === 0 ? 'today' : days === 1 ? '1 day' : `${days} days`;
}

/** Internal requests with who asked whom, how long it has waited, and the Follow up / Mark done actions. */
export function RequestTable({ label, requests, canEdit, showAccount = true, onEdit, deletable = false, followUps = true }: Props) {
  const { followUp, markDone, remove } = useRequestActions();
  const columns = ['Request', ...(showAccount ? ['Account'] : []), 'Asked by', 'Asked of', 'Waiting', 'Needed by', 'Status'];
  return (
    <ListTable label={label} minWidth={showAccount ? 900 : 780} columns={columns} actions={canEdit}>
      {requests.map((r) => {
        const open = r.status === 'open';
        return (
          <Table.Tr key={r.id}>
            <Table.Td>
              <Stack gap={0}>
                <Text size="sm" fw={600}>
                  {r.title}
                </Text>
                {r.response && (
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    Answer: {r.response}
                  </Text>
                )}
              </Stack>
            </Table.Td>
            {showAccount && (
              <Table.Td>
                {r.accountId ? (
                  <Anchor component={Link} to={`/accounts/${r.accountId}?tab=tasks`} size="sm">
                    {r.accountName}
                  </Anchor>
                ) : (
                  <Text size="sm" c="dimmed">
                    —
                  </Text>
                )}
              </Table.Td>
            )}
            <Table.Td>
              {r.requestedByName ?? (
                <Text span size="sm" c="dimmed">
                  API
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              {r.assigneeName ?? (
                <Text span size="sm" c="dimmed">
                  Nobody
                </Text>
              )}
            </Table.Td>
            <Table.Td className="kw-nowrap">
              <Text size="sm">{open ? waited(r.daysWaiting) : `took ${waited(r.daysWaiting)}`}</Text>
              {r.followUps > 0 && (
                <Text size="xs" c="dimmed">
                  {r.followUps === 1 ? '1 follow-up' : `${r.followUps} follow-ups`}, last {formatDate(r.lastFollowUpAt)}
                </Text>
              )}
            </Table.Td>
            <Table.Td className="kw-nowrap">{formatDate(r.neededBy)}</Table.Td>
            <Table.Td miw={104}>
              {r.stalled ? (
                <Badge color="orange" variant="light" tt="none">
                  Stalled
                </Badge>
              ) : (
                <Badge color={open ? 'blue' : r.status === 'done' ? 'teal' : 'gray'} variant="light" tt="none">
                  {RequestStatuses.labels[r.status]}
                </Badge>
              )}
            </Table.Td>
            {canEdit && (
              <RowActions gap={4}>
                {open && followUps && (
                  <Button
                    size="compact-sm"
                    variant="light"
                    aria-label={`Follow up on “${r.title}”`}
                    loading={followUp.isPending && followUp.variables?.id === r.id}
                    onClick={() => followUp.mutate(r)}
                  >
                    Follow up
                  </Button>
                )}
                {open && (
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    aria-label={`Mark “${r.title}” done`}
                    loading={markDone.isPending && markDone.variables?.id === r.id}
                    onClick={() => markDone.mutate(r)}
                  >
                    Mark done
                  </Button>
                )}
                {onEdit && <EditButton name={r.title} onClick={() => onEdit(r)} />}
                {deletable && (
                  <RowConfirmButton
                    verb="Delete"
                    name={r.title}
                    title="Delete request"
                    message={`Delete the request “${r.title}”? This cannot be undone.`}
                    onConfirm={() => remove.mutateAsync(r)}
                  />
                )}
              </RowActions>
            )}
          </Table.Tr>
        );
      })}
    </ListTable>
  );
}
