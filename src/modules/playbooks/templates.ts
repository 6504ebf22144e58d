import { nowIso } from '../../db/dialect.js';
import { newId } from '../../lib/ids.js';
import { invalid } from '../../server/errors.js';
import { ASSESSMENTS } from './library/assessments.js';
import { BEST_PRACTICES } from './library/best-practices.js';
import { CHECKLISTS } from './library/checklists.js';
import { STORY_TRACKS } from './library/story-tracks.js';
import type { PlaybookTemplate } from './library/types.js';
import type { Executor } from './repo.js';

export { applyPlaybook } from './apply.js';
export type { PlaybookTemplate } from './library/types.js';

/**
 * The prebuilt library, as code: content ships with releases and is never stored until a workspace copies it, so a
 * copied playbook is the workspace's own to edit and a new release never changes it underneath.
 */
export const TEMPLATES: readonly PlaybookTemplate[] = [...CHECKLISTS, ...ASSESSMENTS, ...BEST_PRACTICES, ...STORY_TRACKS];

export function findTemplate(key: string): PlaybookTemplate | undefined {
  return TEMPLATES.find((t) => t.key === key);
}

/** Makes a workspace playbook from a template (a plain copy: name, kind, phase, description and items). Returns its id. */
export async function copyTemplate(trx: Executor, workspaceId: string, templateKey: string, createdBy: string | null): Promise<string> {
  const template = findTemplate(templateKey);
  if (!template) throw invalid('templateKey', 'exists', 'No template has this key: see GET /api/v1/playbook-templates', templateKey);
  const id = newId();
  const now = nowIso();
  await trx
    .insertInto('playbooks')
    .values({
      id,
      workspace_id: workspaceId,
      name: template.name,
      kind: template.kind,
      phase: template.phase,
      description: template.description,
      template_key: template.key,
      created_by: createdBy,
      created_at: now,
      updated_at: now,
    })
    .execute();
  if (template.items.length)
    await trx
      .insertInto('playbook_items')
      .values(
        template.items.map((item, position) => ({
          id: newId(),
          workspace_id: workspaceId,
          playbook_id: id,
          position,
          title: item.title,
          details: item.details,
          due_offset_days: item.dueOffsetDays,
        })),
      )
      .execute();
  return id;
}
