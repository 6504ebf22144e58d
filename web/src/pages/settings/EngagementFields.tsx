import { Fieldset, NumberInput, SimpleGrid, Text } from '@mantine/core';
import { TouchTiers } from '../../../../src/domain/enums';
import type { WorkspaceSettings } from '../../api/types';

export type Cadence = WorkspaceSettings['touchCadenceDays'];
type Tier = keyof Cadence;
/** What the inputs hold while someone types: a number, or '' for an emptied field. */
export type CadenceDraft = Record<Tier, number | string>;

const LIMITS = { cadence: { min: 1, max: 365 }, followUp: { min: 1, max: 90 } } as const;

function outOfRange(value: number | string, { min, max }: { min: number; max: number }): boolean {
  return typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max;
}

/** Problems the server would also refuse, keyed like its field names, so they show before a round trip. */
export function engagementProblems(cadence: CadenceDraft, followUp: number | string): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const tier of TouchTiers.values) {
    if (outOfRange(cadence[tier], LIMITS.cadence)) problems[`settings.touchCadenceDays.${tier}`] = 'Enter whole days from 1 to 365';
  }
  if (outOfRange(followUp, LIMITS.followUp)) problems['settings.requestFollowUpDays'] = 'Enter whole days from 1 to 90';
  return problems;
}

interface Props {
  cadence: CadenceDraft;
  followUp: number | string;
  errors: Record<string, string>;
  onCadence(next: CadenceDraft): void;
  onFollowUp(next: number | string): void;
}

/** Touch cadence per tier (drives "touch overdue") and when an unanswered internal request counts as stalled. */
export function EngagementFields({ cadence, followUp, errors, onCadence, onFollowUp }: Props) {
  return (
    <>
      <Fieldset legend="Touch cadence">
        <Text size="sm" c="dimmed" mb="xs">
          Days between customer touches (meetings, calls, emails, business reviews) per touch tier. An account whose last touch is older is shown as touch
          overdue.
        </Text>
        <SimpleGrid cols={{ base: 1, xs: 3 }}>
          {TouchTiers.values.map((tier) => (
            <NumberInput
              key={tier}
              label={TouchTiers.labels[tier]}
              suffix=" days"
              min={LIMITS.cadence.min}
              max={LIMITS.cadence.max}
              allowDecimal={false}
              allowNegative={false}
              value={cadence[tier]}
              error={errors[`settings.touchCadenceDays.${tier}`] ?? (tier === 'high' ? errors['settings.touchCadenceDays'] : undefined)}
              onChange={(value) => onCadence({ ...cadence, [tier]: value })}
            />
          ))}
        </SimpleGrid>
      </Fieldset>
      <NumberInput
        label="Follow up on internal requests after"
        description="An internal request with no answer and no follow-up for this long is stalled: its asker is reminded in My work."
        suffix=" days"
        min={LIMITS.followUp.min}
        max={LIMITS.followUp.max}
        allowDecimal={false}
        allowNegative={false}
        styles={{ input: { maxWidth: 200 } }}
        value={followUp}
        error={errors['settings.requestFollowUpDays']}
        onChange={onFollowUp}
      />
    </>
  );
}
