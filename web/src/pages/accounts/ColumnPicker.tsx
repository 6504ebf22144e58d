import { Button, Checkbox, Popover, Stack } from '@mantine/core';
import { accountColumns } from '../../../../src/modules/views/contracts';
import type { AccountColumn } from '../../api/types';
import { COLUMNS } from './columns';

/** Which segment-field columns the table shows; the name column always stays. */
export function ColumnPicker({ columns, onChange }: { columns: AccountColumn[]; onChange(columns: AccountColumn[]): void }) {
  return (
    <Popover position="bottom-end" shadow="md" withinPortal>
      <Popover.Target>
        <Button variant="default" size="sm">
          Columns
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={6} role="group" aria-label="Visible columns">
          {accountColumns.map((key) => (
            <Checkbox
              key={key}
              label={COLUMNS[key].label}
              checked={columns.includes(key)}
              disabled={key === 'name'}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                // Keep the canonical column order whatever the click order.
                onChange(accountColumns.filter((c) => (c === key ? on : columns.includes(c))));
              }}
            />
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
