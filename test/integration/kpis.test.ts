import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountPage } from '../../src/modules/accounts/contracts.js';
import type { AccountKpis, Kpi, KpiValues } from '../../src/modules/kpis/contracts.js';
import { forEachEngine } from '../support/engines.js';
import { expectError, makeWorkspace, type SessionClient, type TestWorkspace } from '../support/factories.js';
import { ensureMetric, insertMetricValues, insertUsage, type UsageEvent } from './kpis-support.js';

const AS_OF = '2025-06-30';

forEachEngine('KPIs', (ctx) => {
  let ws: TestWorkspace;
  let manager: SessionClient;
  let viewer: SessionClient;
  let csm: SessionClient;
  const acct: Record<'thriving' | 'idle' | 'nolicence', string> = { thriving: '', idle: '', nolicence: '' };
  const kpi: Record<string, Kpi> = {};

  async function account(name: string): Promise<string> {
    const res = await ws.admin.post<{ id: string }>('/api/v1/accounts', { name });
    expect(res.status, res.text).toBe(201);
    return res.body.id;
  }

  beforeAll(async () => {
    ws = await makeWorkspace(ctx);
    // These tests start from no KPIs: remove those the default health scorecard (seed 'scorecard-v1') made.
    await ctx.database.db.deleteFrom('kpis').where('workspace_id', '=', ws.id).execute();
    manager = await ws.addUser('manager');
    viewer = await ws.addUser('viewer');
    csm = await ws.addUser('csm');
    acct.thriving = await account('Thriving');
    acct.idle = await account('Idle');
    acct.nolicence = await account('No licences');
    const db = ctx.database.db;
    const events: UsageEvent[] = [];
    // Thriving: 13 distinct users in June (the 30-day window ending AS_OF), 5 in May; 12 sign-ins in the last 7 days, 3 the week before.
    for (let i = 0; i < 13; i += 1)
      events.push({ accountId: acct.thriving, event: 'Page Viewed', day: `2025-06-${String(10 + i).padStart(2, '0')}`, user: `u${i}` });
    for (let i = 0; i < 5; i += 1) events.push({ accountId: acct.thriving, event: 'Page Viewed', day: '2025-05-15', user: `old${i}` });
    for (let i = 0; i < 12; i += 1) events.push({ accountId: acct.thriving, event: 'Signed In', day: `2025-06-${24 + (i % 7)}`, user: 'u1' });
    for (let i = 0; i < 3; i += 1) events.push({ accountId: acct.thriving, event: 'Signed In', day: '2025-06-20', user: 'u2' });
    events.push({ accountId: acct.thriving, event: 'Report Exported', day: '2025-06-29', user: 'u1', props: { rows: 40 } });
    events.push({ accountId: acct.thriving, event: 'Report Exported', day: '2025-06-30', user: 'u2', props: { rows: 2.5 } });
    events.push({ accountId: acct.thriving, event: 'Report Exported', day: '2025-07-01', user: 'u2', props: { rows: 1000 } });
    // Idle: one sign-in in the window.
    events.push({ accountId: acct.idle, event: 'Signed In', day: '2025-06-30', user: 'x' });
    await insertUsage(db, ws.id, events);
    const licences = await ensureMetric(db, ws.id, 'licences_purchased', 'last');
    const tickets = await ensureMetric(db, ws.id, 'support_tickets', 'sum');
    await insertMetricValues(db, ws.id, licences, [
      { accountId: acct.thriving, day: '2025-01-01', value: 100 },
      { accountId: acct.idle, day: '2025-03-01', value: 10 },
      { accountId: acct.nolicence, day: '2025-03-01', value: 0 },
    ]);
    await insertMetricValues(db, ws.id, tickets, [
      { accountId: acct.thriving, day: '2025-06-02', value: 20 },
      { accountId: acct.thriving, day: '2025-06-28', value: 10 },
      { accountId: acct.idle, day: '2025-04-01', value: 50 },
    ]);
  });

  it('lists templates to anyone who can read, and creates KPIs from them as a manager', async () => {
    const templates = await viewer.get<{ items: Array<{ key: string }> }>('/api/v1/kpi-templates');
    expect(templates.status).toBe(200);
    expect(templates.body.items.map((t) => t.key)).toEqual(expect.arrayContaining(['weekly_logins', 'licence_utilisation', 'support_tickets', 'escalations']));
    const util = await manager.post<Kpi>('/api/v1/kpis/from-template', { templateKey: 'licence_utilisation' });
    expect(util.status, util.text).toBe(201);
    expect(util.body).toMatchObject({ name: 'Licence utilisation', templateKey: 'licence_utilisation', unit: '%', direction: 'performance', windowDays: 30 });
    kpi.util = util.body;
    const logins = await manager.post<Kpi>('/api/v1/kpis/from-template', { templateKey: 'weekly_logins' });
    expect(logins.status, logins.text).toBe(201);
    kpi.logins = logins.body;
    const tickets = await manager.post<Kpi>('/api/v1/kpis/from-template', { templateKey: 'support_tickets' });
    kpi.tickets = tickets.body;
    const feature = await manager.post<Kpi>('/api/v1/kpis/from-template', { templateKey: 'feature_usage', name: 'Report users', event: 'Report Exported' });
    expect(feature.status, feature.text).toBe(201);
    expect(feature.body.formula).toEqual({ kind: 'active_users', event: 'Report Exported' });
    kpi.feature = feature.body;
    expectError(await manager.post('/api/v1/kpis/from-template', { templateKey: 'nope' }), 400, 'templateKey');
    expectError(await manager.post('/api/v1/kpis/from-template', { templateKey: 'weekly_logins' }), 409, 'name');
    expectError(await csm.post('/api/v1/kpis/from-template', { templateKey: 'active_users' }), 403);
  });

  it('creates, reads, updates and deletes KPIs; reads for viewers, writes for managers', async () => {
    const body = {
      name: 'Rows exported',
      formula: { kind: 'property_sum', event: 'Report Exported', property: 'rows' },
      windowDays: 7,
      timing: 'leading',
      direction: 'performance',
      warningThreshold: 10,
      criticalThreshold: 5,
      watchers: [viewer.user.id],
    };
    expectError(await viewer.post('/api/v1/kpis', body), 403);
    expectError(await csm.post('/api/v1/kpis', body), 403);
    const created = await manager.post<Kpi>('/api/v1/kpis', body);
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ objectivity: 'objective', nature: 'quantitative', watchers: [viewer.user.id], description: null });
    kpi.rows = created.body;
    expect((await viewer.get<Kpi>(`/api/v1/kpis/${created.body.id}`)).body.name).toBe('Rows exported');
    const list = await viewer.get<{ items: Kpi[] }>('/api/v1/kpis');
    expect(list.body.items.map((k) => k.name)).toEqual(['Licence utilisation', 'Weekly logins', 'Support tickets', 'Report users', 'Rows exported']);
    const patched = await manager.patch<Kpi>(`/api/v1/kpis/${created.body.id}`, { unit: 'rows', watchers: [] });
    expect(patched.body).toMatchObject({ unit: 'rows', watchers: [], windowDays: 7 });
    expectError(await csm.patch(`/api/v1/kpis/${created.body.id}`, { unit: 'x' }), 403);
    const temp = await manager.post<Kpi>('/api/v1/kpis', { ...body, name: 'Temporary' });
    expect((await manager.del(`/api/v1/kpis/${temp.body.id}`)).status).toBe(204);
    expectError(await viewer.get(`/api/v1/kpis/${temp.body.id}`), 404);
    expectError(await manager.del(`/api/v1/kpis/${temp.body.id}`), 404);
  });

  it('refuses invalid KPIs naming the field, and changes nothing', async () => {
    const base = { name: 'Bad', formula: { kind: 'event_count', event: 'Signed In' }, windowDays: 30, timing: 'leading', direction: 'performance' };
    expectError(await manager.post('/api/v1/kpis', { ...base, warningThreshold: 5, criticalThreshold: 10 }), 400, 'criticalThreshold');
    expectError(await manager.post('/api/v1/kpis', { ...base, direction: 'risk', warningThreshold: 10, criticalThreshold: 5 }), 400, 'criticalThreshold');
    expectError(await manager.post('/api/v1/kpis', { ...base, watchers: [manager.user.id, '01J0000000000000000000NONE'] }), 400, 'watchers.1');
    const ratio = { kind: 'ratio', numerator: { kind: 'active_users' }, denominator: { kind: 'metric', metric: 'no_such_metric' } };
    expectError(await manager.post('/api/v1/kpis', { ...base, formula: ratio }), 400, 'formula.denominator.metric');
    expectError(await manager.post('/api/v1/kpis', { ...base, formula: { kind: 'metric', metric: 'no_such_metric' } }), 400, 'formula.metric');
    expectError(await manager.post('/api/v1/kpis', { ...base, windowDays: 14 }), 400, 'windowDays');
    expectError(await manager.post('/api/v1/kpis', { ...base, name: 'Weekly logins' }), 409, 'name');
    // A patch is checked against the merged result: flipping the direction would disorder the thresholds.
    expectError(await manager.patch(`/api/v1/kpis/${kpi.util?.id}`, { direction: 'risk' }), 400, 'criticalThreshold');
    expectError(await manager.patch(`/api/v1/kpis/${kpi.util?.id}`, { name: 'Weekly logins' }), 409, 'name');
    expectError(await manager.patch(`/api/v1/kpis/${kpi.util?.id}`, { watchers: ['01J0000000000000000000NONE'] }), 400, 'watchers.0');
    const names = (await viewer.get<{ items: Kpi[] }>('/api/v1/kpis')).body.items.map((k) => k.name);
    expect(names).not.toContain('Bad');
    expect((await viewer.get<Kpi>(`/api/v1/kpis/${kpi.util?.id}`)).body.direction).toBe('performance');
  });

  it("gives an account's KPIs with hand-checked values, trend, status and series", async () => {
    const res = await viewer.get<AccountKpis>(`/api/v1/accounts/${acct.thriving}/kpis?asOf=${AS_OF}&days=40`);
    expect(res.status, res.text).toBe(200);
    const by = (id: string | undefined) => res.body.items.find((i) => i.kpi.id === id);
    // 13 active users of 100 licences = 13%, below the 25% critical threshold; May had 5 users → up.
    expect(by(kpi.util?.id)).toMatchObject({ value: 13, previousValue: 5, trend: 'up', status: 'critical' });
    expect(by(kpi.logins?.id)).toMatchObject({ value: 12, previousValue: 3, trend: 'up', status: 'ok' });
    // Risk KPI: 30 tickets in June ≥ 25 → critical; none reported in May → no previous value.
    expect(by(kpi.tickets?.id)).toMatchObject({ value: 30, previousValue: null, trend: null, status: 'critical' });
    expect(by(kpi.feature?.id)).toMatchObject({ value: 2, status: 'warning' });
    expect(by(kpi.rows?.id)).toMatchObject({ value: 42.5, previousValue: 0, trend: 'up', status: 'ok' });
    const series = by(kpi.logins?.id)?.series ?? [];
    expect(series).toHaveLength(40);
    expect(series.at(-1)).toEqual({ date: AS_OF, value: 12 });
    expect(series[0]?.date).toBe('2025-05-22');
    expect(series.find((p) => p.date === '2025-06-23')?.value).toBe(3);

    const none = await viewer.get<AccountKpis>(`/api/v1/accounts/${acct.nolicence}/kpis?asOf=${AS_OF}`);
    const util = none.body.items.find((i) => i.kpi.id === kpi.util?.id);
    expect(util).toMatchObject({ value: null, status: 'no_data', trend: null });
    expect(util?.series).toHaveLength(90);
    expectError(await viewer.get(`/api/v1/accounts/01J0000000000000000000NONE/kpis`), 404);
    expectError(await viewer.get(`/api/v1/accounts/${acct.idle}/kpis?asOf=2025-02-30`), 400, 'asOf');
  });

  it('gives the portfolio distribution, worst first', async () => {
    const res = await viewer.get<KpiValues>(`/api/v1/kpis/${kpi.util?.id}/values?asOf=${AS_OF}`);
    expect(res.status, res.text).toBe(200);
    // Idle: 1 active user of 10 licences = 10% (critical); thriving 13% (critical); no licences → no data.
    expect(res.body.counts).toEqual({ ok: 0, warning: 0, critical: 2, no_data: 1 });
    expect(res.body.total).toBe(3);
    expect(res.body.items.map((i) => [i.accountName, i.value, i.status])).toEqual([
      ['Idle', 10, 'critical'],
      ['Thriving', 13, 'critical'],
      ['No licences', null, 'no_data'],
    ]);
    const risk = await viewer.get<KpiValues>(`/api/v1/kpis/${kpi.tickets?.id}/values?asOf=${AS_OF}&status=critical,ok&limit=1`);
    expect(risk.body.counts).toEqual({ ok: 0, warning: 0, critical: 1, no_data: 2 });
    expect(risk.body.items.map((i) => i.accountName)).toEqual(['Thriving']);
  });

  describe('accounts list', () => {
    it('adds KPI columns for the requested KPIs, computed for the page', async () => {
      const res = await viewer.get<AccountPage>(`/api/v1/accounts?kpis=${kpi.util?.id},${kpi.logins?.id}&kpiAsOf=${AS_OF}`);
      expect(res.status, res.text).toBe(200);
      const thriving = res.body.items.find((a) => a.id === acct.thriving);
      expect(thriving?.kpis).toEqual({ [kpi.util?.id as string]: { value: 13, status: 'critical' }, [kpi.logins?.id as string]: { value: 12, status: 'ok' } });
      expect(res.body.items.find((a) => a.id === acct.idle)?.kpis?.[kpi.logins?.id as string]).toEqual({ value: 1, status: 'critical' });
      expect(res.body.items.find((a) => a.id === acct.nolicence)?.kpis?.[kpi.util?.id as string]).toEqual({ value: null, status: 'no_data' });
      const plain = await viewer.get<AccountPage>('/api/v1/accounts');
      expect(plain.body.items.every((a) => a.kpis === undefined)).toBe(true);
    });

    it('filters by KPI status, with a correct total and working keyset pages', async () => {
      const url = `/api/v1/accounts?kpiStatus=${kpi.util?.id}:critical&kpiAsOf=${AS_OF}&limit=1`;
      const first = await viewer.get<AccountPage>(url);
      expect(first.status, first.text).toBe(200);
      expect(first.body.total).toBe(2);
      expect(first.body.items.map((a) => a.name)).toEqual(['Idle']);
      const second = await viewer.get<AccountPage>(`${url}&cursor=${first.body.nextCursor}`);
      expect(second.body.items.map((a) => a.name)).toEqual(['Thriving']);
      expect(second.body.nextCursor).toBeNull();
      const noData = await viewer.get<AccountPage>(`/api/v1/accounts?kpiStatus=${kpi.util?.id}:no_data,ok&kpiAsOf=${AS_OF}`);
      expect([noData.body.total, noData.body.items.map((a) => a.name)]).toEqual([1, ['No licences']]);
      // Two filters must both hold; combined with ordinary filters too.
      const both = await viewer.get<AccountPage>(
        `/api/v1/accounts?kpiStatus=${kpi.util?.id}:critical&kpiStatus=${kpi.logins?.id}:ok&kpiAsOf=${AS_OF}&kpis=${kpi.logins?.id}`,
      );
      expect([both.body.total, both.body.items.map((a) => [a.name, a.kpis?.[kpi.logins?.id as string]?.value])]).toEqual([1, [['Thriving', 12]]]);
      const searched = await viewer.get<AccountPage>(`/api/v1/accounts?kpiStatus=${kpi.util?.id}:critical&kpiAsOf=${AS_OF}&q=idle`);
      expect(searched.body.total).toBe(1);
    });

    it('the portfolio summary and the CSV export follow the KPI status filter too', async () => {
      const filter = `kpiStatus=${kpi.util?.id}:critical&kpiAsOf=${AS_OF}`;
      const summary = await viewer.get<{ count: number }>(`/api/v1/accounts/summary?${filter}`);
      expect(summary.status, summary.text).toBe(200);
      expect(summary.body.count).toBe(2);
      const csv = await viewer.get(`/api/v1/exports/accounts.csv?${filter}`);
      expect(csv.status, csv.text).toBe(200);
      expect(csv.text.trim().split('\n')).toHaveLength(3);
      expect(csv.text).toContain('Idle');
      expect(csv.text).toContain('Thriving');
      expectError(await viewer.get('/api/v1/accounts/summary?kpiStatus=01J0000000000000000000NONE:critical'), 400, 'kpiStatus');
    });

    it('refuses unknown KPIs and malformed filters naming the parameter', async () => {
      expectError(await viewer.get('/api/v1/accounts?kpis=01J0000000000000000000NONE'), 400, 'kpis');
      expectError(await viewer.get('/api/v1/accounts?kpiStatus=01J0000000000000000000NONE:critical'), 400, 'kpiStatus');
      expectError(await viewer.get(`/api/v1/accounts?kpiStatus=${kpi.util?.id}:bad`), 400, 'kpiStatus.0');
      expectError(await viewer.get(`/api/v1/accounts?kpiStatus=${kpi.util?.id}`), 400, 'kpiStatus.0');
      expectError(await viewer.get('/api/v1/accounts?kpis=a,b,c,d,e,f'), 400, 'kpis');
    });

    it("never lets another workspace's KPI be used", async () => {
      const other = await makeWorkspace(ctx);
      expectError(await other.admin.get(`/api/v1/accounts?kpis=${kpi.util?.id}`), 400, 'kpis');
      expectError(await other.admin.get(`/api/v1/kpis/${kpi.util?.id}/values`), 404);
      expectError(await other.admin.get(`/api/v1/accounts/${acct.thriving}/kpis`), 404);
    });
  });
});
