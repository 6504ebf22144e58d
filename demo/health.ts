import type { Database } from '../src/db/connection.js';
import { decodeJson } from '../src/db/dialect.js';
import { recomputeHealth } from '../src/modules/health/compute.js';
import { DEFAULT_SCORECARD_KEY } from '../src/modules/health/defaults.js';
import { addDaysIso, createRandom } from './random.js';
import type { UsagePlan, UsageStory } from './usage.js';

/**
 * The demo's health: the CSMs' judgement of the executive relationship (a manual measure of the default
 * scorecard) on about three accounts in four, following each account's usage story, then a full recompute.
 */
const RELATIONSHIP: Record<UsageStory, readonly number[]> = {
  thriving: [4, 5, 5],
  steady: [3, 4, 4, 5],
  seasonal: [3, 4],
  declining: [1, 2, 2, 3],
  stalled_onboarding: [2, 3],
};
const COMMENTS: Record<number, string> = {
  1: 'Our sponsor left; nobody senior answers',
  2: 'Sponsor skipped the last two QBRs',
  3: 'Cordial, but no access to the budget holder',
  4: 'Sponsor joins QBRs and answers quickly',
  5: 'Sponsor champions us internally',
};

export interface HealthSummary {
  red: number;
  amber: number;
  green: number;
  none: number;
}

async function setRelationships(database: Database, workspaceId: string, plan: UsagePlan, today: string): Promise<void> {
  const card = await database.db
    .selectFrom('scorecards')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('template_key', '=', DEFAULT_SCORECARD_KEY)
    .executeTakeFirst();
  if (!card) return;
  const measures = await database.db.selectFrom('scorecard_measures').select(['id', 'source']).where('scorecard_id', '=', card.id).execute();
  const measure = measures.find((m) => decodeJson<{ kind: string }>(m.source, { kind: '' }).kind === 'manual');
  if (!measure) return;
  const accounts = await database.db.selectFrom('accounts').select(['id', 'external_id', 'owner_id']).where('workspace_id', '=', workspaceId).execute();
  const stories = new Map(plan.accounts.map((a) => [a.externalId, a.story]));
  // Accounts without an owner: a CSM of the workspace made the call.
  const csm = await database.db
    .selectFrom('memberships')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'csm')
    .executeTakeFirst();
  const random = createRandom(4_2026);
  const rows = accounts.flatMap((a) => {
    const story = stories.get(a.external_id ?? '');
    if (!story || !random.chance(0.75)) return [];
    const value = random.pick(RELATIONSHIP[story]);
    const setOn = addDaysIso(today, -random.int(3, 60));
    return [
      {
        workspace_id: workspaceId,
        account_id: a.id,
        measure_id: measure.id,
        value,
        comment: COMMENTS[value] ?? null,
        set_by: a.owner_id ?? csm?.user_id ?? null,
        set_at: `${setOn}T10:00:00.000Z`,
        expires_on: addDaysIso(setOn, 180),
      },
    ];
  });
  for (let i = 0; i < rows.length; i += 200)
    await database.db
      .insertInto('manual_measure_values')
      .values(rows.slice(i, i + 200))
      .execute();
}

/** Writes the relationship judgements (when the usage story is known) and computes every score as of `today`. */
export async function installHealth(database: Database, workspaceId: string, plan: UsagePlan | null, today: string): Promise<HealthSummary> {
  if (plan) await setRelationships(database, workspaceId, plan, today);
  await recomputeHealth(database, workspaceId, { cause: 'demo installed', asOf: today });
  const rows = await database.db
    .selectFrom('health_scores')
    .select(['rag', (eb) => eb.fn.countAll<number>().as('n')])
    .where('workspace_id', '=', workspaceId)
    .groupBy('rag')
    .execute();
  const summary: HealthSummary = { red: 0, amber: 0, green: 0, none: 0 };
  for (const r of rows) summary[(r.rag ?? 'none') as keyof HealthSummary] += Number(r.n);
  return summary;
}
