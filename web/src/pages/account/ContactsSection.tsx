import { Badge, Button, Group, Paper, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ContactRoles } from '../../../../src/domain/enums';
import { api } from '../../api/client';
import type { Contact, ContactPageT } from '../../api/types';
import { ConfirmButton } from '../../components/ConfirmButton';
import { Empty, ErrorState, TableSkeleton } from '../../components/States';
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
  const items = contacts.data?.items ?? [];

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
      {contacts.isPending ? (
        <TableSkeleton columns={5} rows={3} />
      ) : contacts.isError ? (
        <ErrorState error={contacts.error} title="Could not load contacts" onRetry={() => contacts.refetch()} />
      ) : items.length === 0 ? (
        <Empty
          title="No contacts yet"
          description="Add the sponsor, champion and day-to-day people you work with."
          action={canEdit && <Button onClick={() => setEditing('new')}>Add contact</Button>}
        />
      ) : (
        <Table.ScrollContainer minWidth={720} type="native">
          <Table verticalSpacing="xs" aria-label="Contacts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Title</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Roles</Table.Th>
                <Table.Th>Status</Table.Th>
                {canEdit && (
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
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
                    <Table.Td>
                      <Group gap={4} wrap="nowrap" justify="flex-end">
                        <Button size="compact-sm" variant="subtle" onClick={() => setEditing(c)} aria-label={`Edit ${c.name}`}>
                          Edit
                        </Button>
                        <ConfirmButton
                          size="compact-sm"
                          variant="subtle"
                          aria-label={`Remove ${c.name}`}
                          title="Remove contact"
                          message={`Remove ${c.name} from this account? This cannot be undone.`}
                          confirmLabel="Remove"
                          onConfirm={() => remove.mutateAsync(c)}
                        >
                          Remove
                        </ConfirmButton>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && <ContactModal accountId={accountId} contact={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Paper>
  );
}
