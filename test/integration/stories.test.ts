import { beforeAll, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.js';
import type { Story, StoryPage } from '../../src/modules/stories/contracts.js';
import { forEachEngine } from '../support/engines.js';
import { type ErrorReply, expectError, makeWorkspace, type SessionClient, type TestWorkspace } from '../support/factories.js';

forEachEngine('stories', (ctx) => {
  let ws: TestWorkspace;
  let other: TestWorkspace;
  let csm: SessionClient;
  let csm2: SessionClient;
  let manager: SessionClient;
  let viewer: SessionClient;
  let accountId: string;
  let secondAccountId: string;

  const account = async (w: TestWorkspace, name: string) => {
    const res = await w.admin.post<{ id: string }>('/api/v1/accounts', { name });
    expect(res.status, res.text).toBe(201);
    return res.body.id;
  };

  /** Records a story can be about, made straight in the database (their own modules' APIs are tested elsewhere). */
  async function subjects(workspaceId: string, forAccount: string) {
    const { db } = ctx.database;
    const now = new Date().toISOString();
    const ids = { activity: newId(), risk: newId(), red_flag: newId(), playbook_run: newId(), playbook: newId() };
    const base = { workspace_id: workspaceId, account_id: forAccount };
    await db
      .insertInto('activities')
      .values({
        ...base,
        id: ids.activity,
        type: 'qbr',
        status: 'done',
        title: 'Q3 business review',
        occurred_at: now,
        contact_ids: '[]',
        user_ids: '[]',
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('risks')
      .values({
        ...base,
        id: ids.risk,
        title: 'Sponsor may leave',
        severity: 'high',
        status: 'open',
        identified_on: now.slice(0, 10),
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('red_flags')
      .values({ ...base, id: ids.red_flag, kind: 'budget_cut', note: 'Budget halved for next year', source: 'person', status: 'open', raised_at: now })
      .execute();
    await db
      .insertInto('playbooks')
      .values({ id: ids.playbook, workspace_id: workspaceId, name: 'Adopt checklist', kind: 'checklist', created_at: now, updated_at: now })
      .execute();
    await db
      .insertInto('playbook_runs')
      .values({ ...base, id: ids.playbook_run, playbook_id: ids.playbook, status: 'active', started_on: now.slice(0, 10), created_at: now })
      .execute();
    return ids;
  }

  beforeAll(async () => {
    ws = await makeWorkspace(ctx);
    other = await makeWorkspace(ctx);
    csm = await ws.addUser('csm', { name: 'Casey Csm' });
    csm2 = await ws.addUser('csm', { name: 'Other Csm' });
    manager = await ws.addUser('manager', { name: 'Morgan Manager' });
    viewer = await ws.addUser('viewer', { name: 'Vic Viewer' });
    accountId = await account(ws, 'Acme Stories');
    secondAccountId = await account(ws, 'Beta Stories');
  });

  it('creates, reads, edits and deletes a story, keeping the markdown exactly as written', async () => {
    const body = '# Went live\n\n<script>alert(1)</script> **bold** [x](javascript:alert(1))  \n  trailing spaces kept  ';
    const res = await csm.post<Story>('/api/v1/stories', { accountId, title: '  Go-live  ', body });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      accountId,
      accountName: 'Acme Stories',
      subjectType: 'account',
      subjectId: accountId,
      subjectLabel: 'Acme Stories',
      title: 'Go-live',
      body,
      authorId: csm.user.id,
      authorName: 'Casey Csm',
    });
    const id = res.body.id;
    expect((await viewer.get<Story>(`/api/v1/stories/${id}`)).body.body).toBe(body);

    const edited = await csm.patch<Story>(`/api/v1/stories/${id}`, { title: 'Live at last', body: 'New *body*' });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body).toMatchObject({ title: 'Live at last', body: 'New *body*', authorId: csm.user.id });
    expect(edited.body.updatedAt >= edited.body.createdAt).toBe(true);

    expect((await csm.del(`/api/v1/stories/${id}`)).status).toBe(204);
    expectError(await viewer.get(`/api/v1/stories/${id}`), 404);
    expectError(await csm.del(`/api/v1/stories/${id}`), 404);
  });

  it('links a story to a meeting, risk, red flag or playbook run of its account, with its label', async () => {
    const ids = await subjects(ws.id, accountId);
    const expected = {
      activity: 'Q3 business review',
      risk: 'Sponsor may leave',
      red_flag: 'Budget cut: Budget halved for next year',
      playbook_run: 'Adopt checklist',
    };
    for (const [subjectType, label] of Object.entries(expected)) {
      const subjectId = ids[subjectType as keyof typeof expected];
      const res = await csm.post<Story>('/api/v1/stories', { accountId, subjectType, subjectId, title: `About a ${subjectType}`, body: 'Text' });
      expect(res.status, res.text).toBe(201);
      expect(res.body).toMatchObject({ subjectType, subjectId, subjectLabel: label });
      const listed = await viewer.get<StoryPage>(`/api/v1/stories?subjectType=${subjectType}&subjectId=${subjectId}`);
      expect(listed.body.items.map((s) => s.id)).toEqual([res.body.id]);
      expect(listed.body.items[0]?.subjectLabel).toBe(label);
    }
    // A deleted subject leaves the story on its account, without a label.
    await ctx.database.db.deleteFrom('risks').where('id', '=', ids.risk).execute();
    const orphan = await viewer.get<StoryPage>(`/api/v1/stories?subjectType=risk&subjectId=${ids.risk}`);
    expect(orphan.body.items[0]).toMatchObject({ subjectLabel: null, accountId });
  });

  it('refuses subjects of another account or workspace, and accounts of another workspace, naming the field', async () => {
    const mine = await subjects(ws.id, accountId);
    const theirAccount = await account(other, 'Their account');
    const theirs = await subjects(other.id, theirAccount);
    const before = (await ws.admin.get<StoryPage>('/api/v1/stories')).body.total;
    const post = (body: Record<string, unknown>) => csm.post('/api/v1/stories', { title: 'T', body: 'B', ...body });
    for (const subjectType of ['activity', 'risk', 'red_flag', 'playbook_run'] as const) {
      const wrongAccount = await post({ accountId: secondAccountId, subjectType, subjectId: mine[subjectType] });
      expectError(wrongAccount, 400, 'subjectId');
      expect((wrongAccount.body as ErrorReply).error.issues[0]?.rule).toBe('account');
      const foreign = await post({ accountId, subjectType, subjectId: theirs[subjectType] });
      expectError(foreign, 400, 'subjectId');
      expect((foreign.body as ErrorReply).error.issues[0]?.rule).toBe('exists');
      expect(foreign.text).not.toContain('Q3 business review');
      expectError(await post({ accountId, subjectType }), 400, 'subjectId');
      // A record of another type with the right id is not the subject either.
      expectError(await post({ accountId, subjectType, subjectId: mine[subjectType === 'risk' ? 'activity' : 'risk'] }), 400, 'subjectId');
    }
    expectError(await post({ accountId, subjectType: 'account', subjectId: secondAccountId }), 400, 'subjectId');
    expectError(await post({ accountId: theirAccount }), 400, 'accountId');
    expectError(await post({ accountId, subjectType: 'goal' }), 400, 'subjectType');
    expectError(await post({ accountId, title: '   ' }), 400, 'title');
    expectError(await post({ accountId, body: ' \n ' }), 400, 'body');
    expectError(await post({ accountId, body: 'x'.repeat(50_001) }), 400, 'body');
    const story = await csm.post<Story>('/api/v1/stories', { accountId, title: 'T', body: 'B' });
    expectError(await csm.patch(`/api/v1/stories/${story.body.id}`, { subjectType: 'risk', subjectId: theirs.risk }), 400, 'subjectId');
    expectError(await csm.patch(`/api/v1/stories/${story.body.id}`, { subjectType: 'risk' }), 400, 'subjectId');
    expect((await ws.admin.get<StoryPage>('/api/v1/stories')).body.total).toBe(before + 1);
    // Moving it to a record of its own account works.
    const moved = await csm.patch<Story>(`/api/v1/stories/${story.body.id}`, { subjectType: 'activity', subjectId: mine.activity });
    expect(moved.body).toMatchObject({ subjectType: 'activity', subjectId: mine.activity, subjectLabel: 'Q3 business review' });
  });

  it('lets csm+ write; authors, managers and admins edit and delete; viewers only read', async () => {
    const own = await csm.post<Story>('/api/v1/stories', { accountId, title: 'Mine', body: 'B' });
    expect(own.status).toBe(201);
    const id = own.body.id;
    expectError(await viewer.post('/api/v1/stories', { accountId, title: 'Nope', body: 'B' }), 403);
    expectError(await viewer.patch(`/api/v1/stories/${id}`, { title: 'Nope' }), 403);
    expectError(await csm2.patch(`/api/v1/stories/${id}`, { title: 'Not yours' }), 403);
    expectError(await csm2.del(`/api/v1/stories/${id}`), 403);
    const csmKey = await ws.createApiKey('csm');
    expectError(await csmKey.patch(`/api/v1/stories/${id}`, { title: 'A key is not the author' }), 403);
    expect((await viewer.get<Story>(`/api/v1/stories/${id}`)).body.title).toBe('Mine');
    expect((await manager.patch<Story>(`/api/v1/stories/${id}`, { title: 'Edited by the manager' })).body).toMatchObject({
      title: 'Edited by the manager',
      authorName: 'Casey Csm',
    });
    expect((await csm.patch<Story>(`/api/v1/stories/${id}`, { title: 'Mine again' })).status).toBe(200);
    expect((await manager.del(`/api/v1/stories/${id}`)).status).toBe(204);
    // A story written with an API key has no author: a manager's key may still change it.
    const byKey = await csmKey.post<Story>('/api/v1/stories', { accountId, title: 'From the CRM', body: 'B' });
    expect(byKey.body).toMatchObject({ authorId: null, authorName: null });
    expectError(await csmKey.del(`/api/v1/stories/${byKey.body.id}`), 403);
    expect((await (await ws.createApiKey('manager')).del(`/api/v1/stories/${byKey.body.id}`)).status).toBe(204);
  });

  it('lists newest first with filters, a cursor and a total, and per account', async () => {
    const fresh = await account(ws, 'Gamma Paging');
    const made: string[] = [];
    for (const [who, title] of [
      [csm, 'First rollout'],
      [csm2, 'Second wave'],
      [csm, 'Third: renewal'],
    ] as const) {
      made.push((await who.post<Story>('/api/v1/stories', { accountId: fresh, title, body: `Body of ${title} with needle` })).body.id);
    }
    const first = await viewer.get<StoryPage>(`/api/v1/stories?accountId=${fresh}&limit=2`);
    expect(first.body.total).toBe(3);
    expect(first.body.items.map((s) => s.title)).toEqual(['Third: renewal', 'Second wave']);
    const second = await viewer.get<StoryPage>(`/api/v1/stories?accountId=${fresh}&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((s) => s.id)).toEqual([made[0]]);
    expect(second.body.nextCursor).toBeNull();
    expect((await viewer.get<StoryPage>(`/api/v1/stories?accountId=${fresh}&authorId=${csm2.user.id}`)).body.items.map((s) => s.title)).toEqual([
      'Second wave',
    ]);
    expect((await viewer.get<StoryPage>(`/api/v1/stories?accountId=${fresh}&q=RENEWAL`)).body.total).toBe(1);
    expect((await viewer.get<StoryPage>(`/api/v1/stories?q=needle&accountId=${fresh}`)).body.total).toBe(3);
    const perAccount = await viewer.get<StoryPage>(`/api/v1/accounts/${fresh}/stories?limit=10`);
    expect(perAccount.body.items.map((s) => s.id)).toEqual([...made].reverse());
    expectError(await viewer.get(`/api/v1/accounts/${await account(other, 'Elsewhere')}/stories`), 404);
    expectError(await viewer.get('/api/v1/stories?cursor=garbage'), 400, 'cursor');
    expectError(await viewer.get('/api/v1/stories?subjectType=meeting'), 400, 'subjectType');
    // Deleting the account deletes its stories.
    expect((await ws.admin.del(`/api/v1/accounts/${fresh}`)).status).toBe(204);
    expectError(await viewer.get(`/api/v1/stories/${made[0]}`), 404);
  });
});
