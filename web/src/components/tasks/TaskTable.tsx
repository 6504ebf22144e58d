import { Anchor, Badge, Checkbox, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';
import { Priorities, TaskStatuses } from '../../../../src/domain/enums';
import type { Task } from '../../api/types';
import { formatDate } from '../../lib/format';
import { EditButton, ListTable, RowActions, RowConfirmButton } from '../ListTable';
import { useTaskActions } from './actions';
import { localToday, priorityColors } from './format';

const SOURCE_KINDS = { activity: 'Meeting', risk: 'Risk', playbook: 'Playbook' } as const;

interface Props {
  label: string;
  tasks: Task[];
  canEdit: boolean;
  /** Show the account column (off inside an account's own tab). */
  showAccount?: boolean;
  /** Show the owner column (off in My work, where every task is the reader's). */
  showOwner?: boolean;
  onEdit(task: Task): void;
}

/**
 * Tasks as a table: complete one with its checkbox (a real checkbox, so Space toggles it), see where it came from,
 * its priority and due date; edit and delete at the end of the row. My work and the account's Tasks tab share it.
 */
export function TaskTable({ label, tasks, canEdit, showAccount = true, showOwner = true, onEdit }: Props) {
  const { setStatus, remove } = useTaskActions();
  const today = localToday();
  const columns = ['Done', 'Task', ...(showAccount ? ['Account'] : []), 'Source', 'Priority', 'Due', ...(showOwner ? ['Owner'] : [])];
  return (
    <ListTable label={label} minWidth={showAccount ? 860 : 720} columns={columns} actions={canEdit}>
      {tasks.map((t) => {
        const done = t.status === 'done';
        const closed = done || t.status === 'cancelled';
        const overdue = !closed && t.dueOn !== null && t.dueOn < today;
        return (
          <Table.Tr key={t.id}>
            <Table.Td w={48}>
              <Checkbox
                aria-label={done ? `Reopen “${t.title}”` : `Complete “${t.title}”`}
                checked={done}
                disabled={!canEdit || (setStatus.isPending && setStatus.variables?.task.id === t.id)}
                onChange={(e) => setStatus.mutate({ task: t, status: e.currentTarget.checked ? 'done' : 'open' })}
              />
            </Table.Td>
            <Table.Td>
              <Stack gap={0}>
                <Text size="sm" fw={600} td={closed ? 'line-through' : undefined} c={closed ? 'dimmed' : undefined}>
                  {t.title}
                </Text>
                {t.status !== 'open' && t.status !== 'done' && (
                  <Text size="xs" c="dimmed">
                    {TaskStatuses.labels[t.status]}
                  </Text>
                )}
              </Stack>
            </Table.Td>
            {showAccount && (
              <Table.Td>
                <Anchor component={Link} to={`/accounts/${t.accountId}?tab=tasks`} size="sm">
                  {t.accountName}
                </Anchor>
              </Table.Td>
            )}
            <Table.Td>
              {t.source ? (
                <Group gap={6} wrap="nowrap">
                  <Badge size="xs" variant="light" tt="none" style={{ flexShrink: 0 }}>
                    {SOURCE_KINDS[t.source.kind]}
                  </Badge>
                  <Text size="sm" lineClamp={1}>
                    {t.source.label}
                  </Text>
                </Group>
              ) : (
                <Text size="sm" c="dimmed">
                  —
                </Text>
              )}
            </Table.Td>
            <Table.Td className="kw-nowrap">
              <Badge size="sm" style={{ flexShrink: 0 }} variant={t.priority === 'low' ? 'outline' : 'light'} color={priorityColors[t.priority]} tt="none">
                {Priorities.labels[t.priority]}
              </Badge>
            </Table.Td>
            <Table.Td className="kw-nowrap">
              {t.dueOn ? (
                <Text size="sm" c={overdue ? 'red' : undefined} fw={overdue ? 600 : undefined}>
                  {t.dueOn === today ? 'Today' : formatDate(t.dueOn)}
                  {overdue && <VisuallyHidden> (overdue)</VisuallyHidden>}
                </Text>
              ) : (
                <Text size="sm" c="dimmed">
                  No date
                </Text>
              )}
            </Table.Td>
            {showOwner && (
              <Table.Td>
                {t.ownerName ?? (
                  <Text span size="sm" c="dimmed">
                    Unassigned
                  </Text>
                )}
              </Table.Td>
            )}
            {canEdit && (
              <RowActions gap={4}>
                <EditButton name={t.title} onClick={() => onEdit(t)} />
                <RowConfirmButton
                  verb="Delete"
                  name={t.title}
                  title="Delete task"
                  message={`Delete “${t.title}”? This cannot be undone.`}
                  onConfirm={() => remove.mutateAsync(t)}
                />
              </RowActions>
            )}
          </Table.Tr>
        );
      })}
    </ListTable>
  );
}
