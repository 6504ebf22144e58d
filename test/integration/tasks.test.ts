import { beforeAll, expect, it } from 'vitest';
import type { AccountDetail } from '../../src/modules/accounts/contracts.js';
import type { MyWork, Task, TaskPage } from '../../src/modules/tasks/contracts.js';
import { forEachEngine } from '../support/engines.js';
import { expectError, makeWorkspace, type SessionClient, type TestWorkspace } from '../support/factories.js';
import { engagementRecords } from './tasks-support.js';

function day(offset: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

forEachEngine('tasks', (ctx) => {
  let ws: TestWorkspace;
  let other: TestWorkspace;
  let csm: SessionClient;
  let account: AccountDetail;
  let second: AccountDetail;

  async function account_(client: SessionClient, body: Record<string, unknown>): Promise<AccountDetail> {
    const res = await client.post<AccountDetail>('/api/v1/accounts', body);
    expect(res.status, res.text).toBe(201);
    return res.body;
  }

  async function task(client: SessionClient, body: Record<string, unknown>): Promise<Task> {
    const res = await client.post<Task>('/api/v1/tasks', { accountId: account.id, ...body });
    expect(res.status, res.text).toBe(201);
    return res.body;
  }

  beforeAll(async () => {
    ws = await makeWorkspace(ctx);
    other = await makeWorkspace(ctx);
    csm = await ws.addUser('csm', { name: 'Casey CSM' });
    account = await account_(ws.admin, { name: 'Globex', ownerId: csm.user.id });
    second = await account_(ws.admin, { name: 'Initech' });
  });

  it('creates a task with every field, fills defaults, and reads it back', async () => {
    const created = await task(csm, { title: '  Send the QBR deck ', description: 'Slides 1–12', ownerId: csm.user.id, dueOn: day(3), priority: 'high' });
    expect(created).toMatchObject({
      accountId: account.id,
      accountName: 'Globex',
      title: 'Send the QBR deck',
      description: 'Slides 1–12',
      ownerId: csm.user.id,
      ownerName: 'Casey CSM',
      dueOn: day(3),
      priority: 'high',
      status: 'open',
      source: null,
      completedAt: null,
      createdBy: csm.user.id,
    });
    expect((await ws.admin.get<Task>(`/api/v1/tasks/${created.id}`)).body).toEqual(created);
    const bare = await task(ws.admin, { title: 'Bare' });
    expect(bare).toMatchObject({ priority: 'normal', ownerId: null, dueOn: null, description: null });
  });

  it('refuses bad input naming the field, and changes nothing', async () => {
    const before = (await ws.admin.get<TaskPage>('/api/v1/tasks')).body.total;
    expectError(await ws.admin.post('/api/v1/tasks', { accountId: account.id, title: '   ' }), 400, 'title');
    expectError(await ws.admin.post('/api/v1/tasks', { accountId: account.id, title: 'x', dueOn: '2026-02-30' }), 400, 'dueOn');
    expectError(await ws.admin.post('/api/v1/tasks', { accountId: account.id, title: 'x', priority: 'asap' }), 400, 'priority');
    expectError(await ws.admin.post('/api/v1/tasks', { title: 'x' }), 400, 'accountId');
    expectError(await ws.admin.post('/api/v1/tasks', { accountId: account.id, title: 'x', ownerId: other.admin.user.id }), 400, 'ownerId');
    const foreign = await account_(other.admin, { name: 'Theirs' });
    expectError(await ws.admin.post('/api/v1/tasks', { accountId: foreign.id, title: 'x' }), 400, 'accountId');
    expectError(await ws.admin.get('/api/v1/tasks?sort=owner'), 400, 'sort');
    expectError(await ws.admin.get('/api/v1/tasks?overdue=yes'), 400, 'overdue');
    expect((await ws.admin.get<TaskPage>('/api/v1/tasks')).body.total).toBe(before);
  });

  it('lets a viewer read but not write', async () => {
    const viewer = await ws.addUser('viewer');
    expect((await viewer.get('/api/v1/tasks')).status).toBe(200);
    expectError(await viewer.post('/api/v1/tasks', { accountId: account.id, title: 'x' }), 403);
  });

  it('links to a meeting, risk or playbook item of the same account and describes the source', async () => {
    const mine = await engagementRecords(ctx.database, ws.id, account.id, 'Mine');
    const theirs = await engagementRecords(ctx.database, ws.id, second.id, 'Theirs');
    const elsewhere = await engagementRecords(ctx.database, other.id, (await account_(other.admin, { name: 'Far' })).id, 'Far');

    const fromMeeting = await task(csm, { title: 'Follow up', activityId: mine.activityId });
    expect(fromMeeting.source).toEqual({ kind: 'activity', label: 'Mine meeting' });
    const fromRisk = await task(csm, { title: 'Mitigate', riskId: mine.riskId });
    expect(fromRisk.source).toEqual({ kind: 'risk', label: 'Mine risk' });
    const fromPlaybook = await task(csm, { title: 'Checklist', playbookRunId: mine.runId, playbookItemId: mine.itemId });
    expect(fromPlaybook.source).toEqual({ kind: 'playbook', label: 'Mine playbook · Mine item' });

    const refuse = async (body: Record<string, unknown>, field: string, rule: string) => {
      const res = await ws.admin.post('/api/v1/tasks', { accountId: account.id, title: 'x', ...body });
      expectError(res, 400, field);
      expect(res.body.error.issues[0]?.rule, res.text).toBe(rule);
    };
    await refuse({ activityId: theirs.activityId }, 'activityId', 'same_account');
    await refuse({ riskId: theirs.riskId }, 'riskId', 'same_account');
    await refuse({ playbookRunId: theirs.runId }, 'playbookRunId', 'same_account');
    await refuse({ activityId: elsewhere.activityId }, 'activityId', 'exists');
    await refuse({ riskId: elsewhere.riskId }, 'riskId', 'exists');
    await refuse({ playbookRunId: elsewhere.runId }, 'playbookRunId', 'exists');
    await refuse({ playbookRunId: mine.runId, playbookItemId: theirs.itemId }, 'playbookItemId', 'same_playbook');
    await refuse({ playbookItemId: mine.itemId }, 'playbookRunId', 'required');
    expectError(await ws.admin.patch(`/api/v1/tasks/${fromMeeting.id}`, { riskId: theirs.riskId }), 400, 'riskId');

    const sources = async (source: string) =>
      (await ws.admin.get<TaskPage>(`/api/v1/tasks?source=${source}&limit=500`)).body.items
        .map((t) => t.id)
        .filter((id) => [fromMeeting.id, fromRisk.id, fromPlaybook.id].includes(id));
    expect(await sources('activity')).toEqual([fromMeeting.id]);
    expect(await sources('risk,playbook')).toHaveLength(2);
    expect(await sources('none')).toEqual([]);
    const linked = async (query: string) => (await ws.admin.get<TaskPage>(`/api/v1/tasks?${query}`)).body.items.map((t) => t.id);
    expect(await linked(`activityId=${mine.activityId}`)).toEqual([fromMeeting.id]);
    expect(await linked(`riskId=${mine.riskId}`)).toEqual([fromRisk.id]);
    expect(await linked(`playbookRunId=${mine.runId}`)).toEqual([fromPlaybook.id]);

    // Unlinking the run drops its checklist item too.
    const unlinked = await ws.admin.patch<Task>(`/api/v1/tasks/${fromPlaybook.id}`, { playbookRunId: null });
    expect(unlinked.body).toMatchObject({ playbookRunId: null, playbookItemId: null, source: null });
  });

  it('sets completedAt when done and clears it when reopened', async () => {
    const t = await task(csm, { title: 'Complete me' });
    const done = await csm.patch<Task>(`/api/v1/tasks/${t.id}`, { status: 'done' });
    expect(done.status, done.text).toBe(200);
    expect(Date.parse(done.body.completedAt ?? '')).not.toBeNaN();
    const again = await csm.patch<Task>(`/api/v1/tasks/${t.id}`, { status: 'done', title: 'Still done' });
    expect(again.body.completedAt).toBe(done.body.completedAt);
    const reopened = await csm.patch<Task>(`/api/v1/tasks/${t.id}`, { status: 'open' });
    expect(reopened.body).toMatchObject({ status: 'open', completedAt: null, title: 'Still done' });
    expectError(await csm.patch(`/api/v1/tasks/${t.id}`, { status: 'finished' }), 400, 'status');
  });

  it('filters, sorts and pages the list', async () => {
    const acct = await account_(ws.admin, { name: 'Paging Co' });
    const mk = (body: Record<string, unknown>) => task(ws.admin, { accountId: acct.id, ...body });
    const a = await mk({ title: 'A', dueOn: day(-2), priority: 'low', ownerId: ws.admin.user.id });
    const b = await mk({ title: 'B', dueOn: day(1), priority: 'urgent' });
    const c = await mk({ title: 'C', priority: 'high' });
    const d = await mk({ title: 'D', dueOn: day(-5), priority: 'normal' });
    await ws.admin.patch(`/api/v1/tasks/${d.id}`, { status: 'done' });
    const ids = async (query: string) => (await ws.admin.get<TaskPage>(`/api/v1/accounts/${acct.id}/tasks?${query}`)).body.items.map((t) => t.title);

    expect(await ids('')).toEqual(['D', 'A', 'B', 'C']);
    expect(await ids('sort=-priority')).toEqual(['B', 'C', 'D', 'A']);
    expect(await ids('status=open,in_progress')).toEqual(['A', 'B', 'C']);
    expect(await ids('overdue=true')).toEqual(['A']);
    expect(await ids('overdue=false')).toEqual(['D', 'B', 'C']);
    expect(await ids('ownerId=me')).toEqual(['A']);
    expect(await ids('ownerId=none')).toEqual(['D', 'B', 'C']);
    expect(await ids(`dueBefore=${day(0)}`)).toEqual(['D', 'A']);
    expect(await ids(`dueAfter=${day(0)}`)).toEqual(['B']);
    expect(await ids('priority=urgent,low')).toEqual(['A', 'B']);

    for (const sort of ['dueOn', '-dueOn', 'priority', '-priority', 'createdAt', '-createdAt']) {
      const all = await ids(`sort=${sort}`);
      const seen: string[] = [];
      let cursor = '';
      do {
        const res = await ws.admin.get<TaskPage>(`/api/v1/accounts/${acct.id}/tasks?sort=${sort}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status, res.text).toBe(200);
        expect(res.body.total).toBe(4);
        seen.push(...res.body.items.map((t) => t.title));
        cursor = res.body.nextCursor ?? '';
      } while (cursor);
      expect(seen, sort).toEqual(all);
    }
    expect([a.id, b.id, c.id]).toHaveLength(3);
    expectError(await ws.admin.get('/api/v1/accounts/01J0000000000000000000NONE/tasks'), 404);
    const key = await ws.createApiKey('viewer');
    expectError(await key.get('/api/v1/tasks?ownerId=me'), 400, 'ownerId');
  });

  it('deletes a task', async () => {
    const t = await task(csm, { title: 'Delete me' });
    expect((await csm.del(`/api/v1/tasks/${t.id}`)).status).toBe(204);
    expectError(await csm.get(`/api/v1/tasks/${t.id}`), 404);
    expectError(await csm.del(`/api/v1/tasks/${t.id}`), 404);
  });

  it("builds My work from the person's tasks and the unowned tasks on their accounts", async () => {
    const me = await ws.addUser('csm', { name: 'Mia Mine' });
    const someone = await ws.addUser('csm', { name: 'Sam Else' });
    const mineAcct = await account_(ws.admin, { name: 'My Account', ownerId: me.user.id });
    const theirsAcct = await account_(ws.admin, { name: 'Their Account', ownerId: someone.user.id });
    const mk = (title: string, body: Record<string, unknown>) => task(ws.admin, { accountId: mineAcct.id, ownerId: me.user.id, title, ...body });
    await mk('overdue', { dueOn: day(-1), priority: 'high' });
    await mk('today', { dueOn: day(0) });
    await mk('in six days', { dueOn: day(6) });
    await mk('in a week', { dueOn: day(7) });
    await mk('someday', {});
    await mk('unowned on my account', { ownerId: null, dueOn: day(-3) });
    await task(ws.admin, { accountId: theirsAcct.id, title: 'unowned on theirs', dueOn: day(-3) });
    await task(ws.admin, { accountId: mineAcct.id, ownerId: someone.user.id, title: "someone else's", dueOn: day(0) });
    await mk('my task on their account', { accountId: theirsAcct.id, dueOn: day(2) });
    const done = await mk('done already', { dueOn: day(-1) });
    await ws.admin.patch(`/api/v1/tasks/${done.id}`, { status: 'done' });
    const started = await mk('in progress', { dueOn: day(-1) });
    await ws.admin.patch(`/api/v1/tasks/${started.id}`, { status: 'in_progress' });

    const res = await me.get<MyWork>('/api/v1/my-work');
    expect(res.status, res.text).toBe(200);
    const titles = (s: { items: Task[] }) => s.items.map((t) => t.title);
    expect(res.body.today).toBe(day(0));
    expect(titles(res.body.overdue)).toEqual(['unowned on my account', 'overdue', 'in progress']);
    expect(titles(res.body.dueThisWeek)).toEqual(['today', 'my task on their account', 'in six days']);
    expect(titles(res.body.later)).toEqual(['in a week']);
    expect(titles(res.body.noDueDate)).toEqual(['someday']);
    expect(res.body.counts).toMatchObject({ overdue: 3, dueToday: 1, dueThisWeek: 3, later: 1, noDueDate: 1, open: 8 });

    const small = await me.get<MyWork>('/api/v1/my-work?limit=1');
    expect(small.body.overdue).toMatchObject({ total: 3 });
    expect(small.body.overdue.items).toHaveLength(1);
    // The caller's own calendar day moves the sections.
    const tomorrow = await me.get<MyWork>(`/api/v1/my-work?today=${day(1)}`);
    expect(tomorrow.body.counts).toMatchObject({ overdue: 4, dueToday: 0 });

    const key = await ws.createApiKey('viewer');
    expectError(await key.get('/api/v1/my-work'), 400, 'userId');
    expect((await key.get<MyWork>(`/api/v1/my-work?userId=${me.user.id}`)).body.counts.open).toBe(8);
    expectError(await key.get(`/api/v1/my-work?userId=${other.admin.user.id}`), 400, 'userId');
  });
});
