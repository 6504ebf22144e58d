import { beforeAll, expect, it } from 'vitest';
import type { AccountDetail } from '../../src/modules/accounts/contracts.js';
import { forEachEngine } from '../support/engines.js';
import {
  type Client,
  expectError,
  type KeyClient,
  type Method,
  makeClient,
  makeWorkspace,
  type Reply,
  type TestWorkspace,
  unique,
} from '../support/factories.js';
import { activityFactories } from '../support/isolation/activities.js';
import { healthFactories } from '../support/isolation/health.js';
import { lifecycleFactories } from '../support/isolation/lifecycle.js';
import { playbookFactories } from '../support/isolation/playbooks.js';
import { redFlagFactories } from '../support/isolation/red-flags.js';
import { requestFactories } from '../support/isolation/requests.js';
import { riskFactories } from '../support/isolation/risks.js';
import { storyFactories } from '../support/isolation/stories.js';
import { taskFactories } from '../support/isolation/tasks.js';
import { created, type Factory, type Made, readJson, recordFor, type World } from '../support/isolation.js';
import { isPublicRoute, listRoutes, prefixOf, type RouteInfo } from '../support/routes.js';

/**
 * The workspace-isolation walker. Workspace A gets one record of every kind; then every route of the app is
 * called as workspace B (admin session and admin API key) with A's ids. Each answer must be 404 with none of
 * A's data, lists must never show A's records, and A's records must be unchanged afterwards.
 *
 * A module whose routes take an id registers a factory below, keyed by the path before the id; the walker
 * fails when it meets a route it has no id for.
 */
const coreFactories: Record<string, Factory> = {
  '/api/v1/accounts': async ({ a, mark }) => {
    const id = await created(await a.admin.post('/api/v1/accounts', { name: `${mark} account`, externalId: `${mark}-acct`, arrMinor: 4242 }), 'an account');
    return { id, bodies: { PATCH: { name: 'Renamed by B' }, PUT: { name: 'Renamed by B' } }, read: readJson(`/api/v1/accounts/${id}`) };
  },
  '/api/v1/contacts': async (world) => {
    const account = await recordFor(world, '/api/v1/accounts');
    const body = {
      accountId: account?.id,
      name: `${world.mark} contact`,
      email: `${world.mark.toLowerCase()}@example.com`,
      externalId: `${world.mark}-contact`,
      roles: ['champion'],
    };
    const id = await created(await world.a.admin.post('/api/v1/contacts', body), 'a contact');
    return { id, bodies: { PATCH: { name: 'Renamed by B' }, PUT: body }, read: readJson(`/api/v1/contacts/${id}`) };
  },
  // Saved views belong to a person: A's admin makes one with the session. Either spelling of the path.
  '/api/v1/views': (world, prefix) => savedView(world, prefix),
  '/api/v1/saved-views': (world, prefix) => savedView(world, prefix),
  '/api/v1/users': async ({ a }) => {
    const member = await a.addUser('csm');
    return {
      id: member.user.id,
      // POST is /api/v1/users/:id/password (an admin sets a member's password).
      bodies: { PATCH: { role: 'viewer' }, PUT: { role: 'viewer' }, POST: { newPassword: 'taken over by workspace B' } },
      // Setting their password would also end the member's session: it must still work.
      read: async (client) => ({ users: await readJson('/api/v1/users')(client), session: (await member.get('/api/v1/auth/me')).status }),
    };
  },
  '/api/v1/metrics': async ({ a, mark }) => {
    const id = await created(await a.admin.post('/api/v1/metrics', { key: mark.toLowerCase(), name: `${mark} metric` }), 'a metric');
    return { id, bodies: { PATCH: { name: 'Renamed by B' } }, read: readJson('/api/v1/metrics') };
  },
  '/api/v1/kpis': async ({ a, mark }) => {
    const body = { name: `${mark} kpi`, formula: { kind: 'event_count', event: 'Signed In' }, windowDays: 7, timing: 'leading', direction: 'performance' };
    const id = await created(await a.admin.post('/api/v1/kpis', body), 'a KPI');
    return { id, bodies: { PATCH: { name: 'Renamed by B' }, PUT: body }, read: readJson(`/api/v1/kpis/${id}`) };
  },
  '/api/v1/write-keys': async (world) => {
    const { a, mark } = world;
    const res = await a.admin.post<{ id: string; key: string }>('/api/v1/write-keys', { name: `${mark} source` });
    const id = await created(res, 'a write key');
    // A's usage, matched and unmatched, named with A's mark: B's usage lists and catalog must never show it.
    await recordFor(world, '/api/v1/accounts');
    const segment = makeClient(world.app, { authorization: `Basic ${Buffer.from(`${res.body.key}:`).toString('base64')}` });
    const sent = await segment.post('/v1/batch', {
      batch: [
        { type: 'track', userId: `${mark}-user`, event: `${mark} Event`, context: { groupId: `${mark}-acct` }, properties: { [`${mark}n`]: 1 } },
        { type: 'track', userId: `${mark}-stray`, event: `${mark} Stray`, context: { groupId: `${mark}-nowhere` } },
      ],
    });
    expect(sent.status, sent.text).toBe(200);
    return {
      id,
      read: async (client) => {
        const keys = await client.get<{ items: Array<{ id: string; revokedAt: string | null }> }>('/api/v1/write-keys');
        return keys.body.items.map((k) => [k.id, k.revokedAt]);
      },
    };
  },
  '/api/v1/api-keys': async ({ a }) => {
    const key = await a.createApiKey('viewer');
    return {
      id: key.keyId,
      read: async (client) => {
        const res = await client.get<{ items: Array<{ id: string; revokedAt: string | null }> }>('/api/v1/api-keys');
        return res.body.items.map((k) => [k.id, k.revokedAt]);
      },
    };
  },
};

