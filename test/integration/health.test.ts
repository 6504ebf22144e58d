import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountDetail, AccountPage } from '../../src/modules/accounts/contracts.js';
import type { AccountHealth, ManualMeasureList, ManualValue, Scorecard, ScorecardList } from '../../src/modules/health/contracts.js';
import type { Kpi } from '../../src/modules/kpis/contracts.js';
import { forEachEngine } from '../support/engines.js';
import { expectError, makeWorkspace, type SessionClient, type TestWorkspace } from '../support/factories.js';
import { ensureMetric, insertMetricValues, insertUsage } from './kpis-support.js';

const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

const manual = (name: string, weight: number) => ({
  name,
  source: { kind: 'manual', min: 0, max: 100 },
  mapping: { kind: 'linear', worst: 0, best: 100 },
  weight,
});
/** The published worked example: weights 20, 15, 22. */
const EXAMPLE = { name: 'Worked example', isOverall: false, measures: [manual('Adoption', 20), manual('Support', 15), manual('Sentiment', 22)] };

forEachEngine('health scores', (ctx) => {
  let ws: TestWorkspace;
  let manager: SessionClient;
  let csm: SessionClient;
  let viewer: SessionClient;
  let example: Scorecard;
  let defaultCard: Scorecard;

  beforeAll(async () => {
    ws = await makeWorkspace(ctx);
    manager = await ws.addUser('manager', { name: 'Mona Manager' });
    csm = await ws.addUser('csm', { name: 'Ana' });
    viewer = await ws.addUser('viewer', { name: 'Vic Viewer' });
    const made = await manager.post<Scorecard>('/api/v1/scorecards', EXAMPLE);
    expect(made.status, made.text).toBe(201);
    example = made.body;
    const list = await viewer.get<ScorecardList>('/api/v1/scorecards');
    defaultCard = list.body.items.find((c) => c.templateKey === 'customer-health') as Scorecard;
  });

  async function account(body: Record<string, unknown> = {}): Promise<AccountDetail> {
    const res = await ws.admin.post<AccountDetail>('/api/v1/accounts', { name: `Account ${Math.random()}`, ...body });
    expect(res.status, res.text).toBe(201);
    return res.body;
  }
  const measureId = (card: Scorecard, name: string) => card.measures.find((m) => m.name === name)?.id as string;
  async function setValue(accountId: string, measure: string, value: number, extra: Record<string, unknown> = {}, client: SessionClient = csm) {
    return client.put<ManualValue>(`/api/v1/accounts/${accountId}/manual-measures/${measure}`, { value, ...extra });
  }
  async function setExample(accountId: string, values: [number, number, number]) {
    for (const [i, name] of ['Adoption', 'Support', 'Sentiment'].entries()) {
      const res = await setValue(accountId, measureId(example, name), values[i] as number);
      expect(res.status, res.text).toBe(200);
    }
  }
  const healthOf = async (id: string) => (await viewer.get<AccountHealth>(`/api/v1/accounts/${id}/health`)).body;
  const scoreOn = (health: AccountHealth, card: Scorecard) => health.scores.find((s) => s.scorecardId === card.id);

  it('installs the default "Customer health" scorecard in a new workspace, with its KPIs', async () => {
    expect(defaultCard).toMatchObject({ name: 'Customer health', isOverall: true, position: 0, rag: { redMax: 50, amberMax: 75 } });
    expect(defaultCard.measures.map((m) => m.source.kind)).toEqual(['kpi', 'kpi', 'kpi', 'kpi', 'days_since_touch', 'open_risks', 'manual']);
    const kpis = (await viewer.get<{ items: Kpi[] }>('/api/v1/kpis')).body.items;
    for (const m of defaultCard.measures) if (m.source.kind === 'kpi') expect(kpis.map((k) => k.id)).toContain(m.source.kpiId);
    expect(kpis.map((k) => k.templateKey).sort()).toEqual(['active_users', 'invoices_paid_late', 'licence_utilisation', 'support_tickets']);
  });

  it('scores the published weighted example end to end: 47, 59, 21 with weights 20, 15, 22 → 40.12, shown 40, red', async () => {
    const a = await account();
    await setExample(a.id, [47, 59, 21]);
    const score = scoreOn(await healthOf(a.id), example);
    expect(score).toMatchObject({ score: 40.12, rag: 'red', isOverall: false, leftOut: [], cause: 'manual measure' });
    expect(score?.components.map((c) => c.share.toFixed(4))).toEqual([20 / 57, 15 / 57, 22 / 57].map((s) => s.toFixed(4)));
    expect(score?.weakest).toMatchObject({ name: 'Sentiment' });

    // Missing data: the value left out, the others re-weighted, and the API names what was left out.
    expect((await csm.del(`/api/v1/accounts/${a.id}/manual-measures/${measureId(example, 'Sentiment')}`)).status).toBe(204);
    const after = scoreOn(await healthOf(a.id), example);
    expect(after?.score).toBeCloseTo((20 * 47 + 15 * 59) / 35, 2);
    expect(after).toMatchObject({ rag: 'amber', leftOut: ['Sentiment'], previousScore: 40.12 });
    const left = after?.components.find((c) => c.name === 'Sentiment');
    expect(left).toMatchObject({ leftOut: true, score: null, share: 0 });
    expect(left?.sentence).toMatch(/^No data: /);
  });

  it('explains each measure in words a CSM can act on', async () => {
    const a = await account();
    const { db } = ctx.database;
    await insertUsage(
      db,
      ws.id,
      Array.from({ length: 13 }, (_, i) => ({ accountId: a.id, event: 'Signed In', day: today(), user: `u${i}` })),
    );
    const licences = await ensureMetric(db, ws.id, 'licences_purchased', 'last');
    await insertMetricValues(db, ws.id, licences, [{ accountId: a.id, day: today(), value: 100 }]);
    await db
      .updateTable('accounts')
      .set({ last_touch_at: daysAgo(45.2) })
      .where('id', '=', a.id)
      .execute();
    for (const title of ['Champion leaving', 'Budget cut']) {
      const res = await csm.post('/api/v1/risks', { accountId: a.id, title, severity: 'high' });
      expect(res.status, res.text).toBe(201);
    }
    expect((await setValue(a.id, measureId(defaultCard, 'Executive relationship'), 2, { comment: 'No sponsor since March' })).status).toBe(200);
    const score = scoreOn(await healthOf(a.id), defaultCard);
    const sentence = (name: string) => score?.components.find((c) => c.name === name)?.sentence;
    expect(sentence('Licence utilisation')).toBe('13 of 100 licences active in the last 30 days');
    expect(sentence('Days since last touch')).toBe('Last touch 45 days ago');
    expect(sentence('Open risks')).toBe('2 open risks');
    expect(sentence('Executive relationship')).toMatch(/^Executive relationship set to 2 of 5 by Ana on \d{1,2} [A-Z][a-z]{2}: "No sponsor since March"$/);
    expect(sentence('Invoices paid late')).toMatch(/^No data: /);
    expect(score?.leftOut).toContain('Invoices paid late');
    const counted = score?.components.filter((c) => !c.leftOut) ?? [];
    const worst = counted.reduce((w, c) => (c.shortfall > w.shortfall ? c : w));
    expect(score?.weakest).toMatchObject({ measureId: worst.measureId, sentence: worst.sentence });
    expect(score?.components.find((c) => c.name === 'Licence utilisation')).toMatchObject({ raw: 13, unit: '% · last 30 days', sourceKind: 'kpi' });
  });

  it('scores fields of the account itself: ARR, and days to renewal (none without a renewal date)', async () => {
    const made = await manager.post<Scorecard>('/api/v1/scorecards', {
      name: 'Commercial',
      measures: [
        { name: 'ARR', source: { kind: 'account_field', field: 'arr' }, mapping: { kind: 'linear', worst: 0, best: 1_000_000 }, weight: 1 },
        {
          name: 'Renewal runway',
          source: { kind: 'account_field', field: 'days_to_renewal' },
          mapping: { kind: 'linear', worst: 0, best: 365 },
          weight: 3,
        },
      ],
    });
    expect(made.status, made.text).toBe(201);
    const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    const soon = await account({ arrMinor: 50_000_000, currency: 'EUR', renewalDate: inDays(73) });
    const lapsed = await account({ arrMinor: 250_000_000, renewalDate: inDays(-4) });
    const undated = await account({ arrMinor: 10_000_000 });
    expect((await manager.post('/api/v1/health/recompute', {})).status).toBe(200);
    const of = async (id: string) => scoreOn(await healthOf(id), made.body);
    const first = await of(soon.id);
    // 500,000 → 50; 73 days → 20; weights 1 and 3 → 0.25 × 50 + 0.75 × 20 = 27.5.
    expect(first?.score).toBe(27.5);
    expect(first?.components.map((c) => [c.sourceKind, c.raw, c.score, c.unit, c.sentence])).toEqual([
      ['account_field', 500_000, 50, 'ARR, EUR', 'ARR 500,000 EUR'],
      ['account_field', 73, 20, 'days to renewal', 'Renewal in 73 days'],
    ]);
    expect((await of(lapsed.id))?.components[1]).toMatchObject({ raw: -4, score: 0, sentence: 'Renewal date passed 4 days ago' });
    const none = await of(undated.id);
    expect(none).toMatchObject({ score: 10, leftOut: ['Renewal runway'] });
    expect(none?.components[1]?.sentence).toBe('No data: the account has no renewal date');
    expect((await manager.del(`/api/v1/scorecards/${made.body.id}`)).status).toBe(204);
  });

  it('refuses invalid scorecards, naming the field, and lets only managers write', async () => {
    const post = (body: Record<string, unknown>) => manager.post('/api/v1/scorecards', { ...EXAMPLE, ...body });
    const one = (m: Record<string, unknown>) => ({ measures: [{ ...manual('M', 1), ...m }] });
    expectError(await post(one({ source: { kind: 'kpi', kpiId: '01J0000000000000000000NONE' } })), 400, 'measures.0.source.kpiId');
    const bands = (list: unknown[]) => one({ mapping: { kind: 'bands', bands: list } });
    expectError(
      await post(
        bands([
          { upTo: 10, score: 0 },
          { upTo: 5, score: 50 },
          { upTo: null, score: 100 },
        ]),
      ),
      400,
      'measures.0.mapping.bands.1.upTo',
    );
    expectError(await post(bands([{ upTo: 10, score: 0 }])), 400, 'measures.0.mapping.bands.0.upTo');
    expectError(await post(one({ mapping: { kind: 'linear', worst: 3, best: 3 } })), 400, 'measures.0.mapping.best');
    expectError(await post({ rag: { redMax: 60, amberMax: 60 } }), 400, 'rag.amberMax');
    expectError(await post({ groups: [{ name: 'Use', weight: 1 }], measures: [{ ...manual('M', 1), group: 'Other' }] }), 400, 'measures.0.group');
    expectError(await post({ measures: [] }), 400, 'measures');
    expectError(
      await manager.patch(`/api/v1/scorecards/${example.id}`, { measures: [{ ...manual('M', 1), id: defaultCard.measures[0]?.id }] }),
      400,
      'measures.0.id',
    );
    expectError(await csm.post('/api/v1/scorecards', EXAMPLE), 403);
    expectError(await csm.patch(`/api/v1/scorecards/${example.id}`, { name: 'No' }), 403);
    expectError(await viewer.post('/api/v1/health/recompute'), 403);
    expect((await viewer.get(`/api/v1/scorecards/${example.id}`)).status).toBe(200);
    expectError(await viewer.get('/api/v1/scorecards/01J0000000000000000000NONE'), 404);
  });

  it('keeps measure ids (and their manual values) sent on a patch, and a patch leaves other fields alone', async () => {
    const a = await account();
    await setExample(a.id, [50, 50, 50]);
    const kept = example.measures.slice(0, 2);
    const patched = await manager.patch<Scorecard>(`/api/v1/scorecards/${example.id}`, { measures: [...kept, manual('Sentiment', 22)] });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body).toMatchObject({ name: EXAMPLE.name, isOverall: false });
    expect(patched.body.measures.slice(0, 2).map((m) => m.id)).toEqual(kept.map((m) => m.id));
    expect(patched.body.measures[2]?.id).not.toBe(example.measures[2]?.id);
    example = patched.body;
    const score = scoreOn(await healthOf(a.id), example);
    expect(score).toMatchObject({ score: 50, leftOut: ['Sentiment'] });
  });

  it('treats a deleted KPI as no data, and still accepts edits of the scorecard that reads it', async () => {
    const kpi = await manager.post<Kpi>('/api/v1/kpis', {
      name: `Logins ${Math.random()}`,
      formula: { kind: 'event_count', event: 'Signed In' },
      windowDays: 7,
      timing: 'leading',
      direction: 'performance',
    });
    expect(kpi.status, kpi.text).toBe(201);
    const body = {
      ...EXAMPLE,
      name: 'Reads a KPI',
      measures: [{ name: 'Logins', source: { kind: 'kpi', kpiId: kpi.body.id }, mapping: { kind: 'linear', worst: 0, best: 10 }, weight: 1 }],
    };
    const card = await manager.post<Scorecard>('/api/v1/scorecards', body);
    expect(card.status, card.text).toBe(201);
    const a = await account();
    expect((await manager.post('/api/v1/health/recompute')).status).toBe(200);
    expect(scoreOn(await healthOf(a.id), card.body)?.components[0]?.sentence).toBe(`${kpi.body.name}: 0 in the last 7 days`);
    expect((await manager.del(`/api/v1/kpis/${kpi.body.id}`)).status).toBe(204);
    expect((await manager.patch(`/api/v1/scorecards/${card.body.id}`, { name: 'Renamed' })).status).toBe(200);
    const score = scoreOn(await healthOf(a.id), card.body);
    expect(score).toMatchObject({ score: null, rag: null, leftOut: ['Logins'] });
    expect(score?.components[0]?.sentence).toBe('No data: the KPI behind Logins no longer exists');
    expect((await manager.del(`/api/v1/scorecards/${card.body.id}`)).status).toBe(204);
  });

  it('applies scorecards by segment rules and drops accounts that leave the segment', async () => {
    const card = await manager.post<Scorecard>('/api/v1/scorecards', { ...EXAMPLE, name: 'Onboarding', segment: { lifecyclePhase: ['onboarding'] } });
    expect(card.status, card.text).toBe(201);
    const inside = await account({ lifecyclePhase: 'onboarding' });
    const outside = await account({ lifecyclePhase: 'adoption' });
    expect((await manager.post('/api/v1/health/recompute')).status).toBe(200);
    expect(scoreOn(await healthOf(inside.id), card.body)).toBeTruthy();
    expect(scoreOn(await healthOf(outside.id), card.body)).toBeUndefined();
    const measures = (await csm.get<ManualMeasureList>(`/api/v1/accounts/${inside.id}/manual-measures`)).body.items;
    expect(measures.filter((m) => m.scorecardId === card.body.id)).toHaveLength(3);
    expect((await csm.get<ManualMeasureList>(`/api/v1/accounts/${outside.id}/manual-measures`)).body.items.some((m) => m.scorecardId === card.body.id)).toBe(
      false,
    );
    await ws.admin.patch(`/api/v1/accounts/${inside.id}`, { lifecyclePhase: 'adoption' });
    const result = await manager.post<{ accounts: number; scores: number; milliseconds: number }>('/api/v1/health/recompute');
    expect(result.body.accounts).toBeGreaterThan(0);
    expect(scoreOn(await healthOf(inside.id), card.body)).toBeUndefined();
    expect((await manager.del(`/api/v1/scorecards/${card.body.id}`)).status).toBe(204);
  });

  it('checks manual values: range, expiry, measure kind and roles', async () => {
    const a = await account();
    const exec = measureId(defaultCard, 'Executive relationship');
    expectError(await setValue(a.id, exec, 6), 400, 'value');
    expectError(await setValue(a.id, exec, 0), 400, 'value');
    expectError(await setValue(a.id, exec, 3, {}, viewer), 403);
    expectError(await setValue(a.id, measureId(defaultCard, 'Open risks'), 1), 404);
    expectError(await setValue('01J0000000000000000000NONE', exec, 3), 404);
    expectError(await setValue(a.id, exec, 3, { expiresOn: 'soon' }), 400, 'expiresOn');
    const set = await setValue(a.id, exec, 4, { expiresOn: '2020-01-01' }, manager);
    expect(set.status, set.text).toBe(200);
    expect(set.body).toMatchObject({ value: 4, expired: true, setByName: 'Mona Manager', expiresOn: '2020-01-01' });
    const score = scoreOn(await healthOf(a.id), defaultCard);
    expect(score?.leftOut).toContain('Executive relationship');
    expect(score?.components.find((c) => c.measureId === exec)?.sentence).toMatch(/expired/);
    const listed = (await viewer.get<ManualMeasureList>(`/api/v1/accounts/${a.id}/manual-measures`)).body.items.find((m) => m.measureId === exec);
    expect(listed).toMatchObject({ min: 1, max: 5, current: { value: 4, expired: true } });
    expectError(await viewer.del(`/api/v1/accounts/${a.id}/manual-measures/${exec}`), 403);
  });

  describe('overall health in the accounts list', () => {
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      // The example becomes the overall scorecard; the default stays, no longer overall.
      const flip = await manager.patch(`/api/v1/scorecards/${defaultCard.id}`, { isOverall: false });
      expect(flip.status, flip.text).toBe(200);
      expect((await manager.patch(`/api/v1/scorecards/${example.id}`, { isOverall: true })).status).toBe(200);
      const mark = `Health${Math.random().toString(36).slice(2, 8)}`;
      for (const [key, values] of [
        ['red', [40, 40, 40]],
        ['amber', [60, 60, 60]],
        ['green', [90, 90, 90]],
        ['none', null],
      ] as const) {
        const a = await account({ name: `${mark} ${key}` });
        ids[key] = a.id;
        if (values) await setExample(a.id, [...values]);
      }
      ids.mark = mark;
    });

    it('shows the first overall scorecard by position on list items and the detail', async () => {
      const detail = (await viewer.get<AccountDetail>(`/api/v1/accounts/${ids.amber}`)).body;
      expect(detail.health).toEqual({ score: 60, rag: 'amber', scorecardId: example.id, trend: null, trendFrom: null });
      const health = await healthOf(ids.amber as string);
      expect(health.overall).toBe(example.id);
      // Both overall: the default comes first by position, until the example is put first.
      await manager.patch(`/api/v1/scorecards/${defaultCard.id}`, { isOverall: true });
      const overallOf = async () => (await viewer.get<AccountDetail>(`/api/v1/accounts/${ids.amber}`)).body.health?.scorecardId;
      expect(await overallOf()).toBe(defaultCard.id);
      const all = (await viewer.get<ScorecardList>('/api/v1/scorecards')).body.items.map((c) => c.id);
      const reordered = [example.id, ...all.filter((id) => id !== example.id)];
      const put = await manager.put<ScorecardList>('/api/v1/scorecards/order', { ids: reordered });
      expect(put.status, put.text).toBe(200);
      expect(put.body.items.map((c) => c.id)).toEqual(reordered);
      expect(await overallOf()).toBe(example.id);
      expectError(await manager.put('/api/v1/scorecards/order', { ids: reordered.slice(1) }), 400, 'ids');
      expectError(await manager.put('/api/v1/scorecards/order', { ids: [...reordered, example.id] }), 400, `ids.${reordered.length}`);
      expectError(await csm.put('/api/v1/scorecards/order', { ids: reordered }), 403);
      expect((await manager.put('/api/v1/scorecards/order', { ids: all })).status).toBe(200);
      await manager.patch(`/api/v1/scorecards/${defaultCard.id}`, { isOverall: false });
    });

    it('filters by RAG and sorts by score with no score last, in the list, summary and export', async () => {
      const q = `q=${ids.mark}`;
      const names = (page: AccountPage) => page.items.map((i) => i.id);
      const list = async (params: string) => (await viewer.get<AccountPage>(`/api/v1/accounts?${q}&${params}`)).body;
      expect(names(await list('health=red'))).toEqual([ids.red]);
      expect(names(await list('health=green,amber&sort=health'))).toEqual([ids.amber, ids.green]);
      expect(names(await list('health=none'))).toEqual([ids.none]);
      expect(names(await list('sort=health'))).toEqual([ids.red, ids.amber, ids.green, ids.none]);
      expect(names(await list('sort=-health'))).toEqual([ids.green, ids.amber, ids.red, ids.none]);
      const paged = await list('sort=-health&limit=2');
      expect(names(paged)).toEqual([ids.green, ids.amber]);
      expect(names(await list(`sort=-health&limit=2&cursor=${encodeURIComponent(paged.nextCursor as string)}`))).toEqual([ids.red, ids.none]);
      expect((await list('health=red')).items[0]?.health).toEqual({ score: 40, rag: 'red', scorecardId: example.id, trend: null, trendFrom: null });
      expect((await viewer.get<{ count: number }>(`/api/v1/accounts/summary?${q}&health=red,green`)).body.count).toBe(2);
      const csv = await viewer.get(`/api/v1/exports/accounts.csv?${q}&health=amber`);
      expect(csv.status).toBe(200);
      expect(csv.text).toContain(`${ids.mark} amber`);
      expect(csv.text).not.toContain(`${ids.mark} red`);
      expectError(await viewer.get('/api/v1/accounts?health=purple'), 400, 'health.0');
    });
  });
});
