import { beforeAll, expect, it } from 'vitest';
import type { AccountDetail } from '../../src/modules/accounts/contracts.js';
import type { AccountMetrics, Metric, MetricImportFailure, MetricImportReport, MetricList } from '../../src/modules/metrics/contracts.js';
import { DEFAULT_METRICS } from '../../src/modules/metrics/defaults.js';
import { writeMetricValues } from '../../src/modules/metrics/values.js';
import { forEachEngine } from '../support/engines.js';
import { type Client, type ErrorReply, expectError, makeWorkspace, type Reply, type TestWorkspace, unique } from '../support/factories.js';

const csv = (...lines: string[]): string => lines.map((l) => `${l}\n`).join('');

forEachEngine('metrics from other systems', (ctx) => {
  let ws: TestWorkspace;
  let manager: Client;
  let csm: Client;
  let viewer: Client;
  let acme: AccountDetail;
  let beta: AccountDetail;

  const count = async (workspaceId: string) =>
    Number(
      (
        await ctx.database.db
          .selectFrom('metric_values')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('workspace_id', '=', workspaceId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const seriesOf = async (client: Client, accountId: string, query = '?from=2025-01-01&to=2025-03-31') => {
    const res = await client.get<AccountMetrics>(`/api/v1/accounts/${accountId}/metrics${query}`);
    expect(res.status, res.text).toBe(200);
    return Object.fromEntries(res.body.items.map((s) => [s.metric.key, s.points]));
  };
  const put = (client: Client, values: unknown[]) => client.put<{ written: number } & ErrorReply>('/api/v1/metrics/values', { values });
  const importCsv = <T = MetricImportReport>(client: Client, file: string, dryRun = false): Promise<Reply<T>> =>
    client.request<T>('POST', `/api/v1/metrics/import${dryRun ? '?dryRun=true' : ''}`, file, { 'content-type': 'text/csv' });

  beforeAll(async () => {
    ws = await makeWorkspace(ctx);
    [manager, csm, viewer] = await Promise.all([ws.addUser('manager'), ws.addUser('csm'), ws.addUser('viewer')]);
    const make = async (name: string, externalId: string) => {
      const res = await ws.admin.post<AccountDetail>('/api/v1/accounts', { name, externalId });
      expect(res.status, res.text).toBe(201);
      return res.body;
    };
    acme = await make('Acme', 'acme');
    beta = await make('Beta', 'beta');
  });

  it('gives a new workspace the default metrics, readable by a viewer', async () => {
    const res = await viewer.get<MetricList>('/api/v1/metrics');
    expect(res.status, res.text).toBe(200);
    const byKey = Object.fromEntries(res.body.items.map((m) => [m.key, [m.name, m.unit, m.aggregation]]));
    expect(byKey).toEqual({
      support_tickets: ['Support tickets', 'tickets', 'sum'],
      invoices_paid_late: ['Invoices paid late', 'invoices', 'sum'],
      first_response_hours: ['Support first response time', 'hours', 'average'],
      licences_purchased: ['Licences purchased', 'licences', 'last'],
    });
    expect([...DEFAULT_METRICS].sort()).toEqual(Object.keys(byKey).sort());
  });

  it('lets a manager define, edit and delete metrics, with field errors, and nobody below a manager', async () => {
    const created = await manager.post<Metric>('/api/v1/metrics', { key: 'nps_detractors', name: ' NPS detractors ', unit: 'people', aggregation: 'max' });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ key: 'nps_detractors', name: 'NPS detractors', unit: 'people', aggregation: 'max', description: null });
    const defaulted = await manager.post<Metric>('/api/v1/metrics', { key: 'open_opportunities', name: 'Open opportunities' });
    expect(defaulted.body.aggregation).toBe('sum');

    const dup = await manager.post('/api/v1/metrics', { key: 'support_tickets', name: 'Tickets again' });
    expectError(dup, 409, 'key');
    for (const key of ['Support', '1abc', 'a-b', '', 'a'.repeat(64)]) expectError(await manager.post('/api/v1/metrics', { key, name: 'X' }), 400, 'key');
    expectError(await manager.post('/api/v1/metrics', { key: 'ok_key', name: 'X', aggregation: 'median' }), 400, 'aggregation');
    expectError(await manager.post('/api/v1/metrics', { key: 'ok_key', name: '  ' }), 400, 'name');
    expectError(await csm.post('/api/v1/metrics', { key: 'by_csm', name: 'By a CSM' }), 403);

    const patched = await manager.patch<Metric>(`/api/v1/metrics/${created.body.id}`, { name: 'Detractors', aggregation: 'average', key: 'renamed', unit: '' });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body).toMatchObject({ key: 'nps_detractors', name: 'Detractors', aggregation: 'average', unit: null });
    expectError(await csm.patch(`/api/v1/metrics/${created.body.id}`, { name: 'No' }), 403);
    expectError(await manager.patch('/api/v1/metrics/01J0000000000000000000NONE', { name: 'No' }), 404);

    // Deleting a metric deletes its values.
    expect((await put(csm, [{ account: { id: acme.id }, metric: 'nps_detractors', date: '2025-01-01', value: 3 }])).status).toBe(200);
    expectError(await csm.del(`/api/v1/metrics/${created.body.id}`), 403);
    expect((await manager.del(`/api/v1/metrics/${created.body.id}`)).status).toBe(204);
    expect(await ctx.database.db.selectFrom('metric_values').select('day').where('metric_id', '=', created.body.id).execute()).toEqual([]);
    expectError(await manager.del(`/api/v1/metrics/${created.body.id}`), 404);
    expect((await manager.del(`/api/v1/metrics/${defaulted.body.id}`)).status).toBe(204);
  });

  it('upserts values by account, metric and date: sending them again changes nothing', async () => {
    const values = [
      { account: { id: acme.id }, metric: 'support_tickets', date: '2025-01-02', value: 4 },
      { account: { externalId: 'acme' }, metric: 'support_tickets', date: '2025-01-01', value: 2 },
      { account: { externalId: 'beta' }, metric: 'licences_purchased', date: '2025-01-01', value: 50 },
      { account: { id: acme.id }, metric: 'first_response_hours', date: '2025-01-01', value: 1.25 },
    ];
    const first = await put(csm, values);
    expect(first.status, first.text).toBe(200);
    expect(first.body).toEqual({ written: 4 });
    const again = await put(csm, values);
    expect(again.body).toEqual({ written: 4 });
    expect(await count(ws.id)).toBe(4);
    const acmeSeries = await seriesOf(viewer, acme.id);
    expect(acmeSeries).toEqual({
      support_tickets: [
        { date: '2025-01-01', value: 2 },
        { date: '2025-01-02', value: 4 },
      ],
      invoices_paid_late: [],
      first_response_hours: [{ date: '2025-01-01', value: 1.25 }],
      licences_purchased: [],
    });
    // A new value for the same day replaces the old one.
    expect((await put(csm, [{ account: { id: acme.id }, metric: 'support_tickets', date: '2025-01-02', value: 7 }])).status).toBe(200);
    expect((await seriesOf(viewer, acme.id)).support_tickets).toEqual([
      { date: '2025-01-01', value: 2 },
      { date: '2025-01-02', value: 7 },
    ]);
    expect(await count(ws.id)).toBe(4);
    // The window: outside it, nothing; metadata per metric.
    const res = await viewer.get<AccountMetrics>(`/api/v1/accounts/${beta.id}/metrics?from=2025-01-02&to=2025-01-31`);
    expect(res.body.from).toBe('2025-01-02');
    expect(res.body.items.find((s) => s.metric.key === 'licences_purchased')).toMatchObject({
      metric: { key: 'licences_purchased', name: 'Licences purchased', unit: 'licences', aggregation: 'last' },
      points: [],
    });
  });

  it('writes nothing when any item is invalid, naming each one by its index', async () => {
    const before = await count(ws.id);
    const res = await put(csm, [
      { account: { id: acme.id }, metric: 'support_tickets', date: '2025-02-01', value: 1 },
      { account: { id: acme.id }, metric: 'no_such_metric', date: '2025-02-01', value: 1 },
      { account: { externalId: 'acme' }, metric: 'support_tickets', date: '2025-02-02', value: 1 },
      { account: { externalId: 'nobody' }, metric: 'support_tickets', date: '2025-02-01', value: 1 },
      { account: { externalId: 'acme' }, metric: 'support_tickets', date: '2025-02-02', value: 5 },
    ]);
    expectError(res, 400);
    expect(res.body.error.issues.map((i) => [i.field, i.rule])).toEqual([
      ['values.1.metric', 'exists'],
      ['values.3.account', 'exists'],
      ['values.4.date', 'duplicate'],
    ]);
    expect(await count(ws.id)).toBe(before);

    const shapes = await put(csm, [
      { account: { id: acme.id }, metric: 'support_tickets', date: '2025-02-30', value: 1 },
      { account: { id: acme.id, externalId: 'acme' }, metric: 'support_tickets', date: '2025-02-01', value: 1 },
      { account: { id: acme.id }, metric: 'support_tickets', date: '2025-02-01', value: '1' },
      { account: { id: acme.id }, metric: 'Support Tickets', date: '2025-02-01', value: 1 },
    ]);
    expectError(shapes, 400, 'values.0.date');
    for (const field of ['values.1.account', 'values.2.value', 'values.3.metric']) expectError(shapes, 400, field);
    expectError(await put(csm, []), 400, 'values');
    const tooMany = Array.from({ length: 5001 }, (_, i) => ({ account: { id: acme.id }, metric: 'support_tickets', date: '2025-02-01', value: i }));
    expectError(await put(csm, tooMany), 400, 'values');
    expect(await count(ws.id)).toBe(before);
  });

  it('accepts 5,000 values in one request', async () => {
    const values = Array.from({ length: 5000 }, (_, i) => ({
      account: i % 2 ? { id: beta.id } : { externalId: 'acme' },
      metric: 'invoices_paid_late',
      date: new Date(Date.UTC(2010, 0, 1) + Math.floor(i / 2) * 86_400_000).toISOString().slice(0, 10),
      value: i,
    }));
    const res = await put(csm, values);
    expect(res.status, res.text.slice(0, 300)).toBe(200);
    expect(res.body.written).toBe(5000);
  });

  it("cannot write to or read another workspace's account", async () => {
    const other = await makeWorkspace(ctx);
    const otherBefore = await count(other.id);
    const mineBefore = await count(ws.id);
    for (const account of [{ id: acme.id }, { externalId: 'acme' }]) {
      const res = await put(other.admin, [{ account, metric: 'support_tickets', date: '2025-03-01', value: 99 }]);
      expectError(res, 400, 'values.0.account');
      expect(res.body.error.issues[0]?.rule).toBe('exists');
    }
    expectError(await other.admin.get(`/api/v1/accounts/${acme.id}/metrics`), 404);
    const file = csv('account_id,date,metric,value', `${acme.id},2025-03-01,support_tickets,99`);
    expectError(await importCsv(other.admin, file), 400, 'row 1, column account_id');
    expect([await count(other.id), await count(ws.id)]).toEqual([otherBefore, mineBefore]);
  });

  it('lets a viewer read but not write values', async () => {
    expectError(await put(viewer, [{ account: { id: acme.id }, metric: 'support_tickets', date: '2025-03-01', value: 1 }]), 403);
    expectError(await importCsv(viewer, csv('account_external_id,date,metric,value', 'acme,2025-03-01,support_tickets,1')), 403);
    expect((await viewer.get(`/api/v1/accounts/${acme.id}/metrics`)).status).toBe(200);
  });

  it('reads the last 90 days by default, and refuses backwards or over-long windows', async () => {
    const res = await viewer.get<AccountMetrics>(`/api/v1/accounts/${acme.id}/metrics`);
    const today = new Date().toISOString().slice(0, 10);
    expect(res.body.to).toBe(today);
    expect((Date.parse(res.body.to) - Date.parse(res.body.from)) / 86_400_000).toBe(89);
    expectError(await viewer.get(`/api/v1/accounts/${acme.id}/metrics?from=2025-02-01&to=2025-01-31`), 400, 'from');
    expectError(await viewer.get(`/api/v1/accounts/${acme.id}/metrics?from=2024-01-01&to=2025-02-04`), 400, 'to');
    expect((await viewer.get(`/api/v1/accounts/${acme.id}/metrics?from=2024-01-01&to=2025-02-03`)).status).toBe(200);
    expectError(await viewer.get(`/api/v1/accounts/${acme.id}/metrics?from=yesterday`), 400, 'from');
    expectError(await viewer.get('/api/v1/accounts/01J0000000000000000000NONE/metrics'), 404);
  });

  it('imports a CSV file: a dry run reports and writes nothing; every invalid cell is listed; a valid file is upserted', async () => {
    const before = await count(ws.id);
    const bad = csv(
      'Account_External_ID,DATE,metric,value',
      'acme,2025-03-01,support_tickets,3',
      'nowhere,2025-03-01,support_tickets,3',
      'acme,2025-13-01,Support_Tickets,3',
      'acme,2025-03-02,unknown_metric,1,5',
      'acme,2025-03-03,support_tickets,lots',
      'acme,2025-03-01,support_tickets,4',
      ',,,',
    );
    const dry = await importCsv(csm, bad, true);
    expect(dry.status, dry.text).toBe(200);
    expect(dry.body).toMatchObject({ kind: 'metrics', dryRun: true, applied: false, rowCount: 7 });
    expect(dry.body.errors.map((e) => [e.row, e.column, e.value, e.rule])).toEqual([
      [2, 'account_external_id', 'nowhere', 'exists'],
      [3, 'date', '2025-13-01', 'invalid_format'],
      [4, '', '5', 'column_count'],
      [4, 'metric', 'unknown_metric', 'exists'],
      [5, 'value', 'lots', 'number'],
      [6, 'date', '2025-03-01', 'duplicate'],
      [7, 'account_external_id', '', 'required'],
      [7, 'date', '', 'required'],
      [7, 'metric', '', 'required'],
      [7, 'value', '', 'required'],
    ]);
    const real = await importCsv<MetricImportFailure>(csm, bad);
    expectError(real, 400, 'row 2, column account_external_id');
    expect(real.body.report.errors).toHaveLength(10);
    expect(await count(ws.id)).toBe(before);

    expectError(await importCsv(csm, csv('date,metric,value', '2025-03-01,support_tickets,1')), 400, 'row 0, column account_external_id');
    expectError(await importCsv(csm, csv('account_external_id,metric,value', 'acme,support_tickets,1')), 400, 'row 0, column date');
    expectError(await csm.request('POST', '/api/v1/metrics/import', 'a,b\n"unclosed', { 'content-type': 'text/csv' }), 400);

    const good = csv(
      'account_external_id,account_id,date,metric,value',
      'acme,,2025-03-01,support_tickets,3',
      `,${beta.id},2025-03-01,licences_purchased,55`,
      'acme,,2025-01-01,support_tickets,-1.5e1',
      `acme,${acme.id},2025-03-02,first_response_hours,0.5`,
    );
    const dryGood = await importCsv(csm, good, true);
    expect(dryGood.body).toMatchObject({ dryRun: true, applied: false, rowCount: 4, created: 3, updated: 1, errors: [] });
    expect(await count(ws.id)).toBe(before);
    const done = await importCsv(csm, good);
    expect(done.status, done.text).toBe(200);
    expect(done.body).toMatchObject({ kind: 'metrics', dryRun: false, applied: true, rowCount: 4, created: 3, updated: 1 });
    expect(await count(ws.id)).toBe(before + 3);
    const series = await seriesOf(viewer, acme.id);
    expect(series.support_tickets?.[0]).toEqual({ date: '2025-01-01', value: -15 });
    expect(series.first_response_hours).toContainEqual({ date: '2025-03-02', value: 0.5 });
    expect((await seriesOf(viewer, beta.id)).licences_purchased).toEqual([
      { date: '2025-01-01', value: 50 },
      { date: '2025-03-01', value: 55 },
    ]);
    const again = await importCsv(csm, good);
    expect(again.body).toMatchObject({ created: 0, updated: 4 });
    expect(await count(ws.id)).toBe(before + 3);
  });

  it('writeMetricValues upserts thousands of rows in batches, the last row for a key winning', async () => {
    const metric = await manager.post<Metric>('/api/v1/metrics', { key: unique('bulk_').toLowerCase(), name: unique('Bulk '), aggregation: 'last' });
    expect(metric.status, metric.text).toBe(201);
    const rows = Array.from({ length: 12_000 }, (_, i) => ({
      accountId: i % 2 ? acme.id : beta.id,
      metricId: metric.body.id,
      day: new Date(Date.UTC(2000, 0, 1) + Math.floor(i / 2) * 86_400_000).toISOString().slice(0, 10),
      value: i,
    }));
    rows.push({ ...rows[1], value: -1 } as (typeof rows)[number]);
    expect(await writeMetricValues(ctx.database.db, ws.id, rows)).toBe(12_000);
    expect(await writeMetricValues(ctx.database.db, ws.id, rows)).toBe(12_000);
    const stored = await ctx.database.db
      .selectFrom('metric_values')
      .select(['day', 'value'])
      .where('metric_id', '=', metric.body.id)
      .where('account_id', '=', acme.id)
      .orderBy('day')
      .execute();
    expect(stored).toHaveLength(6000);
    expect(stored[0]).toEqual({ day: '2000-01-01', value: -1 });
    expect(stored[5999]?.value).toBe(11_999);
  });
});
