import { beforeAll, expect, it } from 'vitest';
import type { AccountDetail } from '../../src/modules/accounts/contracts.js';
import type { AccountHealth, Scorecard, ScorecardList } from '../../src/modules/health/contracts.js';
import type { Movers, Portfolio } from '../../src/modules/health/contracts-portfolio.js';
import { addDays } from '../../src/modules/health/trend.js';
import { forEachEngine } from '../support/engines.js';
import { makeWorkspace, type SessionClient, type TestWorkspace } from '../support/factories.js';

/**
 * How scores are stored and read back: the compact explanation (and rows written before it), the upsert that keeps
 * the previous score, change time and cause, and shown scores rounded halves up in SQL as in the browser.
 * One scorecard with one manual measure (linear 0–100), so an account's score is the value set on it.
 */
const today = () => new Date().toISOString().slice(0, 10);
const CARD = {
  name: 'Stored card',
  isOverall: true,
  measures: [{ name: 'Sentiment', source: { kind: 'manual', min: 0, max: 100 }, mapping: { kind: 'linear', worst: 0, best: 100 }, weight: 3 }],
};

forEachEngine('health scores as stored', (ctx) => {
  let ws: TestWorkspace;
  let manager: SessionClient;
  let card: Scorecard;
  let measureId: string;

  beforeAll(async () => {
    ws = await makeWorkspace(ctx);
    manager = await ws.addUser('manager', { name: 'Mona Manager' });
    for (const c of (await manager.get<ScorecardList>('/api/v1/scorecards')).body.items) {
      expect((await manager.patch(`/api/v1/scorecards/${c.id}`, { isOverall: false })).status).toBe(200);
    }
    const made = await manager.post<Scorecard>('/api/v1/scorecards', CARD);
    expect(made.status, made.text).toBe(201);
    card = made.body;
    measureId = card.measures[0]?.id as string;
  });

  const newAccount = async (name: string) => {
    const res = await ws.admin.post<AccountDetail>('/api/v1/accounts', { name });
    expect(res.status, res.text).toBe(201);
    return res.body.id;
  };
  const setValue = async (accountId: string, value: number) => {
    const res = await manager.put(`/api/v1/accounts/${accountId}/manual-measures/${measureId}`, { value });
    expect(res.status, res.text).toBe(200);
  };
  const scoreOf = async (accountId: string) =>
    (await manager.get<AccountHealth>(`/api/v1/accounts/${accountId}/health`)).body.scores.find((s) => s.scorecardId === card.id);

  it('reads the explanation back whole from its compact form: the measure from the scorecard, points from the share', async () => {
    const id = await newAccount('Compact');
    await setValue(id, 47);
    const row = await ctx.database.db
      .selectFrom('health_scores')
      .select('components')
      .where('account_id', '=', id)
      .where('scorecard_id', '=', card.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.components)).toMatchObject({ v: 2, w: measureId });
    const score = await scoreOf(id);
    expect(score?.components).toEqual([
      {
        measureId,
        name: 'Sentiment',
        group: null,
        sourceKind: 'manual',
        raw: 47,
        unit: expect.any(String),
        score: 47,
        weight: 3,
        share: 1,
        points: 47,
        shortfall: 53,
        leftOut: false,
        sentence: expect.stringContaining('47'),
      },
    ]);
    expect(score?.weakest).toMatchObject({ measureId, name: 'Sentiment' });
  });

  it('still reads a row stored in the earlier, verbose form', async () => {
    const id = await newAccount('Verbose');
    await setValue(id, 20);
    const verbose = {
      components: [
        {
          measureId,
          name: 'Sentiment (as it was)',
          group: null,
          sourceKind: 'manual',
          raw: 20,
          unit: '0–100',
          score: 20,
          weight: 3,
          share: 1,
          points: 20,
          shortfall: 80,
          leftOut: false,
          sentence: 'Sentiment: 20',
        },
      ],
      weakest: measureId,
    };
    await ctx.database.db
      .updateTable('health_scores')
      .set({ components: JSON.stringify(verbose) })
      .where('account_id', '=', id)
      .where('scorecard_id', '=', card.id)
      .execute();
    const score = await scoreOf(id);
    expect(score?.components).toEqual(verbose.components);
    expect(score?.weakest).toEqual({ measureId, name: 'Sentiment (as it was)', sentence: 'Sentiment: 20' });
  });

  it('keeps the previous score, the change time and the cause until the shown score changes', async () => {
    const id = await newAccount('Changes');
    await setValue(id, 30);
    const first = await scoreOf(id);
    expect(first).toMatchObject({ score: 30, previousScore: null, cause: 'manual measure' });
    await setValue(id, 30.4); // shown 30 still: the change is not one
    const same = await scoreOf(id);
    expect(same).toMatchObject({ score: 30.4, previousScore: null, changedAt: first?.changedAt, cause: 'manual measure' });
    expect((same?.computedAt ?? '') > (first?.computedAt ?? '')).toBe(true);
    await setValue(id, 62);
    const changed = await scoreOf(id);
    expect(changed).toMatchObject({ score: 62, previousScore: 30.4, changedAt: changed?.computedAt });
    expect((changed?.changedAt ?? '') > (first?.changedAt ?? '')).toBe(true);
  });

  it('rounds halves up in the portfolio and movers, as every score is shown', async () => {
    const id = await newAccount('Half');
    await setValue(id, 50.5); // shown 51: amber (51–75), not red; a rise of 1 from a snapshot of 50
    await ctx.database.db
      .insertInto('health_snapshots')
      .values({ workspace_id: ws.id, account_id: id, scorecard_id: card.id, day: addDays(today(), -7), score: 50 })
      .execute();
    const amber = (await manager.get<Portfolio>(`/api/v1/health/portfolio?scorecardId=${card.id}`)).body.current.amber;
    const others = (await ctx.database.db.selectFrom('health_scores').select('score').where('scorecard_id', '=', card.id).execute())
      .map((r) => Math.round(Number(r.score)))
      .filter((shown) => shown > 50 && shown <= 75).length;
    expect(amber).toBe(others);
    expect(others).toBeGreaterThan(0);
    const movers = (await manager.get<Movers>(`/api/v1/health/movers?scorecardId=${card.id}&days=7`)).body;
    expect(movers.rises.map((r) => [r.accountName, r.before, r.after, r.change])).toContainEqual(['Half', 50, 50.5, 1]);
  });
});
