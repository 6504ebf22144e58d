import type { Priority } from '../../../../src/domain/enums';

/** The browser's own calendar day (YYYY-MM-DD): My work asks the API to count its sections from it. */
export function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export const priorityColors: Record<Priority, string> = { urgent: 'red', high: 'orange', normal: 'gray', low: 'gray' };
