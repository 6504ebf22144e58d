import type { QueryClient } from '@tanstack/react-query';

/**
 * An activity change moves the timeline, the account's last/next meeting and touch overdue (detail and list),
 * and, through action items, task lists and My work.
 */
export function invalidateTimeline(queryClient: QueryClient): void {
  for (const key of ['activities', 'accounts', 'tasks', 'my-work']) queryClient.invalidateQueries({ queryKey: [key] });
}
