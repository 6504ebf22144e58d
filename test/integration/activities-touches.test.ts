import { beforeAll, expect, it } from 'vitest';
import type { AccountDetail, AccountPage, AccountSummaryReport } from '../../src/modules/accounts/contracts.js';
import type { Activity } from '../../src/modules/activities/contracts.js';
import { forEachEngine } from '../support/engines.js';
import { expectError, makeWorkspace, type TestWorkspace } from '../support/factories.js';

const DAY = 24 * 60 * 60 * 1000;
/** Whole days from the start of the run (fixed, so that an expected value never drifts past a second). */
const BASE = Math.floor(Date.now() / 1000) * 1000;
const at = (days: number) => new Date(BASE + days * DAY).toISOString();

forEachEngine('activities: last and next meeting, touch overdue', (ctx) => {
  let ws: TestWorkspace;

  async function newAccount(w: TestWorkspace, body: Record<string, unknown>): Promise<AccountDetail> {
    const res = await w.admin.post<AccountDetail>('/api/v1/accounts', body);
    expect(res.status, res.text).toBe(201);
    return res.body;
  }
  async function log(w: TestWorkspace, accountId: string, type: string, occurredAt: string, status?: string): Promise<Activity> {
    const res = await w.admin.post<Activity>('/api/v1/activities', {
      accountId,
      type,
      title: `${type} ${occurredAt}`,
      occurredAt,
      ...(status ? { status } : {}),
    });
    expect(res.status, res.text).toBe(201);
    return res.body;
  }
  async function account(w: TestWorkspace, id: string): Promise<AccountDetail> {
    const res = await w.admin.get<AccountDetail>(`/api/v1/accounts/${id}`);
    expect(res.status, res.text).toBe(200);
    return res.body;
  }
  async function setCadence(w: TestWorkspace, high: number): Promise<void> {
    const res = await w.admin.patch('/api/v1/workspace', { settings: { touchCadenceDays: { high, medium: 30, tech: 90 } } });
    expect(res.status, res.text).toBe(200);
  }

  beforeAll(async () => {
    ws = await makeWorkspace(ctx);
  });

  it('derives last touch, last and next meeting from the timeline as it changes', async () => {
    const acme = await newAccount(ws, { name: 'Acme', touchTier: 'high' });
    expect(acme).toMatchObject({ lastTouchAt: null, lastMeetingAt: null, nextMeetingAt: null, touchOverdue: true, phaseSince: null });
    await log(ws, acme.id, 'note', at(-1));
    expect(await account(ws, acme.id)).toMatchObject({ lastTouchAt: null, touchOverdue: true });

    const call = await log(ws, acme.id, 'call', at(-3));
    expect(await account(ws, acme.id)).toMatchObject({ lastTouchAt: at(-3), lastMeetingAt: null, touchOverdue: false });

    const old = await log(ws, acme.id, 'meeting', at(-20));
    await log(ws, acme.id, 'meeting', at(5));
    const late = await log(ws, acme.id, 'ebr', at(-2), 'planned');
    await log(ws, acme.id, 'call', at(1));
    await log(ws, acme.id, 'meeting', at(-1), 'cancelled');
    // The planned meeting whose date passed is still the next one: it has not been logged as held.
    expect(await account(ws, acme.id)).toMatchObject({ lastTouchAt: at(-3), lastMeetingAt: at(-20), nextMeetingAt: at(-2) });

    await ws.admin.patch(`/api/v1/activities/${late.id}`, { status: 'done' });
    expect(await account(ws, acme.id)).toMatchObject({ lastTouchAt: at(-2), lastMeetingAt: at(-2), nextMeetingAt: at(5), touchOverdue: false });

    await ws.admin.del(`/api/v1/activities/${late.id}`);
    await ws.admin.del(`/api/v1/activities/${call.id}`);
    expect(await account(ws, acme.id)).toMatchObject({ lastTouchAt: at(-20), lastMeetingAt: at(-20), touchOverdue: true });

    // A longer cadence makes the same account current again, at once.
    await setCadence(ws, 30);
    expect((await account(ws, acme.id)).touchOverdue).toBe(false);
    await setCadence(ws, 14);
    expect((await account(ws, acme.id)).touchOverdue).toBe(true);

    // Moving a meeting refreshes both accounts.
    const other = await newAccount(ws, { name: 'Other', touchTier: 'tech' });
    const moved = await ws.admin.patch<Activity>(`/api/v1/activities/${old.id}`, { accountId: other.id });
    expect(moved.status, moved.text).toBe(200);
    expect(await account(ws, acme.id)).toMatchObject({ lastTouchAt: null, lastMeetingAt: null, nextMeetingAt: at(5), touchOverdue: true });
    expect(await account(ws, other.id)).toMatchObject({ lastTouchAt: at(-20), lastMeetingAt: at(-20), touchOverdue: false });
    // Moving an activity in time refreshes too.
    await ws.admin.patch(`/api/v1/activities/${old.id}`, { occurredAt: at(-100) });
    expect(await account(ws, other.id)).toMatchObject({ lastMeetingAt: at(-100), touchOverdue: true });
  });

  it('filters and sorts the accounts list, summary and export by the timeline', async () => {
    const l = await makeWorkspace(ctx);
    const a1 = await newAccount(l, { name: 'a1 recent', touchTier: 'high' });
    const a2 = await newAccount(l, { name: 'a2 stale', touchTier: 'high' });
    const a3 = await newAccount(l, { name: 'a3 tech', touchTier: 'tech' });
    await newAccount(l, { name: 'a4 untiered' });
    const a5 = await newAccount(l, { name: 'a5 silent', touchTier: 'medium' });
    await log(l, a1.id, 'meeting', at(-3));
    await log(l, a1.id, 'qbr', at(10));
    await log(l, a2.id, 'meeting', at(-20));
    await log(l, a3.id, 'call', at(-25));
    await log(l, a5.id, 'meeting', at(40));
    const names = async (query: string) => {
      const res = await l.admin.get<AccountPage>(`/api/v1/accounts?${query}`);
      expect(res.status, res.text).toBe(200);
      return res.body.items.map((a) => a.name);
    };
    expect(await names('touchOverdue=true')).toEqual(['a2 stale', 'a5 silent']);
    expect(await names('touchOverdue=false')).toEqual(['a1 recent', 'a3 tech', 'a4 untiered']);
    expect(await names('touchOverdue=true&touchTier=medium')).toEqual(['a5 silent']);
    const listed = (await l.admin.get<AccountPage>('/api/v1/accounts?sort=name')).body.items;
    expect(listed.map((a) => [a.name, a.touchOverdue])).toEqual([
      ['a1 recent', false],
      ['a2 stale', true],
      ['a3 tech', false],
      ['a4 untiered', false],
      ['a5 silent', true],
    ]);
    expect(listed[0]).toMatchObject({ lastMeetingAt: at(-3), nextMeetingAt: at(10), lastTouchAt: at(-3) });

    const byMeeting = await names('sort=lastMeetingAt');
    expect(byMeeting.slice(0, 2)).toEqual(['a2 stale', 'a1 recent']);
    expect(byMeeting.slice(2).sort()).toEqual(['a3 tech', 'a4 untiered', 'a5 silent']);
    expect((await names('sort=nextMeetingAt')).slice(0, 2)).toEqual(['a1 recent', 'a5 silent']);
    expect((await names('sort=lastTouchAt')).slice(0, 3)).toEqual(['a3 tech', 'a2 stale', 'a1 recent']);
    const desc = (await l.admin.get<AccountPage>('/api/v1/accounts?sort=-lastTouchAt')).body.items;
    expect(desc.filter((a) => a.lastTouchAt).map((a) => a.name)).toEqual(['a1 recent', 'a2 stale', 'a3 tech']);
    // Keyset pages over a timeline sort agree with one page.
    const page1 = await l.admin.get<AccountPage>('/api/v1/accounts?sort=lastMeetingAt&limit=2');
    const page2 = await l.admin.get<AccountPage>(`/api/v1/accounts?sort=lastMeetingAt&limit=2&cursor=${page1.body.nextCursor}`);
    const page3 = await l.admin.get<AccountPage>(`/api/v1/accounts?sort=lastMeetingAt&limit=2&cursor=${page2.body.nextCursor}`);
    expect([...page1.body.items, ...page2.body.items, ...page3.body.items].map((a) => a.name)).toEqual(await names('sort=lastMeetingAt'));

    const summary = await l.admin.get<AccountSummaryReport>('/api/v1/accounts/summary?touchOverdue=true');
    expect(summary.status, summary.text).toBe(200);
    expect(summary.body.count).toBe(2);
    const csv = await l.admin.get('/api/v1/exports/accounts.csv?touchOverdue=true');
    expect(csv.status, csv.text).toBe(200);
    expect(csv.text).toContain('a2 stale');
    expect(csv.text).toContain('a5 silent');
    expect(csv.text).not.toContain('a1 recent');

    await setCadence(l, 30);
    expect(await names('touchOverdue=true')).toEqual(['a5 silent']);
    expectError(await l.admin.get('/api/v1/accounts?touchOverdue=maybe'), 400, 'touchOverdue');
    expectError(await l.admin.get('/api/v1/accounts?sort=lastMeeting'), 400, 'sort');
  });
});
