import { Stack } from '@mantine/core';
import type { AccountDetail } from '../../../api/types';
import { AccountRequests } from './AccountRequests';
import { AccountTasks } from './AccountTasks';

/** The account's tasks (open, done or all) and the internal requests about it. */
export function TasksTab({ account, canEdit }: { account: AccountDetail; canEdit: boolean }) {
  return (
    <Stack gap="md">
      <AccountTasks account={account} canEdit={canEdit} />
      <AccountRequests account={account} canEdit={canEdit} />
    </Stack>
  );
}
