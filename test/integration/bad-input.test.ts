import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import type { AccountDetail } from '../../src/modules/accounts/contracts.js';
import { ACCOUNT_COLUMNS } from '../../src/modules/csv/import-accounts.js';
import { CONTACT_COLUMNS } from '../../src/modules/csv/import-contacts.js';
import {
  badIdSegment,
  badJson,
  deeperJsonText,
  type Hints,
  type JsonSchema,
  malformedJson,
  mutatedObject,
  nastyString,
  objectFor,
  queryString,
  wrongContentType,
} from '../support/arbitraries.js';
import { csvText } from '../support/arbitraries-csv.js';
import { forEachEngine } from '../support/engines.js';
import { type ErrorReply, makeWorkspace, type SessionClient, signIn, type TestWorkspace } from '../support/factories.js';
import { listRoutes, type RouteInfo } from '../support/routes.js';

/**
 * Bad input anywhere gets a 4xx that names the field and the rule, never a 500, and changes nothing.
 *
 * Every /api/v1 route (read from fastify's route table, so new routes are walked without anyone listing
 * them) is called as the admin of a workspace with records, with generated bad input: path ids, query
 * strings, JSON bodies shaped after the route's own schema (from the OpenAPI document) with bad fields,
 * malformed JSON, wrong content types, oversized bodies, and garbled CSV for the import routes.
 *
 * Reproduce a failure with the seed and path it prints: FC_SEED=<seed> (and FC_RUNS to run more).
 */
const SEED = Number(process.env.FC_SEED ?? 20_260_214);
const RUNS = Number(process.env.FC_RUNS ?? 30);

/** Routes the walker does not call, with the reason. Keep this empty unless a route truly cannot be fuzzed. */
const SKIPPED: Record<string, string> = {};

/** Just over the 1 MB JSON body limit (app.ts BODY_LIMIT): must be a shaped 413. */
const BODY_LIMIT_BREAKER = JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10) });

interface BadRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

