import { beforeAll, expect, it } from 'vitest';
import type { AccountDetail } from '../../src/modules/accounts/contracts.js';
import type { Scorecard } from '../../src/modules/health/contracts.js';
import type { ScorecardPreview } from '../../src/modules/health/contracts-preview.js';
import { forEachEngine } from '../support/engines.js';
import { expectError, makeWorkspace, type SessionClient, type TestWorkspace } from '../support/factories.js';

/**
 * The scorecard editor's preview (POST /api/v1/scorecards/preview): exact figures on a hand-made workspace of
 * five accounts scored by two manual measures, Adoption and Sentiment (0–100, linear, weight 1 each).
 */
const manual = (name: string, weight: number) => ({
  name,
  source: { kind: 'manual', min: 0, max: 100 },
  mapping: { kind: 'linear', worst: 0, best: 100 },
  weight,
});
const CARD = { name: 'Preview card', isOverall: false, measures: [manual('Adoption', 1), manual('Sentiment', 1)] };

/** [name, lifecycle phase, adoption, sentiment (null: not set)]; stored scores are the means: 62, 81, 55, 30, 60. */
const ACCOUNTS = [
  ['Xylo', 'adoption', 82, 42],
  ['Yarrow', 'adoption', 100, 62],
  ['Zinnia', 'adoption', 20, 90],
  ['Wren', 'adoption', 30, null],
  ['Vale', 'onboarding', 60, 60],
] as const;

const HEALTH_TABLES = ['scorecards', 'scorecard_measures', 'manual_measure_values', 'health_scores', 'health_snapshots', 'health_dirty'] as const;

