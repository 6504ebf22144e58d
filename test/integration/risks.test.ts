import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountDetail } from '../../src/modules/accounts/contracts.js';
import { raiseRedFlag } from '../../src/modules/red-flags/raise.js';
import type { Risk, RiskMeasures, RiskPage, RiskType, RiskTypeList } from '../../src/modules/risks/contracts.js';
import { createRisk } from '../../src/modules/risks/service.js';
import { applySeedsToAllWorkspaces } from '../../src/modules/seeds.js';
import type { Actor } from '../../src/server/types.js';
import { forEachEngine } from '../support/engines.js';
import { expectError, makeWorkspace, type SessionClient, type TestWorkspace } from '../support/factories.js';

const today = () => new Date().toISOString().slice(0, 10);

forEachEngine('risk register', (ctx) => {
  let ws: TestWorkspace;
  let manager: SessionClient;
  let csm: SessionClient;
  let viewer: SessionClient;
  let types: RiskType[];

  beforeAll(async () => {
    ws = await makeWorkspace(ctx);
    manager = await ws.addUser('manager', { name: 'Mona Manager' });
    csm = await ws.addUser('csm', { name: 'Casey CSM' });
    viewer = await ws.addUser('viewer', { name: 'Vic Viewer' });
    types = (await ws.admin.get<RiskTypeList>('/api/v1/risk-types')).body.items;
  });

  const typeLabelled = (label: string) => {
    const type = types.find((t) => t.label === label);
    if (!type) throw new Error(`no catalog type ${label}`);
    return type;
  };

  async function account(body: Record<string, unknown> = {}): Promise<AccountDetail> {
    const res = await ws.admin.post<AccountDetail>('/api/v1/accounts', { name: `Account ${Math.random()}`, ...body });
    expect(res.status, res.text).toBe(201);
    return res.body;
  }

  async function risk(body: Record<string, unknown>, client: SessionClient = csm): Promise<Risk> {
    const res = await client.post<Risk>('/api/v1/risks', body);
    expect(res.status, res.text).toBe(201);
    return res.body;
  }

  const statusesOf = async (id: string) => (await ws.admin.get<AccountDetail>(`/api/v1/accounts/${id}`)).body.riskStatuses;

  describe('catalog', () => {
    it('seeds every new workspace with the eight risk statuses, six adoption risks and ten churn causes', () => {
      const by = (c: string) => types.filter((t) => t.category === c);
      expect(by('risk_status')).toHaveLength(8);
      expect(by('adoption_risk')).toHaveLength(6);
      expect(by('churn_cause')).toHaveLength(10);
      expect(by('risk_status').map((t) => t.riskStatus)).toEqual([
        'failing_implementation',
        'feature_gaps',
        'customer_resource_constraint',
        'vendor_resource_constraint',
        'unusable_interface',
        'lack_of_interest',
        'withholding_payment',
        'competitive_solution',
      ]);
      expect(typeLabelled('Lost sponsor')).toMatchObject({ category: 'churn_cause', riskStatus: null, active: true, riskCount: 0 });
      expect(typeLabelled('No continuity').description).toMatch(/missed meetings/i);
    });

    it('installs the catalog in workspaces that existed before the seed, at start-up', async () => {
      const other = await makeWorkspace(ctx);
      await ctx.database.db.deleteFrom('risk_types').where('workspace_id', '=', other.id).execute();
      await ctx.database.db.deleteFrom('workspace_seeds').where('workspace_id', '=', other.id).where('seed', '=', 'risk-catalog-v1').execute();
      expect((await other.admin.get<RiskTypeList>('/api/v1/risk-types')).body.items).toHaveLength(0);
      await applySeedsToAllWorkspaces(ctx.database);
      expect((await other.admin.get<RiskTypeList>('/api/v1/risk-types')).body.items).toHaveLength(24);
    });

    it('lets managers add, edit and deactivate types; in-use types cannot be deleted', async () => {
      expectError(await csm.post('/api/v1/risk-types', { label: 'Custom by CSM' }), 403);
      const created = await manager.post<RiskType>('/api/v1/risk-types', { label: 'Data residency', description: 'EU hosting demanded' });
      expect(created.status, created.text).toBe(201);
      expect(created.body).toMatchObject({ category: 'custom', riskStatus: null, active: true, riskCount: 0 });
      expectError(await manager.post('/api/v1/risk-types', { label: 'Data residency' }), 409, 'label');
      expectError(await manager.post('/api/v1/risk-types', { label: '' }), 400, 'label');
      expectError(await manager.post('/api/v1/risk-types', { label: 'X', riskStatus: 'bogus' }), 400, 'riskStatus');
      const patched = await manager.patch<RiskType>(`/api/v1/risk-types/${created.body.id}`, { riskStatus: 'feature_gaps', category: 'adoption_risk' });
      expect(patched.body).toMatchObject({ riskStatus: 'feature_gaps', category: 'adoption_risk' });

      const a = await account();
      await risk({ accountId: a.id, riskTypeId: created.body.id });
      expectError(await manager.del(`/api/v1/risk-types/${created.body.id}`), 409, 'id');
      const off = await manager.patch<RiskType>(`/api/v1/risk-types/${created.body.id}`, { active: false });
      expect(off.body).toMatchObject({ active: false, riskCount: 1 });
      expectError(await csm.post('/api/v1/risks', { accountId: a.id, riskTypeId: created.body.id }), 400, 'riskTypeId');
      const active = await ws.admin.get<RiskTypeList>('/api/v1/risk-types?active=true');
      expect(active.body.items.map((t) => t.id)).not.toContain(created.body.id);

      const unused = await manager.post<RiskType>('/api/v1/risk-types', { label: 'Short-lived' });
      expect((await manager.del(`/api/v1/risk-types/${unused.body.id}`)).status).toBe(204);
      expectError(await manager.del(`/api/v1/risk-types/${unused.body.id}`), 404);
    });
  });

  describe('risks', () => {
    it('creates a risk from a catalog type with defaults, and reads it back', async () => {
      const a = await account();
      const type = typeLabelled('Missing features');
      const created = await risk({ accountId: a.id, riskTypeId: type.id, ownerId: csm.user.id, mitigationPlan: 'Roadmap call' });
      expect(created).toMatchObject({
        accountId: a.id,
        accountName: a.name,
        riskTypeLabel: 'Missing features',
        category: 'churn_cause',
        riskStatus: 'feature_gaps',
        title: 'Missing features',
        severity: 'medium',
        status: 'open',
        ownerName: 'Casey CSM',
        mitigationPlan: 'Roadmap call',
        identifiedOn: today(),
        firstSignalOn: today(),
        resolvedOn: null,
        createdByName: 'Casey CSM',
      });
      expect((await viewer.get<Risk>(`/api/v1/risks/${created.id}`)).body).toEqual(created);
    });

    it('refuses bad input, naming the field, and changes nothing', async () => {
      const a = await account();
      const other = await makeWorkspace(ctx);
      const before = (await ws.admin.get<RiskPage>('/api/v1/risks')).body.total;
      expectError(await csm.post('/api/v1/risks', { title: 'No account' }), 400, 'accountId');
      expectError(await csm.post('/api/v1/risks', { accountId: a.id }), 400, 'title');
      expectError(await csm.post('/api/v1/risks', { accountId: a.id, title: 'x', severity: 'huge' }), 400, 'severity');
      expectError(await csm.post('/api/v1/risks', { accountId: a.id, title: 'x', status: 'solved' }), 400, 'status');
      expectError(await csm.post('/api/v1/risks', { accountId: a.id, title: 'x', identifiedOn: '2026-02-30' }), 400, 'identifiedOn');
      expectError(
        await csm.post('/api/v1/risks', { accountId: a.id, title: 'x', identifiedOn: '2026-03-01', firstSignalOn: '2026-03-02' }),
        400,
        'firstSignalOn',
      );
      expectError(await csm.post('/api/v1/risks', { accountId: a.id, title: 'x', resolvedOn: '2026-03-02' }), 400, 'resolvedOn');
      expectError(
        await csm.post('/api/v1/risks', { accountId: a.id, title: 'x', status: 'mitigated', identifiedOn: '2026-03-05', resolvedOn: '2026-03-02' }),
        400,
        'resolvedOn',
      );
      expectError(await csm.post('/api/v1/risks', { accountId: a.id, title: 'x', ownerId: other.admin.user.id }), 400, 'ownerId');
      expectError(await csm.post('/api/v1/risks', { accountId: a.id, title: 'x', riskTypeId: '01J0000000000000000000NONE' }), 400, 'riskTypeId');
      expectError(await other.admin.post('/api/v1/risks', { accountId: a.id, title: 'x' }), 400, 'accountId');
      expect((await ws.admin.get<RiskPage>('/api/v1/risks')).body.total).toBe(before);
      const r = await risk({ accountId: a.id, title: 'Valid', identifiedOn: '2026-03-01' });
      expectError(await csm.patch(`/api/v1/risks/${r.id}`, { firstSignalOn: '2026-03-09' }), 400, 'firstSignalOn');
      expectError(await csm.patch(`/api/v1/risks/${r.id}`, { title: '' }), 400, 'title');
      expect((await csm.get<Risk>(`/api/v1/risks/${r.id}`)).body).toEqual(r);
    });

    it('stamps resolved_on when a risk closes and clears it when reopened', async () => {
      const a = await account();
      const r = await risk({ accountId: a.id, title: 'Budget', identifiedOn: '2026-01-10' });
      const closed = await csm.patch<Risk>(`/api/v1/risks/${r.id}`, { status: 'mitigated' });
      expect(closed.body).toMatchObject({ status: 'mitigated', resolvedOn: today() });
      const dated = await csm.patch<Risk>(`/api/v1/risks/${r.id}`, { resolvedOn: '2026-02-01' });
      expect(dated.body.resolvedOn).toBe('2026-02-01');
      const churned = await csm.patch<Risk>(`/api/v1/risks/${r.id}`, { status: 'churned' });
      expect(churned.body).toMatchObject({ status: 'churned', resolvedOn: '2026-02-01' });
      const reopened = await csm.patch<Risk>(`/api/v1/risks/${r.id}`, { status: 'mitigating' });
      expect(reopened.body).toMatchObject({ status: 'mitigating', resolvedOn: null });
      const created = await risk({ accountId: a.id, title: 'Already over', status: 'dismissed', identifiedOn: '2026-01-10', resolvedOn: '2026-01-12' });
      expect(created.resolvedOn).toBe('2026-01-12');
    });

    it('defaults the first signal to the earliest red flag in the 90 days before identification', async () => {
      const a = await account();
      const b = await account();
      const flag = (accountId: string, raisedAt: string) =>
        raiseRedFlag(ctx.database.db, { workspaceId: ws.id, accountId, kind: 'gone_dark', note: null, source: 'person', raisedBy: null, raisedAt });
      await flag(a.id, '2025-11-01T09:00:00.000Z'); // more than 90 days before
      await flag(a.id, '2026-01-05T09:00:00.000Z');
      await flag(a.id, '2026-02-20T09:00:00.000Z');
      await flag(a.id, '2026-03-21T09:00:00.000Z'); // after identification
      await flag(b.id, '2026-01-01T09:00:00.000Z'); // another account
      const r = await risk({ accountId: a.id, title: 'Silence', identifiedOn: '2026-03-20' });
      expect(r.firstSignalOn).toBe('2026-01-05');
      expect((await risk({ accountId: b.id, title: 'Nothing before', identifiedOn: '2025-12-01' })).firstSignalOn).toBe('2025-12-01');
      expect((await risk({ accountId: a.id, title: 'Given', identifiedOn: '2026-03-20', firstSignalOn: '2026-03-01' })).firstSignalOn).toBe('2026-03-01');
      // Moving identification earlier than the first signal recomputes it.
      const moved = await csm.patch<Risk>(`/api/v1/risks/${r.id}`, { identifiedOn: '2026-01-04' });
      expect(moved.body.firstSignalOn).toBe('2025-11-01');
    });

    it("makes the account's risk statuses follow its open risks, leaving manual ones alone", async () => {
      const a = await account({ riskStatuses: ['competitive_solution'] });
      const gaps = typeLabelled('Feature Gaps');
      const missing = typeLabelled('Missing features');
      const one = await risk({ accountId: a.id, riskTypeId: gaps.id });
      expect(await statusesOf(a.id)).toEqual(['feature_gaps', 'competitive_solution']);
      const two = await risk({ accountId: a.id, riskTypeId: missing.id });
      const noStatus = await risk({ accountId: a.id, riskTypeId: typeLabelled('Lost sponsor').id });
      await csm.patch(`/api/v1/risks/${one.id}`, { status: 'mitigated' });
      expect(await statusesOf(a.id)).toEqual(['feature_gaps', 'competitive_solution']);
      await csm.patch(`/api/v1/risks/${two.id}`, { status: 'churned' });
      expect(await statusesOf(a.id)).toEqual(['competitive_solution']);
      await csm.patch(`/api/v1/risks/${noStatus.id}`, { status: 'dismissed' });
      expect(await statusesOf(a.id)).toEqual(['competitive_solution']);
      await csm.patch(`/api/v1/risks/${one.id}`, { status: 'open' });
      expect(await statusesOf(a.id)).toEqual(['feature_gaps', 'competitive_solution']);
      // Retyping moves the status; deleting takes it away.
      await csm.patch(`/api/v1/risks/${one.id}`, { riskTypeId: typeLabelled('Withholding Payment').id });
      expect(await statusesOf(a.id)).toEqual(['withholding_payment', 'competitive_solution']);
      expect((await csm.del(`/api/v1/risks/${one.id}`)).status).toBe(204);
      expect(await statusesOf(a.id)).toEqual(['competitive_solution']);
      // A catalog edit moves the status on every account with an open risk of that type.
      const custom = await manager.post<RiskType>('/api/v1/risk-types', { label: 'Sync check', riskStatus: 'unusable_interface' });
      await risk({ accountId: a.id, riskTypeId: custom.body.id });
      expect(await statusesOf(a.id)).toEqual(['unusable_interface', 'competitive_solution']);
      await manager.patch(`/api/v1/risk-types/${custom.body.id}`, { riskStatus: 'lack_of_interest' });
      expect(await statusesOf(a.id)).toEqual(['lack_of_interest', 'competitive_solution']);
      // Concurrent writes on one account both land (the sync locks the account row before reading it).
      const b = await account();
      await Promise.all(
        ['Feature Gaps', 'Unusable Interface', 'Withholding Payment'].map((label) => risk({ accountId: b.id, riskTypeId: typeLabelled(label).id })),
      );
      expect(await statusesOf(b.id)).toEqual(['feature_gaps', 'unusable_interface', 'withholding_payment']);
    });

    it('keeps both statuses when a second risk is written while the first one’s transaction is still open', async () => {
      // Forced interleaving: the first write holds its transaction open after syncing; the second starts meanwhile.
      // On PostgreSQL, without the lock taken before reading, the second would read the statuses and open risks as
      // they were before the first committed and overwrite its status. (SQLite's single writer queues it anyway.)
      const a = await account();
      const actor: Actor = { workspaceId: ws.id, userId: csm.user.id, role: 'csm', via: 'session' };
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let firstSynced = () => {};
      const synced = new Promise<void>((resolve) => {
        firstSynced = resolve;
      });
      const first = ctx.database.db.transaction().execute(async (trx) => {
        await createRisk({ ...ctx.database, db: trx }, actor, { accountId: a.id, riskTypeId: typeLabelled('Feature Gaps').id });
        firstSynced();
        await held;
      });
      await synced;
      const second = createRisk(ctx.database, actor, { accountId: a.id, riskTypeId: typeLabelled('Unusable Interface').id });
      await new Promise((resolve) => setTimeout(resolve, 300));
      release();
      await Promise.all([first, second]);
      expect(await statusesOf(a.id)).toEqual(['feature_gaps', 'unusable_interface']);
    });

    it('lists the register with filters, severity order and pages', async () => {
      const a = await account();
      const b = await account();
      const crit = await risk({ accountId: a.id, title: 'Crit', severity: 'critical', riskTypeId: typeLabelled('Low adoption').id, ownerId: csm.user.id });
      const low = await risk({ accountId: a.id, title: 'Low', severity: 'low', status: 'mitigating', identifiedOn: '2026-01-01' });
      const high = await risk({ accountId: b.id, title: 'High', severity: 'high', riskTypeId: typeLabelled('No continuity').id });
      await risk({ accountId: b.id, title: 'Done', severity: 'critical', status: 'mitigated' });
      const both = `accountId=${a.id},${b.id}`;
      const open = await viewer.get<RiskPage>(`/api/v1/risks?${both}&status=open`);
      expect(open.body.items.map((r) => r.id)).toEqual([crit.id, high.id, low.id]);
      expect(open.body.total).toBe(3);
      const asc = await viewer.get<RiskPage>(`/api/v1/risks?${both}&status=open&sort=severity`);
      expect(asc.body.items.map((r) => r.id)).toEqual([low.id, high.id, crit.id]);
      expect((await viewer.get<RiskPage>(`/api/v1/risks?${both}&status=closed`)).body.total).toBe(1);
      expect((await viewer.get<RiskPage>(`/api/v1/risks?${both}&severity=critical,low`)).body.total).toBe(3);
      expect((await viewer.get<RiskPage>(`/api/v1/risks?${both}&category=churn_cause`)).body.items.map((r) => r.id)).toEqual([crit.id]);
      expect((await viewer.get<RiskPage>(`/api/v1/risks?${both}&category=custom`)).body.total).toBe(2);
      expect((await viewer.get<RiskPage>(`/api/v1/risks?${both}&ownerId=${csm.user.id}`)).body.items.map((r) => r.id)).toEqual([crit.id]);
      expect((await viewer.get<RiskPage>(`/api/v1/risks?${both}&riskTypeId=${typeLabelled('No continuity').id}`)).body.items.map((r) => r.id)).toEqual([
        high.id,
      ]);
      const first = await viewer.get<RiskPage>(`/api/v1/risks?${both}&sort=-identifiedOn&limit=3`);
      expect(first.body.items).toHaveLength(3);
      const next = await viewer.get<RiskPage>(`/api/v1/risks?${both}&sort=-identifiedOn&limit=3&cursor=${first.body.nextCursor}`);
      expect(next.body.items.map((r) => r.id)).toEqual([low.id]);
      expect(next.body.nextCursor).toBeNull();
      const ofA = await viewer.get<RiskPage>(`/api/v1/accounts/${a.id}/risks?status=open`);
      expect(ofA.body.items.map((r) => r.id)).toEqual([crit.id, low.id]);
      expectError(await viewer.get('/api/v1/risks?status=solved'), 400, 'status.0');
      expectError(await viewer.get('/api/v1/risks?sort=title'), 400, 'sort');
      expectError(await viewer.get('/api/v1/accounts/01J0000000000000000000NONE/risks'), 404);
    });

    it('lets viewers read, csm and above write', async () => {
      const a = await account();
      expectError(await viewer.post('/api/v1/risks', { accountId: a.id, title: 'By viewer' }), 403);
      const r = await risk({ accountId: a.id, title: 'By csm' });
      expectError(await viewer.patch(`/api/v1/risks/${r.id}`, { title: 'x' }), 403);
      expectError(await viewer.del(`/api/v1/risks/${r.id}`), 403);
      expect((await viewer.get('/api/v1/risks/measures')).status).toBe(200);
      expect((await manager.patch<Risk>(`/api/v1/risks/${r.id}`, { severity: 'high' })).body.severity).toBe('high');
    });
  });

  describe('measures', () => {
    it('measures signal-to-logged time, mitigated vs churned, and open risks by severity', async () => {
      const fresh = await makeWorkspace(ctx);
      const owner = await fresh.addUser('csm', { name: 'Owner' });
      const a = (await fresh.admin.post<AccountDetail>('/api/v1/accounts', { name: 'Measured' })).body;
      const make = async (firstSignalOn: string, identifiedOn: string, status: string, severity: string, ownerId?: string) => {
        const res = await fresh.admin.post('/api/v1/risks', { accountId: a.id, title: 't', firstSignalOn, identifiedOn, status, severity, ownerId });
        expect(res.status, res.text).toBe(201);
      };
      await make('2026-01-01', '2026-01-05', 'mitigated', 'low', owner.user.id); // 4 days
      await make('2026-01-10', '2026-01-20', 'mitigated', 'medium', owner.user.id); // 10
      await make('2026-01-11', '2026-02-10', 'churned', 'high'); // 30
      await make('2026-03-01', '2026-03-01', 'open', 'high'); // 0
      await make('2026-03-03', '2026-03-10', 'mitigating', 'critical'); // 7
      await make('2026-01-01', '2026-04-11', 'dismissed', 'low'); // 100, not counted
      const all = await fresh.admin.get<RiskMeasures>('/api/v1/risks/measures');
      expect(all.status, all.text).toBe(200);
      expect(all.body).toEqual({
        signalToLogged: { n: 5, medianDays: 7, averageDays: 10.2 },
        outcomes: { resolved: 3, mitigated: 2, churned: 1, mitigatedPct: 66.7, churnedPct: 33.3, dismissed: 1 },
        openBySeverity: [
          { severity: 'low', count: 0 },
          { severity: 'medium', count: 0 },
          { severity: 'high', count: 1 },
          { severity: 'critical', count: 1 },
        ],
        open: 2,
      });
      const period = await fresh.admin.get<RiskMeasures>('/api/v1/risks/measures?from=2026-02-01&to=2026-03-31');
      expect(period.body.signalToLogged).toEqual({ n: 3, medianDays: 7, averageDays: 12.3 });
      expect(period.body.outcomes).toMatchObject({ resolved: 1, mitigated: 0, churned: 1, mitigatedPct: 0, churnedPct: 100 });
      const mine = await fresh.admin.get<RiskMeasures>(`/api/v1/risks/measures?ownerId=${owner.user.id}`);
      expect(mine.body.signalToLogged).toEqual({ n: 2, medianDays: 7, averageDays: 7 });
      expect(mine.body.outcomes).toMatchObject({ resolved: 2, mitigatedPct: 100, churnedPct: 0 });
      const none = await fresh.admin.get<RiskMeasures>('/api/v1/risks/measures?from=2027-01-01');
      expect(none.body.signalToLogged).toEqual({ n: 0, medianDays: null, averageDays: null });
      expect(none.body.outcomes).toMatchObject({ resolved: 0, mitigatedPct: null, churnedPct: null });
      expectError(await fresh.admin.get('/api/v1/risks/measures?from=yesterday'), 400, 'from');
    });
  });
});
