import { beforeAll, expect, it } from 'vitest';
import type { AccountDetail } from '../../src/modules/accounts/contracts.js';
import type { AccountLifecycle, LifecycleSummary } from '../../src/modules/lifecycle/contracts.js';
import { recordPhaseChanges } from '../../src/modules/lifecycle/record.js';
import { forEachEngine } from '../support/engines.js';
import { expectError, makeWorkspace, type SessionClient, type TestWorkspace, unique } from '../support/factories.js';

const DAY_MS = 86_400_000;

forEachEngine('lifecycle: phase history, time in phase, summary', (ctx) => {
  let ws: TestWorkspace;
  let csm: SessionClient;
  let viewer: SessionClient;

  beforeAll(async () => {
    ws = await makeWorkspace(ctx);
    csm = await ws.addUser('csm', { name: 'Casey CSM' });
    viewer = await ws.addUser('viewer');
  });

  async function account(body: Record<string, unknown> = {}): Promise<AccountDetail> {
    const res = await ws.admin.post<AccountDetail>('/api/v1/accounts', { name: unique('Acme '), ...body });
    expect(res.status, res.text).toBe(201);
    return res.body;
  }
  async function lifecycle(id: string, client = ws.admin): Promise<AccountLifecycle> {
    const res = await client.get<AccountLifecycle>(`/api/v1/accounts/${id}/lifecycle`);
    expect(res.status, res.text).toBe(200);
    return res.body;
  }
  /** Pretends the account entered its phase `days` ago. */
  async function backdate(id: string, days: number): Promise<void> {
    await ctx.database.db
      .updateTable('accounts')
      .set({ phase_since: new Date(Date.now() - days * DAY_MS - 60_000).toISOString() })
      .where('id', '=', id)
      .execute();
  }

  it('records the phase set on create and every change made through PATCH /accounts/:id', async () => {
    const a = await account({ lifecyclePhase: 'sales_handoff' });
    let view = await lifecycle(a.id);
    expect(view).toMatchObject({ phase: 'sales_handoff', daysInPhase: 0, nextPhase: 'onboarding', cyclesCompleted: 0 });
    expect(view.history).toHaveLength(1);
    expect(view.history[0]).toMatchObject({ from: null, to: 'sales_handoff', changedById: ws.admin.user.id, changedByName: 'Ada Admin' });
    const since = view.since;

    // Other fields do not touch the history; the same phase again is no change.
    expect((await csm.patch(`/api/v1/accounts/${a.id}`, { industry: 'Retail', lifecyclePhase: 'sales_handoff' })).status).toBe(200);
    view = await lifecycle(a.id);
    expect(view.history).toHaveLength(1);
    expect(view.since).toBe(since);

    expect((await csm.patch(`/api/v1/accounts/${a.id}`, { lifecyclePhase: 'onboarding' })).status).toBe(200);
    view = await lifecycle(a.id, viewer);
    expect(view.phase).toBe('onboarding');
    expect(view.history[0]).toMatchObject({ from: 'sales_handoff', to: 'onboarding', changedById: csm.user.id, changedByName: 'Casey CSM' });
    expect(view.since).toBe(view.history[0]?.changedAt);

    expect((await csm.patch(`/api/v1/accounts/${a.id}`, { lifecyclePhase: null })).status).toBe(200);
    view = await lifecycle(a.id);
    expect(view).toMatchObject({ phase: null, since: null, daysInPhase: null, nextPhase: 'sales_handoff' });
    expect(view.history.map((h) => [h.from, h.to])).toEqual([
      ['onboarding', null],
      ['sales_handoff', 'onboarding'],
      [null, 'sales_handoff'],
    ]);
  });

  it('falls back to the creation date when no change was ever recorded, and counts whole days', async () => {
    const a = await account();
    await ctx.database.db
      .updateTable('accounts')
      .set({ lifecycle_phase: 'adoption', created_at: new Date(Date.now() - 10 * DAY_MS - 60_000).toISOString() })
      .where('id', '=', a.id)
      .execute();
    const view = await lifecycle(a.id);
    expect(view).toMatchObject({ phase: 'adoption', daysInPhase: 10, history: [] });
    await backdate(a.id, 3);
    expect((await lifecycle(a.id)).daysInPhase).toBe(3);
  });

  it('moves through the cycle with POST /lifecycle, and starts again at onboarding after renewal', async () => {
    const a = await account({ lifecyclePhase: 'value_realization' });
    const next = await csm.post<AccountLifecycle>(`/api/v1/accounts/${a.id}/lifecycle`, { note: 'Renewal due in 120 days' });
    expect(next.status, next.text).toBe(200);
    expect(next.body).toMatchObject({ phase: 'renewal_expansion', nextPhase: 'onboarding', cyclesCompleted: 0 });
    expect(next.body.history[0]).toMatchObject({
      from: 'value_realization',
      to: 'renewal_expansion',
      note: 'Renewal due in 120 days',
      changedById: csm.user.id,
    });

    const again = await csm.post<AccountLifecycle>(`/api/v1/accounts/${a.id}/lifecycle`, {});
    expect(again.body).toMatchObject({ phase: 'onboarding', cyclesCompleted: 1 });
    expect((await ws.admin.get<AccountDetail>(`/api/v1/accounts/${a.id}`)).body.lifecyclePhase).toBe('onboarding');

    const chosen = await csm.post<AccountLifecycle>(`/api/v1/accounts/${a.id}/lifecycle`, { phase: 'adoption', note: '  ' });
    expect(chosen.body).toMatchObject({ phase: 'adoption', daysInPhase: 0 });
    expect(chosen.body.history[0]?.note).toBeNull();

    expectError(await csm.post(`/api/v1/accounts/${a.id}/lifecycle`, { phase: 'adoption' }), 400, 'phase');
    expectError(await csm.post(`/api/v1/accounts/${a.id}/lifecycle`, { phase: 'somewhere' }), 400, 'phase');
    expectError(await viewer.post(`/api/v1/accounts/${a.id}/lifecycle`, {}), 403);
    expectError(await csm.post('/api/v1/accounts/01J0000000000000000000NONE/lifecycle', {}), 404);
    expect((await lifecycle(a.id)).history).toHaveLength(4);

    const fresh = await account();
    expect((await csm.post<AccountLifecycle>(`/api/v1/accounts/${fresh.id}/lifecycle`, {})).body.phase).toBe('sales_handoff');
  });

  it('records changes made by CSV import, on create and on update, and leaves untouched rows alone', async () => {
    const x = unique('csv');
    const csv = (text: string) => ws.admin.request('POST', '/api/v1/imports/accounts', text, { 'content-type': 'text/csv' });
    let res = await csv(`external_id,name,lifecycle_phase\n${x}-1,One,Onboarding\n${x}-2,Two,\n${x}-3,Three,adoption\n`);
    expect(res.status, res.text).toBe(200);
    const ids = await ctx.database.db
      .selectFrom('accounts')
      .select(['id', 'external_id'])
      .where('external_id', 'like', `${x}-%`)
      .orderBy('external_id')
      .execute();
    const [one, two, three] = ids.map((r) => r.id);
    expect((await lifecycle(one ?? '')).history.map((h) => [h.from, h.to])).toEqual([[null, 'onboarding']]);
    expect((await lifecycle(two ?? '')).history).toEqual([]);

    res = await csv(`external_id,lifecycle_phase\n${x}-1,adoption\n${x}-2,renewal_expansion\n${x}-3,Adoption\n`);
    expect(res.status, res.text).toBe(200);
    expect((await lifecycle(one ?? '')).history.map((h) => [h.from, h.to])).toEqual([
      ['onboarding', 'adoption'],
      [null, 'onboarding'],
    ]);
    expect((await lifecycle(two ?? '')).history.map((h) => [h.from, h.to])).toEqual([[null, 'renewal_expansion']]);
    // Three stayed in adoption: no change recorded.
    expect((await lifecycle(three ?? '')).history).toHaveLength(1);
  });

  it('backfills history in any order: the latest change sets the time in phase', async () => {
    const a = await account();
    const at = (day: string) => `2026-0${day}T10:00:00.000Z`;
    const base = { workspaceId: ws.id, accountId: a.id, changedBy: null };
    await recordPhaseChanges(ctx.database.db, [
      { ...base, from: 'onboarding', to: 'adoption', at: at('3-01') },
      { ...base, from: null, to: 'sales_handoff', at: at('1-01') },
      { ...base, from: 'sales_handoff', to: 'onboarding', at: at('2-01') },
    ]);
    await ctx.database.db.updateTable('accounts').set({ lifecycle_phase: 'adoption' }).where('id', '=', a.id).execute();
    const view = await lifecycle(a.id);
    expect(view.since).toBe(at('3-01'));
    expect(view.history.map((h) => h.to)).toEqual(['adoption', 'onboarding', 'sales_handoff']);
  });

  it('summarises accounts per phase with median and average days, for the workspace or one owner', async () => {
    const other = await makeWorkspace(ctx);
    const owned = await other.addUser('csm');
    const make = async (phase: string | null, days: number, ownerId?: string) => {
      const res = await other.admin.post<AccountDetail>('/api/v1/accounts', { name: unique('S '), lifecyclePhase: phase, ownerId });
      expect(res.status, res.text).toBe(201);
      await backdate(res.body.id, days);
    };
    await make('adoption', 2);
    await make('adoption', 4, owned.user.id);
    await make('adoption', 12);
    await make('renewal_expansion', 30, owned.user.id);
    await make(null, 5);
    const all = await other.admin.get<LifecycleSummary>('/api/v1/lifecycle/summary');
    expect(all.status, all.text).toBe(200);
    expect(all.body.phases.map((p) => p.phase)).toEqual(['sales_handoff', 'onboarding', 'adoption', 'value_realization', 'renewal_expansion']);
    expect(all.body.phases.find((p) => p.phase === 'adoption')).toEqual({ phase: 'adoption', accounts: 3, medianDays: 4, averageDays: 6 });
    expect(all.body.phases.find((p) => p.phase === 'onboarding')).toEqual({ phase: 'onboarding', accounts: 0, medianDays: null, averageDays: null });
    expect(all.body.withoutPhase).toBe(1);
    const mine = await other.admin.get<LifecycleSummary>(`/api/v1/lifecycle/summary?ownerId=${owned.user.id}`);
    expect(mine.body.phases.find((p) => p.phase === 'adoption')).toMatchObject({ accounts: 1, medianDays: 4 });
    expect(mine.body.phases.find((p) => p.phase === 'renewal_expansion')).toMatchObject({ accounts: 1, averageDays: 30 });
    expect(mine.body.withoutPhase).toBe(0);
  });
});