interface OpenApiOperation {
  parameters?: Array<{ in: string; name: string; schema?: JsonSchema }>;
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
type OpenApi = { paths: Record<string, Record<string, OpenApiOperation>> };

type Snapshot = Record<string, unknown>;

/** Issue 5's tables: a refused request must leave them as they were too. */
const ENGAGEMENT_TABLES = [
  'activities',
  'tasks',
  'internal_requests',
  'lifecycle_changes',
  'playbooks',
  'playbook_items',
  'playbook_runs',
  'risk_types',
  'risks',
  'red_flags',
  'stories',
] as const;

forEachEngine('bad input on every route', (ctx) => {
  let ws: TestWorkspace;
  let routes: RouteInfo[];
  let openapi: OpenApi;
  /** Signs out when fuzzing POST /auth/sign-out lets a request through; signed in again then. */
  let leaving: SessionClient;
  /** Real ids a route may be given in its path without a request that gets through destroying the fixture. */
  const realIds: Record<string, Partial<Record<string, string[]>>> = {};
  let hints: Hints;
  let parent: AccountDetail;
  let child: AccountDetail;

  async function created<T>(promise: Promise<{ status: number; body: T; text: string }>): Promise<T> {
    const res = await promise;
    expect(res.status, res.text).toBe(201);
    return res.body;
  }

  /** Everything of the workspace a request could change (sessions aside: signing in and out is their job). */
  async function snapshot(): Promise<Snapshot> {
    const { db } = ctx.database;
    const id = ws.id;
    return {
      workspace: await db.selectFrom('workspaces').selectAll().where('id', '=', id).execute(),
      members: await db
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .select(['users.id', 'users.email', 'users.name', 'users.password_hash', 'users.updated_at', 'memberships.role'])
        .where('memberships.workspace_id', '=', id)
        .orderBy('users.id')
        .execute(),
      accounts: await db.selectFrom('accounts').selectAll().where('workspace_id', '=', id).orderBy('id').execute(),
      contacts: await db.selectFrom('contacts').selectAll().where('workspace_id', '=', id).orderBy('id').execute(),
      views: await db.selectFrom('saved_views').selectAll().where('workspace_id', '=', id).orderBy('id').execute(),
      apiKeys: await db.selectFrom('api_keys').selectAll().where('workspace_id', '=', id).orderBy('id').execute(),
      kpis: await db.selectFrom('kpis').selectAll().where('workspace_id', '=', id).orderBy('id').execute(),
      ...Object.fromEntries(
        await Promise.all(
          ENGAGEMENT_TABLES.map(async (table) => [table, await db.selectFrom(table).selectAll().where('workspace_id', '=', id).orderBy('id').execute()]),
        ),
      ),
    };
  }

  beforeAll(async () => {
    ws = await makeWorkspace(ctx);
    const admin = ws.admin;
    parent = await created(
      admin.post<AccountDetail>('/api/v1/accounts', {
        name: 'Parent Corp',
        externalId: 'parent-1',
        domain: 'parent.example',
        arrMinor: 12_345_600,
        renewalDate: '2026-06-30',
        riskStatuses: ['feature_gaps'],
        customFields: { tier: 'gold', score: 7 },
      }),
    );
    child = await created(admin.post<AccountDetail>('/api/v1/accounts', { name: 'Child Ltd', externalId: 'child-1', parentId: parent.id, arrMinor: 500 }));
    const contact = await created(
      admin.post<{ id: string }>('/api/v1/contacts', {
        accountId: child.id,
        name: 'Carla Contact',
        email: 'carla@example.com',
        externalId: 'contact-1',
        roles: ['champion'],
      }),
    );
    await created(admin.post('/api/v1/contacts', { accountId: parent.id, name: 'Leo Left', status: 'left', leftOn: '2025-01-31' }));
    const view = await created(
      admin.post<{ id: string }>('/api/v1/views', { name: 'Renewals', state: { query: { sort: 'renewalDate' }, columns: ['name', 'arr'] } }),
    );
    const kpi = await created(
      admin.post<{ id: string }>('/api/v1/kpis', {
        name: 'Licence use',
        formula: { kind: 'ratio', numerator: { kind: 'active_users' }, denominator: { kind: 'metric', metric: 'licences_purchased' }, scale: 100 },
        windowDays: 30,
        timing: 'leading',
        direction: 'performance',
        warningThreshold: 50,
        criticalThreshold: 25,
      }),
    );
    // One record of every engagement kind, so that routes given their ids reach the services' own checks.
    const activity = await created(
      admin.post<{ id: string; tasks: Array<{ id: string }> }>('/api/v1/activities', {
        accountId: child.id,
        type: 'meeting',
        title: 'Kick-off',
        occurredAt: '2026-01-15T10:00:00.000Z',
        contactIds: [contact.id],
        actionItems: [{ title: 'Send the plan', dueOn: '2026-01-20' }],
      }),
    );
    const request = await created(admin.post<{ id: string }>('/api/v1/requests', { title: 'Credit note', assigneeId: admin.user.id, accountId: child.id }));
    const playbook = await created(admin.post<{ id: string }>('/api/v1/playbooks/from-template', { templateKey: 'checklist-adopt' }));
    const applied = await admin.post<{ runs: Array<{ id: string }> }>(`/api/v1/playbooks/${playbook.id}/apply`, {
      accountIds: [parent.id],
      startOn: '2026-01-01',
    });
    expect(applied.status, applied.text).toBeLessThan(300);
    const riskType = (await admin.get<{ items: Array<{ id: string }> }>('/api/v1/risk-types')).body.items[0];
    const risk = await created(
      admin.post<{ id: string }>('/api/v1/risks', {
        accountId: parent.id,
        riskTypeId: riskType?.id,
        title: 'Stalled rollout',
        severity: 'high',
        identifiedOn: '2026-01-10',
      }),
    );
    const flag = await created(admin.post<{ id: string }>('/api/v1/red-flags', { accountId: parent.id, kind: 'budget_cut', note: 'Budget halved' }));
    const story = await created(admin.post<{ id: string }>('/api/v1/stories', { accountId: parent.id, title: 'Rollout', body: '**Live** in 6 weeks' }));
    const csm = await ws.addUser('csm');
    await ws.createApiKey('viewer');
    const revoked = await ws.createApiKey('admin');
    expect((await admin.del(`/api/v1/api-keys/${revoked.keyId}`)).status).toBe(204);
    leaving = await signIn(ctx.app, admin.user);

    // GET and PATCH may be given real ids (a PATCH that gets through only edits); DELETE only ids it may lose
    // (the csm) or must refuse (an already revoked key). Never the admin's own id: POST /users may have added
    // another admin meanwhile, and then demoting or removing the admin is allowed and ends the walk.
    const adminId = admin.user.id;
    realIds['/api/v1/accounts'] = { GET: [parent.id, child.id], PATCH: [parent.id, child.id] };
    realIds['/api/v1/contacts'] = { GET: [contact.id], PATCH: [contact.id] };
    realIds['/api/v1/views'] = { GET: [view.id], PATCH: [view.id] };
    realIds['/api/v1/users'] = { PATCH: [csm.user.id], DELETE: [csm.user.id] };
    realIds['/api/v1/api-keys'] = { DELETE: [revoked.keyId] };
    realIds['/api/v1/kpis'] = { GET: [kpi.id], PATCH: [kpi.id] };
    const task = activity.tasks[0]?.id ?? '';
    const run = applied.body.runs[0]?.id ?? '';
    for (const [prefix, ids] of [
      ['/api/v1/activities', [activity.id]],
      ['/api/v1/tasks', [task]],
      ['/api/v1/requests', [request.id]],
      ['/api/v1/playbooks', [playbook.id]],
      ['/api/v1/playbook-runs', [run]],
      ['/api/v1/risks', [risk.id]],
      ['/api/v1/risk-types', [riskType?.id ?? '']],
      ['/api/v1/red-flags', [flag.id]],
      ['/api/v1/stories', [story.id]],
    ] as const) {
      realIds[prefix] = { GET: [...ids], PATCH: [...ids], POST: [...ids] };
    }
    const scorecard = (await admin.get<{ items: Array<{ id: string }> }>('/api/v1/scorecards')).body.items[0]?.id ?? '';
    realIds['/api/v1/scorecards'] = { GET: [scorecard], PATCH: [scorecard] };
    hints = {
      ids: [
        parent.id,
        child.id,
        contact.id,
        view.id,
        adminId,
        csm.user.id,
        ws.id,
        revoked.keyId,
        kpi.id,
        activity.id,
        task,
        risk.id,
        flag.id,
        run,
        playbook.id,
      ],
      emails: ['carla@example.com', admin.user.email, csm.user.email],
    };

    openapi = (await admin.get<OpenApi>('/api/v1/openapi.json')).body;
    routes = listRoutes(ctx.app).filter((r) => r.url.startsWith('/api/v1') && !SKIPPED[`${r.method} ${r.url}`]);
  });

  function operation(route: RouteInfo): OpenApiOperation {
    const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    return openapi.paths[path]?.[route.method.toLowerCase()] ?? {};
  }

  function pathSegment(route: RouteInfo, param: string): fc.Arbitrary<string> {
    const prefix = route.url.slice(0, route.url.indexOf(`/:${param}`));
    const ids = realIds[prefix]?.[route.method] ?? [];
    return ids.length ? fc.oneof({ weight: 1, arbitrary: badIdSegment }, { weight: 2, arbitrary: fc.constantFrom(...ids) }) : badIdSegment;
  }

  const json = (payload: string, contentType = 'application/json') => ({ payload, contentType });

  function bodyFor(route: RouteInfo): fc.Arbitrary<{ payload?: string; contentType?: string }> {
    const content = operation(route).requestBody?.content ?? {};
    const csvRoute = Object.keys(content).some((type) => type.includes('csv'));
    const schema = content['application/json']?.schema;
    const noBody = fc.constant({});
    if (csvRoute) {
      const columns = route.url.endsWith('/contacts') ? CONTACT_COLUMNS : ACCOUNT_COLUMNS;
      const csv = csvText(columns, ['parent-1', 'child-1', 'contact-1', 'carla@example.com', ws.admin.user.email]);
      return fc.oneof(
        {
          weight: 8,
          arbitrary: fc.tuple(csv, fc.constantFrom('text/csv', 'application/csv', 'text/csv; charset=utf-8')).map(([text, type]) => json(text, type)),
        },
        { weight: 1, arbitrary: fc.tuple(csv, wrongContentType).map(([text, type]) => json(text, type)) },
        { weight: 1, arbitrary: badJson.map((v) => json(JSON.stringify(v) ?? 'null')) },
        { weight: 1, arbitrary: noBody },
      );
    }
    const object = schema ? objectFor(schema, hints) : fc.dictionary(nastyString, badJson, { maxKeys: 3 });
    const mutated = schema ? mutatedObject(schema, hints) : object;
    const options = [
      { weight: 8, arbitrary: mutated.map((v) => json(JSON.stringify(v))) },
      { weight: 2, arbitrary: object.map((v) => json(JSON.stringify(v))) },
      // Valid as far as the schema goes: these reach the services' own checks (references, cycles, duplicates).
      { weight: 6, arbitrary: (schema ? objectFor(schema, hints, 0, 0) : object).map((v) => json(JSON.stringify(v))) },
      { weight: 2, arbitrary: badJson.map((v) => json(JSON.stringify(v) ?? 'null')) },
      { weight: 2, arbitrary: fc.oneof(malformedJson, deeperJsonText).map((text) => json(text)) },
      { weight: 1, arbitrary: fc.tuple(object, wrongContentType).map(([v, type]) => json(JSON.stringify(v), type)) },
      { weight: 1, arbitrary: noBody },
      { weight: 1, arbitrary: fc.constant(json(BODY_LIMIT_BREAKER)) },
    ];
    // Reads and deletes take no body; mostly send none, but a body must not break them either.
    if (route.method === 'GET' || route.method === 'DELETE') return fc.oneof({ weight: 8, arbitrary: noBody }, ...options.slice(3, 6));
    return fc.oneof(...options);
  }

  function requestFor(route: RouteInfo): fc.Arbitrary<BadRequest> {
    const op = operation(route);
    const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
    const segments = route.params.map((p) => pathSegment(route, p));
    const wildcard = route.url.endsWith('*')
      ? fc.oneof(badIdSegment, fc.constantFrom('json', 'static/index.html', '..%2F..%2Fpackage.json', 'static/..%2F..%2F..%2Fpackage.json'))
      : fc.constant('');
    // An import's one parameter is dryRun: mostly leave it alone (or set it) so that the file itself is what gets judged.
    const csvRoute = Object.keys(op.requestBody?.content ?? {}).some((type) => type.includes('csv'));
    const query = csvRoute
      ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom('', 'dryRun=true', 'dryRun=0') }, { weight: 1, arbitrary: queryString(queryParams, hints) })
      : queryString(queryParams, hints);
    return fc.record({ segments: fc.tuple(...segments), wildcard, query, body: bodyFor(route) }).map(({ segments, wildcard, query, body }) => {
      let url = route.url;
      route.params.forEach((p, i) => {
        url = url.replace(`:${p}`, segments[i] ?? '');
      });
      if (url.endsWith('*')) url = url.slice(0, -1) + wildcard;
      if (query) url += `?${query}`;
      const client = route.url === '/api/v1/auth/sign-out' ? leaving : ws.admin;
      const headers: Record<string, string> = { cookie: client.cookie, 'x-csrf-token': client.csrfToken };
      if (body.contentType) headers['content-type'] = body.contentType;
      return { method: route.method, url, headers, ...(body.payload === undefined ? {} : { payload: body.payload }) };
    });
  }

