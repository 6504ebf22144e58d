import { beforeAll, expect, it } from 'vitest';
import type { AccountDetail } from '../../src/modules/accounts/contracts.js';
import { forEachEngine } from '../support/engines.js';
import { expectError, makeClient, makeWorkspace, type Reply, type TestWorkspace } from '../support/factories.js';

const full = {
  name: 'Globex Corporation',
  externalId: 'crm-001',
  domain: 'Globex.example.com',
  industry: 'Manufacturing',
  region: 'EMEA',
  companySize: 'enterprise',
  arrMinor: 250_000_000,
  currency: 'EUR',
  deploymentStatus: 'under_implementation',
  lifecyclePhase: 'onboarding',
  touchTier: 'high',
  renewalDate: '2025-03-31',
  riskStatuses: ['feature_gaps', 'competitive_solution'],
  customFields: { 'Contract type': 'annual', seats: 120, strategic: true, note: null },
};

forEachEngine('accounts: create, read, update, delete', (ctx) => {
  let ws: TestWorkspace;
  beforeAll(async () => {
    ws = await makeWorkspace(ctx);
  });

  async function create(body: Record<string, unknown>): Promise<AccountDetail> {
    const res = await ws.admin.post<AccountDetail>('/api/v1/accounts', body);
    expect(res.status, res.text).toBe(201);
    return res.body;
  }

  it('creates an account with every field and reads it back', async () => {
    const csm = await ws.addUser('csm', { name: 'Casey CSM' });
    const created = await create({ ...full, ownerId: csm.user.id });
    expect(created).toMatchObject({
      ...full,
      domain: 'globex.example.com',
      ownerId: csm.user.id,
      ownerName: 'Casey CSM',
      revenueBand: '1M–5M',
      parentId: null,
      rollupArrMinor: 250_000_000,
      children: [],
      contactCount: 0,
    });
    expect(created.id).toMatch(/^[0-9A-Z]{26}$/);
    expect(Date.parse(created.createdAt)).not.toBeNaN();
    const read = await ws.admin.get<AccountDetail>(`/api/v1/accounts/${created.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created);
  });

  it('fills defaults: workspace currency, zero ARR, no risks, no custom fields', async () => {
    const created = await create({ name: 'Bare' });
    expect(created).toMatchObject({ currency: 'USD', arrMinor: 0, revenueBand: '< 1M', riskStatuses: [], customFields: {}, externalId: null, ownerId: null });
  });

  it('updates only the fields sent, and clears fields sent as null or empty', async () => {
    const created = await create({ ...full, externalId: 'crm-upd' });
    const res = await ws.admin.patch<AccountDetail>(`/api/v1/accounts/${created.id}`, {
      arrMinor: 600_000_000,
      region: null,
      domain: '',
      riskStatuses: ['lack_of_interest', 'lack_of_interest'],
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      ...full,
      externalId: 'crm-upd',
      domain: null,
      region: null,
      arrMinor: 600_000_000,
      revenueBand: '≥ 5M',
      riskStatuses: ['lack_of_interest'],
    });
    expect(res.body.updatedAt >= created.updatedAt).toBe(true);
    expect((await ws.admin.get<AccountDetail>(`/api/v1/accounts/${created.id}`)).body).toEqual(res.body);
  });

  it('deletes an account: then it is 404 everywhere', async () => {
    const created = await create({ name: 'Doomed' });
    expect((await ws.admin.del(`/api/v1/accounts/${created.id}`)).status).toBe(204);
    expectError(await ws.admin.get(`/api/v1/accounts/${created.id}`), 404);
    expectError(await ws.admin.patch(`/api/v1/accounts/${created.id}`, { name: 'Back' }), 404);
    expectError(await ws.admin.del(`/api/v1/accounts/${created.id}`), 404);
  });

  it('external ids are unique per workspace: 409 naming externalId, on create and on update', async () => {
    await create({ name: 'First', externalId: 'dup-1' });
    const duplicate = await ws.admin.post('/api/v1/accounts', { name: 'Second', externalId: 'dup-1' });
    expectError(duplicate, 409, 'externalId');
    const other = await create({ name: 'Third', externalId: 'dup-2' });
    expectError(await ws.admin.patch(`/api/v1/accounts/${other.id}`, { externalId: 'dup-1' }), 409, 'externalId');
    expect((await ws.admin.get<AccountDetail>(`/api/v1/accounts/${other.id}`)).body.externalId).toBe('dup-2');
    // Any number of accounts may have none, and another workspace may reuse the id.
    await create({ name: 'No id 1' });
    await create({ name: 'No id 2', externalId: '' });
    const elsewhere = await makeWorkspace(ctx);
    expect((await elsewhere.admin.post('/api/v1/accounts', { name: 'Elsewhere', externalId: 'dup-1' })).status).toBe(201);
  });

  it('the owner must be a member of the workspace', async () => {
    const outsider = await makeWorkspace(ctx);
    expectError(await ws.admin.post('/api/v1/accounts', { name: 'Owned', ownerId: outsider.admin.user.id }), 400, 'ownerId');
    expectError(await ws.admin.post('/api/v1/accounts', { name: 'Owned', ownerId: '01HZZZZZZZZZZZZZZZZZZZZZZZ' }), 400, 'ownerId');
    const created = await create({ name: 'Owned later' });
    expectError(await ws.admin.patch(`/api/v1/accounts/${created.id}`, { ownerId: outsider.admin.user.id }), 400, 'ownerId');
    expect((await ws.admin.patch<AccountDetail>(`/api/v1/accounts/${created.id}`, { ownerId: ws.admin.user.id })).body.ownerName).toBe('Ada Admin');
  });

  it('rolls ARR up a three-level hierarchy and refuses cycles with 400 naming parentId', async () => {
    const top = await create({ name: 'Top', arrMinor: 100_000 });
    const middle = await create({ name: 'Middle', arrMinor: 20_000, parentId: top.id });
    const leaf = await create({ name: 'Leaf', arrMinor: 3_000, parentId: middle.id });
    const sibling = await create({ name: 'Sibling', arrMinor: 400, parentId: top.id });
    const topDetail = (await ws.admin.get<AccountDetail>(`/api/v1/accounts/${top.id}`)).body;
    expect(topDetail.rollupArrMinor).toBe(123_400);
    expect(topDetail.children.map((c) => c.name)).toEqual(['Middle', 'Sibling']);
    expect((await ws.admin.get<AccountDetail>(`/api/v1/accounts/${middle.id}`)).body).toMatchObject({ rollupArrMinor: 23_000, parentName: 'Top' });
    expect((await ws.admin.get<AccountDetail>(`/api/v1/accounts/${leaf.id}`)).body.rollupArrMinor).toBe(3_000);

    // Under itself, under its child, under its grandchild: all cycles.
    for (const parentId of [top.id, middle.id, leaf.id]) expectError(await ws.admin.patch(`/api/v1/accounts/${top.id}`, { parentId }), 400, 'parentId');
    expectError(await ws.admin.patch(`/api/v1/accounts/${middle.id}`, { parentId: leaf.id }), 400, 'parentId');
    expectError(await ws.admin.post('/api/v1/accounts', { name: 'Orphan', parentId: '01HZZZZZZZZZZZZZZZZZZZZZZZ' }), 400, 'parentId');
    expect((await ws.admin.get<AccountDetail>(`/api/v1/accounts/${top.id}`)).body.parentId).toBeNull();

    // Moving the leaf under the sibling moves its ARR with it.
    await ws.admin.patch(`/api/v1/accounts/${leaf.id}`, { parentId: sibling.id });
    expect((await ws.admin.get<AccountDetail>(`/api/v1/accounts/${middle.id}`)).body.rollupArrMinor).toBe(20_000);
    expect((await ws.admin.get<AccountDetail>(`/api/v1/accounts/${sibling.id}`)).body.rollupArrMinor).toBe(3_400);
    expect((await ws.admin.get<AccountDetail>(`/api/v1/accounts/${top.id}`)).body.rollupArrMinor).toBe(123_400);
    // Deleting a parent leaves its children at the top.
    expect((await ws.admin.del(`/api/v1/accounts/${sibling.id}`)).status).toBe(204);
    expect((await ws.admin.get<AccountDetail>(`/api/v1/accounts/${leaf.id}`)).body.parentId).toBeNull();
    expect((await ws.admin.get<AccountDetail>(`/api/v1/accounts/${top.id}`)).body.rollupArrMinor).toBe(120_000);
  });

  const badInputs: Array<[string, Record<string, unknown>]> = [
    ['name', { name: '' }],
    ['name', { name: 'x'.repeat(201) }],
    ['arrMinor', { arrMinor: -1 }],
    ['arrMinor', { arrMinor: 1.5 }],
    ['arrMinor', { arrMinor: '100' }],
    ['currency', { currency: 'usd' }],
    ['domain', { domain: 'not a domain' }],
    ['companySize', { companySize: 'huge' }],
    ['deploymentStatus', { deploymentStatus: 'Deployed' }],
    ['lifecyclePhase', { lifecyclePhase: 'churned' }],
    ['touchTier', { touchTier: 'low' }],
    ['renewalDate', { renewalDate: '2025-02-30' }],
    ['renewalDate', { renewalDate: '31/12/2025' }],
    ['riskStatuses', { riskStatuses: ['bored'] }],
    ['riskStatuses', { riskStatuses: 'feature_gaps' }],
    ['ownerId', { ownerId: 'not an id!' }],
    ['parentId', { parentId: 5 }],
    ['customFields', { customFields: { '9lives': 1 } }],
    ['customFields', { customFields: { nested: { a: 1 } } }],
  ];

  function namesField(reply: Reply<unknown>, field: string): void {
    expect(reply.status, reply.text).toBe(400);
    const issues = (reply.body as { error: { issues: Array<{ field: string; rule: string; message: string }> } }).error.issues;
    expect(
      issues.some((i) => i.field === field || i.field.startsWith(`${field}.`)),
      reply.text,
    ).toBe(true);
    for (const issue of issues) expect(issue.rule && issue.message).toBeTruthy();
  }

  it('refuses bad input on create with 400 naming the field, and creates nothing', async () => {
    const own = await makeWorkspace(ctx);
    for (const [field, body] of badInputs) namesField(await own.admin.post('/api/v1/accounts', { name: 'Valid name', ...body }), field);
    const list = await own.admin.get<{ total: number }>('/api/v1/accounts');
    expect(list.body.total).toBe(0);
  });

  it('refuses bad input on update with 400 naming the field, and changes nothing', async () => {
    const created = await create({ ...full, externalId: 'crm-bad' });
    for (const [field, body] of badInputs) namesField(await ws.admin.patch(`/api/v1/accounts/${created.id}`, body), field);
    expect((await ws.admin.get<AccountDetail>(`/api/v1/accounts/${created.id}`)).body).toEqual(created);
  });

  it('refuses malformed JSON, a wrong id format and an oversized body with 4xx, never 500', async () => {
    const raw = makeClient(ctx.app, { cookie: ws.admin.cookie, 'x-csrf-token': ws.admin.csrfToken, 'content-type': 'application/json' });
    const malformed = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: { cookie: ws.admin.cookie, 'x-csrf-token': ws.admin.csrfToken, 'content-type': 'application/json' },
      payload: '{"name": "broken',
    });
    expect(malformed.statusCode).toBe(400);
    expectError(await raw.get('/api/v1/accounts/not%20an%20id!'), 400, 'id');
    const huge = await ws.admin.post('/api/v1/accounts', { name: 'Huge', customFields: { big: 'x'.repeat(2000) }, padding: 'y'.repeat(1_100_000) });
    expectError(huge, 413);
  });

  it('viewers read but cannot write accounts', async () => {
    const created = await create({ name: 'Look only' });
    const viewer = await ws.addUser('viewer');
    expect((await viewer.get(`/api/v1/accounts/${created.id}`)).status).toBe(200);
    expectError(await viewer.post('/api/v1/accounts', { name: 'Nope' }), 403);
    expectError(await viewer.patch(`/api/v1/accounts/${created.id}`, { name: 'Nope' }), 403);
    expectError(await viewer.del(`/api/v1/accounts/${created.id}`), 403);
    expect((await ws.admin.get<AccountDetail>(`/api/v1/accounts/${created.id}`)).body.name).toBe('Look only');
  });
});
