import { beforeAll, expect, it } from 'vitest';
import type { AccountDetail } from '../../src/modules/accounts/contracts.js';
import type { Activity, ActivityPage } from '../../src/modules/activities/contracts.js';
import { forEachEngine } from '../support/engines.js';
import { expectError, makeWorkspace, type SessionClient, type TestWorkspace } from '../support/factories.js';

const DAY = 24 * 60 * 60 * 1000;
const daysFromNow = (days: number) => new Date(Date.now() + days * DAY).toISOString();

forEachEngine('activities: the timeline', (ctx) => {
  let ws: TestWorkspace;
  let other: TestWorkspace;
  let csm: SessionClient;
  let viewer: SessionClient;
  let account: AccountDetail;
  let sibling: AccountDetail;
  let contact: string;
  let siblingContact: string;
  let foreignContact: string;
  let foreignAccount: string;

  async function newAccount(w: TestWorkspace, body: Record<string, unknown>): Promise<AccountDetail> {
    const res = await w.admin.post<AccountDetail>('/api/v1/accounts', body);
    expect(res.status, res.text).toBe(201);
    return res.body;
  }
  async function newContact(w: TestWorkspace, accountId: string, name: string): Promise<string> {
    const res = await w.admin.post<{ id: string }>('/api/v1/contacts', { accountId, name });
    expect(res.status, res.text).toBe(201);
    return res.body.id;
  }
  async function log(body: Record<string, unknown>, client: SessionClient = csm): Promise<Activity> {
    const res = await client.post<Activity>('/api/v1/activities', {
      accountId: account.id,
      type: 'meeting',
      title: 'Sync',
      occurredAt: daysFromNow(-1),
      ...body,
    });
    expect(res.status, res.text).toBe(201);
    return res.body;
  }

  beforeAll(async () => {
    ws = await makeWorkspace(ctx);
    other = await makeWorkspace(ctx);
    csm = await ws.addUser('csm', { name: 'Casey CSM' });
    viewer = await ws.addUser('viewer', { name: 'Vic Viewer' });
    account = await newAccount(ws, { name: 'Acme', touchTier: 'high' });
    sibling = await newAccount(ws, { name: 'Sibling' });
    contact = await newContact(ws, account.id, 'Pat Sponsor');
    siblingContact = await newContact(ws, sibling.id, 'Sam Elsewhere');
    const foreign = await newAccount(other, { name: 'Foreign' });
    foreignContact = await newContact(other, foreign.id, 'Fay Foreign');
    foreignAccount = foreign.id;
  });

  it('logs a meeting with attendees and reads it back with their names', async () => {
    const created = await log({
      title: 'Kickoff',
      occurredAt: '2026-01-15T11:00:00+01:00',
      durationMinutes: 45,
      summary: 'Went through the plan',
      outcome: 'Agreed on goals',
      contactIds: [contact, contact],
      userIds: [csm.user.id],
    });
    expect(created).toMatchObject({
      accountId: account.id,
      accountName: 'Acme',
      type: 'meeting',
      status: 'done',
      title: 'Kickoff',
      occurredAt: '2026-01-15T10:00:00.000Z',
      durationMinutes: 45,
      summary: 'Went through the plan',
      outcome: 'Agreed on goals',
      contacts: [{ id: contact, name: 'Pat Sponsor' }],
      users: [{ id: csm.user.id, name: 'Casey CSM' }],
      tasks: [],
      createdById: csm.user.id,
      createdByName: 'Casey CSM',
    });
    const read = await viewer.get<Activity>(`/api/v1/activities/${created.id}`);
    expect(read.status, read.text).toBe(200);
    expect(read.body).toEqual(created);
  });

  it('defaults the status from the date: future is planned, past is done', async () => {
    expect((await log({ occurredAt: daysFromNow(3) })).status).toBe('planned');
    expect((await log({ occurredAt: daysFromNow(-3) })).status).toBe('done');
    expect((await log({ occurredAt: daysFromNow(-3), status: 'cancelled' })).status).toBe('cancelled');
  });

  it('updates only the fields sent, and deletes', async () => {
    const created = await log({ title: 'Old', summary: 'keep me', contactIds: [contact] });
    const res = await csm.patch<Activity>(`/api/v1/activities/${created.id}`, { title: 'New', outcome: 'Done deal', type: 'call' });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ title: 'New', outcome: 'Done deal', type: 'call', summary: 'keep me', contacts: [{ id: contact }] });
    const cleared = await csm.patch<Activity>(`/api/v1/activities/${created.id}`, { summary: '', contactIds: [] });
    expect(cleared.body).toMatchObject({ summary: null, contacts: [] });
    expect((await csm.del(`/api/v1/activities/${created.id}`)).status).toBe(204);
    expectError(await csm.get(`/api/v1/activities/${created.id}`), 404);
    expectError(await csm.del(`/api/v1/activities/${created.id}`), 404);
  });

  it('names the field of every bad input and changes nothing', async () => {
    const before = (await csm.get<ActivityPage>(`/api/v1/accounts/${account.id}/activities`)).body.total;
    const base = { accountId: account.id, type: 'meeting', title: 'x', occurredAt: daysFromNow(-1) };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ title: '  ' }, 'title'],
      [{ type: 'lunch' }, 'type'],
      [{ occurredAt: '2026-01-15' }, 'occurredAt'],
      [{ occurredAt: '3026-01-15T00:00:00Z' }, 'occurredAt'],
      [{ durationMinutes: -5 }, 'durationMinutes'],
      [{ status: 'maybe' }, 'status'],
      [{ status: 'done', occurredAt: daysFromNow(10) }, 'status'],
      [{ contactIds: [siblingContact] }, 'contactIds'],
      [{ contactIds: [foreignContact] }, 'contactIds'],
      [{ userIds: [other.admin.user.id] }, 'userIds'],
      [{ accountId: foreignAccount }, 'accountId'],
      [{ actionItems: Array.from({ length: 51 }, (_, i) => ({ title: `t${i}` })) }, 'actionItems'],
      [{ actionItems: [{ title: 'ok' }, { title: 'x', ownerId: other.admin.user.id }] }, 'actionItems.1.ownerId'],
      [{ actionItems: [{ title: 'x', dueOn: '2026-02-30' }] }, 'actionItems.0.dueOn'],
      [{ actionItems: [{ title: 'x', priority: 'asap' }] }, 'actionItems.0.priority'],
    ];
    for (const [patch, field] of cases) expectError(await csm.post('/api/v1/activities', { ...base, ...patch }), 400, field);
    const created = await log({});
    expectError(await csm.patch(`/api/v1/activities/${created.id}`, { contactIds: [siblingContact] }), 400, 'contactIds');
    expectError(await csm.patch(`/api/v1/activities/${created.id}`, { occurredAt: 'soon' }), 400, 'occurredAt');
    expect((await csm.get<ActivityPage>(`/api/v1/accounts/${account.id}/activities`)).body.total).toBe(before + 1);
  });

  it('refuses attendees of another account when an activity moves, unless new ones are sent', async () => {
    const created = await log({ contactIds: [contact] });
    expectError(await csm.patch(`/api/v1/activities/${created.id}`, { accountId: sibling.id }), 400, 'contactIds');
    const moved = await csm.patch<Activity>(`/api/v1/activities/${created.id}`, { accountId: sibling.id, contactIds: [siblingContact] });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body).toMatchObject({ accountId: sibling.id, accountName: 'Sibling', contacts: [{ id: siblingContact, name: 'Sam Elsewhere' }] });
    expect((await csm.del(`/api/v1/activities/${created.id}`)).status).toBe(204);
  });

  it('lets viewers read and csm+ write', async () => {
    const created = await log({});
    expectError(await viewer.post('/api/v1/activities', { accountId: account.id, type: 'call', title: 'x', occurredAt: daysFromNow(-1) }), 403);
    expectError(await viewer.patch(`/api/v1/activities/${created.id}`, { title: 'y' }), 403);
    expectError(await viewer.del(`/api/v1/activities/${created.id}`), 403);
    expect((await viewer.get(`/api/v1/activities?accountId=${account.id}`)).status).toBe(200);
  });

  it('turns action items into tasks linked to the activity, on create and on update', async () => {
    const created = await log({
      title: 'QBR',
      type: 'qbr',
      actionItems: [{ title: 'Send the deck', ownerId: csm.user.id, dueOn: '2026-02-01', priority: 'high' }, { title: 'Book the next QBR' }],
    });
    expect(created.tasks).toMatchObject([
      { title: 'Send the deck', status: 'open', ownerId: csm.user.id, ownerName: 'Casey CSM', dueOn: '2026-02-01' },
      { title: 'Book the next QBR', status: 'open', ownerId: null, ownerName: null, dueOn: null },
    ]);
    const updated = await csm.patch<Activity>(`/api/v1/activities/${created.id}`, { actionItems: [{ title: 'Share the notes' }] });
    expect(updated.body.tasks.map((t) => t.title)).toEqual(['Send the deck', 'Book the next QBR', 'Share the notes']);
    const rows = await ctx.database.db.selectFrom('tasks').selectAll().where('activity_id', '=', created.id).orderBy('created_at').execute();
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.account_id === account.id && r.workspace_id === ws.id)).toBe(true);
    expect(rows.find((r) => r.title === 'Send the deck')?.priority).toBe('high');
    // Moving the meeting takes its action items along; deleting it leaves the tasks, unlinked.
    await csm.patch(`/api/v1/activities/${created.id}`, { accountId: sibling.id });
    const moved = await ctx.database.db.selectFrom('tasks').select('account_id').where('activity_id', '=', created.id).execute();
    expect(moved.every((r) => r.account_id === sibling.id)).toBe(true);
    expect((await csm.del(`/api/v1/activities/${created.id}`)).status).toBe(204);
    const kept = await ctx.database.db
      .selectFrom('tasks')
      .select(['activity_id'])
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    expect(kept.map((r) => r.activity_id)).toEqual([null, null, null]);
  });

  it('lists newest first with filters and keyset pages', async () => {
    const fresh = await newAccount(ws, { name: 'Lister' });
    const c = await newContact(ws, fresh.id, 'Lee Lister');
    const made: Activity[] = [];
    for (const [i, type] of (['meeting', 'call', 'email', 'note', 'qbr'] as const).entries()) {
      const res = await csm.post<Activity>('/api/v1/activities', {
        accountId: fresh.id,
        type,
        title: `${type} ${i}`,
        occurredAt: `2026-03-0${i + 1}T09:00:00Z`,
        contactIds: i % 2 === 0 ? [c] : [],
        userIds: i < 2 ? [csm.user.id] : [],
      });
      made.push(res.body);
    }
    const list = async (query: string) => {
      const res = await viewer.get<ActivityPage>(`/api/v1/activities?accountId=${fresh.id}&${query}`);
      expect(res.status, res.text).toBe(200);
      return res.body;
    };
    expect((await list('')).items.map((a) => a.title)).toEqual(['qbr 4', 'note 3', 'email 2', 'call 1', 'meeting 0']);
    expect((await list('type=call,qbr')).items.map((a) => a.title)).toEqual(['qbr 4', 'call 1']);
    expect((await list('from=2026-03-02&to=2026-03-04')).items.map((a) => a.title)).toEqual(['note 3', 'email 2', 'call 1']);
    expect((await list(`contactId=${c}`)).items.map((a) => a.title)).toEqual(['qbr 4', 'email 2', 'meeting 0']);
    expect((await list(`userId=${csm.user.id}`)).total).toBe(2);
    expect((await list('status=planned')).total).toBe(0);
    const first = await list('limit=2');
    expect(first).toMatchObject({ total: 5 });
    const second = await list(`limit=2&cursor=${first.nextCursor}`);
    const third = await list(`limit=2&cursor=${second.nextCursor}`);
    expect([...first.items, ...second.items, ...third.items].map((a) => a.id)).toEqual(made.map((a) => a.id).reverse());
    expect(third.nextCursor).toBeNull();
    const timeline = await viewer.get<ActivityPage>(`/api/v1/accounts/${fresh.id}/activities?type=note`);
    expect(timeline.body.items.map((a) => a.title)).toEqual(['note 3']);
    expectError(await viewer.get('/api/v1/activities?type=lunch'), 400, 'type.0');
    expectError(await viewer.get('/api/v1/activities?from=yesterday'), 400, 'from');
    expectError(await viewer.get(`/api/v1/accounts/${foreignAccount}/activities`), 404);
  });
});
