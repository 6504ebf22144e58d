import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { type RedFlagKind, RedFlagKinds, type StorySubject } from '../../domain/enums.js';
import { invalid } from '../../server/errors.js';

type Executor = Kysely<DB> | Transaction<DB>;
interface SubjectRow {
  id: string;
  account_id: string;
  label: string;
}

/**
 * The records a story can be about, read by id within a workspace: their account (to check the story's) and their label.
 * These are small keyed reads of other modules' tables, made here so that a story never depends on those modules' services.
 */
async function readSubjects(db: Executor, workspaceId: string, type: Exclude<StorySubject, 'account'>, ids: string[]): Promise<SubjectRow[]> {
  if (ids.length === 0) return [];
  switch (type) {
    case 'activity':
      return db
        .selectFrom('activities')
        .select(['id', 'account_id', 'title as label'])
        .where('workspace_id', '=', workspaceId)
        .where('id', 'in', ids)
        .execute();
    case 'risk':
      return db.selectFrom('risks').select(['id', 'account_id', 'title as label']).where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
    case 'playbook_run':
      return db
        .selectFrom('playbook_runs')
        .innerJoin('playbooks', 'playbooks.id', 'playbook_runs.playbook_id')
        .select(['playbook_runs.id', 'playbook_runs.account_id', 'playbooks.name as label'])
        .where('playbook_runs.workspace_id', '=', workspaceId)
        .where('playbook_runs.id', 'in', ids)
        .execute();
    case 'red_flag': {
      const rows = await db
        .selectFrom('red_flags')
        .select(['id', 'account_id', 'kind', 'note'])
        .where('workspace_id', '=', workspaceId)
        .where('id', 'in', ids)
        .execute();
      return rows.map((r) => ({ id: r.id, account_id: r.account_id, label: redFlagLabel(r.kind, r.note) }));
    }
  }
}

function redFlagLabel(kind: string, note: string | null): string {
  const label = RedFlagKinds.labels[kind as RedFlagKind] ?? kind;
  if (!note) return label;
  const short = note.length > 60 ? `${note.slice(0, 59)}…` : note;
  return `${label}: ${short}`;
}

/**
 * The subject id a story about `subjectType` of this account gets, after checking that the record exists in the
 * workspace and belongs to the account (a validation error naming subjectId otherwise; another workspace's record
 * reads as missing).
 */
export async function resolveSubject(
  db: Executor,
  workspaceId: string,
  accountId: string,
  subjectType: StorySubject,
  subjectId: string | undefined,
): Promise<string> {
  if (subjectType === 'account') {
    if (subjectId !== undefined && subjectId !== accountId) {
      throw invalid('subjectId', 'account', 'A story about the account has the account itself as its subject: leave subjectId out', subjectId);
    }
    return accountId;
  }
  if (subjectId === undefined) throw invalid('subjectId', 'required', `Say which ${subjectType.replace('_', ' ')} the story is about`);
  const [row] = await readSubjects(db, workspaceId, subjectType, [subjectId]);
  if (!row) throw invalid('subjectId', 'exists', `There is no ${subjectType.replace('_', ' ')} with this id in the workspace`, subjectId);
  if (row.account_id !== accountId) {
    throw invalid('subjectId', 'account', `This ${subjectType.replace('_', ' ')} belongs to another account than the story`, subjectId);
  }
  return subjectId;
}

/** Labels of the (non-account) subjects of some stories, by "type:id", in one query per subject type. */
export async function subjectLabels(
  db: Executor,
  workspaceId: string,
  refs: Array<{ subject_type: string; subject_id: string }>,
): Promise<Map<string, string>> {
  const byType = new Map<Exclude<StorySubject, 'account'>, Set<string>>();
  for (const ref of refs) {
    if (ref.subject_type === 'account') continue;
    const type = ref.subject_type as Exclude<StorySubject, 'account'>;
    byType.set(type, (byType.get(type) ?? new Set()).add(ref.subject_id));
  }
  const labels = new Map<string, string>();
  for (const [type, ids] of byType) {
    for (const row of await readSubjects(db, workspaceId, type, [...ids])) labels.set(`${type}:${row.id}`, row.label);
  }
  return labels;
}
