import type { Database } from '../../db/connection.js';
import { nowIso } from '../../db/dialect.js';
import { newId } from '../../lib/ids.js';
import { randomToken, sha256 } from '../../lib/secrets.js';
import { notFound } from '../../server/errors.js';
import type { Actor } from '../../server/types.js';
import type { WorkspaceSettings } from '../workspaces/contracts.js';
import { decodeSettings } from '../workspaces/service.js';
import type { WriteKey } from './contracts.js';

const KEY_PREFIX = 'wk_';

type Row = { id: string; name: string; prefix: string; created_at: string; last_used_at: string | null; revoked_at: string | null };

function toWriteKey(r: Row): WriteKey {
  return { id: r.id, name: r.name, prefix: r.prefix, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at };
}

type Source = { workspaceId: string; settings: WorkspaceSettings };

/**
 * Write keys seen in the last few seconds. Every ingest request needs its key's workspace; asking the database
 * each time would, on SQLite, queue every request behind the running ingest transaction and defeat group commit.
 * Revoking a key or changing settings clears this process's cache at once; other server processes notice within
 * CACHE_MS.
 */
const CACHE_MS = 5_000;
const cache = new Map<string, { source: Source; until: number }>();

export function forgetWriteKeys(): void {
  cache.clear();
}

/** The workspace a write key sends to, with its settings (ingest needs both on every request). */
export async function findWriteKeyWorkspace(database: Database, key: string): Promise<Source | null> {
  if (!key.startsWith(KEY_PREFIX) || key.length > 200) return null;
  const hash = sha256(key);
  const cached = cache.get(hash);
  if (cached && cached.until > Date.now()) return cached.source;
  const source = await lookUp(database, hash);
  if (source) {
    if (cache.size > 10_000) cache.clear();
    cache.set(hash, { source, until: Date.now() + CACHE_MS });
  } else cache.delete(hash);
  return source;
}

async function lookUp(database: Database, hash: string): Promise<Source | null> {
  const row = await database.db
    .selectFrom('write_keys')
    .innerJoin('workspaces', 'workspaces.id', 'write_keys.workspace_id')
    .select(['write_keys.id', 'write_keys.workspace_id', 'write_keys.last_used_at', 'workspaces.settings'])
    .where('write_keys.key_hash', '=', hash)
    .where('write_keys.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  // Record use at most once a minute: a busy source must not write a row per batch.
  const now = new Date();
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > 60_000) {
    await database.db.updateTable('write_keys').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute();
  }
  return { workspaceId: row.workspace_id, settings: decodeSettings(row.settings) };
}

export async function listWriteKeys(database: Database, actor: Actor): Promise<WriteKey[]> {
  const rows = await database.db
    .selectFrom('write_keys')
    .select(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'revoked_at'])
    .where('workspace_id', '=', actor.workspaceId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toWriteKey);
}

export async function createWriteKey(database: Database, actor: Actor, input: { name: string }): Promise<WriteKey & { key: string }> {
  const key = `${KEY_PREFIX}${randomToken()}`;
  const row: Row = { id: newId(), name: input.name, prefix: key.slice(0, 10), created_at: nowIso(), last_used_at: null, revoked_at: null };
  await database.db
    .insertInto('write_keys')
    .values({ ...row, workspace_id: actor.workspaceId, key_hash: sha256(key), created_by: actor.userId })
    .execute();
  return { ...toWriteKey(row), key };
}

export async function revokeWriteKey(database: Database, actor: Actor, id: string): Promise<void> {
  const result = await database.db
    .updateTable('write_keys')
    .set({ revoked_at: nowIso() })
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw notFound('Write key');
  forgetWriteKeys();
}
