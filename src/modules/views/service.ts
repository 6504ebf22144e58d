import type { Database } from '../../db/connection.js';
import { classifyDbError, decodeJson, encodeJson, nowIso } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { conflict, forbidden, notFound } from '../../server/errors.js';
import type { Actor } from '../../server/types.js';
import type { SavedView, ViewState } from './contracts.js';

/** Saved views belong to a person; an API key has no person to own them. */
function ownerOf(actor: Actor): string {
  if (!actor.userId) throw forbidden('Saved views belong to a signed-in person, not an API key');
  return actor.userId;
}

function toView(row: DB['saved_views']): SavedView {
  return {
    id: row.id,
    name: row.name,
    state: decodeJson<ViewState>(row.state, { query: {}, columns: ['name'] }),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function rethrowUnique(err: unknown, name: string | undefined): never {
  if (classifyDbError(err) === 'unique') throw conflict('name', `You already have a view named "${name}"`, name);
  throw err;
}

export async function listViews(database: Database, actor: Actor): Promise<{ items: SavedView[] }> {
  const rows = await database.db
    .selectFrom('saved_views')
    .selectAll()
    .where('workspace_id', '=', actor.workspaceId)
    .where('user_id', '=', ownerOf(actor))
    .orderBy('name')
    .orderBy('id')
    .execute();
  return { items: rows.map(toView) };
}

async function findView(database: Database, actor: Actor, id: string): Promise<DB['saved_views'] | undefined> {
  return database.db
    .selectFrom('saved_views')
    .selectAll()
    .where('workspace_id', '=', actor.workspaceId)
    .where('user_id', '=', ownerOf(actor))
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function getView(database: Database, actor: Actor, id: string): Promise<SavedView> {
  const row = await findView(database, actor, id);
  if (!row) throw notFound('Saved view');
  return toView(row);
}

export async function createView(database: Database, actor: Actor, input: { name: string; state: ViewState }): Promise<SavedView> {
  const now = nowIso();
  const id = newId();
  try {
    await database.db
      .insertInto('saved_views')
      .values({
        id,
        workspace_id: actor.workspaceId,
        user_id: ownerOf(actor),
        name: input.name,
        state: encodeJson(input.state),
        created_at: now,
        updated_at: now,
      })
      .execute();
  } catch (err) {
    rethrowUnique(err, input.name);
  }
  return getView(database, actor, id);
}

export async function updateView(database: Database, actor: Actor, id: string, patch: { name?: string; state?: ViewState }): Promise<SavedView> {
  if (!(await findView(database, actor, id))) throw notFound('Saved view');
  const set: Partial<DB['saved_views']> = { updated_at: nowIso() };
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.state !== undefined) set.state = encodeJson(patch.state);
  try {
    await database.db
      .updateTable('saved_views')
      .set(set)
      .where('workspace_id', '=', actor.workspaceId)
      .where('user_id', '=', ownerOf(actor))
      .where('id', '=', id)
      .execute();
  } catch (err) {
    rethrowUnique(err, patch.name);
  }
  return getView(database, actor, id);
}

export async function deleteView(database: Database, actor: Actor, id: string): Promise<void> {
  const result = await database.db
    .deleteFrom('saved_views')
    .where('workspace_id', '=', actor.workspaceId)
    .where('user_id', '=', ownerOf(actor))
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound('Saved view');
}