  const cut = (text: string, n = 300) => (text.length > n ? `${text.slice(0, n)}… (${text.length} chars)` : text);

  /** What is wrong with one answer, if anything. */
  function problemsWith(status: number, text: string): string[] {
    if (status >= 500) return [`status ${status}`];
    if (status < 400) return [];
    let body: ErrorReply;
    try {
      body = JSON.parse(text) as ErrorReply;
    } catch {
      return [`status ${status} without a JSON body`];
    }
    const error = body?.error;
    if (!error || typeof error.code !== 'string' || typeof error.message !== 'string' || !error.message || !Array.isArray(error.issues)) {
      return [`status ${status} without the {error:{code,message,issues}} shape`];
    }
    if (status !== 400 || error.code !== 'validation') return [];
    if (error.issues.length === 0) return ['a 400 validation error without issues'];
    return error.issues
      .filter((i) => typeof i.field !== 'string' || !i.field || typeof i.rule !== 'string' || !i.rule)
      .map((i) => `an issue without a field or rule: ${JSON.stringify(i)}`);
  }

  it('walks every /api/v1 route, skipping only those listed with a reason', () => {
    const all = listRoutes(ctx.app).filter((r) => r.url.startsWith('/api/v1'));
    expect(Object.keys(SKIPPED).filter((k) => !all.some((r) => `${r.method} ${r.url}` === k))).toEqual([]);
    expect(routes.length + Object.keys(SKIPPED).length).toBe(all.length);
    expect(routes.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining(['PATCH /api/v1/accounts/:id', 'POST /api/v1/imports/accounts', 'DELETE /api/v1/users/:id']),
    );
  });

