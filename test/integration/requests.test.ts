import { beforeAll, expect, it } from 'vitest';
import type { AccountDetail } from '../../src/modules/accounts/contracts.js';
import type { InternalRequest, RequestPage } from '../../src/modules/requests/contracts.js';
import type { MyWork } from '../../src/modules/tasks/contracts.js';
import { forEachEngine } from '../support/engines.js';
import { expectError, makeWorkspace, type SessionClient, type TestWorkspace } from '../support/factories.js';

const DAY = 86_400_000;

forEachEngine('internal requests', (ctx) => {
  let ws: TestWorkspace;
  let asker: SessionClient;
  let helper: SessionClient;
  let account: AccountDetail;

  async function ask(body: Record<string, unknown> = {}): Promise<InternalRequest> {
    const res = await asker.post<InternalRequest>('/api/v1/requests', { title: 'Price for 50 seats?', assigneeId: helper.user.id, ...body });
    expect(res.status, res.text).toBe(201);
    return res.body;
  }

  /** Moves a request's clock back, as if asked (and followed up) that many days ago. */
  async function age(id: string, askedDaysAgo: number, followedUpDaysAgo: number | null = null): Promise<void> {
    const at = (days: number) => new Date(Date.now() - days * DAY).toISOString();
    await ctx.database.db
      .updateTable('internal_requests')
      .set({ asked_at: at(askedDaysAgo), last_follow_up_at: followedUpDaysAgo === null ? null : at(followedUpDaysAgo) })
      .where('id', '=', id)
      .execute();
  }

  const read = async (id: string) => (await asker.get<InternalRequest>(`/api/v1/requests/${id}`)).body;
  const setFollowUpDays = async (days: number) => {
    const res = await ws.admin.patch('/api/v1/workspace', { settings: { requestFollowUpDays: days } });
    expect(res.status, res.text).toBe(200);
  };

  beforeAll(async () => {
    ws = await makeWorkspace(ctx);
    asker = await ws.addUser('csm', { name: 'Ann Asker' });
    helper = await ws.addUser('csm', { name: 'Hal Helper' });
    const res = await ws.admin.post<AccountDetail>('/api/v1/accounts', { name: 'Globex' });
    account = res.body;
  });

  it('creates a request and reads it back with names', async () => {
    const created = await ask({ details: 'They ask for a discount', accountId: account.id, neededBy: '2030-01-31' });
    expect(created).toMatchObject({
      title: 'Price for 50 seats?',
      details: 'They ask for a discount',
      accountId: account.id,
      accountName: 'Globex',
      requestedBy: asker.user.id,
      requestedByName: 'Ann Asker',
      assigneeId: helper.user.id,
      assigneeName: 'Hal Helper',
      neededBy: '2030-01-31',
      status: 'open',
      response: null,
      resolvedAt: null,
      lastFollowUpAt: null,
      followUps: 0,
      stalled: false,
      daysWaiting: 0,
    });
    expect(await read(created.id)).toEqual(created);
  });

  it('refuses bad input naming the field', async () => {
    const other = await makeWorkspace(ctx);
    const foreign = await other.admin.post<AccountDetail>('/api/v1/accounts', { name: 'Theirs' });
    expectError(await asker.post('/api/v1/requests', { assigneeId: helper.user.id }), 400, 'title');
    expectError(await asker.post('/api/v1/requests', { title: 'x' }), 400, 'assigneeId');
    expectError(await asker.post('/api/v1/requests', { title: 'x', assigneeId: other.admin.user.id }), 400, 'assigneeId');
    expectError(await asker.post('/api/v1/requests', { title: 'x', assigneeId: helper.user.id, accountId: foreign.body.id }), 400, 'accountId');
    expectError(await asker.post('/api/v1/requests', { title: 'x', assigneeId: helper.user.id, neededBy: 'tomorrow' }), 400, 'neededBy');
    const r = await ask();
    expectError(await asker.patch(`/api/v1/requests/${r.id}`, { status: 'waiting' }), 400, 'status');
    expectError(await asker.patch(`/api/v1/requests/${r.id}`, { assigneeId: other.admin.user.id }), 400, 'assigneeId');
    expectError(await asker.get('/api/v1/requests?stalled=maybe'), 400, 'stalled');
    const viewer = await ws.addUser('viewer');
    expectError(await viewer.post('/api/v1/requests', { title: 'x', assigneeId: helper.user.id }), 403);
    expectError(await viewer.post(`/api/v1/requests/${r.id}/follow-up`), 403);
    expect(await read(r.id)).toEqual(r);
  });

  it('stalls after requestFollowUpDays without an answer or a follow-up, and a follow-up resets it', async () => {
    const r = await ask({ title: 'Stall me' });
    await age(r.id, 4);
    expect(await read(r.id)).toMatchObject({ stalled: true, daysWaiting: 4 });
    await setFollowUpDays(5);
    expect((await read(r.id)).stalled).toBe(false);
    await setFollowUpDays(4);
    expect((await read(r.id)).stalled).toBe(true);
    await setFollowUpDays(3);

    const stalledIds = async () => (await asker.get<RequestPage>('/api/v1/requests?stalled=true&requestedBy=me&limit=500')).body.items.map((x) => x.id);
    expect(await stalledIds()).toContain(r.id);
    const followed = await asker.post<InternalRequest>(`/api/v1/requests/${r.id}/follow-up`);
    expect(followed.status, followed.text).toBe(200);
    expect(followed.body).toMatchObject({ stalled: false, followUps: 1, daysWaiting: 4 });
    expect(Date.now() - Date.parse(followed.body.lastFollowUpAt ?? '')).toBeLessThan(60_000);
    expect(await stalledIds()).not.toContain(r.id);
    const notStalled = (await asker.get<RequestPage>('/api/v1/requests?stalled=false&requestedBy=me&limit=500')).body.items.map((x) => x.id);
    expect(notStalled).toContain(r.id);

    // The last follow-up, not the asking, starts the clock again.
    await age(r.id, 10, 2);
    expect(await read(r.id)).toMatchObject({ stalled: false, daysWaiting: 10 });
    await age(r.id, 10, 3);
    expect((await read(r.id)).stalled).toBe(true);
  });

  it('resolves on done or cancelled, reopens, and refuses a follow-up once resolved', async () => {
    const r = await ask({ title: 'Answer me' });
    await age(r.id, 6);
    const done = await helper.patch<InternalRequest>(`/api/v1/requests/${r.id}`, { status: 'done', response: '  20% off  ' });
    expect(done.status, done.text).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', response: '20% off', stalled: false, daysWaiting: 6 });
    expect(Date.parse(done.body.resolvedAt ?? '')).not.toBeNaN();
    expectError(await asker.post(`/api/v1/requests/${r.id}/follow-up`), 400, 'status');
    const reopened = await asker.patch<InternalRequest>(`/api/v1/requests/${r.id}`, { status: 'open' });
    expect(reopened.body).toMatchObject({ status: 'open', resolvedAt: null, stalled: true });
    const cancelled = await asker.patch<InternalRequest>(`/api/v1/requests/${r.id}`, { status: 'cancelled' });
    expect(cancelled.body.resolvedAt).not.toBeNull();
  });

  it('filters the list by people, status and account', async () => {
    const third = await ws.addUser('csm', { name: 'Tess Third' });
    const mine = await ask({ title: 'To Tess', assigneeId: third.user.id, accountId: account.id });
    const fromTess = await third.post<InternalRequest>('/api/v1/requests', { title: 'From Tess', assigneeId: asker.user.id });
    const titles = async (client: SessionClient, query: string) =>
      (await client.get<RequestPage>(`/api/v1/requests?${query}&limit=500`)).body.items.map((x) => x.title);
    expect(await titles(third, 'assigneeId=me')).toEqual(['To Tess']);
    expect(await titles(third, 'requestedBy=me')).toEqual(['From Tess']);
    expect(await titles(asker, `assigneeId=${third.user.id},${asker.user.id}&sort=askedAt`)).toEqual(['To Tess', 'From Tess']);
    expect(await titles(asker, `accountId=${account.id}&status=open&assigneeId=${third.user.id}`)).toEqual(['To Tess']);
    expect(await titles(asker, `requestedBy=${third.user.id}&status=done`)).toEqual([]);
    expect(fromTess.status).toBe(201);
    const page = await asker.get<RequestPage>('/api/v1/requests?limit=2&sort=neededBy');
    expect(page.body.items).toHaveLength(2);
    expect(page.body.nextCursor).not.toBeNull();
    const key = await ws.createApiKey('viewer');
    expectError(await key.get('/api/v1/requests?assigneeId=me'), 400, 'assigneeId');
    expect((await asker.del(`/api/v1/requests/${mine.id}`)).status).toBe(204);
    expectError(await asker.get(`/api/v1/requests/${mine.id}`), 404);
  });

  it('shows requests waiting on me and my stalled requests in My work', async () => {
    const a = await ws.addUser('csm', { name: 'Abe' });
    const b = await ws.addUser('csm', { name: 'Bea' });
    const fresh = await a.post<InternalRequest>('/api/v1/requests', { title: 'Fresh', assigneeId: b.user.id });
    const old = await a.post<InternalRequest>('/api/v1/requests', { title: 'Old', assigneeId: b.user.id });
    const answered = await a.post<InternalRequest>('/api/v1/requests', { title: 'Answered', assigneeId: b.user.id });
    await age(old.body.id, 5);
    await age(answered.body.id, 5);
    await b.patch(`/api/v1/requests/${answered.body.id}`, { status: 'done' });
    const forA = (await a.get<MyWork>('/api/v1/my-work')).body;
    expect(forA.myStalledRequests.items.map((r) => r.title)).toEqual(['Old']);
    expect(forA.requestsWaitingOnMe.total).toBe(0);
    const forB = (await b.get<MyWork>('/api/v1/my-work')).body;
    expect(forB.requestsWaitingOnMe.items.map((r) => r.title)).toEqual(['Old', 'Fresh']);
    expect(forB.counts).toMatchObject({ requestsWaitingOnMe: 2, myStalledRequests: 0 });
    await a.post(`/api/v1/requests/${old.body.id}/follow-up`);
    expect((await a.get<MyWork>('/api/v1/my-work')).body.counts.myStalledRequests).toBe(0);
    expect(fresh.status).toBe(201);
  });
});
