import { Badge, Button, Card, Group, List, Modal, ScrollArea, SegmentedControl, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { LifecyclePhases, PlaybookKinds } from '../../../../src/domain/enums';
import { api } from '../../api/client';
import type { PlaybookDetail, PlaybookTemplate } from '../../api/types';
import { Markdown } from '../../components/Markdown';
import { ErrorState, PageSkeleton } from '../../components/States';
import { notifyError, notifySuccess } from '../../lib/errors';
import { enumLabel, enumOptions } from '../../lib/format';

interface Props {
  canCopy: boolean;
  /** Opens the copy in "Our playbooks". */
  onCopied(id: string): void;
}

/** The prebuilt library: browse by phase and kind, preview, copy into the workspace's own playbooks. */
export function TemplateLibrary({ canCopy, onCopied }: Props) {
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState('all');
  const [kind, setKind] = useState<string | null>(null);
  const [preview, setPreview] = useState<PlaybookTemplate | null>(null);
  const templates = useQuery({
    queryKey: ['playbook-templates'],
    queryFn: () => api.get<{ items: PlaybookTemplate[] }>('/playbook-templates'),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const copy = useMutation({
    mutationFn: (templateKey: string) => api.post<PlaybookDetail>('/playbooks/from-template', { templateKey }),
    onSuccess: (p) => {
      queryClient.invalidateQueries({ queryKey: ['playbooks'] });
      notifySuccess(`Copied “${p.name}” to our playbooks`);
      setPreview(null);
      onCopied(p.id);
    },
    onError: (err) => notifyError(err, 'Could not copy the template'),
  });

  if (templates.isPending) return <PageSkeleton />;
  if (templates.isError) return <ErrorState error={templates.error} onRetry={() => templates.refetch()} />;
  const shown = templates.data.items.filter((t) => (phase === 'all' || t.phase === phase) && (!kind || t.kind === kind));

  return (
    <Stack>
      <Group align="flex-end">
        <SegmentedControl
          value={phase}
          onChange={setPhase}
          data={[{ value: 'all', label: 'All phases' }, ...enumOptions(LifecyclePhases)]}
          aria-label="Lifecycle phase"
        />
        <Select aria-label="Kind" clearable placeholder="Any kind" data={enumOptions(PlaybookKinds)} value={kind} onChange={setKind} w={180} />
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {shown.map((t) => (
          <Card key={t.key} withBorder padding="md">
            <Stack gap="xs" h="100%">
              <Group gap="xs">
                <Badge variant="light">{PlaybookKinds.labels[t.kind]}</Badge>
                {t.phase && <Badge variant="outline">{enumLabel(LifecyclePhases, t.phase)}</Badge>}
              </Group>
              <Title order={3} size="h5">
                {t.name}
              </Title>
              <Text size="sm" c="dimmed" lineClamp={3}>
                {t.description.replace(/[#*]/g, '')}
              </Text>
              <Group mt="auto" justify="space-between">
                <Text size="xs" c="dimmed">
                  {t.items.length ? `${t.items.length} items` : 'Notes'}
                </Text>
                <Group gap="xs">
                  <Button size="xs" variant="default" onClick={() => setPreview(t)}>
                    Preview
                  </Button>
                  {canCopy && (
                    <Button size="xs" loading={copy.isPending && copy.variables === t.key} onClick={() => copy.mutate(t.key)}>
                      Copy to our playbooks
                    </Button>
                  )}
                </Group>
              </Group>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
      <Modal opened={preview !== null} onClose={() => setPreview(null)} title={preview?.name} size="lg" scrollAreaComponent={ScrollArea.Autosize}>
        {preview && (
          <Stack>
            <Markdown source={preview.description} />
            {preview.items.length > 0 && (
              <List type="ordered" spacing="xs">
                {preview.items.map((item) => (
                  <List.Item key={item.title}>
                    <Text size="sm" fw={500}>
                      {item.title}{' '}
                      <Text span size="xs" c="dimmed">
                        (day {item.dueOffsetDays})
                      </Text>
                    </Text>
                    <Text size="xs" c="dimmed">
                      {item.details}
                    </Text>
                  </List.Item>
                ))}
              </List>
            )}
            {canCopy ? (
              <Group justify="flex-end">
                <Button loading={copy.isPending} onClick={() => copy.mutate(preview.key)}>
                  Copy to our playbooks
                </Button>
              </Group>
            ) : (
              <Text size="xs" c="dimmed">
                Managers copy templates into the workspace's playbooks.
              </Text>
            )}
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
