import type { Database } from '../../src/db/connection.js';
import { nowIso } from '../../src/db/dialect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { newId } from '../../src/lib/ids.js';
import { createWorkspace } from '../../src/modules/workspaces/service.js';
import { createWriteKey } from '../../src/modules/write-keys/service.js';

/**
 * A migrated database with one workspace, `accounts` plain accounts whose external ids are `${prefix}${i}` (the
 * groupIds Segment calls name), and a write key: the set-up of the tests that send usage to a server process.
 * Accounts go straight into the table, in chunks, so that a thousand cost no more than a few statements.
 */
export async function seedIngestWorkspace(
  database: Database,
  options: { name: string; accounts: number; prefix: string },
): Promise<{ workspaceId: string; key: string }> {
  await migrateToLatest(database);
  const workspace = await createWorkspace(database, options.name);
  const now = nowIso();
  const rows = Array.from({ length: options.accounts }, (_, i) => ({
    id: newId(),
    workspace_id: workspace.id,
    name: `${options.name} ${i}`,
    external_id: `${options.prefix}${i}`,
    currency: 'EUR',
    arr_minor: 0,
    risk_statuses: '[]',
    custom_fields: '{}',
    created_at: now,
    updated_at: now,
  }));
  for (let i = 0; i < rows.length; i += 200)
    await database.db
      .insertInto('accounts')
      .values(rows.slice(i, i + 200))
      .execute();
  const { key } = await createWriteKey(database, { workspaceId: workspace.id, userId: null, role: 'admin', via: 'cli' }, { name: options.name });
  return { workspaceId: workspace.id, key };
}
