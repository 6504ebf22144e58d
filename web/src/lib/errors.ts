import { notifications } from '@mantine/notifications';
import { ApiError } from '../api/client';

/** Shows a failure as a notification: the server's message, which says what to fix. */
export function notifyError(err: unknown, title = 'That did not work'): void {
  const message = err instanceof ApiError ? err.message : err instanceof Error ? err.message : String(err);
  notifications.show({ color: 'red', title, message, autoClose: 8000 });
}

export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', message, autoClose: 3000 });
}

/**
 * Splits an API error into messages for the form's own fields and the rest. Issues on a known field
 * show under it; anything else (or an error without issues) goes to a notification.
 */
export function fieldErrors(err: unknown, knownFields: readonly string[]): Record<string, string> {
  if (!(err instanceof ApiError)) {
    notifyError(err);
    return {};
  }
  const byField: Record<string, string> = {};
  const unmatched: string[] = [];
  for (const issue of err.issues) {
    const root = knownFields.find((f) => issue.field === f || issue.field.startsWith(`${f}.`));
    const text = issue.message.replace(new RegExp(`^${escapeRegExp(issue.field)}: `), '');
    if (root) byField[root] = byField[root] ? `${byField[root]}; ${text}` : text;
    else unmatched.push(issue.message);
  }
  if (!err.issues.length || unmatched.length) notifyError(unmatched.length ? new Error(unmatched.join('; ')) : err, 'Please check the form');
  return byField;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
