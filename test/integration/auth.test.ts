import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Me } from '../../src/modules/auth/contracts.js';
import type { App } from '../../src/server/types.js';
import { buildTestApp, forEachEngine } from '../support/engines.js';
import { addTestUser, anonymous, expectError, makeClient, makeWorkspace, PASSWORD, signIn, type TestWorkspace, unique } from '../support/factories.js';

forEachEngine('sign-in and sessions', (ctx) => {
  let ws: TestWorkspace;
  beforeAll(async () => {
    ws = await makeWorkspace(ctx);
  });

  it('signs in with the right password, sets an httpOnly SameSite cookie and describes the session', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: ws.admin.user.email, password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'kw_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toMatch(/lax|strict/i);
    const me = res.json<Me>();
    expect(me.user.email).toBe(ws.admin.user.email);
    expect(me.workspace.id).toBe(ws.id);
    expect(me.role).toBe('admin');
    expect(me.csrfToken.length).toBeGreaterThan(20);
    const again = await ws.admin.get<Me>('/api/v1/auth/me');
    expect(again.status).toBe(200);
    expect(again.body.user.id).toBe(ws.admin.user.id);
  });

  it('accepts the email in any letter case', async () => {
    const res = await anonymous(ctx).post('/api/v1/auth/sign-in', { email: ws.admin.user.email.toUpperCase(), password: PASSWORD });
    expect(res.status).toBe(200);
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    const wrong = await anonymous(ctx).post('/api/v1/auth/sign-in', { email: ws.admin.user.email, password: 'not the password' });
    const unknown = await anonymous(ctx).post('/api/v1/auth/sign-in', { email: 'nobody-here@example.com', password: 'not the password' });
    expectError(wrong, 401);
    expectError(unknown, 401);
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('rejects a malformed sign-in with 400 naming the field', async () => {
    expectError(await anonymous(ctx).post('/api/v1/auth/sign-in', { email: 'not-an-email', password: 'x' }), 400, 'email');
    expectError(await anonymous(ctx).post('/api/v1/auth/sign-in', { email: ws.admin.user.email, password: '' }), 400, 'password');
  });

  it('sign-out ends the session: the same cookie no longer works', async () => {
    const session = await signIn(ctx.app, ws.admin.user);
    expect((await session.get('/api/v1/auth/me')).status).toBe(200);
    expect((await session.post('/api/v1/auth/sign-out')).status).toBe(204);
    expectError(await session.get('/api/v1/auth/me'), 401);
    expectError(await session.get('/api/v1/accounts'), 401);
  });

  it('refuses cookie-authenticated writes without the right X-CSRF-Token, and changes nothing', async () => {
    const cookieOnly = makeClient(ctx.app, { cookie: ws.admin.cookie });
    expectError(await cookieOnly.post('/api/v1/accounts', { name: 'CSRF victim' }), 403);
    expectError(await cookieOnly.request('POST', '/api/v1/accounts', { name: 'CSRF victim' }, { 'x-csrf-token': 'wrong' }), 403);
    // Reads need no token.
    const list = await cookieOnly.get<{ items: Array<{ name: string }> }>('/api/v1/accounts?q=CSRF');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
    expect((await ws.admin.post('/api/v1/accounts', { name: 'With token' })).status).toBe(201);
  });

  it('rejects a garbage cookie and a malformed Authorization header with 401', async () => {
    expectError(await makeClient(ctx.app, { cookie: 'kw_session=forged' }).get('/api/v1/auth/me'), 401);
    expectError(await makeClient(ctx.app, { authorization: 'Basic abc' }).get('/api/v1/accounts'), 401);
    expectError(await makeClient(ctx.app, { authorization: 'Bearer kw_notakey' }).get('/api/v1/accounts'), 401);
  });

  it('switches between workspaces the person belongs to, and nowhere else', async () => {
    const other = await makeWorkspace(ctx);
    // The admin of `ws` also becomes a viewer of `other`.
    const added = await other.admin.post('/api/v1/users', { email: ws.admin.user.email, name: 'ignored', role: 'viewer' });
    expect(added.status).toBe(201);
    const session = await signIn(ctx.app, ws.admin.user);
    expect(session.me.workspaces.map((w) => w.id).sort()).toEqual([ws.id, other.id].sort());

    const mark = `Only in other ${Date.now()}`;
    expect((await other.admin.post('/api/v1/accounts', { name: mark })).status).toBe(201);
    const switched = await session.post<Me>('/api/v1/auth/switch', { workspaceId: other.id });
    expect(switched.status).toBe(200);
    expect(switched.body.workspace.id).toBe(other.id);
    expect(switched.body.role).toBe('viewer');
    const seen = await session.get<{ items: Array<{ name: string }> }>(`/api/v1/accounts?q=${encodeURIComponent(mark)}`);
    expect(seen.body.items.map((a) => a.name)).toEqual([mark]);
    // A viewer there: writes are refused.
    expectError(await session.post('/api/v1/accounts', { name: 'viewer write' }), 403);

    const stranger = await makeWorkspace(ctx);
    expectError(await session.post('/api/v1/auth/switch', { workspaceId: stranger.id }), 404);
    expect((await session.get<Me>('/api/v1/auth/me')).body.workspace.id).toBe(other.id);

    const back = await session.post<Me>('/api/v1/auth/switch', { workspaceId: ws.id });
    expect(back.body.role).toBe('admin');
  });

  it('a person removed from a workspace loses access at once', async () => {
    const csm = await ws.addUser('csm');
    expect((await csm.get('/api/v1/accounts')).status).toBe(200);
    expect((await ws.admin.del(`/api/v1/users/${csm.user.id}`)).status).toBe(204);
    expectError(await csm.get('/api/v1/accounts'), 401);
    // Signing in again finds no workspace.
    const again = await anonymous(ctx).post('/api/v1/auth/sign-in', { email: csm.user.email, password: PASSWORD });
    expect([401, 403]).toContain(again.status);
    expect(again.headers['set-cookie']).toBeUndefined();
  });

  it('accounts owned by a removed person become unassigned', async () => {
    const csm = await ws.addUser('csm');
    const created = await ws.admin.post<{ id: string; ownerId: string | null }>('/api/v1/accounts', { name: unique('Owned'), ownerId: csm.user.id });
    expect(created.body.ownerId).toBe(csm.user.id);
    expect((await ws.admin.del(`/api/v1/users/${csm.user.id}`)).status).toBe(204);
    const after = await ws.admin.get<{ ownerId: string | null; ownerName: string | null }>(`/api/v1/accounts/${created.body.id}`);
    expect(after.body).toMatchObject({ ownerId: null, ownerName: null });
  });

  it('a person can sign in to a second workspace after being removed from the first', async () => {
    const other = await makeWorkspace(ctx);
    const person = await addTestUser(ctx, ws.id, 'csm');
    expect((await other.admin.post('/api/v1/users', { email: person.email, name: person.name, role: 'manager' })).status).toBe(201);
    expect((await ws.admin.del(`/api/v1/users/${person.id}`)).status).toBe(204);
    const session = await signIn(ctx.app, person);
    expect(session.me.workspace.id).toBe(other.id);
    expect(session.me.workspaces.map((w) => w.id)).toEqual([other.id]);
  });
});

forEachEngine(
  'sign-in rate limit',
  (ctx) => {
    let limited: App;
    beforeAll(async () => {
      // A separate app on the same database, allowing only 3 attempts a minute.
      limited = await buildTestApp(ctx.database, ctx.dataDir, { KEEPWELL_SIGNIN_RATE_LIMIT: '3' });
    });
    afterAll(async () => {
      await limited?.close();
    });

    it('answers 429 after the allowed number of attempts, even with the right password', async () => {
      const ws = await makeWorkspace(ctx);
      const client = makeClient(limited);
      for (let i = 0; i < 3; i++) {
        expectError(await client.post('/api/v1/auth/sign-in', { email: ws.admin.user.email, password: 'wrong password' }), 401);
      }
      const blocked = await client.post('/api/v1/auth/sign-in', { email: ws.admin.user.email, password: PASSWORD });
      expectError(blocked, 429);
      expect(blocked.body.error.code).toBe('rate_limited');
      expect(blocked.headers['set-cookie']).toBeUndefined();
    });

    it('limits per address and email: another person signing in from the same address is not blocked', async () => {
      const ws = await makeWorkspace(ctx);
      const client = makeClient(limited);
      for (let i = 0; i < 4; i++) await client.post('/api/v1/auth/sign-in', { email: 'attacked@example.com', password: 'guess' });
      expect((await client.post('/api/v1/auth/sign-in', { email: ws.admin.user.email, password: PASSWORD })).status).toBe(200);
    });
  },
  {},
);
