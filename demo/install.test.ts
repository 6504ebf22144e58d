import { expect, it } from 'vitest';
import type { AccountDetail, AccountPage } from '../src/modules/accounts/contracts.js';
import { addMember, createWorkspace } from '../src/modules/workspaces/service.js';
import { forEachEngine } from '../test/support/engines.js';
import { PASSWORD, signIn } from '../test/support/factories.js';
import { DEMO_ACCOUNT_COUNT, DEMO_USERS } from './generate.js';
import { DEMO_LOGIN, DEMO_WORKSPACE_NAME, findDemoWorkspace, hasAnyWorkspace, installDemo } from './install.js';

forEachEngine('demo workspace install', (ctx) => {
  let workspaceId = '';

  it('installs the demo on an empty database quickly, and the demo login signs in to it', async () => {
    expect(await hasAnyWorkspace(ctx.database)).toBe(false);
    const started = Date.now();
    const result = await installDemo(ctx.database, { today: '2025-03-01', usage: false });
    // The budget is for the embedded default; a networked PostgreSQL pays a round trip per statement.
    if (ctx.engine === 'sqlite') expect(Date.now() - started).toBeLessThan(10_000);
    expect(result).toMatchObject({ created: true, login: DEMO_LOGIN });
    workspaceId = result.workspaceId;

    const admin = await signIn(ctx.app, { id: '', name: '', ...DEMO_LOGIN });
    expect(admin.me.workspace).toMatchObject({ id: workspaceId, name: DEMO_WORKSPACE_NAME });
    expect(admin.me.role).toBe('admin');
    const page = await admin.get<AccountPage>('/api/v1/accounts?limit=1&sort=-arr');
    expect(page.body.total).toBe(DEMO_ACCOUNT_COUNT);
    const top = await admin.get<AccountDetail>(`/api/v1/accounts/${page.body.items[0]?.id}`);
    expect(top.body.touchTier).toBe('high');
    expect(top.body.ownerName).not.toBeNull();
    expect(top.body.contactCount).toBeGreaterThanOrEqual(3);
    // Hierarchies survive the install: some account has children and rolls up their ARR.
    const parents = await admin.get<AccountPage>('/api/v1/accounts?parentId=none&companySize=enterprise&limit=100');
    const details = await Promise.all(parents.body.items.map((a) => admin.get<AccountDetail>(`/api/v1/accounts/${a.id}`)));
    const group = details.find((d) => d.body.children.length > 0)?.body;
    expect(group?.rollupArrMinor).toBeGreaterThan(group?.arrMinor ?? 0);
  });

  it('every demo person can sign in with the demo password and has the expected role', async () => {
    for (const user of DEMO_USERS) {
      const session = await signIn(ctx.app, { id: '', name: user.name, email: user.email, password: DEMO_LOGIN.password });
      expect(session.me.role).toBe(user.role);
    }
  });

  it('leaves an existing demo alone without --reset', async () => {
    const again = await installDemo(ctx.database);
    expect(again).toMatchObject({ created: false, workspaceId });
  });

  it('reset rebuilds the demo, removes people only in it, and keeps everything else', async () => {
    const other = await createWorkspace(ctx.database, 'Other Co');
    // Someone in both workspaces keeps their login; someone only in the demo goes with it.
    const shared = await addMember(ctx.database, other.id, { email: 'shared@other.example', name: 'Sam Shared', role: 'admin', password: PASSWORD });
    await addMember(ctx.database, workspaceId, { email: shared.email, name: shared.name, role: 'viewer' });
    await addMember(ctx.database, workspaceId, { email: 'gone@demo.example', name: 'Gina Gone', role: 'csm', password: PASSWORD });

    const reset = await installDemo(ctx.database, { reset: true, today: '2025-03-01', usage: false });
    expect(reset.created).toBe(true);
    expect(reset.workspaceId).not.toBe(workspaceId);
    expect((await findDemoWorkspace(ctx.database))?.id).toBe(reset.workspaceId);
    const emails = (await ctx.database.db.selectFrom('users').select('email').execute()).map((u) => u.email);
    expect(emails).toContain('shared@other.example');
    expect(emails).not.toContain('gone@demo.example');
    const workspaces = await ctx.database.db.selectFrom('workspaces').select('id').execute();
    expect(workspaces.map((w) => w.id).sort()).toEqual([other.id, reset.workspaceId].sort());
    const stale = await ctx.database.db.selectFrom('accounts').select('id').where('workspace_id', '=', workspaceId).execute();
    expect(stale).toEqual([]);
    const admin = await signIn(ctx.app, { id: '', name: '', ...DEMO_LOGIN });
    expect((await admin.get<AccountPage>('/api/v1/accounts?limit=1')).body.total).toBe(DEMO_ACCOUNT_COUNT);
  });
});
