import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { SnapshotPoint } from './trend.js';

/**
 * Reads of health_snapshots for trends, sparklines and the portfolio. Set-based: one query for a page of
 * accounts or for the whole portfolio, never one per account or per week. The primary key (scorecard_id,
 * account_id, day) serves every "latest day before" lookup.
 */
type Db = Kysely<DB> | Transaction<DB>;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * A stored score as shown (rounded as Math.round rounds, halves up), in SQL text for `column`. Not round(): on
 * PostgreSQL, round() of a floating-point value rounds halves to even, so 40.5 would count as 40, not 41.
 */
export const shownScoreText = (column: string): string => `cast(floor(${column} + 0.5) as integer)`;
const shownScore = (column: string) => sql.raw(shownScoreText(column));

/**
 * The score of the latest snapshot before `beforeDay` of the outer query's scorecard and account (column refs such
 * as 'h.scorecard_id'): a backward seek on the primary key per row, however long the history.
 */
export function previousScoreSql(scorecardColumn: string, accountColumn: string, beforeDay: string): RawBuilder<number | null> {
  return sql<number | null>`(select p.score from health_snapshots p
    where p.scorecard_id = ${sql.ref(scorecardColumn)} and p.account_id = ${sql.ref(accountColumn)} and p.day < ${beforeDay}
    order by p.day desc limit 1)`;
}

/** The previous snapshot's score of each of an account's scores, by scorecard (null: none, or one without a score). */
export async function previousScores(db: Db, workspaceId: string, accountId: string, beforeDay: string): Promise<Map<string, number | null>> {
  const rows = await db
    .selectFrom('health_scores as h')
    .select(['h.scorecard_id', previousScoreSql('h.scorecard_id', 'h.account_id', beforeDay).as('previous')])
    .where('h.workspace_id', '=', workspaceId)
    .where('h.account_id', '=', accountId)
    .execute();
  return new Map(rows.map((r) => [r.scorecard_id, num(r.previous)]));
}

/** One account's snapshots on or after `fromDay`, per scorecard, oldest first. */
export async function accountSnapshots(db: Db, workspaceId: string, accountId: string, fromDay: string): Promise<Map<string, SnapshotPoint[]>> {
  const rows = await db
    .selectFrom('health_snapshots')
    .select(['scorecard_id', 'day', 'score'])
    // Through the workspace's scorecards, so that each is a seek on the primary key (scorecard_id, account_id, day);
    // without the scorecard the engine scans every snapshot of the workspace.
    .where('scorecard_id', 'in', (eb) => eb.selectFrom('scorecards').select('id').where('workspace_id', '=', workspaceId))
    .where('workspace_id', '=', workspaceId)
    .where('account_id', '=', accountId)
    .where('day', '>=', fromDay)
    .orderBy('day')
    .execute();
  const out = new Map<string, SnapshotPoint[]>();
  for (const r of rows) {
    const list = out.get(r.scorecard_id) ?? [];
    list.push({ day: r.day, score: num(r.score) });
    out.set(r.scorecard_id, list);
  }
  return out;
}

