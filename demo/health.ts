import { sql } from 'kysely';
import type { Database } from '../src/db/connection.js';
import { decodeJson } from '../src/db/dialect.js';
import { TOUCH_TYPES } from '../src/domain/enums.js';
import { recomputeHealth } from '../src/modules/health/compute.js';
import { DEFAULT_SCORECARD_KEY } from '../src/modules/health/defaults.js';
import { historyPlan, interpolate } from './health-history.js';
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

/**
 * 18 weeks of snapshots, so trends, sparklines, the portfolio distribution and the movers tell the usage stories.
 * A few past days are real recomputes (snapshots only, oldest first) over the usage data as it stood that day; the
 * other weeks' Sundays are interpolated between them (see health-history.ts). "Days since the last touch" reads
 * accounts.last_touch_at, so for each day it is set to the latest touch on the timeline by then, and restored after.
 * Approximated: inputs without a history (open risks, the relationship judgement, custom fields) keep today's values.
 */
export async function installHistory(database: Database, workspaceId: string, today: string): Promise<void> {
  const { anchors, sundays } = historyPlan(today);
  const touchedBy = (day: string | null) =>
    database.db
      .updateTable('accounts')
      .set({
        last_touch_at: sql<string | null>`(select max(act.occurred_at) from activities act
          where act.workspace_id = accounts.workspace_id and act.account_id = accounts.id and act.status = 'done'
            and act.type in (${sql.join(TOUCH_TYPES.map((t) => sql`${t}`))})
            ${day ? sql`and act.occurred_at <= ${`${day}T23:59:59.999Z`}` : sql``})`,
      })
      .where('workspace_id', '=', workspaceId)
      .execute();
  try {
    for (const day of anchors) {
      await touchedBy(day);
      await recomputeHealth(database, workspaceId, { cause: 'demo history', asOf: day, snapshotOnly: true });
    }
  } finally {
    // The figure refreshAccountTouches keeps: the latest done touch.
    await touchedBy(null);
  }
  const rows = await database.db
    .selectFrom('health_snapshots')
    .select(['scorecard_id', 'account_id', 'day', 'score'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('day')
    .execute();
  const series = new Map<string, Array<{ day: string; score: number | null }>>();
  for (const r of rows) {
    const key = `${r.scorecard_id}:${r.account_id}`;
    const points = series.get(key) ?? [];
    points.push({ day: r.day, score: r.score === null ? null : Number(r.score) });
    series.set(key, points);
  }
  const filled = [...series].flatMap(([key, points]) => {
    const [scorecardId = '', accountId = ''] = key.split(':');
    const known = new Set(points.map((p) => p.day));
    return sundays
      .filter((day) => !known.has(day))
      .map((day) => ({ workspace_id: workspaceId, scorecard_id: scorecardId, account_id: accountId, day, score: interpolate(points, day) }));
  });
  for (let i = 0; i < filled.length; i += 500)
    await database.db
      .insertInto('health_snapshots')
      .values(filled.slice(i, i + 500))
      .execute();
}

/** Writes the relationship judgements (when the usage story is known) and computes every score as of `today`. */
export async function installHealth(database: Database, workspaceId: string, plan: UsagePlan | null, today: string): Promise<HealthSummary> {
  if (plan) await setRelationships(database, workspaceId, plan, today);
  await recomputeHealth(database, workspaceId, { cause: 'demo installed', asOf: today });
  // History only with usage: without it every past day would score the same.
  if (plan) await installHistory(database, workspaceId, today);
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
