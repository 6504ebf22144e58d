import { Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { RiskRecordStatuses } from '../../../../../src/domain/enums';
import { api } from '../../../api/client';
import type { Risk } from '../../../api/types';
import { ConfirmButton } from '../../../components/ConfirmButton';
import { notifyError } from '../../../lib/errors';
import { enumOptions, formatDate } from '../../../lib/format';
import { RiskStatusBadge, SeverityBadge } from '../../risks/badges';
import { invalidateRisks } from '../../risks/RiskModal';

/** One risk on the account: what, how bad, who owns it, the plan, its dates, and its status to change. */
export function RiskCard({ risk, canEdit, onEdit }: { risk: Risk; canEdit: boolean; onEdit(): void }) {
  const queryClient = useQueryClient();
  const update = useMutation({
    mutationFn: (status: string) => api.patch<Risk>(`/risks/${risk.id}`, { status }),
    onSuccess: () => invalidateRisks(queryClient),
    onError: (err) => notifyError(err, 'Could not change the status'),
  });
  const remove = useMutation({
    mutationFn: () => api.delete(`/risks/${risk.id}`),
    onSuccess: () => invalidateRisks(queryClient),
    onError: (err) => notifyError(err, 'Could not delete the risk'),
  });
  return (
    <Paper withBorder p="sm" component="li">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4} style={{ flex: 1, minWidth: 260 }}>
          <Group gap="xs">
            <Text fw={700}>{risk.title}</Text>
            <SeverityBadge severity={risk.severity} />
            <RiskStatusBadge status={risk.status} />
          </Group>
          <Text size="xs" c="dimmed">
            {[
              risk.riskTypeLabel && risk.riskTypeLabel !== risk.title ? risk.riskTypeLabel : null,
              `Owner: ${risk.ownerName ?? 'nobody'}`,
              risk.firstSignalOn && risk.firstSignalOn !== risk.identifiedOn ? `First signal ${formatDate(risk.firstSignalOn)}` : null,
              `Identified ${formatDate(risk.identifiedOn)}`,
              risk.resolvedOn ? `Resolved ${formatDate(risk.resolvedOn)}` : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
          {risk.description && <Text size="sm">{risk.description}</Text>}
          <Text size="sm">
            <Text span fw={600} size="sm">
              Mitigation plan:{' '}
            </Text>
            {risk.mitigationPlan ?? (
              <Text span c="dimmed" size="sm">
                none yet
              </Text>
            )}
          </Text>
        </Stack>
        {canEdit && (
          <Group gap={4} wrap="nowrap">
            <Select
              size="xs"
              w={150}
              aria-label={`Status of ${risk.title}`}
              data={enumOptions(RiskRecordStatuses)}
              value={risk.status}
              allowDeselect={false}
              disabled={update.isPending}
              onChange={(status) => status && status !== risk.status && update.mutate(status)}
            />
            <Button size="compact-sm" variant="subtle" aria-label={`Edit ${risk.title}`} onClick={onEdit}>
              Edit
            </Button>
            <ConfirmButton
              size="compact-sm"
              variant="subtle"
              aria-label={`Delete ${risk.title}`}
              title="Delete risk"
              message={`Delete “${risk.title}”? Close it instead (mitigated, churned or dismissed) to keep it in the measures.`}
              confirmLabel="Delete"
              onConfirm={() => remove.mutateAsync()}
            >
              Delete
            </ConfirmButton>
          </Group>
        )}
      </Group>
    </Paper>
  );
}
