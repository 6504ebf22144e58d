import { beforeAll, expect, it } from 'vitest';
import { forEachEngine } from '../support/engines.js';
import { anonymous, expectError, makeWorkspace, PASSWORD, type SessionClient, signIn, type TestWorkspace } from '../support/factories.js';

const NEW_PASSWORD = 'a brand new passphrase';

forEachEngine('changing one’s own password', (ctx) => {
  let ws: TestWorkspace;
  beforeAll(async () => {
    ws = await makeWorkspace(ctx);
  });

  async function signInStatus(email: string, password: string): Promise<number> {
    return (await anonymous(ctx).post('/api/v1/auth/sign-in', { email, password })).status;
  }

  it('changes the password, ends the other sessions and keeps the current one', async () => {
    const person = await ws.addUser('csm', { name: 'Pat Password' });
    const elsewhere: SessionClient = await signIn(ctx.app, person.user);
    expect((await elsewhere.get('/api/v1/auth/me')).status).toBe(200);
    // Another person's session must survive.
    expect((await ws.admin.get('/api/v1/auth/me')).status).toBe(200);

    const res = await person.post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(res.status, res.text).toBe(204);
    expect(res.text).toBe('');

    expect(await signInStatus(person.user.email, PASSWORD)).toBe(401);
    expect(await signInStatus(person.user.email, NEW_PASSWORD)).toBe(200);
    expectError(await elsewhere.get('/api/v1/auth/me'), 401);
    expect((await person.get('/api/v1/auth/me')).status).toBe(200);
    expect((await person.get('/api/v1/accounts')).status).toBe(200);
    expect((await ws.admin.get('/api/v1/auth/me')).status).toBe(200);
  });

  it('refuses a wrong current password with 400 naming currentPassword, and changes nothing', async () => {
    const person = await ws.addUser('viewer');
    const elsewhere = await signIn(ctx.app, person.user);
    const res = await person.post('/api/v1/auth/password', { currentPassword: 'not the password', newPassword: NEW_PASSWORD });
    expectError(res, 400, 'currentPassword');
    expect(res.body.error.issues.find((i) => i.field === 'currentPassword')?.rule).toBe('mismatch');
    expect(res.text).not.toContain('not the password');
    expect(await signInStatus(person.user.email, PASSWORD)).toBe(200);
    expect(await signInStatus(person.user.email, NEW_PASSWORD)).toBe(401);
    expect((await elsewhere.get('/api/v1/auth/me')).status).toBe(200);
  });

  it('refuses a new password equal to the current one, naming newPassword', async () => {
    const person = await ws.addUser('csm');
    const res = await person.post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: PASSWORD });
    expectError(res, 400, 'newPassword');
    expect(await signInStatus(person.user.email, PASSWORD)).toBe(200);
  });

  it('refuses a short or missing new password, naming newPassword', async () => {
    const person = await ws.addUser('csm');
    expectError(await person.post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'short' }), 400, 'newPassword');
    expectError(await person.post('/api/v1/auth/password', { currentPassword: PASSWORD }), 400, 'newPassword');
    expectError(await person.post('/api/v1/auth/password', { newPassword: NEW_PASSWORD }), 400, 'currentPassword');
    expect(await signInStatus(person.user.email, PASSWORD)).toBe(200);
  });

  it('answers an API key with 403: keys have no password', async () => {
    const key = await ws.createApiKey('admin');
    expectError(await key.post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }), 403);
    expect(await signInStatus(ws.admin.user.email, PASSWORD)).toBe(200);
  });

  it('answers anonymous callers with 401', async () => {
    expectError(await anonymous(ctx).post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }), 401);
  });
});
