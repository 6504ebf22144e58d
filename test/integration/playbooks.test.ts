import { beforeAll, describe, expect, it } from 'vitest';
import { LifecyclePhases } from '../../src/domain/enums.js';
import type { AccountDetail } from '../../src/modules/accounts/contracts.js';
import type { ApplyResult, PlaybookDetail, PlaybookList, PlaybookRun, PlaybookTemplate } from '../../src/modules/playbooks/contracts.js';
import { TEMPLATES } from '../../src/modules/playbooks/templates.js';
import { forEachEngine } from '../support/engines.js';
import { expectError, makeWorkspace, type SessionClient, type TestWorkspace, unique } from '../support/factories.js';

describe('the template library', () => {
  it('has a checklist for every phase, the Adopt checklist and adoption risks from DOMAIN.md, best practices and story tracks', () => {
    const keys = TEMPLATES.map((t) => t.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const phase of LifecyclePhases.values) {
      expect(
        TEMPLATES.some((t) => t.kind === 'checklist' && t.phase === phase),
        phase,
      ).toBe(true);
      expect(
        TEMPLATES.some((t) => t.kind === 'best_practices' && t.phase === phase),
        phase,
      ).toBe(true);
    }
    const adopt = TEMPLATES.find((t) => t.key === 'checklist-adopt');
    expect(adopt?.items.map((i) => i.title)).toEqual([
      'Periodic informal meetings',
      'Champion feedback',
      'Feedback survey deployment',
      'Outcome (goal) management',
      'Formal quarterly business reviews',
      'Advocacy (references, testimonials, case studies)',
      'Upsell, cross-sell and new-license business development',
    ]);
    expect(TEMPLATES.find((t) => t.key === 'risk-assessment-adoption')?.items).toHaveLength(6);
    expect(TEMPLATES.filter((t) => t.kind === 'story_track').map((t) => t.key)).toEqual(
      expect.arrayContaining(['story-track-reference', 'story-track-testimonial', 'story-track-case-study']),
    );
  });
});

