import { expect } from 'vitest';
import type { Role } from '../../src/domain/enums.js';
import type { Me } from '../../src/modules/auth/contracts.js';
import { addMember, createWorkspace } from '../../src/modules/workspaces/service.js';
import type { App } from '../../src/server/types.js';
import type { EngineContext } from './engines.js';

export const PASSWORD = 'correct horse battery staple';

export interface Reply<T> {
  status: number;
  /** Parsed JSON (null when the body is empty or not JSON). */
  body: T;
  text: string;
  headers: Record<string, string | string[] | number | undefined>;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Error bodies, as src/server/error-handler.ts sends them. */
export interface ErrorReply {
  error: { code: string; message: string; issues: Array<{ field: string; rule: string; message: string; value?: unknown }> };
}

export interface Client {
  request<T = ErrorReply>(method: Method, url: string, body?: unknown, headers?: Record<string, string>): Promise<Reply<T>>;
  get<T = ErrorReply>(url: string): Promise<Reply<T>>;
  post<T = ErrorReply>(url: string, body?: unknown): Promise<Reply<T>>;
  patch<T = ErrorReply>(url: string, body?: unknown): Promise<Reply<T>>;
  put<T = ErrorReply>(url: string, body?: unknown): Promise<Reply<T>>;
  del<T = ErrorReply>(url: string): Promise<Reply<T>>;
}

export interface TestUser {
  id: string;
  email: string;
  name: string;
  password: string;
}

export interface SessionClient extends Client {
  user: TestUser;
  cookie: string;
  csrfToken: string;
  me: Me;
}

export interface KeyClient extends Client {
  /** The API key row id and the secret itself. */
  keyId: string;
  key: string;
  role: Role;
}

export interface TestWorkspace {
  id: string;
  name: string;
  /** The first admin, signed in. */
  admin: SessionClient;
  /** Signed in with the role asked for (the admin when none was). */
  client: SessionClient;
  addUser(role: Role, options?: { name?: string }): Promise<SessionClient>;
  createApiKey(role?: Role): Promise<KeyClient>;
}

let counter = 0;
/** Unique across files running in parallel (random) and within a file (counter). */
export function unique(prefix = 'x'): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}${counter}`;
}

export function makeClient(app: App, fixedHeaders: Record<string, string> = {}): Client {
  const request = async <T>(method: Method, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> => {
    const res = await app.inject({
      method,
      url,
      headers: { ...fixedHeaders, ...headers },
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });
    let parsed: unknown = null;
    if (String(res.headers['content-type'] ?? '').includes('json') && res.body !== '') parsed = JSON.parse(res.body);
    return { status: res.statusCode, body: parsed as T, text: res.body, headers: res.headers };
  };
  return {
    request,
    get: (url) => request('GET', url),
    post: (url, body) => request('POST', url, body ?? {}),
    patch: (url, body) => request('PATCH', url, body ?? {}),
    put: (url, body) => request('PUT', url, body ?? {}),
    del: (url) => request('DELETE', url),
  };
}

export function anonymous(ctx: EngineContext): Client {
  return makeClient(ctx.app);
}

export function bearer(app: App, key: string): Client {
  return makeClient(app, { authorization: `Bearer ${key}` });
}

/** Signs in over HTTP, as the web app does, and keeps the cookie and CSRF token. */
export async function signIn(app: App, user: TestUser): Promise<SessionClient> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: user.email, password: user.password } });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'kw_session');
  if (!cookie) throw new Error('sign-in set no kw_session cookie');
  const me = res.json<Me>();
  const client = makeClient(app, { cookie: `kw_session=${cookie.value}`, 'x-csrf-token': me.csrfToken });
  return { ...client, user, cookie: `kw_session=${cookie.value}`, csrfToken: me.csrfToken, me };
}

/** Adds a person (a new login) to a workspace directly through the service, without signing in. */
export async function addTestUser(ctx: EngineContext, workspaceId: string, role: Role, name = 'Test User'): Promise<TestUser> {
  const email = `${unique('u')}@example.com`;
  const member = await addMember(ctx.database, workspaceId, { email, name, role, password: PASSWORD });
  return { id: member.id, email, name, password: PASSWORD };
}

/** A workspace with a signed-in admin (and, with `role`, a signed-in person of that role). */
export async function makeWorkspace(ctx: EngineContext, options: { role?: Role; name?: string } = {}): Promise<TestWorkspace> {
  const workspace = await createWorkspace(ctx.database, options.name ?? `Workspace ${unique()}`);
  const admin = await signIn(ctx.app, await addTestUser(ctx, workspace.id, 'admin', 'Ada Admin'));
  const addUser = async (role: Role, opts: { name?: string } = {}) => signIn(ctx.app, await addTestUser(ctx, workspace.id, role, opts.name));
  const client = options.role && options.role !== 'admin' ? await addUser(options.role) : admin;
  const createApiKey = async (role: Role = 'admin'): Promise<KeyClient> => {
    const res = await admin.post<{ id: string; key: string }>('/api/v1/api-keys', { name: `key ${unique()}`, role });
    expect(res.status, res.text).toBe(201);
    return { ...bearer(ctx.app, res.body.key), keyId: res.body.id, key: res.body.key, role };
  };
  return { id: workspace.id, name: workspace.name, admin, client, addUser, createApiKey };
}

/** Asserts an error reply: its status, and (when given) an issue naming `field`. */
export function expectError(reply: Reply<unknown>, status: number, field?: string): void {
  expect(reply.status, reply.text).toBe(status);
  const body = reply.body as ErrorReply;
  expect(body?.error?.message, reply.text).toBeTruthy();
  if (field)
    expect(
      body.error.issues.map((i) => i.field),
      reply.text,
    ).toContain(field);
}
