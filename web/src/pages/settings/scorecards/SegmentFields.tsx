import { MultiSelect, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { CompanySizes, DeploymentStatuses, LifecyclePhases, TouchTiers } from '../../../../../src/domain/enums';
import type { Segment } from '../../../api/types';
import { enumOptions } from '../../../lib/format';

/** Which accounts the scorecard scores: every field left empty means "any". */
export function SegmentFields({ segment, disabled, error, onChange }: { segment: Segment; disabled: boolean; error?: string; onChange(s: Segment): void }) {
  const field = <K extends keyof Segment>(key: K, label: string, data: Array<{ value: string; label: string }>) => (
    <MultiSelect
      label={label}
      placeholder={segment[key].length ? undefined : 'Any'}
      data={data}
      value={segment[key]}
      onChange={(v) => onChange({ ...segment, [key]: v })}
      clearable
      readOnly={disabled}
    />
  );
  return (
    <Stack gap="xs" component="section" aria-labelledby="segment-title">
      <Title order={3} size="h5" id="segment-title">
        Applies to
      </Title>
      <Text size="xs" c="dimmed">
        Accounts matching every field picked here (empty means any). An account may carry several scores; one overall.
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        {field('lifecyclePhase', 'Lifecycle phase', enumOptions(LifecyclePhases))}
        {field('touchTier', 'Touch tier', enumOptions(TouchTiers))}
        {field('deploymentStatus', 'Deployment status', enumOptions(DeploymentStatuses))}
        {field('companySize', 'Company size', enumOptions(CompanySizes))}
      </SimpleGrid>
      {error && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
