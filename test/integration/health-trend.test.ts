import { beforeAll, expect, it } from 'vitest';
import type { AccountDetail, AccountPage } from '../../src/modules/accounts/contracts.js';
import type { AccountHealth, Scorecard, ScorecardList } from '../../src/modules/health/contracts.js';
import type { Movers, Portfolio } from '../../src/modules/health/contracts-portfolio.js';
import { ragOf } from '../../src/modules/health/score.js';
import { addDays, lastPerWeek, weekStarts } from '../../src/modules/health/trend.js';
import { forEachEngine } from '../support/engines.js';
import { expectError, makeWorkspace, type SessionClient, type TestWorkspace } from '../support/factories.js';

/**
 * Trends, sparklines, portfolio distribution and biggest movers, with exact values from snapshots inserted here.
 * One scorecard with one manual measure (linear 0–100), so each account's score is the value set on it.
 */
const today = () => new Date().toISOString().slice(0, 10);
const CARD = {
  name: 'Trend card',
  isOverall: true,
  measures: [{ name: 'Sentiment', source: { kind: 'manual', min: 0, max: 100 }, mapping: { kind: 'linear', worst: 0, best: 100 }, weight: 1 }],
};

forEachEngine('health trends and portfolio', (ctx) => {
  let ws: TestWorkspace;
  let manager: SessionClient;
  let csm: SessionClient;
  let viewer: SessionClient;
  let card: Scorecard;
  const ids: Record<string, string> = {};
  /** Every snapshot of the card, including today's written by the recomputes, for the expected weekly counts. */
  const snapshots: Array<{ account: string; day: string; score: number }> = [];
  const d = (n: number) => addDays(today(), -n);

  beforeAll(async () => {
    ws = await makeWorkspace(ctx);
    manager = await ws.addUser('manager', { name: 'Mona Manager' });
    csm = await ws.addUser('csm', { name: 'Ana Csm' });
    viewer = await ws.addUser('viewer', { name: 'Vic Viewer' });
    const defaults = (await viewer.get<ScorecardList>('/api/v1/scorecards')).body.items;
    for (const c of defaults) expect((await manager.patch(`/api/v1/scorecards/${c.id}`, { isOverall: false })).status).toBe(200);
    const made = await manager.post<Scorecard>('/api/v1/scorecards', CARD);
    expect(made.status, made.text).toBe(201);
    card = made.body;
    const measure = card.measures[0]?.id as string;
    // Current scores (the value set), and owners: Ana owns X and W.
    const current: Record<string, [number, boolean]> = { X: [60, true], Y: [70, false], Z: [30, false], U: [50, false], W: [90, true], V: [100, false] };
    for (const [name, [value, owned]] of Object.entries(current)) {
      const res = await ws.admin.post<AccountDetail>('/api/v1/accounts', { name: `Acct ${name}`, ownerId: owned ? csm.user.id : null });
      expect(res.status, res.text).toBe(201);
      ids[name] = res.body.id;
      const set = await csm.put(`/api/v1/accounts/${res.body.id}/manual-measures/${measure}`, { value });
      expect(set.status, set.text).toBe(200);
      snapshots.push({ account: name, day: today(), score: value });
    }
    const weeks = weekStarts(today());
    const w0 = weeks[0] as string;
    const w5 = weeks[5] as string;
    const past: Array<[string, string, number]> = [
      ['X', addDays(w0, -1), 10], // before the 18 weeks: in no sparkline week
      ['X', w0, 80],
      ['X', addDays(w0, 3), 78], // the last of week 0
      ['X', addDays(w5, 6), 70], // a Sunday
      ['X', d(10), 50],
      ['X', d(7), 80], // the latest on or before 7 days ago
      ['X', d(1), 64], // the previous snapshot
      ['Y', d(8), 69.6], // shown 70: same
      ['Z', d(9), 45],
      ['W', d(7), 60],
      ['W', d(5), 10], // after the movers' day: not "before"
      ['V', d(30), 95],
    ];
    await ctx.database.db
      .insertInto('health_snapshots')
      .values(past.map(([name, day, score]) => ({ workspace_id: ws.id, account_id: ids[name] as string, scorecard_id: card.id, day, score })))
      .execute();
    for (const [account, day, score] of past) snapshots.push({ account, day, score });
  });

  const scoreOf = async (name: string) =>
    (await viewer.get<AccountHealth>(`/api/v1/accounts/${ids[name]}/health`)).body.scores.find((s) => s.scorecardId === card.id);

  it('gives each score its trend against the latest snapshot before today, on shown scores', async () => {
    expect(await scoreOf('X')).toMatchObject({ score: 60, trend: 'down', trendFrom: 64 });
    expect(await scoreOf('Y')).toMatchObject({ score: 70, trend: 'same', trendFrom: 69.6 });
    expect(await scoreOf('W')).toMatchObject({ score: 90, trend: 'up', trendFrom: 10 });
    expect(await scoreOf('U')).toMatchObject({ score: 50, trend: null, trendFrom: null });
  });

  it('shows the trend in the accounts list health summary', async () => {
    const page = (await viewer.get<AccountPage>('/api/v1/accounts?limit=50&sort=name')).body;
    const health = Object.fromEntries(page.items.map((a) => [a.name, a.health]));
    expect(health['Acct X']).toEqual({ score: 60, rag: 'amber', scorecardId: card.id, trend: 'down', trendFrom: 64 });
    expect(health['Acct Z']).toMatchObject({ trend: 'down', trendFrom: 45 });
    expect(health['Acct U']).toMatchObject({ trend: null, trendFrom: null });
  });

  it('draws a sparkline of the last 18 weeks: the last snapshot of each week', async () => {
    const weeks = weekStarts(today());
    const line = (await scoreOf('X'))?.sparkline ?? [];
    expect(line.map((p) => p.week)).toEqual(weeks);
    expect(line[0]).toEqual({ week: weeks[0], day: addDays(weeks[0] as string, 3), score: 78 });
    expect(line[1]).toEqual({ week: weeks[1], day: null, score: null });
    expect(line[5]).toEqual({ week: weeks[5], day: addDays(weeks[5] as string, 6), score: 70 });
    expect(line[17]).toEqual({ week: weeks[17], day: today(), score: 60 });
  });

  it('counts the portfolio by RAG now, in 10-point buckets, and week by week from snapshots', async () => {
    const res = await viewer.get<Portfolio>(`/api/v1/health/portfolio`);
    expect(res.status, res.text).toBe(200);
    const p = res.body;
    expect(p.scorecard).toEqual({ id: card.id, name: 'Trend card', rag: { redMax: 50, amberMax: 75 } });
    expect(p.current).toEqual({ red: 2, amber: 2, green: 2, none: 0 });
    expect(p.histogram.map((b) => b.count)).toEqual([0, 0, 0, 1, 0, 1, 1, 1, 0, 2]);
    expect(p.histogram[9]).toMatchObject({ from: 90, to: 100 });
    const weeks = weekStarts(today());
    const expected = weeks.map((week) => ({ week, red: 0, amber: 0, green: 0, none: 0 }));
    for (const name of Object.keys(ids)) {
      const points = lastPerWeek(
        snapshots.filter((s) => s.account === name),
        weeks,
      );
      points.forEach((pt, i) => {
        const rag = ragOf(pt.score);
        const counts = expected[i];
        if (pt.day && counts) counts[rag ?? 'none'] += 1;
      });
    }
    expect(p.weeks).toEqual(expected);
    expect(p.weeks.at(-1)).toEqual({ week: weeks[17], red: 2, amber: 2, green: 2, none: 0 });
  });

  it('lists the biggest rises and falls since 7 days ago, sorted, with the weakest measure', async () => {
    const res = await viewer.get<Movers>('/api/v1/health/movers?days=7&limit=10');
    expect(res.status, res.text).toBe(200);
    const m = res.body;
    expect(m.since).toBe(d(7));
    expect(m.rises.map((r) => [r.accountName, r.before, r.after, r.change])).toEqual([
      ['Acct W', 60, 90, 30],
      ['Acct V', 95, 100, 5],
    ]);
    expect(m.falls.map((r) => [r.accountName, r.before, r.after, r.change])).toEqual([
      ['Acct X', 80, 60, -20],
      ['Acct Z', 45, 30, -15],
    ]);
    expect(m.falls[0]).toMatchObject({ ownerName: 'Ana Csm', rag: 'amber', weakest: 'Sentiment' });
    const one = (await viewer.get<Movers>('/api/v1/health/movers?limit=1')).body;
    expect([one.rises.map((r) => r.accountName), one.falls.map((r) => r.accountName)]).toEqual([['Acct W'], ['Acct X']]);
    // A longer window reaches older snapshots: X's 50 ten days ago, Z's 45 nine days ago.
    const longer = (await viewer.get<Movers>('/api/v1/health/movers?days=9')).body;
    expect(longer.falls.map((r) => [r.accountName, r.change])).toEqual([['Acct Z', -15]]);
    expect(longer.rises.map((r) => [r.accountName, r.change])).toEqual([
      ['Acct X', 10],
      ['Acct V', 5],
    ]);
  });

  it('filters movers by owner: me, none, a user id; an API key cannot say "me"', async () => {
    const mine = (await csm.get<Movers>('/api/v1/health/movers?ownerId=me')).body;
    expect([mine.rises.map((r) => r.accountName), mine.falls.map((r) => r.accountName)]).toEqual([['Acct W'], ['Acct X']]);
    const none = (await viewer.get<Movers>('/api/v1/health/movers?ownerId=none')).body;
    expect([none.rises.map((r) => r.accountName), none.falls.map((r) => r.accountName)]).toEqual([['Acct V'], ['Acct Z']]);
    const byId = (await viewer.get<Movers>(`/api/v1/health/movers?ownerId=${csm.user.id}`)).body;
    expect(byId.rises.map((r) => r.accountName)).toEqual(['Acct W']);
    const key = await ws.createApiKey('viewer');
    expectError(await key.get('/api/v1/health/movers?ownerId=me'), 400, 'ownerId');
  });

  it('refuses bad input naming the field', async () => {
    expectError(await viewer.get('/api/v1/health/movers?days=0'), 400, 'days');
    expectError(await viewer.get('/api/v1/health/movers?days=127'), 400, 'days');
    expectError(await viewer.get('/api/v1/health/movers?days=1.5'), 400, 'days');
    expectError(await viewer.get('/api/v1/health/movers?limit=0'), 400, 'limit');
    expectError(await viewer.get('/api/v1/health/movers?limit=51'), 400, 'limit');
    expectError(await viewer.get('/api/v1/health/movers?limit=ten'), 400, 'limit');
    expectError(await viewer.get('/api/v1/health/portfolio?scorecardId=no%20such'), 400, 'scorecardId');
  });

  it("keeps workspaces apart: B never sees A's accounts, and A's scorecard is not found for B", async () => {
    const b = await makeWorkspace(ctx);
    const portfolio = (await b.admin.get<Portfolio>('/api/v1/health/portfolio')).body;
    expect(portfolio.current).toEqual({ red: 0, amber: 0, green: 0, none: 0 });
    expect(portfolio.weeks.every((w) => w.red + w.amber + w.green + w.none === 0)).toBe(true);
    expect(portfolio.scorecards.map((c) => c.id)).not.toContain(card.id);
    const movers = (await b.admin.get<Movers>(`/api/v1/health/movers?days=30&ownerId=${csm.user.id}`)).body;
    expect([...movers.rises, ...movers.falls]).toEqual([]);
    expectError(await b.admin.get(`/api/v1/health/portfolio?scorecardId=${card.id}`), 404);
    expectError(await b.admin.get(`/api/v1/health/movers?scorecardId=${card.id}`), 404);
    // The scorecard chosen explicitly in A gives the same as the default.
    const explicit = (await viewer.get<Portfolio>(`/api/v1/health/portfolio?scorecardId=${card.id}`)).body;
    expect(explicit.current).toEqual({ red: 2, amber: 2, green: 2, none: 0 });
  });
});
