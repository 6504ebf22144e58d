import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountDetail } from '../../src/modules/accounts/contracts.js';
import type { Contact } from '../../src/modules/contacts/contracts.js';
import type { RedFlag, RedFlagPage } from '../../src/modules/red-flags/contracts.js';
import { forEachEngine } from '../support/engines.js';
import { expectError, makeWorkspace, type SessionClient, type TestWorkspace, unique } from '../support/factories.js';

forEachEngine('red flags', (ctx) => {
  let ws: TestWorkspace;
  let manager: SessionClient;
  let csm: SessionClient;
  let viewer: SessionClient;
  let other: SessionClient;

  beforeAll(async () => {
    ws = await makeWorkspace(ctx);
    manager = await ws.addUser('manager', { name: 'Mona Manager' });
    csm = await ws.addUser('csm', { name: 'Casey CSM' });
    viewer = await ws.addUser('viewer', { name: 'Sam Support' });
    other = await ws.addUser('viewer', { name: 'Sol Sales' });
  });

  async function account(externalId?: string): Promise<AccountDetail> {
    const res = await ws.admin.post<AccountDetail>('/api/v1/accounts', { name: `Account ${unique()}`, externalId });
    expect(res.status, res.text).toBe(201);
    return res.body;
  }

  async function raise(client: SessionClient, body: Record<string, unknown>): Promise<RedFlag> {
    const res = await client.post<RedFlag>('/api/v1/red-flags', body);
    expect(res.status, res.text).toBe(201);
    return res.body;
  }

  const flagsOf = async (accountId: string) => (await ws.admin.get<RedFlagPage>(`/api/v1/accounts/${accountId}/red-flags`)).body.items;

  describe('raising and resolving', () => {
    it('lets a viewer raise a flag and edit its note, but not resolve it', async () => {
      const a = await account();
      const flag = await raise(viewer, { accountId: a.id, kind: 'budget_cut', note: 'Their budget was halved' });
      expect(flag).toMatchObject({
        accountId: a.id,
        accountName: a.name,
        kind: 'budget_cut',
        note: 'Their budget was halved',
        source: 'person',
        status: 'open',
        raisedBy: viewer.user.id,
        raisedByName: 'Sam Support',
        resolvedAt: null,
      });
      expect((await viewer.get<RedFlag>(`/api/v1/red-flags/${flag.id}`)).body).toEqual(flag);
      const edited = await viewer.patch<RedFlag>(`/api/v1/red-flags/${flag.id}`, { note: 'Budget halved for next year' });
      expect(edited.status, edited.text).toBe(200);
      expect(edited.body.note).toBe('Budget halved for next year');
      expectError(await other.patch(`/api/v1/red-flags/${flag.id}`, { note: 'Not mine' }), 403);
      expectError(await viewer.patch(`/api/v1/red-flags/${flag.id}`, { status: 'resolved' }), 403);
      expect((await viewer.get<RedFlag>(`/api/v1/red-flags/${flag.id}`)).body.note).toBe('Budget halved for next year');
    });

    it('lets csm and above resolve with a note and reopen', async () => {
      const a = await account();
      const flag = await raise(viewer, { accountId: a.id, kind: 'rfp_evaluation' });
      expectError(await csm.patch(`/api/v1/red-flags/${flag.id}`, { resolution: 'not yet' }), 400, 'resolution');
      const resolved = await csm.patch<RedFlag>(`/api/v1/red-flags/${flag.id}`, { status: 'resolved', resolution: 'They chose to renew with us' });
      expect(resolved.body).toMatchObject({
        status: 'resolved',
        resolution: 'They chose to renew with us',
        resolvedBy: csm.user.id,
        resolvedByName: 'Casey CSM',
      });
      expect(Date.parse(resolved.body.resolvedAt ?? '')).not.toBeNaN();
      const reworded = await manager.patch<RedFlag>(`/api/v1/red-flags/${flag.id}`, { resolution: 'Renewed for two years' });
      expect(reworded.body).toMatchObject({ status: 'resolved', resolution: 'Renewed for two years', resolvedBy: csm.user.id });
      const reopened = await csm.patch<RedFlag>(`/api/v1/red-flags/${flag.id}`, { status: 'open' });
      expect(reopened.body).toMatchObject({ status: 'open', resolution: null, resolvedBy: null, resolvedAt: null });
    });

    it('lets the raiser or a manager delete, nobody else', async () => {
      const a = await account();
      const mine = await raise(viewer, { accountId: a.id, kind: 'gone_dark' });
      expectError(await csm.del(`/api/v1/red-flags/${mine.id}`), 403);
      expectError(await other.del(`/api/v1/red-flags/${mine.id}`), 403);
      expect((await viewer.del(`/api/v1/red-flags/${mine.id}`)).status).toBe(204);
      expectError(await viewer.get(`/api/v1/red-flags/${mine.id}`), 404);
      const theirs = await raise(other, { accountId: a.id, kind: 'gone_dark' });
      expect((await manager.del(`/api/v1/red-flags/${theirs.id}`)).status).toBe(204);
    });

    it('refuses bad input naming the field', async () => {
      const a = await account();
      const b = await account();
      const contact = await ws.admin.post<Contact>('/api/v1/contacts', { accountId: b.id, name: 'Elsewhere' });
      expectError(await viewer.post('/api/v1/red-flags', { accountId: a.id }), 400, 'kind');
      expectError(await viewer.post('/api/v1/red-flags', { accountId: a.id, kind: 'weather' }), 400, 'kind');
      expectError(await viewer.post('/api/v1/red-flags', { kind: 'gone_dark' }), 400, 'accountId');
      expectError(await viewer.post('/api/v1/red-flags', { accountId: '01J0000000000000000000NONE', kind: 'gone_dark' }), 400, 'accountId');
      expectError(await viewer.post('/api/v1/red-flags', { accountId: a.id, kind: 'contact_left', contactId: contact.body.id }), 400, 'contactId');
      expectError(await viewer.post('/api/v1/red-flags', { accountId: a.id, kind: 'gone_dark', note: 'x'.repeat(2001) }), 400, 'note');
      expect(await flagsOf(a.id)).toEqual([]);
      expectError(await viewer.get('/api/v1/red-flags?since=last-week'), 400, 'since');
    });
  });

  describe('feed', () => {
    it('shows the workspace feed newest first with filters and pages', async () => {
      const fresh = await makeWorkspace(ctx);
      const a = (await fresh.admin.post<AccountDetail>('/api/v1/accounts', { name: 'Feed A' })).body;
      const b = (await fresh.admin.post<AccountDetail>('/api/v1/accounts', { name: 'Feed B' })).body;
      const ids: string[] = [];
      for (const [accountId, kind] of [
        [a.id, 'budget_cut'],
        [b.id, 'acquisition'],
        [a.id, 'new_leadership'],
        [b.id, 'budget_cut'],
      ] as const) {
        const res = await fresh.admin.post<RedFlag>('/api/v1/red-flags', { accountId, kind });
        expect(res.status, res.text).toBe(201);
        ids.push(res.body.id);
        await new Promise((r) => setTimeout(r, 5));
      }
      await fresh.admin.patch(`/api/v1/red-flags/${ids[1]}`, { status: 'resolved' });
      const feed = await fresh.admin.get<RedFlagPage>('/api/v1/red-flags');
      expect(feed.body.items.map((f) => f.id)).toEqual([...ids].reverse());
      expect(feed.body.total).toBe(4);
      const pick = async (query: string) => (await fresh.admin.get<RedFlagPage>(`/api/v1/red-flags?${query}`)).body.items.map((f) => f.id);
      expect(await pick('status=open')).toEqual([ids[3], ids[2], ids[0]]);
      expect(await pick('kind=budget_cut')).toEqual([ids[3], ids[0]]);
      expect(await pick(`accountId=${b.id}`)).toEqual([ids[3], ids[1]]);
      expect(await pick('source=automatic')).toEqual([]);
      expect(await pick('since=2999-01-01')).toEqual([]);
      expect(await pick(`since=${new Date(Date.now() - 60_000).toISOString()}`)).toHaveLength(4);
      const first = await fresh.admin.get<RedFlagPage>('/api/v1/red-flags?limit=3');
      expect(first.body.items).toHaveLength(3);
      const rest = await fresh.admin.get<RedFlagPage>(`/api/v1/red-flags?limit=3&cursor=${first.body.nextCursor}`);
      expect(rest.body.items.map((f) => f.id)).toEqual([ids[0]]);
      expect(rest.body.nextCursor).toBeNull();
      expect((await fresh.admin.get<RedFlagPage>(`/api/v1/accounts/${a.id}/red-flags?status=open`)).body.items.map((f) => f.id)).toEqual([ids[2], ids[0]]);
      expectError(await fresh.admin.get('/api/v1/accounts/01J0000000000000000000NONE/red-flags'), 404);
    });
  });

  describe('automatic flags when a sponsor or champion leaves', () => {
    it('raises one when the API marks a champion as left, once while it is open', async () => {
      const a = await account();
      const champion = await csm.post<Contact>('/api/v1/contacts', { accountId: a.id, name: 'Cleo Champion', roles: ['champion', 'end_user'] });
      const user = await csm.post<Contact>('/api/v1/contacts', { accountId: a.id, name: 'Eddie End-user', roles: ['end_user'] });
      expect((await csm.patch(`/api/v1/contacts/${user.body.id}`, { status: 'left', leftOn: '2026-05-01' })).status).toBe(200);
      expect(await flagsOf(a.id)).toEqual([]);
      const left = await csm.patch(`/api/v1/contacts/${champion.body.id}`, { status: 'left', leftOn: '2026-05-02' });
      expect(left.status, left.text).toBe(200);
      const flags = await flagsOf(a.id);
      expect(flags).toHaveLength(1);
      expect(flags[0]).toMatchObject({
        kind: 'contact_left',
        source: 'automatic',
        status: 'open',
        contactId: champion.body.id,
        contactName: 'Cleo Champion',
        raisedBy: csm.user.id,
      });
      expect(flags[0]?.note).toContain('Cleo Champion');
      expect(flags[0]?.note).toContain('champion');
      // Editing the departed contact, or them coming back and leaving again while the flag is open: no second flag.
      await csm.patch(`/api/v1/contacts/${champion.body.id}`, { title: 'Former VP' });
      await csm.patch(`/api/v1/contacts/${champion.body.id}`, { status: 'active' });
      await csm.patch(`/api/v1/contacts/${champion.body.id}`, { status: 'left', leftOn: '2026-06-01' });
      expect(await flagsOf(a.id)).toHaveLength(1);
      // Once resolved, a new departure raises a new flag.
      await csm.patch(`/api/v1/red-flags/${flags[0]?.id}`, { status: 'resolved', resolution: 'Replaced by a new champion' });
      await csm.patch(`/api/v1/contacts/${champion.body.id}`, { status: 'active' });
      await csm.patch(`/api/v1/contacts/${champion.body.id}`, { status: 'left', leftOn: '2026-07-01' });
      expect((await flagsOf(a.id)).map((f) => f.status)).toEqual(['open', 'resolved']);
    });

    it('raises one for a sponsor created as left', async () => {
      const a = await account();
      const res = await csm.post<Contact>('/api/v1/contacts', {
        accountId: a.id,
        name: 'Stella Sponsor',
        roles: ['sponsor'],
        status: 'left',
        leftOn: '2026-04-01',
      });
      expect(res.status, res.text).toBe(201);
      const flags = await flagsOf(a.id);
      expect(flags.map((f) => [f.kind, f.source, f.contactId])).toEqual([['contact_left', 'automatic', res.body.id]]);
      expect(flags[0]?.note).toMatch(/Stella Sponsor \(sponsor\) left the company on 2026-04-01/);
    });

    it('raises them from a CSV contact import, not for end users, not twice', async () => {
      const ext = unique('acct');
      const a = await account(ext);
      const csv = (text: string) => csm.request('POST', '/api/v1/imports/contacts', text, { 'content-type': 'text/csv' });
      const first = await csv(
        `external_id,account_external_id,name,roles,status,left_on\n` +
          `${ext}-s,${ext},Sid Sponsor,Sponsor,active,\n` +
          `${ext}-c,${ext},Cat Champion,champion;end_user,left,2026-03-01\n` +
          `${ext}-e,${ext},Ed User,end_user,left,2026-03-01\n`,
      );
      expect(first.status, first.text).toBe(200);
      expect((await flagsOf(a.id)).map((f) => f.contactName)).toEqual(['Cat Champion']);
      const second = await csv(
        `external_id,account_external_id,name,roles,status,left_on\n` +
          `${ext}-s,${ext},Sid Sponsor,Sponsor,left,2026-03-05\n` +
          `${ext}-c,${ext},Cat Champion,champion;end_user,left,2026-03-01\n`,
      );
      expect(second.status, second.text).toBe(200);
      const flags = await flagsOf(a.id);
      expect(flags.map((f) => f.contactName).sort()).toEqual(['Cat Champion', 'Sid Sponsor']);
      expect(flags.every((f) => f.source === 'automatic' && f.kind === 'contact_left')).toBe(true);
    });
  });
});
