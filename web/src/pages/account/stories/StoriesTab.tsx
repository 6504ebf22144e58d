import type { AccountDetail } from '../../../api/types';
import { StoryFeed } from './StoriesSection';

export { StoriesSection } from './StoriesSection';

/** The account's stories, newest first: narratives in markdown about the account or any of its records. */
export function StoriesTab({ account, canEdit }: { account: AccountDetail; canEdit: boolean }) {
  return <StoryFeed accountId={account.id} accountName={account.name} heading="Stories" canWrite={canEdit} />;
}
