import { beforeAll, expect, it } from 'vitest';
import type { ApiKey } from '../../src/modules/api-keys/contracts.js';
import { forEachEngine } from '../support/engines.js';
import { bearer, expectError, makeWorkspace, type TestWorkspace } from '../support/factories.js';

type KeyList = { items: ApiKey[] };

forEachEngine('API keys', (ctx) => {
  let ws: TestWorkspace;
  beforeAll(async () => {
    ws = await makeWorkspace(ctx);
  });

  it('shows the key once on creation and never again', async () => {
    const created = await ws.admin.post<ApiKey & { key: string }>('/api/v1/api-keys', { name: 'Warehouse sync', role: 'csm' });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^kw_[A-Za-z0-9_-]{40,}$/);
    expect(created.body.key.startsWith(created.body.prefix)).toBe(true);
    expect(created.body).toMatchObject({ name: 'Warehouse sync', role: 'csm', revokedAt: null });

    const list = await ws.admin.get<KeyList>('/api/v1/api-keys');
    expect(list.status).toBe(200);
    const listed = list.body.items.find((k) => k.id === created.body.id);
    expect(listed).toMatchObject({ name: 'Warehouse sync', prefix: created.body.prefix });
    expect(listed).not.toHaveProperty('key');
    expect(list.text).not.toContain(created.body.key);
  });

  it('stores only a hash: the plaintext key appears nowhere in its row', async () => {
    const key = await ws.createApiKey('viewer');
    const row = await ctx.database.db.selectFrom('api_keys').selectAll().where('id', '=', key.keyId).executeTakeFirstOrThrow();
    expect(row.key_hash).not.toBe(key.key);
    expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
    for (const value of Object.values(row)) expect(String(value)).not.toContain(key.key.slice(10));
  });

  it('authenticates with Authorization: Bearer and records its use', async () => {
    const key = await ws.createApiKey('csm');
    const res = await key.get<{ items: unknown[] }>('/api/v1/accounts');
    expect(res.status).toBe(200);
    const created = await key.post<{ id: string; name: string }>('/api/v1/accounts', { name: 'Created by key' });
    expect(created.status).toBe(201);
    const listed = (await ws.admin.get<KeyList>('/api/v1/api-keys')).body.items.find((k) => k.id === key.keyId);
    expect(listed?.lastUsedAt).not.toBeNull();
  });

  it('a bearer key needs no CSRF token and gets no session-only routes', async () => {
    const key = await ws.createApiKey('admin');
    expect((await key.post('/api/v1/accounts', { name: 'No CSRF needed' })).status).toBe(201);
    expectError(await key.get('/api/v1/auth/me'), 403);
  });

  it('a revoked key gets 401 at once, and revoking twice is 404', async () => {
    const key = await ws.createApiKey('admin');
    expect((await key.get('/api/v1/accounts')).status).toBe(200);
    expect((await ws.admin.del(`/api/v1/api-keys/${key.keyId}`)).status).toBe(204);
    expectError(await key.get('/api/v1/accounts'), 401);
    const listed = (await ws.admin.get<KeyList>('/api/v1/api-keys')).body.items.find((k) => k.id === key.keyId);
    expect(listed?.revokedAt).not.toBeNull();
    expectError(await ws.admin.del(`/api/v1/api-keys/${key.keyId}`), 404);
  });

  it('a key acts with its role: a viewer key cannot write (403) and changes nothing', async () => {
    const key = await ws.createApiKey('viewer');
    expect((await key.get('/api/v1/accounts')).status).toBe(200);
    expectError(await key.post('/api/v1/accounts', { name: 'Viewer write' }), 403);
    expectError(await key.post('/api/v1/api-keys', { name: 'escalate', role: 'admin' }), 403);
    const found = await ws.admin.get<{ items: unknown[] }>('/api/v1/accounts?q=Viewer%20write');
    expect(found.body.items).toEqual([]);
    const csmKey = await ws.createApiKey('csm');
    expectError(await csmKey.post('/api/v1/users', { email: 'x@example.com', name: 'X', role: 'admin', password: 'long enough password' }), 403);
  });

  it('only admins manage keys', async () => {
    const manager = await ws.addUser('manager');
    expectError(await manager.get('/api/v1/api-keys'), 403);
    expectError(await manager.post('/api/v1/api-keys', { name: 'mine', role: 'viewer' }), 403);
  });

  it('refuses bad input with 400 naming the field', async () => {
    expectError(await ws.admin.post('/api/v1/api-keys', { name: '', role: 'csm' }), 400, 'name');
    expectError(await ws.admin.post('/api/v1/api-keys', { name: 'x', role: 'root' }), 400, 'role');
  });

  it('rejects unknown, malformed and over-long bearer keys with 401', async () => {
    expectError(await bearer(ctx.app, 'kw_doesnotexist').get('/api/v1/accounts'), 401);
    expectError(await bearer(ctx.app, 'not-a-keepwell-key').get('/api/v1/accounts'), 401);
    expectError(await bearer(ctx.app, `kw_${'a'.repeat(500)}`).get('/api/v1/accounts'), 401);
  });
});
