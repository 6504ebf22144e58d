import { Badge } from '@mantine/core';
import type { KpiStatus } from '../../../api/types';
import { statusLabels } from './format';

/**
 * A KPI status in words and colour. Filled badges in shades that keep the text at AA contrast (Mantine's light
 * orange and red badges do not): dark text on yellow for a warning, white on dark red for critical.
 */
const styles: Record<KpiStatus, { color: string; variant: 'filled' | 'outline' }> = {
  ok: { color: 'teal', variant: 'filled' },
  warning: { color: 'yellow.5', variant: 'filled' },
  critical: { color: 'red.9', variant: 'filled' },
  no_data: { color: 'gray.7', variant: 'outline' },
};

export function StatusBadge({ status }: { status: KpiStatus }) {
  const { color, variant } = styles[status];
  return (
    <Badge color={color} variant={variant} autoContrast size="sm" tt="none" style={{ flexShrink: 0 }}>
      {statusLabels[status]}
    </Badge>
  );
}
