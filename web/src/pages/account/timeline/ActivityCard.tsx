import { Badge, Button, Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { ActivityStatuses, ActivityTypes, TaskStatuses } from '../../../../../src/domain/enums';
import type { Activity } from '../../../api/types';
import { ConfirmButton } from '../../../components/ConfirmButton';
import { formatDate } from '../../../lib/format';
import { formatWhen, STATUS_COLOR, TYPE_LOOK } from './activityFormat';

interface Props {
  activity: Activity;
  canEdit: boolean;
  onEdit(markDone?: boolean): void;
  onDelete(): Promise<unknown>;
}

const TASK_COLOR = { open: 'blue', in_progress: 'yellow', done: 'teal', cancelled: 'gray' } as const;

/** One entry of the timeline: what, when, who, what was said and agreed, and the follow-ups it created. */
export function ActivityCard({ activity: a, canEdit, onEdit, onDelete }: Props) {
  const look = TYPE_LOOK[a.type];
  const overdue = a.status === 'planned' && a.occurredAt < new Date().toISOString();
  const people = [...a.contacts.map((c) => c.name), ...a.users.map((u) => u.name)];
  return (
    <Paper withBorder p="sm" component="article" aria-label={`${ActivityTypes.labels[a.type]}: ${a.title}`}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Group gap="sm" align="flex-start" wrap="nowrap">
          {/* A coloured initial rather than an emoji: emoji need a font many Linux desktops lack. */}
          <ThemeIcon color={look.color} variant="light" radius="xl" size="lg" aria-hidden="true">
            <Text span fw={700} size="sm">
              {look.initial}
            </Text>
          </ThemeIcon>
          <Stack gap={2}>
            <Group gap="xs">
              <Text fw={600}>{a.title}</Text>
              <Badge color={look.color} variant="light" size="sm" tt="none">
                {ActivityTypes.labels[a.type]}
              </Badge>
              {a.status !== 'done' && (
                <Badge color={overdue ? 'orange' : STATUS_COLOR[a.status]} variant="outline" size="sm" tt="none">
                  {overdue ? 'Planned · date passed' : ActivityStatuses.labels[a.status]}
                </Badge>
              )}
            </Group>
            <Text size="sm" c="dimmed">
              <time dateTime={a.occurredAt}>{formatWhen(a.occurredAt, a.durationMinutes)}</time>
              {a.createdByName ? ` · logged by ${a.createdByName}` : ''}
            </Text>
            {people.length > 0 && (
              <Text size="sm">
                <Text span c="dimmed" size="sm">
                  With{' '}
                </Text>
                {people.join(', ')}
              </Text>
            )}
          </Stack>
        </Group>
        {canEdit && (
          <Group gap={4} wrap="nowrap">
            {a.status === 'planned' && (
              <Button size="compact-sm" variant="light" onClick={() => onEdit(true)} aria-label={`Log outcome of ${a.title}`}>
                Log outcome
              </Button>
            )}
            <Button size="compact-sm" variant="subtle" onClick={() => onEdit()} aria-label={`Edit ${a.title}`}>
              Edit
            </Button>
            <ConfirmButton
              size="compact-sm"
              variant="subtle"
              aria-label={`Delete ${a.title}`}
              title="Delete activity"
              message={`Delete “${a.title}” from the timeline? Its action items stay as tasks. This cannot be undone.`}
              confirmLabel="Delete"
              onConfirm={onDelete}
            >
              Delete
            </ConfirmButton>
          </Group>
        )}
      </Group>
      {(a.summary || a.outcome) && (
        <Stack gap={4} mt="xs" pl={36}>
          {a.summary && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {a.summary}
            </Text>
          )}
          {a.outcome && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              <Text span fw={600} size="sm">
                Outcome:{' '}
              </Text>
              {a.outcome}
            </Text>
          )}
        </Stack>
      )}
      {a.tasks.length > 0 && (
        <Stack gap={2} mt="xs" pl={36} component="ul" style={{ listStyle: 'none', padding: 0, paddingLeft: 36, margin: 0 }} aria-label="Action items">
          {a.tasks.map((t) => (
            <Group key={t.id} gap="xs" component="li" wrap="nowrap">
              <Badge color={TASK_COLOR[t.status]} variant="light" size="sm" tt="none" miw={90}>
                {TaskStatuses.labels[t.status]}
              </Badge>
              <Text size="sm" td={t.status === 'done' || t.status === 'cancelled' ? 'line-through' : undefined}>
                {t.title}
              </Text>
              <Text size="xs" c="dimmed">
                {[t.ownerName, t.dueOn && `due ${formatDate(t.dueOn)}`].filter(Boolean).join(' · ')}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