forEachEngine('playbooks: library, editing, applying, progress', (ctx) => {
  let ws: TestWorkspace;
  let manager: SessionClient;
  let csm: SessionClient;
  let viewer: SessionClient;
  let owner: SessionClient;

  beforeAll(async () => {
    ws = await makeWorkspace(ctx);
    manager = await ws.addUser('manager', { name: 'Morgan Manager' });
    csm = await ws.addUser('csm', { name: 'Casey CSM' });
    owner = await ws.addUser('csm', { name: 'Olive Owner' });
    viewer = await ws.addUser('viewer');
  });

  async function account(ownerId?: string): Promise<AccountDetail> {
    const res = await ws.admin.post<AccountDetail>('/api/v1/accounts', { name: unique('Acme '), ownerId });
    expect(res.status, res.text).toBe(201);
    return res.body;
  }
  async function copy(templateKey: string, client = manager): Promise<PlaybookDetail> {
    const res = await client.post<PlaybookDetail>('/api/v1/playbooks/from-template', { templateKey });
    expect(res.status, res.text).toBe(201);
    return res.body;
  }
  async function setTask(taskId: string, status: string): Promise<void> {
    await ctx.database.db
      .updateTable('tasks')
      .set({ status, completed_at: status === 'done' ? new Date().toISOString() : null })
      .where('id', '=', taskId)
      .execute();
  }

  it('lists the templates, filtered by phase and kind, to anyone', async () => {
    const all = await viewer.get<{ items: PlaybookTemplate[] }>('/api/v1/playbook-templates');
    expect(all.status, all.text).toBe(200);
    expect(all.body.items).toHaveLength(TEMPLATES.length);
    const adoption = await viewer.get<{ items: PlaybookTemplate[] }>('/api/v1/playbook-templates?phase=adoption&kind=risk_assessment');
    expect(adoption.body.items.map((t) => t.key)).toEqual(['risk-assessment-adoption']);
    expectError(await viewer.get('/api/v1/playbook-templates?kind=poem'), 400, 'kind');
  });

  it('copies a template into the workspace (managers only), and edits it keeping item ids', async () => {
    expectError(await csm.post('/api/v1/playbooks/from-template', { templateKey: 'checklist-adopt' }), 403);
    expectError(await manager.post('/api/v1/playbooks/from-template', { templateKey: 'nope' }), 400, 'templateKey');
    const adopt = await copy('checklist-adopt');
    expect(adopt).toMatchObject({ name: 'Adopt checklist', kind: 'checklist', phase: 'adoption', templateKey: 'checklist-adopt', itemCount: 7 });
    expect(adopt.items.map((i) => i.position)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(adopt.portfolio).toEqual({ activeRuns: 0, completedRuns: 0, cancelledRuns: 0, averageProgress: null, overdueItems: 0 });

    const [first, second, third] = adopt.items;
    // Reorder, rename, drop all but three, add one.
    const edited = await manager.patch<PlaybookDetail>(`/api/v1/playbooks/${adopt.id}`, {
      name: 'Our adopt checklist',
      items: [
        { id: third?.id, title: third?.title, details: third?.details, dueOffsetDays: 3 },
        { id: first?.id, title: 'Informal meeting every month', details: '', dueOffsetDays: 30 },
        { title: 'Send the welcome pack', dueOffsetDays: 0 },
        { id: second?.id, title: second?.title, dueOffsetDays: 14 },
      ],
    });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body.name).toBe('Our adopt checklist');
    expect(edited.body.items.map((i) => [i.id === third?.id, i.id === first?.id, i.title, i.details, i.dueOffsetDays])).toEqual([
      [true, false, third?.title, third?.details, 3],
      [false, true, 'Informal meeting every month', null, 30],
      [false, false, 'Send the welcome pack', null, 0],
      [false, false, second?.title, null, 14],
    ]);
    expect(edited.body.items[3]?.id).toBe(second?.id);

    // Unknown or repeated item ids are refused and change nothing.
    const other = await copy('checklist-onboarding');
    expectError(await manager.patch(`/api/v1/playbooks/${adopt.id}`, { items: [{ id: other.items[0]?.id, title: 'x', dueOffsetDays: 1 }] }), 400, 'items.0.id');
    expectError(
      await manager.patch(`/api/v1/playbooks/${adopt.id}`, {
        items: [
          { id: first?.id, title: 'x', dueOffsetDays: 1 },
          { id: first?.id, title: 'y', dueOffsetDays: 1 },
        ],
      }),
      400,
      'items.1.id',
    );
    expectError(await manager.patch(`/api/v1/playbooks/${adopt.id}`, { items: [{ title: '', dueOffsetDays: 1 }] }), 400, 'items.0.title');
    expect((await viewer.get<PlaybookDetail>(`/api/v1/playbooks/${adopt.id}`)).body.items).toHaveLength(4);
    expectError(await csm.patch(`/api/v1/playbooks/${adopt.id}`, { name: 'Mine' }), 403);
    expectError(await csm.del(`/api/v1/playbooks/${adopt.id}`), 403);
  });

  it('creates playbooks from scratch and lists them with filters', async () => {
    expectError(await csm.post('/api/v1/playbooks', { name: 'x', kind: 'checklist' }), 403);
    const made = await manager.post<PlaybookDetail>('/api/v1/playbooks', {
      name: 'Zeta QBR prep',
      kind: 'checklist',
      phase: 'value_realization',
      description: '## Prepare\nMetrics first.',
      items: [{ title: 'Gather metrics', dueOffsetDays: -7 }],
    });
    expect(made.status, made.text).toBe(201);
    expect(made.body).toMatchObject({ templateKey: null, itemCount: 1, items: [{ title: 'Gather metrics', dueOffsetDays: -7 }] });
    expectError(
      await manager.post('/api/v1/playbooks', { name: 'x', kind: 'checklist', items: [{ id: made.body.items[0]?.id, title: 'a', dueOffsetDays: 0 }] }),
      400,
      'items',
    );
    const list = await viewer.get<PlaybookList>('/api/v1/playbooks?phase=value_realization&q=zeta');
    expect(list.status, list.text).toBe(200);
    expect(list.body.items.map((p) => p.id)).toEqual([made.body.id]);
    expect(list.body.total).toBe(1);
    const del = await manager.del(`/api/v1/playbooks/${made.body.id}`);
    expect(del.status).toBe(204);
    expectError(await viewer.get(`/api/v1/playbooks/${made.body.id}`), 404);
  });

  it('applies a playbook: one run per account, tasks due start + offset, owned by the chosen owner or the account owner', async () => {
    const pb = await copy('story-track-testimonial');
    const a1 = await account(owner.user.id);
    const a2 = await account();
    expectError(await viewer.post(`/api/v1/playbooks/${pb.id}/apply`, { accountIds: [a1.id], startOn: '2026-01-10' }), 403);
    expectError(await csm.post(`/api/v1/playbooks/${pb.id}/apply`, { accountIds: [], startOn: '2026-01-10' }), 400, 'accountIds');
    expectError(await csm.post(`/api/v1/playbooks/${pb.id}/apply`, { accountIds: [a1.id], startOn: '2026-02-30' }), 400, 'startOn');
    expectError(
      await csm.post(`/api/v1/playbooks/${pb.id}/apply`, { accountIds: [a1.id, '01J0000000000000000000NONE'], startOn: '2026-01-10' }),
      400,
      'accountIds',
    );
    expectError(
      await csm.post(`/api/v1/playbooks/${pb.id}/apply`, { accountIds: [a1.id], startOn: '2026-01-10', ownerId: '01J0000000000000000000NONE' }),
      400,
      'ownerId',
    );
    expectError(await csm.post(`/api/v1/playbooks/01J0000000000000000000NONE/apply`, { accountIds: [a1.id], startOn: '2026-01-10' }), 404);

    const res = await csm.post<ApplyResult>(`/api/v1/playbooks/${pb.id}/apply`, { accountIds: [a1.id, a2.id, a1.id], startOn: '2026-01-28' });
    expect(res.status, res.text).toBe(201);
    expect(res.body.runs.map((r) => r.accountId)).toEqual([a1.id, a2.id]);
    expect(res.body.tasksCreated).toBe(2 * pb.items.length);

    const runs = await viewer.get<{ items: PlaybookRun[] }>(`/api/v1/accounts/${a1.id}/playbook-runs`);
    expect(runs.status, runs.text).toBe(200);
    const [run] = runs.body.items;
    expect(run).toMatchObject({ playbookId: pb.id, playbookName: pb.name, kind: 'story_track', accountId: a1.id, status: 'active', startedOn: '2026-01-28' });
    // Offsets 0, 7, 14, 30 from 28 January cross the month end.
    expect(run?.items.map((i) => [i.title, i.dueOn, i.status, i.ownerId, i.ownerName])).toEqual([
      [pb.items[0]?.title, '2026-01-28', 'open', owner.user.id, 'Olive Owner'],
      [pb.items[1]?.title, '2026-02-04', 'open', owner.user.id, 'Olive Owner'],
      [pb.items[2]?.title, '2026-02-11', 'open', owner.user.id, 'Olive Owner'],
      [pb.items[3]?.title, '2026-02-27', 'open', owner.user.id, 'Olive Owner'],
    ]);
    expect(run?.items.map((i) => i.itemId)).toEqual(pb.items.map((i) => i.id));
    const unowned = (await viewer.get<{ items: PlaybookRun[] }>(`/api/v1/accounts/${a2.id}/playbook-runs`)).body.items[0];
    expect(unowned?.items.every((i) => i.ownerId === null)).toBe(true);

    // Running twice on the same account is refused; with an explicit owner on a new account it is theirs.
    expectError(await csm.post(`/api/v1/playbooks/${pb.id}/apply`, { accountIds: [a2.id], startOn: '2026-03-01' }), 400, 'accountIds');
    const a3 = await account(owner.user.id);
    await csm.post(`/api/v1/playbooks/${pb.id}/apply`, { accountIds: [a3.id], startOn: '2026-03-01', ownerId: csm.user.id });
    const explicit = (await viewer.get<{ items: PlaybookRun[] }>(`/api/v1/accounts/${a3.id}/playbook-runs`)).body.items[0];
    expect(explicit?.items.every((i) => i.ownerId === csm.user.id)).toBe(true);

    const empty = await manager.post<PlaybookDetail>('/api/v1/playbooks', { name: 'Empty', kind: 'best_practices' });
    expectError(await csm.post(`/api/v1/playbooks/${empty.body.id}/apply`, { accountIds: [a1.id], startOn: '2026-01-10' }), 400, 'items');
  });

  it('tracks progress per run and across the portfolio as tasks get done, and cancels runs', async () => {
    const pb = await copy('checklist-sales-handoff');
    const [done, half, cancelled] = [await account(), await account(), await account()];
    // Started long ago: every item is overdue until done.
    const applied = await csm.post<ApplyResult>(`/api/v1/playbooks/${pb.id}/apply`, { accountIds: [done.id, half.id, cancelled.id], startOn: '2020-01-01' });
    expect(applied.status, applied.text).toBe(201);
    const runOf = async (accountId: string) => (await viewer.get<{ items: PlaybookRun[] }>(`/api/v1/accounts/${accountId}/playbook-runs`)).body.items[0];
    const n = pb.items.length;

    const doneRun = await runOf(done.id);
    for (const item of doneRun?.items ?? []) await setTask(item.taskId, 'done');
    // One item cancelled: it no longer counts.
    await setTask(doneRun?.items[0]?.taskId ?? '', 'cancelled');
    const halfRun = await runOf(half.id);
    for (const item of halfRun?.items.slice(0, 2) ?? []) await setTask(item.taskId, 'done');
    await setTask(halfRun?.items[2]?.taskId ?? '', 'in_progress');

    const completed = await runOf(done.id);
    expect(completed).toMatchObject({ status: 'completed', progress: { done: n - 1, total: n - 1, ratio: 1, overdue: 0 } });
    expect(completed?.completedAt).toBeTruthy();
    const active = await runOf(half.id);
    expect(active).toMatchObject({ status: 'active', progress: { done: 2, total: n, overdue: n - 2 } });
    expect(active?.progress.ratio).toBeCloseTo(2 / n);

    const cancelRun = (await runOf(cancelled.id))?.id ?? '';
    expectError(await viewer.patch(`/api/v1/playbook-runs/${cancelRun}`, { status: 'cancelled' }), 403);
    expectError(await csm.patch(`/api/v1/playbook-runs/${cancelRun}`, { status: 'active' }), 400, 'status');
    const cancelledRun = await csm.patch<PlaybookRun>(`/api/v1/playbook-runs/${cancelRun}`, { status: 'cancelled' });
    expect(cancelledRun.status, cancelledRun.text).toBe(200);
    expect(cancelledRun.body.status).toBe('cancelled');
    expect(cancelledRun.body.items.every((i) => i.status === 'cancelled')).toBe(true);
    expect((await viewer.get<PlaybookRun>(`/api/v1/playbook-runs/${cancelRun}`)).body.status).toBe('cancelled');

    const detail = await viewer.get<PlaybookDetail>(`/api/v1/playbooks/${pb.id}`);
    expect(detail.body.portfolio).toMatchObject({ activeRuns: 1, completedRuns: 1, cancelledRuns: 1, overdueItems: n - 2 });
    expect(detail.body.portfolio.averageProgress).toBeCloseTo(2 / n);
    const listed = (await viewer.get<PlaybookList>('/api/v1/playbooks?kind=checklist&phase=sales_handoff')).body.items.find((p) => p.id === pb.id);
    expect(listed?.portfolio).toEqual(detail.body.portfolio);

    const across = async (status = '') =>
      (await viewer.get<{ items: PlaybookRun[]; total: number }>(`/api/v1/playbooks/${pb.id}/runs${status ? `?status=${status}` : ''}`)).body;
    expect((await across()).total).toBe(3);
    expect((await across('active')).items.map((r) => r.accountId)).toEqual([half.id]);
    expect((await across('completed')).items.map((r) => r.accountId)).toEqual([done.id]);
    expect((await across('cancelled')).items.map((r) => [r.accountId, r.accountName])).toEqual([[cancelled.id, cancelled.name]]);
    expectError(await viewer.get(`/api/v1/playbooks/${pb.id}/runs?status=paused`), 400, 'status');

    // A completed run no longer blocks applying again.
    expect((await csm.post(`/api/v1/playbooks/${pb.id}/apply`, { accountIds: [done.id], startOn: '2026-06-01' })).status).toBe(201);

    // Editing the playbook later keeps the runs' tasks; a deleted item's task stays in the run.
    const kept = await manager.patch<PlaybookDetail>(`/api/v1/playbooks/${pb.id}`, { items: pb.items.slice(1).map((i) => ({ ...i })) });
    expect(kept.status, kept.text).toBe(200);
    const after = await runOf(half.id);
    expect(after?.items).toHaveLength(n);
    expect(after?.items.filter((i) => i.itemId === null)).toHaveLength(1);
  });
});
