import { beforeAll, expect, it } from 'vitest';
import type { Member, Workspace } from '../../src/modules/workspaces/contracts.js';
import { defaultSettings } from '../../src/modules/workspaces/service.js';
import { forEachEngine } from '../support/engines.js';
import { expectError, makeWorkspace, PASSWORD, signIn, type TestWorkspace, unique } from '../support/factories.js';

type Members = { items: Member[] };

forEachEngine('workspace settings and users', (ctx) => {
  let ws: TestWorkspace;
  beforeAll(async () => {
    ws = await makeWorkspace(ctx);
  });

  it('shows the workspace with the default currency and revenue bands', async () => {
    const res = await ws.admin.get<Workspace>('/api/v1/workspace');
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(ws.id);
    expect(res.body.settings.currency).toBe('USD');
    expect(res.body.settings.revenueBands.map((b) => b.label)).toEqual(['< 1M', '1M–5M', '≥ 5M']);
  });

  it('an admin adds a user who can then sign in with the given role', async () => {
    const email = `${unique('new')}@Example.com`;
    const res = await ws.admin.post<Member>('/api/v1/users', { email, name: 'Nia New', role: 'csm', password: PASSWORD });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email: email.toLowerCase(), name: 'Nia New', role: 'csm' });
    const list = await ws.admin.get<Members>('/api/v1/users');
    expect(list.body.items.map((m) => m.id)).toContain(res.body.id);
    const session = await signIn(ctx.app, { id: res.body.id, email: email.toLowerCase(), name: 'Nia New', password: PASSWORD });
    expect(session.me.role).toBe('csm');
    // Adding the same person twice is a conflict naming the email.
    expectError(await ws.admin.post('/api/v1/users', { email, name: 'Again', role: 'viewer' }), 409, 'email');
  });

  it('stores passwords as argon2id hashes only', async () => {
    const email = `${unique('hash')}@example.com`;
    const password = 'a very secret passphrase';
    expect((await ws.admin.post('/api/v1/users', { email, name: 'Hash Check', role: 'viewer', password })).status).toBe(201);
    const row = await ctx.database.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
    expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
    expect(JSON.stringify(row)).not.toContain(password);
  });

  it('refuses bad user input with 400 naming the field, and adds nobody', async () => {
    const before = (await ws.admin.get<Members>('/api/v1/users')).body.items.length;
    expectError(await ws.admin.post('/api/v1/users', { email: 'nope', name: 'X', role: 'csm', password: PASSWORD }), 400, 'email');
    expectError(await ws.admin.post('/api/v1/users', { email: `${unique()}@example.com`, name: 'X', role: 'boss', password: PASSWORD }), 400, 'role');
    expectError(await ws.admin.post('/api/v1/users', { email: `${unique()}@example.com`, name: 'X', role: 'csm', password: 'short' }), 400, 'password');
    expectError(await ws.admin.post('/api/v1/users', { email: `${unique()}@example.com`, name: 'X', role: 'csm' }), 400, 'password');
    expectError(await ws.admin.post('/api/v1/users', { email: `${unique()}@example.com`, name: '', role: 'csm', password: PASSWORD }), 400, 'name');
    expect((await ws.admin.get<Members>('/api/v1/users')).body.items.length).toBe(before);
  });

  it('non-admins cannot manage users or settings (403), but can read', async () => {
    for (const role of ['manager', 'csm', 'viewer'] as const) {
      const session = await ws.addUser(role);
      expect((await session.get('/api/v1/users')).status).toBe(200);
      expect((await session.get('/api/v1/workspace')).status).toBe(200);
      expectError(await session.post('/api/v1/users', { email: `${unique()}@example.com`, name: 'X', role: 'admin', password: PASSWORD }), 403);
      expectError(await session.patch(`/api/v1/users/${session.user.id}`, { role: 'admin' }), 403);
      expectError(await session.patch('/api/v1/workspace', { name: 'Taken over' }), 403);
      expectError(await session.get('/api/v1/api-keys'), 403);
    }
    expect((await ws.admin.get<Workspace>('/api/v1/workspace')).body.name).toBe(ws.name);
  });

  it('changes roles, but the last admin can be neither demoted nor removed', async () => {
    const solo = await makeWorkspace(ctx);
    expectError(await solo.admin.patch(`/api/v1/users/${solo.admin.user.id}`, { role: 'viewer' }), 400, 'role');
    expectError(await solo.admin.del(`/api/v1/users/${solo.admin.user.id}`), 400);
    const members = (await solo.admin.get<Members>('/api/v1/users')).body.items;
    expect(members.map((m) => [m.id, m.role])).toEqual([[solo.admin.user.id, 'admin']]);

    const second = await solo.addUser('csm');
    const promoted = await solo.admin.patch<Member>(`/api/v1/users/${second.user.id}`, { role: 'admin' });
    expect(promoted.status).toBe(200);
    expect(promoted.body.role).toBe('admin');
    // Now there are two admins, the first may step down.
    expect((await solo.admin.patch<Member>(`/api/v1/users/${solo.admin.user.id}`, { role: 'manager' })).body.role).toBe('manager');
    expectError(await second.patch(`/api/v1/users/${second.user.id}`, { role: 'csm' }), 400, 'role');
  });

  it('unknown user ids are 404', async () => {
    expectError(await ws.admin.patch('/api/v1/users/01HZZZZZZZZZZZZZZZZZZZZZZZ', { role: 'csm' }), 404);
    expectError(await ws.admin.del('/api/v1/users/01HZZZZZZZZZZZZZZZZZZZZZZZ'), 404);
  });

  it('an admin renames the workspace and sets custom revenue bands', async () => {
    const own = await makeWorkspace(ctx);
    const bands = [
      { label: 'Small', upToMinor: 5_000_000 },
      { label: 'Large', upToMinor: null },
    ];
    const res = await own.admin.patch<Workspace>('/api/v1/workspace', { name: 'Renamed', settings: { revenueBands: bands, currency: 'EUR' } });
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('Renamed');
    expect(res.body.settings).toEqual({ ...defaultSettings, currency: 'EUR', revenueBands: bands });
    expect((await own.admin.get<Workspace>('/api/v1/workspace')).body.settings.revenueBands).toEqual(bands);
  });

  it('refuses invalid revenue bands with 400 naming the field, and keeps the old ones', async () => {
    const own = await makeWorkspace(ctx);
    const before = (await own.admin.get<Workspace>('/api/v1/workspace')).body;
    const invalid: unknown[] = [
      [],
      [{ label: 'Only', upToMinor: 100 }],
      [
        { label: 'A', upToMinor: 500 },
        { label: 'B', upToMinor: 100 },
        { label: 'C', upToMinor: null },
      ],
      [
        { label: 'A', upToMinor: 100 },
        { label: 'A', upToMinor: null },
      ],
      [
        { label: 'A', upToMinor: -5 },
        { label: 'B', upToMinor: null },
      ],
      [{ label: '', upToMinor: null }],
    ];
    for (const revenueBands of invalid) {
      const res = await own.admin.patch('/api/v1/workspace', { settings: { revenueBands } });
      expect(res.status, JSON.stringify(revenueBands)).toBe(400);
      expect(
        res.body.error.issues.some((i) => i.field.startsWith('settings.revenueBands')),
        res.text,
      ).toBe(true);
    }
    expectError(await own.admin.patch('/api/v1/workspace', { settings: { currency: 'dollars' } }), 400, 'settings.currency');
    expect((await own.admin.get<Workspace>('/api/v1/workspace')).body).toEqual(before);
  });
});
