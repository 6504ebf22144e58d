import { sql } from 'kysely';
import type { Database } from '../../db/connection.js';
import { containsText, nowIso } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { withTransaction } from '../../db/transaction.js';
import { LifecyclePhases, PlaybookKinds } from '../../domain/enums.js';
import { newId } from '../../lib/ids.js';
import { invalid, notFound } from '../../server/errors.js';
import type { Actor } from '../../server/types.js';
import type {
  ApplyPlaybook,
  ApplyResult,
  Playbook,
  PlaybookCreate,
  PlaybookDetail,
  PlaybookItemInput,
  PlaybookList,
  PlaybookListQuery,
  PlaybookPatch,
  PlaybookRunSummary,
} from './contracts.js';
import { type Executor, portfolioOf, type RunCountsRow, runsWithCounts, todayIso, toRunSummary } from './repo.js';
import { applyPlaybook, copyTemplate, TEMPLATES } from './templates.js';

export function listTemplates(query: { kind?: string; phase?: string }) {
  return { items: TEMPLATES.filter((t) => (!query.kind || t.kind === query.kind) && (!query.phase || t.phase === query.phase)) };
}

function toPlaybook(row: DB['playbooks'], itemCount: number, runs: PlaybookRunSummary[]): Playbook {
  return {
    id: row.id,
    name: row.name,
    kind: PlaybookKinds.schema.catch('checklist').parse(row.kind),
    phase: LifecyclePhases.schema.nullable().catch(null).parse(row.phase),
    description: row.description,
    templateKey: row.template_key,
    itemCount,
    portfolio: portfolioOf(runs),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Item counts and run summaries for a set of playbooks, grouped by playbook. */
async function figures(db: Executor, workspaceId: string, ids: string[]) {
  const counts = new Map<string, number>();
  const runs = new Map<string, PlaybookRunSummary[]>();
  if (ids.length === 0) return { counts, runs };
  const itemRows = await db
    .selectFrom('playbook_items')
    .select(['playbook_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('playbook_id', 'in', ids)
    .groupBy('playbook_id')
    .execute();
  for (const r of itemRows) counts.set(r.playbook_id, Number(r.n));
  const runRows = (await runsWithCounts(db, workspaceId, todayIso()).where('r.playbook_id', 'in', ids).execute()) as RunCountsRow[];
  for (const row of runRows) {
    const list = runs.get(row.playbook_id) ?? [];
    list.push(toRunSummary(row));
    runs.set(row.playbook_id, list);
  }
  return { counts, runs };
}

export async function listPlaybooks(database: Database, actor: Actor, query: PlaybookListQuery): Promise<PlaybookList> {
  let q = database.db.selectFrom('playbooks').where('workspace_id', '=', actor.workspaceId);
  if (query.kind) q = q.where('kind', '=', query.kind);
  if (query.phase) q = q.where('phase', '=', query.phase);
  if (query.q) q = q.where(containsText(database.dialect, sql.ref('playbooks.name'), query.q));
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.selectAll().orderBy('name').orderBy('id').limit(query.limit).offset(query.offset).execute();
  const { counts, runs } = await figures(
    database.db,
    actor.workspaceId,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => toPlaybook(r, counts.get(r.id) ?? 0, runs.get(r.id) ?? [])), total };
}

export async function getPlaybook(database: Database, actor: Actor, id: string, db: Executor = database.db): Promise<PlaybookDetail> {
  const row = await db.selectFrom('playbooks').selectAll().where('workspace_id', '=', actor.workspaceId).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Playbook');
  const items = await db
    .selectFrom('playbook_items')
    .select(['id', 'position', 'title', 'details', 'due_offset_days'])
    .where('workspace_id', '=', actor.workspaceId)
    .where('playbook_id', '=', id)
    .orderBy('position')
    .execute();
  const { runs } = await figures(db, actor.workspaceId, [id]);
  return {
    ...toPlaybook(row, items.length, runs.get(id) ?? []),
    items: items.map((i) => ({ id: i.id, position: i.position, title: i.title, details: i.details, dueOffsetDays: i.due_offset_days })),
  };
}

/**
 * Replaces a playbook's items with `items`, in order. Items named by id are updated in place (tasks created from them
 * keep their link); items left out are deleted; items without id are new. Checks every id before writing anything.
 */
async function replaceItems(trx: Executor, workspaceId: string, playbookId: string, items: PlaybookItemInput[]): Promise<void> {
  const existing = new Set(
    (await trx.selectFrom('playbook_items').select('id').where('workspace_id', '=', workspaceId).where('playbook_id', '=', playbookId).execute()).map(
      (r) => r.id,
    ),
  );
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (!item.id) return;
    if (!existing.has(item.id)) throw invalid(`items.${i}.id`, 'exists', 'No item with this id in this playbook: leave the id out for a new item', item.id);
    if (seen.has(item.id)) throw invalid(`items.${i}.id`, 'unique', 'The same item appears twice', item.id);
    seen.add(item.id);
  });
  const removed = [...existing].filter((id) => !seen.has(id));
  if (removed.length) await trx.deleteFrom('playbook_items').where('workspace_id', '=', workspaceId).where('id', 'in', removed).execute();
  const added: DB['playbook_items'][] = [];
  for (const [position, item] of items.entries()) {
    const values = { position, title: item.title, details: item.details ?? null, due_offset_days: item.dueOffsetDays };
    if (item.id) await trx.updateTable('playbook_items').set(values).where('workspace_id', '=', workspaceId).where('id', '=', item.id).execute();
    else added.push({ ...values, id: newId(), workspace_id: workspaceId, playbook_id: playbookId });
  }
  if (added.length) await trx.insertInto('playbook_items').values(added).execute();
}

export async function createPlaybook(database: Database, actor: Actor, input: PlaybookCreate): Promise<PlaybookDetail> {
  const id = newId();
  const now = nowIso();
  if (input.items?.some((i) => i.id)) throw invalid('items', 'new', 'A new playbook has no items yet: leave the item ids out');
  return withTransaction(database.db, async (trx) => {
    await trx
      .insertInto('playbooks')
      .values({
        id,
        workspace_id: actor.workspaceId,
        name: input.name,
        kind: input.kind,
        phase: input.phase ?? null,
        description: input.description ?? null,
        template_key: null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    if (input.items?.length) await replaceItems(trx, actor.workspaceId, id, input.items);
    return getPlaybook(database, actor, id, trx);
  });
}

export async function updatePlaybook(database: Database, actor: Actor, id: string, patch: PlaybookPatch): Promise<PlaybookDetail> {
  return withTransaction(database.db, async (trx) => {
    const set: Partial<DB['playbooks']> = { updated_at: nowIso() };
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.kind !== undefined) set.kind = patch.kind;
    if (patch.phase !== undefined) set.phase = patch.phase;
    if (patch.description !== undefined) set.description = patch.description;
    const result = await trx.updateTable('playbooks').set(set).where('workspace_id', '=', actor.workspaceId).where('id', '=', id).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw notFound('Playbook');
    if (patch.items) await replaceItems(trx, actor.workspaceId, id, patch.items);
    return getPlaybook(database, actor, id, trx);
  });
}

/** Deleting a playbook deletes its runs and their tasks with it (foreign keys cascade). */
export async function deletePlaybook(database: Database, actor: Actor, id: string): Promise<void> {
  const result = await database.db.deleteFrom('playbooks').where('workspace_id', '=', actor.workspaceId).where('id', '=', id).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound('Playbook');
}

export async function copyFromTemplate(database: Database, actor: Actor, templateKey: string): Promise<PlaybookDetail> {
  return withTransaction(database.db, async (trx) => getPlaybook(database, actor, await copyTemplate(trx, actor.workspaceId, templateKey, actor.userId), trx));
}

export async function applyToAccounts(database: Database, actor: Actor, playbookId: string, input: ApplyPlaybook): Promise<ApplyResult> {
  return withTransaction(database.db, (trx) =>
    applyPlaybook(trx, actor.workspaceId, playbookId, input.accountIds, input.startOn, input.ownerId ?? null, actor.userId),
  );
}
