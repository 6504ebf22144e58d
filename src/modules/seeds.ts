import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/connection.js';
import { nowIso } from '../db/dialect.js';
import type { DB } from '../db/schema.js';
import { withTransaction } from '../db/transaction.js';
import { installDefaultScorecard } from './health/defaults.js';
import { installDefaultMetrics } from './metrics/defaults.js';
import { installRiskCatalog } from './risks/catalog.js';

type Seed = (trx: Transaction<DB>, workspaceId: string) => Promise<void>;

/**
 * Prebuilt content every workspace receives, by name and version. A seed runs once per workspace: a new version
 * gets a new name, so that what a workspace has since edited or deleted is never put back.
 */
const seeds: Record<string, Seed> = {
  'metrics-v1': installDefaultMetrics,
  'risk-catalog-v1': installRiskCatalog,
  // After metrics-v1: its KPIs read the default metrics.
  'scorecard-v1': installDefaultScorecard,
};

/** Applies the seeds a workspace has not had yet, each in its own transaction with its record. */
export async function applyWorkspaceSeeds(db: Kysely<DB>, workspaceId: string): Promise<string[]> {
  const done = new Set((await db.selectFrom('workspace_seeds').select('seed').where('workspace_id', '=', workspaceId).execute()).map((r) => r.seed));
  const applied: string[] = [];
  for (const [name, seed] of Object.entries(seeds)) {
    if (done.has(name)) continue;
    const apply = async (trx: Transaction<DB>) => {
      // The insert comes first: of two processes starting at once, the second fails here and rolls back.
      await trx.insertInto('workspace_seeds').values({ workspace_id: workspaceId, seed: name, applied_at: nowIso() }).execute();
      await seed(trx, workspaceId);
    };
    // Inside a caller's transaction (a workspace created with its first user), the seed joins it.
    await withTransaction(db, apply);
    applied.push(name);
  }
  return applied;
}

/** At start-up: existing workspaces receive seeds added since they were created. */
export async function applySeedsToAllWorkspaces(database: Database): Promise<void> {
  const workspaces = await database.db.selectFrom('workspaces').select('id').execute();
  for (const { id } of workspaces) {
    try {
      await applyWorkspaceSeeds(database.db, id);
    } catch (err) {
      // Another process applying the same seed at the same moment wins; ours rolled back and is not needed.
      if ((err as { code?: string }).code !== '23505' && (err as { code?: string }).code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') throw err;
    }
  }
}
