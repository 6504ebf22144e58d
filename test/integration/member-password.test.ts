import { beforeAll, expect, it } from 'vitest';
import { addMember } from '../../src/modules/workspaces/service.js';
import { forEachEngine } from '../support/engines.js';
import { anonymous, expectError, makeWorkspace, PASSWORD, signIn, type TestWorkspace } from '../support/factories.js';

const NEW_PASSWORD = 'set by the admin 2024';

forEachEngine('an admin sets a member’s password', (ctx) => {
  let ws: TestWorkspace;
  beforeAll(async () => {
    ws = await makeWorkspace(ctx);
  });

  async function signInStatus(email: string, password: string): Promise<number> {
    return (await anonymous(ctx).post('/api/v1/auth/sign-in', { email, password })).status;
  }

  async function passwordHash(userId: string): Promise<string> {
    const row = await ctx.database.db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow();
    return row.password_hash;
  }

  it('sets the password (argon2id), ends every session of the member, and leaves the admin signed in', async () => {
    const member = await ws.addUser('csm', { name: 'Lou Lockedout' });
    const other = await signIn(ctx.app, member.user);
    const res = await ws.admin.post(`/api/v1/users/${member.user.id}/password`, { newPassword: NEW_PASSWORD });
    expect(res.status, res.text).toBe(204);
    expect(res.text).toBe('');

    expect(await signInStatus(member.user.email, PASSWORD)).toBe(401);
    expect(await signInStatus(member.user.email, NEW_PASSWORD)).toBe(200);
    expectError(await member.get('/api/v1/auth/me'), 401);
    expectError(await other.get('/api/v1/auth/me'), 401);
    expect((await ws.admin.get('/api/v1/auth/me')).status).toBe(200);
    const hash = await passwordHash(member.user.id);
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(hash).not.toContain(NEW_PASSWORD);
  });

  it('lets an admin API key do it too', async () => {
    const member = await ws.addUser('viewer');
    const key = await ws.createApiKey('admin');
    expect((await key.post(`/api/v1/users/${member.user.id}/password`, { newPassword: NEW_PASSWORD })).status).toBe(204);
    expect(await signInStatus(member.user.email, NEW_PASSWORD)).toBe(200);
  });

  it('refuses non-admins with 403 and changes nothing', async () => {
    const member = await ws.addUser('csm');
    for (const role of ['manager', 'csm', 'viewer'] as const) {
      const caller = await ws.addUser(role);
      expectError(await caller.post(`/api/v1/users/${member.user.id}/password`, { newPassword: NEW_PASSWORD }), 403);
    }
    const managerKey = await ws.createApiKey('manager');
    expectError(await managerKey.post(`/api/v1/users/${member.user.id}/password`, { newPassword: NEW_PASSWORD }), 403);
    expect(await signInStatus(member.user.email, PASSWORD)).toBe(200);
    expect((await member.get('/api/v1/auth/me')).status).toBe(200);
  });

  it('refuses the admin’s own id with 400 (field id, rule self)', async () => {
    const res = await ws.admin.post(`/api/v1/users/${ws.admin.user.id}/password`, { newPassword: NEW_PASSWORD });
    expectError(res, 400, 'id');
    expect(res.body.error.issues.find((i) => i.field === 'id')?.rule).toBe('self');
    expect(await signInStatus(ws.admin.user.email, PASSWORD)).toBe(200);
    expect((await ws.admin.get('/api/v1/auth/me')).status).toBe(200);
  });

  it('answers 404 for a member of another workspace, and for an unknown id', async () => {
    const elsewhere = await makeWorkspace(ctx);
    const stranger = await elsewhere.addUser('csm');
    const res = await ws.admin.post(`/api/v1/users/${stranger.user.id}/password`, { newPassword: NEW_PASSWORD });
    expectError(res, 404);
    expect(res.text).not.toContain(stranger.user.email);
    expectError(await ws.admin.post('/api/v1/users/01HZZZZZZZZZZZZZZZZZZZZZZZ/password', { newPassword: NEW_PASSWORD }), 404);
    expect(await signInStatus(stranger.user.email, PASSWORD)).toBe(200);
    expect((await stranger.get('/api/v1/auth/me')).status).toBe(200);
  });

  it('refuses with 403 (other_workspaces) when the member also belongs to a workspace where the caller is not an admin', async () => {
    const other = await makeWorkspace(ctx);
    const shared = await ws.addUser('csm', { name: 'Sam Shared' });
    // The same login joins the other workspace, where ws's admin is nobody.
    await addMember(ctx.database, other.id, { email: shared.user.email, name: shared.user.name, role: 'admin' });
    const before = await passwordHash(shared.user.id);

    const res = await ws.admin.post(`/api/v1/users/${shared.user.id}/password`, { newPassword: NEW_PASSWORD });
    expectError(res, 403);
    expect(res.body.error.issues.map((i) => i.rule)).toContain('other_workspaces');
    expect(res.text).not.toContain(other.name);
    expect(await passwordHash(shared.user.id)).toBe(before);
    expect((await shared.get('/api/v1/auth/me')).status).toBe(200);
    expect(await signInStatus(shared.user.email, PASSWORD)).toBe(200);
    // An API key stands for no person: it is refused the same way.
    const key = await ws.createApiKey('admin');
    expectError(await key.post(`/api/v1/users/${shared.user.id}/password`, { newPassword: NEW_PASSWORD }), 403);

    // Being a mere member of the other workspace is not enough either.
    await addMember(ctx.database, other.id, { email: ws.admin.user.email, name: ws.admin.user.name, role: 'manager' });
    expectError(await ws.admin.post(`/api/v1/users/${shared.user.id}/password`, { newPassword: NEW_PASSWORD }), 403);
    expect(await passwordHash(shared.user.id)).toBe(before);
  });

  it('allows it when the caller is an admin of every workspace the member belongs to', async () => {
    const other = await makeWorkspace(ctx);
    const shared = await ws.addUser('viewer');
    await addMember(ctx.database, other.id, { email: shared.user.email, name: shared.user.name, role: 'csm' });
    await addMember(ctx.database, other.id, { email: ws.admin.user.email, name: ws.admin.user.name, role: 'admin' });
    expect((await ws.admin.post(`/api/v1/users/${shared.user.id}/password`, { newPassword: NEW_PASSWORD })).status).toBe(204);
    expect(await signInStatus(shared.user.email, NEW_PASSWORD)).toBe(200);
  });

  it('refuses a short or missing new password with 400 naming newPassword, and changes nothing', async () => {
    const member = await ws.addUser('csm');
    const before = await passwordHash(member.user.id);
    const res = await ws.admin.post(`/api/v1/users/${member.user.id}/password`, { newPassword: 'short' });
    expectError(res, 400, 'newPassword');
    expect(res.text).not.toContain('"short"');
    expectError(await ws.admin.post(`/api/v1/users/${member.user.id}/password`, {}), 400, 'newPassword');
    expect(await passwordHash(member.user.id)).toBe(before);
    expect((await member.get('/api/v1/auth/me')).status).toBe(200);
  });

  it('answers anonymous callers with 401', async () => {
    const member = await ws.addUser('csm');
    expectError(await anonymous(ctx).post(`/api/v1/users/${member.user.id}/password`, { newPassword: NEW_PASSWORD }), 401);
  });
});