const factories: Record<string, Factory> = {
  ...coreFactories,
  ...activityFactories,
  ...taskFactories,
  ...requestFactories,
  ...lifecycleFactories,
  ...playbookFactories,
  ...riskFactories,
  ...redFlagFactories,
  ...storyFactories,
  ...healthFactories,
};

async function savedView({ a, mark }: World, prefix: string): Promise<Made> {
  const body = { name: `${mark} view`, state: { query: { q: mark }, columns: ['name'] } };
  const id = await created(await a.admin.post(prefix, body), 'a saved view');
  return { id, bodies: { PATCH: { name: 'Renamed by B' }, PUT: body }, read: readJson(prefix) };
}

/** An id of the right shape that no record has. */
const NO_SUCH_ID = '01J0000000000000000000NONE';
const ORDER: Record<string, number> = { GET: 0, POST: 1, PUT: 2, PATCH: 3, DELETE: 4 };

forEachEngine('workspace isolation', (ctx) => {
  let world: World;
  let b: TestWorkspace;
  let bKey: KeyClient;
  let routes: RouteInfo[];
  const before = new Map<string, unknown>();

  /** Text that would betray A's data in one of B's answers: A's mark or any of A's ids. */
  function leaks(reply: Reply<unknown>, allowed: string[] = []): string[] {
    const secrets = [world.mark, world.a.id, world.a.admin.user.id, ...[...world.made.values()].map((m) => m.id)].filter((s) => !allowed.includes(s));
    return secrets.filter((s) => reply.text.toLowerCase().includes(s.toLowerCase()));
  }

  beforeAll(async () => {
    const a = await makeWorkspace(ctx);
    world = { a, aKey: await a.createApiKey('admin'), mark: unique('ISOLATEDA'), made: new Map(), app: ctx.app, factories };
    b = await makeWorkspace(ctx);
    bKey = await b.createApiKey('admin');
    routes = listRoutes(ctx.app)
      .filter((r) => r.url.startsWith('/api/v1/') && !isPublicRoute(r))
      .sort((x, y) => (ORDER[x.method] ?? 9) - (ORDER[y.method] ?? 9));
    // A record of every kind that has routes, whether or not a route needs its id.
    for (const prefix of Object.keys(factories)) {
      if (routes.some((r) => r.url === prefix || r.url.startsWith(`${prefix}/`))) await recordFor(world, prefix);
    }
    for (const [prefix, made] of world.made) before.set(prefix, await made.read(world.a.admin));
  });

  it('finds the routes it must walk', () => {
    expect(routes.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining(['GET /api/v1/accounts/:id', 'DELETE /api/v1/users/:id', 'POST /api/v1/users/:id/password', 'DELETE /api/v1/api-keys/:id']),
    );
  });

  it("answers 404, with none of A's data, on every route given A's ids, as B's session and B's API key", async () => {
    const missing: string[] = [];
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.params.length > 0)) {
      let url = route.url;
      let control = route.url;
      let made: Made | null = null;
      for (const param of route.params) {
        made = await recordFor(world, prefixOf(route.url, param));
        if (!made) break;
        url = url.replace(`:${param}`, made.id);
        control = control.replace(`:${param}`, NO_SUCH_ID);
      }
      if (!made) {
        missing.push(`${route.method} ${route.url}`);
        continue;
      }
      const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : (made.bodies?.[route.method as Method] ?? {});
      for (const [who, client] of [
        ['session', b.admin],
        ['api key', bKey],
      ] as const) {
        const reply = await client.request(route.method as Method, url, body);
        const leaked = leaks(reply, url.split('/'));
        if (leaked.length) failures.push(`${route.method} ${url} as B's ${who} leaked ${leaked.join(', ')}: ${reply.text.slice(0, 200)}`);
        if (reply.status === 404) continue;
        // An API key may be refused a person-only route; then it must be refused the same way for any id.
        const unknown = await client.request(route.method as Method, control, body);
        if (who === 'api key' && reply.status >= 400 && reply.status === unknown.status && reply.body && unknown.body) continue;
        failures.push(`${route.method} ${url} as B's ${who}: ${reply.status} (expected 404; unknown id gives ${unknown.status}): ${reply.text.slice(0, 200)}`);
      }
    }
    expect(missing, `routes with an id the isolation walker cannot fill: register a factory for their prefix in ${import.meta.filename}`).toEqual([]);
    expect(failures).toEqual([]);
  });

  it("never shows A's records in B's lists, searches or exports, even when filtered by A's ids", async () => {
    const failures: string[] = [];
    const openapi = (
      await world.a.admin.get<{ paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }> }>> }>('/api/v1/openapi.json')
    ).body;
    for (const route of routes.filter((r) => r.method === 'GET' && r.params.length === 0)) {
      const queryParams = (openapi.paths[route.url]?.get?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const urls = [route.url];
      for (const name of queryParams) {
        const values = /id$/i.test(name) ? [...world.made.values()].map((m) => m.id) : [world.mark];
        for (const value of values) urls.push(`${route.url}?${name}=${encodeURIComponent(value)}`);
      }
      for (const url of urls) {
        for (const [who, client] of [
          ['session', b.admin],
          ['api key', bKey],
        ] as const) {
          const reply = await client.get(url);
          const leaked = leaks(reply, url.includes('?') ? [decodeURIComponent(url.split('=')[1] ?? '')] : []);
          if (reply.status >= 500) failures.push(`GET ${url} as B's ${who}: ${reply.status} ${reply.text.slice(0, 200)}`);
          if (leaked.length) failures.push(`GET ${url} as B's ${who} leaked ${leaked.join(', ')}: ${reply.text.slice(0, 200)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("refuses to link B's records to A's", async () => {
    const account = world.made.get('/api/v1/accounts');
    expectError(await b.admin.post('/api/v1/accounts', { name: 'Child of A', parentId: account?.id }), 400, 'parentId');
    expectError(await b.admin.post('/api/v1/accounts', { name: 'Owned by A', ownerId: world.a.admin.user.id }), 400, 'ownerId');
    const own = await b.admin.post<AccountDetail>('/api/v1/accounts', { name: 'B own' });
    expectError(await bKey.patch(`/api/v1/accounts/${own.body.id}`, { parentId: account?.id }), 400, 'parentId');
    expectError(await b.admin.post('/api/v1/auth/switch', { workspaceId: world.a.id }), 404);
    if (routes.some((r) => r.method === 'POST' && r.url === '/api/v1/contacts')) {
      const res = await b.admin.post('/api/v1/contacts', { accountId: account?.id, name: 'Contact at A' });
      expect([400, 404], res.text).toContain(res.status);
    }
  });

  it("CSV imports as B match external ids and emails in B only, never A's records", async () => {
    const has = (url: string) => routes.some((r) => r.method === 'POST' && r.url === url);
    const csv = (url: string, text: string) => b.admin.request<{ created: number; updated: number }>('POST', url, text, { 'content-type': 'text/csv' });
    const { mark } = world;
    const aIds = [...world.made.values()].map((m) => m.id);
    if (has('/api/v1/imports/accounts')) {
      const child = await csv('/api/v1/imports/accounts', `external_id,name,parent_external_id\nb-child,Child,${mark}-acct\n`);
      expect(child.status, `a parent that only A has: ${child.text}`).toBe(400);
      expect(aIds.filter((id) => child.text.includes(id))).toEqual([]);
    }
    if (has('/api/v1/imports/contacts')) {
      const contact = await csv(
        '/api/v1/imports/contacts',
        `external_id,account_external_id,name,email\n${mark}-contact,${mark}-acct,Hijacked,${mark}@example.com\n`,
      );
      expect(contact.status, `an account that only A has: ${contact.text}`).toBe(400);
      expect(aIds.filter((id) => contact.text.includes(id))).toEqual([]);
    }
    if (has('/api/v1/imports/accounts')) {
      const same = await csv('/api/v1/imports/accounts', `external_id,name\n${mark}-acct,Hijacked by B\n`);
      expect(same.status, same.text).toBe(200);
      expect([same.body.created, same.body.updated]).toEqual([1, 0]);
    }
    if (has('/api/v1/imports/contacts')) {
      const same = await csv(
        '/api/v1/imports/contacts',
        `external_id,account_external_id,name,email\n${mark}-contact,${mark}-acct,Hijacked,${mark}@example.com\n`,
      );
      expect(same.status, same.text).toBe(200);
      expect([same.body.created, same.body.updated]).toEqual([1, 0]);
    }
  });

  it("leaves A's records exactly as they were, and A's key still works", async () => {
    for (const [prefix, made] of world.made) expect(await made.read(world.a.admin), prefix).toEqual(before.get(prefix));
    expect((await world.aKey.get('/api/v1/accounts')).status).toBe(200);
    const account = world.made.get('/api/v1/accounts');
    expect((await world.aKey.get<AccountDetail>(`/api/v1/accounts/${account?.id}`)).body.name).toBe(`${world.mark} account`);
  });

  it('answers 401 on every non-public /api/v1 route without credentials, with a forged cookie and with a bad key', async () => {
    const failures: string[] = [];
    const callers: Array<[string, Client]> = [
      ['nobody', makeClient(ctx.app)],
      ['a forged cookie', makeClient(ctx.app, { cookie: 'kw_session=forged', 'x-csrf-token': 'forged' })],
      ['an unknown key', makeClient(ctx.app, { authorization: 'Bearer kw_unknownkeyunknownkeyunknownkey' })],
      ['a revoked key', b.admin],
    ];
    const revoked = await b.createApiKey('admin');
    expect((await b.admin.del(`/api/v1/api-keys/${revoked.keyId}`)).status).toBe(204);
    callers[3] = ['a revoked key', makeClient(ctx.app, { authorization: `Bearer ${revoked.key}` })];
    for (const route of routes) {
      const url = route.params.reduce((u, p) => u.replace(`:${p}`, NO_SUCH_ID), route.url);
      for (const [who, client] of callers) {
        const reply = await client.request(route.method as Method, url, route.method === 'GET' || route.method === 'DELETE' ? undefined : {});
        if (reply.status !== 401) failures.push(`${route.method} ${url} with ${who}: ${reply.status} ${reply.text.slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(routes.length).toBeGreaterThan(10);
  });
});
