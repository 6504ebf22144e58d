import { Badge, Button, Group, Paper, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ContactRoles } from '../../../../src/domain/enums';
import { api } from '../../api/client';
import type { Contact, ContactPageT } from '../../api/types';
import { EditButton, ListStates, ListTable, RowActions, RowConfirmButton } from '../../components/ListTable';
import { notifyError } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { ContactModal } from './ContactModal';

/** The people at this customer, with their roles; add, edit and remove them. */
export function ContactsSection({ accountId, canEdit }: { accountId: string; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  const contacts = useQuery({
    queryKey: ['contacts', { accountId }],
    queryFn: () => api.get<ContactPageT>('/contacts', { accountId, limit: 500, sort: 'name' }),
  });
  const remove = useMutation({
    mutationFn: (contact: Contact) => api.delete(`/contacts/${contact.id}`),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['contacts'] });
      queryClient.invalidateQueries({ queryKey: ['accounts', 'detail', accountId] });
    },
    onError: (err) => notifyError(err, 'Could not remove the contact'),
  });

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="contacts-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="contacts-title">
          Contacts {contacts.data ? `(${contacts.data.total})` : ''}
        </Title>
        {canEdit && (
          <Button size="xs" onClick={() => setEditing('new')}>
            Add contact
          </Button>
        )}
      </Group>
      <ListStates
        query={contacts}
        columns={5}
        rows={3}
        errorTitle="Could not load contacts"
        empty={{
          title: 'No contacts yet',
          description: 'Add the sponsor, champion and day-to-day people you work with.',
          action: canEdit && <Button onClick={() => setEditing('new')}>Add contact</Button>,
        }}
      >
        {({ items }) => (
          <ListTable label="Contacts" minWidth={720} columns={['Name', 'Title', 'Email', 'Roles', 'Status']} actions={canEdit}>
            {items.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td fw={600}>{c.name}</Table.Td>
                <Table.Td>{c.title}</Table.Td>
                <Table.Td>{c.email && <a href={`mailto:${c.email}`}>{c.email}</a>}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {c.roles.map((r) => (
                      <Badge key={r} variant="light" size="sm" tt="none">
                        {ContactRoles.labels[r]}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td className="kw-nowrap">
                  {c.status === 'left' ? (
                    <Text span c="dimmed" size="sm">
                      Left {formatDate(c.leftOn)}
                    </Text>
                  ) : (
                    'Active'
                  )}
                </Table.Td>
                {canEdit && (
                  <RowActions gap={4}>
                    <EditButton name={c.name} onClick={() => setEditing(c)} />
                    <RowConfirmButton
                      verb="Remove"
                      name={c.name}
                      title="Remove contact"
                      message={`Remove ${c.name} from this account? This cannot be undone.`}
                      onConfirm={() => remove.mutateAsync(c)}
                    />
                  </RowActions>
                )}
              </Table.Tr>
            ))}
          </ListTable>
        )}
      </ListStates>
      {editing && <ContactModal accountId={accountId} contact={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Paper>
  );
}