  it('answers bad input with a shaped 4xx, never a 500, and a refused request changes nothing', { timeout: 240_000 }, async () => {
    const failures: string[] = [];
    let before = await snapshot();
    for (const route of routes) {
      const property = fc.asyncProperty(requestFor(route), async (req) => {
        const res = await ctx.app.inject({
          method: req.method as 'GET',
          url: req.url,
          headers: req.headers,
          ...(req.payload === undefined ? {} : { payload: req.payload }),
        });
        const after = await snapshot();
        const problems = problemsWith(res.statusCode, res.body);
        if (res.statusCode >= 400) {
          const changed = Object.keys(after).filter((table) => JSON.stringify(after[table]) !== JSON.stringify(before[table]));
          if (changed.length) problems.push(`a refused request changed ${changed.map((t) => `${t} (${cut(JSON.stringify(after[t]), 300)})`).join(', ')}`);
        }
        before = after;
        if (route.url === '/api/v1/auth/sign-out' && res.statusCode < 300) leaving = await signIn(ctx.app, ws.admin.user);
        if (problems.length) {
          const sent = `${req.method} ${cut(req.url, 160)} [${req.headers['content-type'] ?? 'no content-type'}] ${cut(req.payload ?? '(no body)', 200)}`;
          throw new Error(`${problems.join('; ')}\n    sent: ${sent}\n    got:  ${res.statusCode} ${cut(res.body, 400)}`);
        }
      });
      const details = await fc.check(property, { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: 30_000, verbose: 0 });
      if (details.failed) {
        const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
        failures.push(
          `${route.method} ${route.url} — seed ${details.seed}, path "${details.counterexamplePath}", after ${details.numRuns} runs and ${details.numShrinks} shrinks:\n    ${error}`,
        );
      }
      // The rest of the walk needs the admin: a route that signed them out or demoted them would hide every later route behind 401/403.
      const me = await ws.admin.get<{ role: string }>('/api/v1/auth/me');
      if (me.status !== 200 || me.body.role !== 'admin') {
        failures.push(`after ${route.method} ${route.url} the admin session no longer works (${me.status} ${cut(me.text)}): the walk stops here`);
        break;
      }
    }
    expect(failures, `bad input that was not answered with a shaped 4xx (rerun with FC_SEED=${SEED})`).toEqual([]);
  });

  it('still has the records it started with, and they are still readable', async () => {
    for (const id of [parent.id, child.id]) expect((await ws.admin.get(`/api/v1/accounts/${id}`)).status).toBe(200);
    expect((await ws.admin.get('/api/v1/auth/me')).status).toBe(200);
  });
});
