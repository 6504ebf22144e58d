import type { AccountDetail } from '../../../api/types';

// Being built this session: the tab's helper replaces this.
export function StoriesTab({ account }: { account: AccountDetail; canEdit: boolean }) {
  return <p>{account.name}</p>;
}
