import type { Database } from '../db/connection.js';
import { encodeJson, nowIso } from '../db/dialect.js';
import { recomputeHealth } from '../modules/health/compute.js';
import { todayUtc } from '../modules/kpis/evaluate.js';
import { type Runner, serialRunner } from './runner.js';

/**
 * The daily full recompute. Some inputs change with nothing written (the days since the last touch grow, manual
 * values expire, KPI windows move on), and every account needs its day's snapshot for trends. Once per workspace
 * and UTC day, whichever server process gets there first: the job_runs row is the claim, written in the same
 * transaction as the scores, so a crash mid-run leaves the day to be done again.
 */
export const DAILY_HEALTH_JOB = 'health-daily';

export async function runDailyHealth(database: Database, today: string = todayUtc()): Promise<string[]> {
  const due = await database.db
    .selectFrom('workspaces')
    .select('id')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('job_runs').select('job').where('job', '=', DAILY_HEALTH_JOB).where('day', '=', today).whereRef('scope', '=', 'workspaces.id'))),
    )
    .orderBy('id')
    .execute();
  const done: string[] = [];
  for (const { id } of due) {
    const ran = await database.db.transaction().execute(async (trx) => {
      const claimed = await trx
        .insertInto('job_runs')
        .values({ job: DAILY_HEALTH_JOB, scope: id, day: today, finished_at: nowIso(), summary: null })
        .onConflict((oc) => oc.doNothing())
        .returning('job')
        .executeTakeFirst();
      if (!claimed) return false;
      const result = await recomputeHealth({ ...database, db: trx }, id, { cause: 'daily recompute', asOf: today });
      await trx
        .updateTable('job_runs')
        .set({ finished_at: nowIso(), summary: encodeJson(result) })
        .where('job', '=', DAILY_HEALTH_JOB)
        .where('scope', '=', id)
        .where('day', '=', today)
        .execute();
      return true;
    });
    if (ran) done.push(id);
  }
  return done;
}

/** Checks for due workspaces now and then every `everyMs` (a few minutes: the check is one small query). */
export function scheduleDailyHealth(database: Database, options: { everyMs?: number; onError: (err: unknown) => void }): Runner {
  return serialRunner(() => runDailyHealth(database), options.onError, options.everyMs ?? 5 * 60_000);
}