/** Current scores of one scorecard, counted per shown (rounded) score; null for accounts without one. */
export async function currentScoreCounts(db: Db, workspaceId: string, scorecardId: string): Promise<Array<{ shown: number | null; n: number }>> {
  const shown = sql<number | null>`${shownScore('score')}`;
  const rows = await db
    .selectFrom('health_scores')
    .select([shown.as('shown'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('scorecard_id', '=', scorecardId)
    .groupBy(shown)
    .execute();
  return rows.map((r) => ({ shown: num(r.shown), n: Number(r.n) }));
}

/**
 * For each week (Mondays, oldest first) the accounts' last snapshot of the week, counted per shown score. The
 * week of a day is a CASE over the week starts (literal dates we computed, never user input), which reads the
 * same on both engines.
 */
export async function weeklyScoreCounts(
  db: Db,
  workspaceId: string,
  scorecardId: string,
  weeks: readonly string[],
  lastDay: string,
): Promise<Array<{ week: string; shown: number | null; n: number }>> {
  const [first] = weeks;
  if (!first || weeks.some((w) => !/^\d{4}-\d{2}-\d{2}$/.test(w))) return [];
  const weekOf = (column: string) =>
    sql<string>`case ${sql.join(
      [...weeks].reverse().map((w) => sql`when ${sql.ref(column)} >= ${sql.lit(w)} then ${sql.lit(w)}`),
      sql` `,
    )} end`;
  const result = await sql<{ week: string; shown: number | null; n: number }>`
    with last as (
      select account_id, ${weekOf('day')} as week, max(day) as day
      from health_snapshots
      where workspace_id = ${workspaceId} and scorecard_id = ${scorecardId} and day >= ${first} and day <= ${lastDay}
      group by account_id, ${weekOf('day')}
    )
    select last.week as week, ${shownScore('s.score')} as shown, count(*) as n
    from last inner join health_snapshots s on s.scorecard_id = ${scorecardId} and s.account_id = last.account_id and s.day = last.day
    group by last.week, ${shownScore('s.score')}`.execute(db);
  return result.rows.map((r) => ({ week: String(r.week), shown: num(r.shown), n: Number(r.n) }));
}

export interface MoverRow {
  account_id: string;
  account_name: string;
  owner_id: string | null;
  owner_name: string | null;
  before: number;
  after: number;
  change: number;
  rag: string | null;
  components: string;
}

/**
 * The accounts whose shown score changed most between their latest snapshot on or before `sinceDay` and now:
 * the `limit` largest rises or falls, sorted and cut in SQL so only those rows' explanations are read.
 */
export async function moverRows(
  db: Db,
  options: {
    workspaceId: string;
    scorecardId: string;
    sinceDay: string;
    direction: 'rise' | 'fall';
    limit: number;
    owners: { ids: string[]; none: boolean } | null;
  },
): Promise<MoverRow[]> {
  const { workspaceId, scorecardId, sinceDay, direction, limit, owners } = options;
  const change = sql<number>`(${shownScore('h.score')} - ${shownScore('b.score')})`;
  let q = db
    .selectFrom('health_scores as h')
    .innerJoin('accounts as a', (j) => j.onRef('a.id', '=', 'h.account_id').onRef('a.workspace_id', '=', 'h.workspace_id'))
    .leftJoin('users as u', 'u.id', 'a.owner_id')
    .innerJoin(
      (eb) =>
        eb
          .selectFrom('health_snapshots')
          .select(['account_id', (e) => e.fn.max('day').as('day')])
          .where('workspace_id', '=', workspaceId)
          .where('scorecard_id', '=', scorecardId)
          .where('day', '<=', sinceDay)
          .groupBy('account_id')
          .as('m'),
      (j) => j.onRef('m.account_id', '=', 'h.account_id'),
    )
    .innerJoin('health_snapshots as b', (j) => j.onRef('b.account_id', '=', 'm.account_id').onRef('b.day', '=', 'm.day').on('b.scorecard_id', '=', scorecardId))
    .select(['h.account_id', 'a.name as account_name', 'a.owner_id', 'u.name as owner_name', 'b.score as before', 'h.score as after', 'h.rag', 'h.components'])
    .select(change.as('change'))
    .where('h.workspace_id', '=', workspaceId)
    .where('h.scorecard_id', '=', scorecardId)
    .where('h.score', 'is not', null)
    .where('b.score', 'is not', null)
    .where(direction === 'rise' ? sql<boolean>`${change} > 0` : sql<boolean>`${change} < 0`);
  if (owners) {
    const { ids, none } = owners;
    q = q.where((eb) => eb.or([...(ids.length ? [eb('a.owner_id', 'in', ids)] : []), ...(none ? [eb('a.owner_id', 'is', null)] : [])]));
  }
  const rows = await q
    .orderBy(change, direction === 'rise' ? 'desc' : 'asc')
    .orderBy('a.name')
    .orderBy('a.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, before: Number(r.before), after: Number(r.after), change: Number(r.change) }));
}
