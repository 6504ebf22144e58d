import { Badge } from '@mantine/core';
import { type RiskRecordStatus, RiskRecordStatuses, Severities, type Severity } from '../../../../src/domain/enums';

const severityColor: Record<Severity, string> = { low: 'gray', medium: 'yellow', high: 'orange', critical: 'red' };
const statusColor: Record<RiskRecordStatus, string> = { open: 'red', mitigating: 'yellow', mitigated: 'teal', churned: 'dark', dismissed: 'gray' };

/** Severity as colour and text (never colour alone). */
export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <Badge color={severityColor[severity]} variant={severity === 'critical' ? 'filled' : 'light'} tt="none">
      {Severities.labels[severity]}
    </Badge>
  );
}

export function RiskStatusBadge({ status }: { status: RiskRecordStatus }) {
  return (
    <Badge color={statusColor[status]} variant="outline" tt="none">
      {RiskRecordStatuses.labels[status]}
    </Badge>
  );
}
