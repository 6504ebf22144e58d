import type { Database } from '../../db/connection.js';
import { decodeBool } from '../../db/dialect.js';
import { notFound } from '../../server/errors.js';
import type { Actor } from '../../server/types.js';
import { todayUtc } from '../kpis/evaluate.js';
import { resolveMe, splitNone } from '../requests/people.js';
import type { Rag } from './contracts.js';
import type { Mover, Movers, MoversQuery, Portfolio } from './contracts-portfolio.js';
import { loadScorecards, type Measure } from './repo.js';
import { currentScoreCounts, type MoverRow, moverRows, weeklyScoreCounts } from './snapshots-repo.js';
import { decodeStored } from './stored.js';
import { addDays, addToCounts, bucketOf, emptyCounts, HISTOGRAM_BUCKETS, weekStarts } from './trend.js';

/**
 * Portfolio health: one scorecard's scores across the workspace (RAG counts, a histogram, the weekly RAG
 * distribution from snapshots) and the accounts that moved most. A handful of grouped queries, whatever the size.
 */
async function scorecardsOf(database: Database, actor: Actor) {
  const rows = await database.db
    .selectFrom('scorecards')
    .select(['id', 'name', 'is_overall', 'red_max', 'amber_max'])
    .where('workspace_id', '=', actor.workspaceId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, isOverall: decodeBool(r.is_overall), rag: { redMax: r.red_max, amberMax: r.amber_max } }));
}

/** The scorecard asked for (another workspace's is "not found"), else the first overall one, else none. */
async function chosenScorecard(database: Database, actor: Actor, scorecardId: string | undefined) {
  const all = await scorecardsOf(database, actor);
  if (scorecardId) {
    const found = all.find((c) => c.id === scorecardId);
    if (!found) throw notFound('Scorecard');
    return { all, card: found };
  }
  return { all, card: all.find((c) => c.isOverall) ?? null };
}

export async function getPortfolio(database: Database, actor: Actor, query: { scorecardId?: string | undefined }): Promise<Portfolio> {
  const { all, card } = await chosenScorecard(database, actor, query.scorecardId);
  const today = todayUtc();
  const weeks = weekStarts(today);
  const histogram = HISTOGRAM_BUCKETS.map((b) => ({ ...b, count: 0 }));
  const current = emptyCounts();
  const byWeek = new Map(weeks.map((week) => [week, emptyCounts()]));
  if (card) {
    for (const { shown, n } of await currentScoreCounts(database.db, actor.workspaceId, card.id)) {
      addToCounts(current, shown, n, card.rag);
      const bucket = shown === null ? undefined : histogram[bucketOf(shown)];
      if (bucket) bucket.count += n;
    }
    // Snapshots keep the score only: a past week's RAG uses today's bands, so a band edit recolours history.
    for (const { week, shown, n } of await weeklyScoreCounts(database.db, actor.workspaceId, card.id, weeks, today)) {
      const counts = byWeek.get(week);
      if (counts) addToCounts(counts, shown, n, card.rag);
    }
  }
  return {
    scorecard: card && { id: card.id, name: card.name, rag: card.rag },
    scorecards: all.map(({ id, name, isOverall }) => ({ id, name, isOverall })),
    current,
    histogram,
    weeks: weeks.map((week) => ({ week, ...(byWeek.get(week) ?? emptyCounts()) })),
  };
}

function toMover(r: MoverRow, measures: readonly Measure[]): Mover {
  const stored = decodeStored(r.components, measures);
  return {
    accountId: r.account_id,
    accountName: r.account_name,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    before: r.before,
    after: r.after,
    change: r.change,
    rag: r.rag as Rag | null,
    weakest: stored.components.find((c) => c.measureId === stored.weakest)?.name ?? null,
  };
}

export async function getMovers(database: Database, actor: Actor, query: MoversQuery): Promise<Movers> {
  const { card } = await chosenScorecard(database, actor, query.scorecardId);
  const sinceDay = addDays(todayUtc(), -query.days);
  const ownerIds = resolveMe(actor, 'ownerId', query.ownerId);
  if (!card) return { scorecard: null, since: sinceDay, rises: [], falls: [] };
  const base = {
    workspaceId: actor.workspaceId,
    scorecardId: card.id,
    sinceDay,
    limit: query.limit,
    owners: ownerIds?.length ? splitNone(ownerIds) : null,
  };
  const [rises, falls, [full]] = await Promise.all([
    moverRows(database.db, { ...base, direction: 'rise' }),
    moverRows(database.db, { ...base, direction: 'fall' }),
    loadScorecards(database.db, actor.workspaceId, [card.id]),
  ]);
  const measures = full?.measures ?? [];
  return {
    scorecard: { id: card.id, name: card.name, rag: card.rag },
    since: sinceDay,
    rises: rises.map((r) => toMover(r, measures)),
    falls: falls.map((r) => toMover(r, measures)),
  };
}