forEachEngine('scorecard preview', (ctx) => {
  let ws: TestWorkspace;
  let manager: SessionClient;
  let card: Scorecard;
  const ids = new Map<string, string>();

  /** The card as the editor would send it, with changes. */
  const draft = (changes: Record<string, unknown> = {}) => ({
    name: card.name,
    isOverall: card.isOverall,
    segment: card.segment,
    groups: card.groups,
    rag: card.rag,
    measures: card.measures,
    ...changes,
  });
  const preview = (body: unknown, client: SessionClient = manager) => client.post<ScorecardPreview>('/api/v1/scorecards/preview', body);

  async function healthRows() {
    const { db } = ctx.database;
    return Object.fromEntries(
      await Promise.all(HEALTH_TABLES.map(async (table) => [table, await db.selectFrom(table).selectAll().orderBy('workspace_id').execute()])),
    );
  }

  beforeAll(async () => {
    ws = await makeWorkspace(ctx);
    manager = await ws.addUser('manager');
    const made = await manager.post<Scorecard>('/api/v1/scorecards', CARD);
    expect(made.status, made.text).toBe(201);
    card = made.body;
    const [adoption, sentiment] = card.measures.map((m) => m.id);
    for (const [name, lifecyclePhase, a, s] of ACCOUNTS) {
      const res = await ws.admin.post<AccountDetail>('/api/v1/accounts', { name, lifecyclePhase });
      expect(res.status, res.text).toBe(201);
      ids.set(name, res.body.id);
      for (const [measure, value] of [
        [adoption, a],
        [sentiment, s],
      ] as const) {
        if (value === null) continue;
        const put = await manager.put(`/api/v1/accounts/${res.body.id}/manual-measures/${measure}`, { value });
        expect(put.status, put.text).toBe(200);
      }
    }
    expect((await manager.post('/api/v1/health/recompute')).status).toBe(200);
  });

  it('shows exactly what doubling a weight would do, and writes nothing', async () => {
    const rows = await healthRows();
    const res = await preview({
      scorecardId: card.id,
      draft: draft({ measures: card.measures.map((m) => (m.name === 'Sentiment' ? { ...m, weight: 2 } : m)) }),
    });
    expect(res.status, res.text).toBe(200);
    const p = res.body;
    // Xylo (82 + 2·42) / 3 = 55.33; Yarrow (100 + 124) / 3 = 74.67 (shown 75: green → amber); Zinnia (20 + 180) / 3 = 66.67;
    // Wren has no sentiment (left out: still 30); Vale 60 either way.
    expect(p).toMatchObject({ scorecardId: card.id, totalAccounts: 5, ragChanged: 1, scoreChanged: 3, meanChange: -0.27 });
    expect(p.before).toEqual({ accounts: 5, rag: { red: 1, amber: 3, green: 1, none: 0 }, histogram: [0, 0, 0, 1, 0, 1, 2, 0, 1, 0], mean: 57.6 });
    expect(p.after).toEqual({ accounts: 5, rag: { red: 1, amber: 4, green: 0, none: 0 }, histogram: [0, 0, 0, 1, 0, 1, 2, 1, 0, 0], mean: 57.33 });
    expect(p.transitions).toEqual([{ from: 'green', to: 'amber', count: 1 }]);
    expect(p.falls.map((m) => [m.name, m.before, m.after, m.change, m.ragBefore, m.ragAfter])).toEqual([
      ['Xylo', 62, 55.33, -6.67, 'amber', 'amber'],
      ['Yarrow', 81, 74.67, -6.33, 'green', 'amber'],
    ]);
    expect(p.falls[0]).toMatchObject({ accountId: ids.get('Xylo'), weakestAfter: { name: 'Sentiment' } });
    expect(p.falls[0]?.weakestAfter?.sentence).toMatch(/^Sentiment set to 42 of 100/);
    expect(p.rises.map((m) => [m.name, m.before, m.after, m.change])).toEqual([['Zinnia', 55, 66.67, 11.67]]);
    expect(await healthRows()).toEqual(rows);
  });

  it('gives a new measure (no id) no manual values, and keeps those of a measure sent with its id', async () => {
    const [adoption] = card.measures;
    const res = await preview({ scorecardId: card.id, draft: draft({ measures: [adoption, manual('Sentiment', 1)] }) });
    expect(res.status, res.text).toBe(200);
    // Only Adoption has data now: Xylo 82 and Yarrow 100 green, Zinnia 20 red, Wren 30, Vale 60.
    expect(res.body.after.rag).toEqual({ red: 2, amber: 1, green: 2, none: 0 });
    expect(res.body.transitions).toEqual([
      { from: 'amber', to: 'red', count: 1 },
      { from: 'amber', to: 'green', count: 1 },
    ]);
  });

  it('narrows to the draft segment: accounts outside it lose the score', async () => {
    const res = await preview({ scorecardId: card.id, draft: draft({ segment: { lifecyclePhase: ['adoption'] } }) });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ ragChanged: 1, scoreChanged: 0, meanChange: 0, falls: [], rises: [] });
    expect(res.body.before.accounts).toBe(5);
    expect(res.body.after).toMatchObject({ accounts: 4, rag: { red: 1, amber: 2, green: 1, none: 1 } });
    expect(res.body.transitions).toEqual([{ from: 'amber', to: 'none', count: 1 }]);
    const empty = await preview({ scorecardId: card.id, draft: draft({ segment: { lifecyclePhase: ['renewal_expansion'] } }) });
    expect(empty.body.after).toEqual({ accounts: 0, rag: { red: 0, amber: 0, green: 0, none: 5 }, histogram: Array(10).fill(0), mean: null });
  });

  it('previews a new scorecard against no scores at all, with its RAG bands', async () => {
    const rows = await healthRows();
    const risks = { name: 'Open risks', source: { kind: 'open_risks' }, mapping: { kind: 'linear', worst: 5, best: 0 }, weight: 1 };
    const res = await preview({ draft: { name: 'New', measures: [risks, manual('Brand new', 3)], rag: { redMax: 40, amberMax: 99 } } });
    expect(res.status, res.text).toBe(200);
    // No risks anywhere: 100, green; the new manual measure has no values and is left out.
    expect(res.body).toMatchObject({ scorecardId: null, totalAccounts: 5, ragChanged: 5, scoreChanged: 0, meanChange: null, falls: [], rises: [] });
    expect(res.body.before).toEqual({ accounts: 0, rag: { red: 0, amber: 0, green: 0, none: 5 }, histogram: Array(10).fill(0), mean: null });
    expect(res.body.after).toEqual({ accounts: 5, rag: { red: 0, amber: 0, green: 5, none: 0 }, histogram: [0, 0, 0, 0, 0, 0, 0, 0, 0, 5], mean: 100 });
    expect(res.body.transitions).toEqual([{ from: 'none', to: 'green', count: 5 }]);
    expect(await healthRows()).toEqual(rows);
  });

  it('refuses an invalid draft as saving would, naming the field under draft', async () => {
    const rows = await healthRows();
    const weight = draft({ measures: card.measures.map((m, i) => (i === 0 ? { ...m, weight: -1 } : m)) });
    expectError(await preview({ scorecardId: card.id, draft: weight }), 400, 'draft.measures.0.weight');
    expectError(await preview({ scorecardId: card.id, draft: draft({ rag: { redMax: 60, amberMax: 60 } }) }), 400, 'draft.rag.amberMax');
    const linear = draft({ measures: [{ ...manual('M', 1), mapping: { kind: 'linear', worst: 3, best: 3 } }] });
    expectError(await preview({ scorecardId: card.id, draft: linear }), 400, 'draft.measures.0.mapping.best');
    expectError(
      await preview({ draft: draft({ measures: [{ ...manual('M', 1), source: { kind: 'kpi', kpiId: '01J0000000000000000000NONE' } }] }) }),
      400,
      'draft.measures.0.source.kpiId',
    );
    // A measure id is only valid on the scorecard it belongs to, and never on a new one.
    expectError(await preview({ draft: draft() }), 400, 'draft.measures.0.id');
    expectError(await preview({ scorecardId: card.id, draft: draft({ measures: [] }) }), 400, 'draft.measures');
    expectError(await preview({ scorecardId: 'not an id!', draft: draft() }), 400, 'scorecardId');
    expect(await healthRows()).toEqual(rows);
  });

  it('is for managers and admins, and 404s on another workspace’s or an unknown scorecard', async () => {
    const body = { scorecardId: card.id, draft: draft() };
    expectError(await preview(body, await ws.addUser('viewer')), 403);
    expectError(await preview(body, await ws.addUser('csm')), 403);
    expect((await preview(body, ws.admin)).status).toBe(200);
    const other = await makeWorkspace(ctx);
    const outsider = await other.addUser('manager');
    const res = await preview(body, outsider);
    expectError(res, 404);
    expect(res.text).not.toContain('Xylo');
    expectError(await preview({ ...body, scorecardId: '01J0000000000000000000NONE' }), 404);
  });
});
