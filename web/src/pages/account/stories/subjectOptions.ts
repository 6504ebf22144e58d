import { useQueries } from '@tanstack/react-query';
import { type RedFlagKind, RedFlagKinds, type StorySubject } from '../../../../../src/domain/enums';
import { api } from '../../../api/client';
import { formatDate } from '../../../lib/format';

/** What a story can be about, as one Select value: "account", or "<type>:<id>". */
export type SubjectValue = string;
export const ACCOUNT_SUBJECT: SubjectValue = 'account';

export function toSubjectValue(type: StorySubject, id: string): SubjectValue {
  return type === 'account' ? ACCOUNT_SUBJECT : `${type}:${id}`;
}

export function fromSubjectValue(value: SubjectValue): { subjectType: StorySubject; subjectId?: string } {
  if (value === ACCOUNT_SUBJECT) return { subjectType: 'account' };
  const [type, id] = value.split(':') as [Exclude<StorySubject, 'account'>, string];
  return { subjectType: type, subjectId: id };
}

type Row = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** The account's records of each kind, from their own modules' account lists; each is read leniently. */
const SOURCES: Array<{ type: Exclude<StorySubject, 'account'>; path: string; group: string; query?: Record<string, number>; label(r: Row): string }> = [
  {
    type: 'activity',
    path: 'activities',
    group: 'Meetings and activities',
    query: { limit: 200 },
    label: (r) => [text(r.title), formatDate(text(r.occurredAt))].filter(Boolean).join(' · '),
  },
  { type: 'risk', path: 'risks', group: 'Risks', label: (r) => text(r.title) },
  {
    type: 'red_flag',
    path: 'red-flags',
    group: 'Red flags',
    label: (r) => [RedFlagKinds.labels[r.kind as RedFlagKind] ?? text(r.kind), text(r.note)].filter(Boolean).join(': '),
  },
  {
    type: 'playbook_run',
    path: 'playbook-runs',
    group: 'Playbooks',
    label: (r) => [text(r.playbookName), r.startedOn ? `started ${formatDate(text(r.startedOn))}` : ''].filter(Boolean).join(' · '),
  },
];

export interface SubjectGroup {
  group: string;
  items: Array<{ value: SubjectValue; label: string }>;
}

/**
 * Select options for "what is this story about": the account, then its meetings, risks, red flags and playbook runs.
 * A list that cannot be loaded (not there on this server, or failing) is left out, and `partial` says so.
 */
export function useSubjectOptions(accountId: string, accountName: string, enabled: boolean): { groups: SubjectGroup[]; loading: boolean; partial: boolean } {
  const results = useQueries({
    queries: SOURCES.map((source) => ({
      queryKey: [source.path, 'account', accountId, 'story-subjects'],
      queryFn: () => api.get<{ items?: unknown }>(`/accounts/${accountId}/${source.path}`, source.query),
      enabled,
      retry: false,
      staleTime: 30_000,
    })),
  });
  const groups: SubjectGroup[] = [{ group: 'Account', items: [{ value: ACCOUNT_SUBJECT, label: `The account: ${accountName}` }] }];
  SOURCES.forEach((source, i) => {
    const items = results[i]?.data?.items;
    if (!Array.isArray(items) || items.length === 0) return;
    groups.push({
      group: source.group,
      items: items
        .filter((r): r is Row => typeof r === 'object' && r !== null && typeof (r as Row).id === 'string')
        .map((r) => ({ value: toSubjectValue(source.type, r.id as string), label: source.label(r) || source.group })),
    });
  });
  return { groups, loading: results.some((r) => r.isPending && r.fetchStatus !== 'idle'), partial: results.some((r) => r.isError) };
}
