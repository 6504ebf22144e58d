import { Button, Card, Group, Select, Stack, Stepper, Text, Textarea, Timeline, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type LifecyclePhase, LifecyclePhases } from '../../../../../src/domain/enums';
import { api } from '../../../api/client';
import type { AccountDetail, AccountLifecycle } from '../../../api/types';
import { ErrorState, PageSkeleton } from '../../../components/States';
import { fieldErrors, notifySuccess } from '../../../lib/errors';
import { enumLabel, enumOptions, formatDate, formatDateTime } from '../../../lib/format';
import { PlaybookRunsSection } from './PlaybookRunsSection';

function phaseLabel(phase: LifecyclePhase | null): string {
  return phase ? LifecyclePhases.labels[phase] : 'No phase';
}

/** The touchpoint cycle for one account: where it is, since when, how it got there; and its playbook runs. */
export function LifecycleTab({ account, canEdit }: { account: AccountDetail; canEdit: boolean }) {
  const lifecycle = useQuery({
    queryKey: ['lifecycle', account.id],
    queryFn: () => api.get<AccountLifecycle>(`/accounts/${account.id}/lifecycle`),
  });
  return (
    <Stack gap="xl">
      {lifecycle.isPending ? (
        <PageSkeleton label="Loading the lifecycle" />
      ) : lifecycle.isError ? (
        <ErrorState error={lifecycle.error} onRetry={() => lifecycle.refetch()} />
      ) : (
        <Cycle view={lifecycle.data} canEdit={canEdit} />
      )}
      <PlaybookRunsSection account={account} canEdit={canEdit} />
    </Stack>
  );
}

function Cycle({ view, canEdit }: { view: AccountLifecycle; canEdit: boolean }) {
  const active = view.phase ? LifecyclePhases.values.indexOf(view.phase) : -1;
  return (
    <Stack gap="md">
      <Title order={2} size="h4">
        Lifecycle
      </Title>
      <Stepper active={active} size="sm" allowNextStepsSelect={false} aria-label="Lifecycle phases">
        {LifecyclePhases.values.map((phase) => (
          <Stepper.Step key={phase} label={LifecyclePhases.labels[phase]} aria-current={phase === view.phase ? 'step' : undefined} />
        ))}
      </Stepper>
      <Text size="sm">
        {view.phase ? (
          <>
            In <b>{phaseLabel(view.phase)}</b> for <b>{view.daysInPhase === 1 ? '1 day' : `${view.daysInPhase} days`}</b> (since {formatDate(view.since)}).
          </>
        ) : (
          'This account has no lifecycle phase yet.'
        )}{' '}
        {view.cyclesCompleted > 0 && `${view.cyclesCompleted} full ${view.cyclesCompleted === 1 ? 'cycle' : 'cycles'} completed. `}
        After renewal & expansion the cycle starts again at onboarding.
      </Text>
      {canEdit && <MovePhase view={view} />}
      <History view={view} />
    </Stack>
  );
}

function MovePhase({ view }: { view: AccountLifecycle }) {
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState<LifecyclePhase | null>(null);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const move = useMutation({
    mutationFn: (to: LifecyclePhase | null) => api.post<AccountLifecycle>(`/accounts/${view.accountId}/lifecycle`, to ? { phase: to, note } : { note }),
    onSuccess: (next) => {
      queryClient.setQueryData(['lifecycle', view.accountId], next);
      queryClient.invalidateQueries({ queryKey: ['accounts'] });
      notifySuccess(`Moved to ${phaseLabel(next.phase)}`);
      setPhase(null);
      setNote('');
      setErrors({});
    },
    onError: (err) => setErrors(fieldErrors(err, ['phase', 'note'])),
  });
  return (
    <Card withBorder padding="sm">
      <Stack gap="xs">
        <Textarea
          label="Note"
          placeholder="Why now? (optional)"
          autosize
          minRows={1}
          value={note}
          error={errors.note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        <Group align="flex-end">
          <Button loading={move.isPending && move.variables === null} onClick={() => move.mutate(null)}>
            Move to next phase: {phaseLabel(view.nextPhase)}
          </Button>
          <Text size="sm" c="dimmed">
            or
          </Text>
          <Select
            aria-label="Choose a phase"
            placeholder="Choose a phase"
            data={enumOptions(LifecyclePhases).filter((o) => o.value !== view.phase)}
            value={phase}
            error={errors.phase}
            onChange={(v) => setPhase(v as LifecyclePhase | null)}
            w={220}
          />
          <Button variant="light" disabled={!phase} loading={move.isPending && move.variables !== null} onClick={() => phase && move.mutate(phase)}>
            Move
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function History({ view }: { view: AccountLifecycle }) {
  if (view.history.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No phase changes recorded yet.
      </Text>
    );
  return (
    <Stack gap="xs">
      <Text fw={600} size="sm">
        History
      </Text>
      <Timeline bulletSize={14} lineWidth={2} aria-label="Phase history">
        {view.history.map((h) => (
          <Timeline.Item key={h.id} title={`${h.from ? enumLabel(LifecyclePhases, h.from) : 'No phase'} → ${phaseLabel(h.to)}`}>
            <Text size="xs" c="dimmed">
              {formatDateTime(h.changedAt)}
              {h.changedByName ? ` · ${h.changedByName}` : ''}
            </Text>
            {h.note && <Text size="sm">{h.note}</Text>}
          </Timeline.Item>
        ))}
      </Timeline>
    </Stack>
  );
}
