import { Stack, Text, Title } from '@mantine/core';
import { RiskCatalog } from './RiskCatalog';
import { RiskMeasuresStrip } from './RiskMeasuresStrip';
import { RiskRegister } from './RiskRegister';

/** The risk register across accounts: its measures, the register itself, and the catalog of risk types. */
export function RisksPage() {
  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          Risk register
        </Title>
        <Text size="sm" c="dimmed" maw={760}>
          Every risk on every account, tracked to resolution. Log a risk from an account's Risks tab; its account's risk statuses follow its open risks.
        </Text>
      </div>
      <RiskMeasuresStrip />
      <RiskRegister />
      <RiskCatalog />
    </Stack>
  );
}
