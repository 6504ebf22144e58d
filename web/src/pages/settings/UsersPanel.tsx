import { Button, Group, Paper, Select, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type Role, Roles } from '../../../../src/domain/enums';
import { api } from '../../api/client';
import { useMembers } from '../../api/queries';
import { useMe } from '../../api/session';
import type { Member } from '../../api/types';
import { ListTable, RowActions, RowConfirmButton } from '../../components/ListTable';
import { Empty, ErrorState, TableSkeleton } from '../../components/States';
import { notifyError, notifySuccess } from '../../lib/errors';
import { enumOptions, formatDate } from '../../lib/format';
import { AddUserModal } from './AddUserModal';
import { SetPasswordModal } from './SetPasswordModal';

/** The workspace's people and their roles. */
export function UsersPanel({ admin }: { admin: boolean }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const members = useMembers();
  const [adding, setAdding] = useState(false);
  const [settingPassword, setSettingPassword] = useState<Member | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['users'] });

  const changeRole = useMutation({
    mutationFn: ({ member, role }: { member: Member; role: Role }) => api.patch<Member>(`/users/${member.id}`, { role }),
    onSuccess: (m) => {
      refresh();
      // Demoting yourself changes what this screen may show.
      if (m.id === me.user.id) queryClient.invalidateQueries({ queryKey: ['me'] });
      notifySuccess(`${m.name} is now ${Roles.labels[m.role]}`);
    },
    onError: (err) => notifyError(err, 'Could not change the role'),
  });
  const remove = useMutation({
    mutationFn: (member: Member) => api.delete(`/users/${member.id}`),
    onSuccess: refresh,
    onError: (err) => notifyError(err, 'Could not remove the user'),
  });

  if (members.isPending) return <TableSkeleton columns={4} rows={4} />;
  if (members.isError) return <ErrorState error={members.error} title="Could not load users" onRetry={() => members.refetch()} />;
  const items = members.data.items;

  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Text size="sm" c="dimmed">
          {items.length} {items.length === 1 ? 'person' : 'people'} in {me.workspace.name}
        </Text>
        {admin && <Button onClick={() => setAdding(true)}>Add user</Button>}
      </Group>
      {items.length === 0 ? (
        <Empty title="No users" description="Add the people who work with your customers." />
      ) : (
        <ListTable label="Users" minWidth={640} columns={['Name', 'Email', 'Role', { label: 'Added', visibleFrom: 'md' }]} actions={admin}>
          {items.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td fw={600}>
                {m.name}
                {m.id === me.user.id && (
                  <Text span c="dimmed" size="xs">
                    {' '}
                    (you)
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{m.email}</Table.Td>
              <Table.Td>
                {admin ? (
                  <Select
                    aria-label={`Role of ${m.name}`}
                    size="xs"
                    w={190}
                    data={enumOptions(Roles)}
                    value={m.role}
                    allowDeselect={false}
                    onChange={(role) => role && role !== m.role && changeRole.mutate({ member: m, role: role as Role })}
                  />
                ) : (
                  Roles.labels[m.role]
                )}
              </Table.Td>
              <Table.Td visibleFrom="md" className="kw-nowrap">
                {formatDate(m.createdAt)}
              </Table.Td>
              {admin && (
                // The buttons stack on narrow screens rather than run off the edge.
                <RowActions wrap="wrap">
                  {/* Your own password is changed from the user menu, where the current one is asked. */}
                  {m.id !== me.user.id && (
                    <Button size="compact-sm" variant="subtle" aria-label={`Set password for ${m.name}`} onClick={() => setSettingPassword(m)}>
                      Set password
                    </Button>
                  )}
                  <RowConfirmButton
                    verb="Remove"
                    name={m.name}
                    title="Remove user"
                    message={`Remove ${m.name} from ${me.workspace.name}? They are signed out of it at once; their login stays for other workspaces.`}
                    onConfirm={() => remove.mutateAsync(m)}
                  />
                </RowActions>
              )}
            </Table.Tr>
          ))}
        </ListTable>
      )}
      {adding && <AddUserModal onClose={() => setAdding(false)} />}
      {settingPassword && <SetPasswordModal member={settingPassword} onClose={() => setSettingPassword(null)} />}
    </Paper>
  );
}
