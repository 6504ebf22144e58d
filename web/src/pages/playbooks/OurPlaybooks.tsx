import { Badge, Button, Drawer, Group, Modal, Progress, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type LifecyclePhase, LifecyclePhases, type PlaybookKind, PlaybookKinds } from '../../../../src/domain/enums';
import { api } from '../../api/client';
import type { Playbook, PlaybookDetail, PlaybookList } from '../../api/types';
import { Empty, ErrorState, PageSkeleton, TableSkeleton } from '../../components/States';
import { fieldErrors } from '../../lib/errors';
import { enumLabel, enumOptions } from '../../lib/format';
import { ApplyModal } from './ApplyModal';
import { PlaybookEditor } from './PlaybookEditor';
import { PlaybookRuns } from './PlaybookRuns';

interface Props {
  /** Managers edit the library; CSMs apply playbooks. */
  canEdit: boolean;
  canApply: boolean;
  openId: string | null;
  onOpen(id: string | null): void;
  onBrowseLibrary(): void;
}

function Portfolio({ playbook }: { playbook: Playbook }) {
  const p = playbook.portfolio;
  if (p.activeRuns + p.completedRuns + p.cancelledRuns === 0)
    return (
      <Text size="xs" c="dimmed">
        Not applied yet
      </Text>
    );
  return (
    <Stack gap={2}>
      {p.averageProgress !== null && (
        <Group gap="xs" wrap="nowrap">
          <Progress value={Math.round(p.averageProgress * 100)} w={120} aria-label={`Average progress ${Math.round(p.averageProgress * 100)}%`} />
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            avg {Math.round(p.averageProgress * 100)}%
          </Text>
          {p.overdueItems > 0 && (
            <Text size="xs" c="red" style={{ whiteSpace: 'nowrap' }}>
              {p.overdueItems} overdue
            </Text>
          )}
        </Group>
      )}
      <Text size="xs" c="dimmed">
        {p.activeRuns} active · {p.completedRuns} completed{p.cancelledRuns ? ` · ${p.cancelledRuns} cancelled` : ''}
      </Text>
    </Stack>
  );
}

/** The workspace's own playbooks: list with portfolio progress; one opens in a drawer to edit, see its runs and apply. */
export function OurPlaybooks({ canEdit, canApply, openId, onOpen, onBrowseLibrary }: Props) {
  const [kind, setKind] = useState<string | null>(null);
  const [phase, setPhase] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const [applying, setApplying] = useState<Playbook | null>(null);
  const list = useQuery({
    queryKey: ['playbooks', 'list', kind, phase, q],
    queryFn: () => api.get<PlaybookList>('/playbooks', { kind, phase, q, limit: 500 }),
  });

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end">
          <TextInput label="Search" placeholder="Name" value={q} onChange={(e) => setQ(e.currentTarget.value)} w={200} />
          <Select label="Kind" clearable placeholder="Any kind" data={enumOptions(PlaybookKinds)} value={kind} onChange={setKind} w={180} />
          <Select label="Phase" clearable placeholder="Any phase" data={enumOptions(LifecyclePhases)} value={phase} onChange={setPhase} w={200} />
        </Group>
        {canEdit && <Button onClick={() => setCreating(true)}>New playbook</Button>}
      </Group>
      {list.isPending ? (
        <TableSkeleton columns={6} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty
          title="No playbooks yet"
          description="Copy a checklist, risk assessment, best-practice note or story track from the template library and adapt it."
          action={<Button onClick={onBrowseLibrary}>Browse the template library</Button>}
        />
      ) : (
        <Table highlightOnHover aria-label="Our playbooks">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Phase</Table.Th>
              <Table.Th>Items</Table.Th>
              <Table.Th>Across accounts</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((p) => (
              <Table.Tr key={p.id} style={{ cursor: 'pointer' }} onClick={() => onOpen(p.id)}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {p.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light">{PlaybookKinds.labels[p.kind]}</Badge>
                </Table.Td>
                <Table.Td>{enumLabel(LifecyclePhases, p.phase)}</Table.Td>
                <Table.Td>{p.itemCount}</Table.Td>
                <Table.Td>
                  <Portfolio playbook={p} />
                </Table.Td>
                <Table.Td>
                  {canApply && p.itemCount > 0 && (
                    <Button
                      size="xs"
                      variant="light"
                      onClick={(e) => {
                        e.stopPropagation();
                        setApplying(p);
                      }}
                    >
                      Apply
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Drawer opened={openId !== null} onClose={() => onOpen(null)} position="right" size="xl" title="Playbook">
        {openId && <OpenPlaybook id={openId} canEdit={canEdit} canApply={canApply} onClose={() => onOpen(null)} />}
      </Drawer>
      {creating && <CreateModal onClose={() => setCreating(false)} onCreated={(id) => onOpen(id)} />}
      {applying && <ApplyModal opened onClose={() => setApplying(null)} playbook={applying} />}
    </Stack>
  );
}

function OpenPlaybook({ id, canEdit, canApply, onClose }: { id: string; canEdit: boolean; canApply: boolean; onClose(): void }) {
  const [applying, setApplying] = useState(false);
  const detail = useQuery({ queryKey: ['playbooks', 'detail', id], queryFn: () => api.get<PlaybookDetail>(`/playbooks/${id}`) });
  if (detail.isPending) return <PageSkeleton />;
  if (detail.isError) return <ErrorState error={detail.error} onRetry={() => detail.refetch()} />;
  const playbook = detail.data;
  return (
    <Stack gap="lg">
      {canApply && playbook.items.length > 0 && (
        <Group justify="flex-end">
          <Button onClick={() => setApplying(true)}>Apply to accounts</Button>
        </Group>
      )}
      <PlaybookEditor key={`${playbook.id}:${playbook.updatedAt}`} playbook={playbook} canEdit={canEdit} onDeleted={onClose} />
      <PlaybookRuns playbookId={playbook.id} />
      {applying && <ApplyModal opened onClose={() => setApplying(false)} playbook={playbook} />}
    </Stack>
  );
}

function CreateModal({ onClose, onCreated }: { onClose(): void; onCreated(id: string): void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<PlaybookKind>('checklist');
  const [phase, setPhase] = useState<LifecyclePhase | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useMutation({
    mutationFn: () => api.post<PlaybookDetail>('/playbooks', { name, kind, phase }),
    onSuccess: (p) => {
      queryClient.invalidateQueries({ queryKey: ['playbooks'] });
      onClose();
      onCreated(p.id);
    },
    onError: (err) => setErrors(fieldErrors(err, ['name', 'kind', 'phase'])),
  });
  return (
    <Modal opened onClose={onClose} title="New playbook">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack>
          <TextInput label="Name" required data-autofocus value={name} error={errors.name} onChange={(e) => setName(e.currentTarget.value)} />
          <Select label="Kind" data={enumOptions(PlaybookKinds)} value={kind} allowDeselect={false} onChange={(v) => v && setKind(v as PlaybookKind)} />
          <Select
            label="Lifecycle phase"
            clearable
            placeholder="Any phase"
            data={enumOptions(LifecyclePhases)}
            value={phase}
            onChange={(v) => setPhase(v as LifecyclePhase | null)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create and add items
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
