/** Short names for the unmatched reasons; the server's label explains each one in full. */
export const reasonTitles: Record<string, string> = {
  unknown_group: 'Unknown groupId',
  unknown_user: 'Unknown userId',
  anonymous: 'Anonymous only',
  account_deleted: 'Account deleted',
};

export const reasonTitle = (reason: string): string => reasonTitles[reason] ?? reason;
