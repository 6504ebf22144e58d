import type { Database } from '../../db/connection.js';
import { nowIso } from '../../db/dialect.js';
import type { Role } from '../../domain/enums.js';
import { newId } from '../../lib/ids.js';
import { randomToken, sha256 } from '../../lib/secrets.js';
import { notFound } from '../../server/errors.js';
import type { Actor } from '../../server/types.js';
import type { ApiKey } from './contracts.js';

const KEY_PREFIX = 'kw_';

type Row = { id: string; name: string; prefix: string; role: string; created_at: string; last_used_at: string | null; revoked_at: string | null };

function toApiKey(r: Row): ApiKey {
  return { id: r.id, name: r.name, prefix: r.prefix, role: r.role as Role, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at };
}

export async function findApiKeyActor(database: Database, key: string): Promise<Actor | null> {
  if (!key.startsWith(KEY_PREFIX) || key.length > 200) return null;
  const row = await database.db
    .selectFrom('api_keys')
    .select(['id', 'workspace_id', 'role', 'last_used_at'])
    .where('key_hash', '=', sha256(key))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  // Record use at most once a minute, so that a busy key does not write on every request.
  const now = new Date();
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > 60_000) {
    await database.db.updateTable('api_keys').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute();
  }
  return { workspaceId: row.workspace_id, userId: null, role: row.role as Role, via: 'api_key' };
}

export async function listApiKeys(database: Database, actor: Actor): Promise<ApiKey[]> {
  const rows = await database.db
    .selectFrom('api_keys')
    .select(['id', 'name', 'prefix', 'role', 'created_at', 'last_used_at', 'revoked_at'])
    .where('workspace_id', '=', actor.workspaceId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toApiKey);
}

export async function createApiKey(database: Database, actor: Actor, input: { name: string; role: Role }): Promise<ApiKey & { key: string }> {
  const key = `${KEY_PREFIX}${randomToken()}`;
  const row: Row = { id: newId(), name: input.name, prefix: key.slice(0, 10), role: input.role, created_at: nowIso(), last_used_at: null, revoked_at: null };
  await database.db
    .insertInto('api_keys')
    .values({ ...row, workspace_id: actor.workspaceId, key_hash: sha256(key), created_by: actor.userId })
    .execute();
  return { ...toApiKey(row), key };
}

export async function revokeApiKey(database: Database, actor: Actor, id: string): Promise<void> {
  const result = await database.db
    .updateTable('api_keys')
    .set({ revoked_at: nowIso() })
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw notFound('API key');
}
