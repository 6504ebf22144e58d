import { expect } from 'vitest';
import type { ApplyResult } from '../../../src/modules/playbooks/contracts.js';
import { created, type Factory, readJson, recordFor } from '../isolation.js';

/** Workspace A's playbooks records for the isolation walker, by route prefix (see test/support/isolation.ts). */
export const playbookFactories: Record<string, Factory> = {
  '/api/v1/playbooks': async (world) => {
    const account = await recordFor(world, '/api/v1/accounts');
    const id = await created(await world.a.admin.post('/api/v1/playbooks/from-template', { templateKey: 'checklist-adopt' }), 'a playbook');
    const renamed = await world.a.admin.patch(`/api/v1/playbooks/${id}`, { name: `${world.mark} playbook` });
    expect(renamed.status, renamed.text).toBe(200);
    return {
      id,
      // POST is /api/v1/playbooks/:id/apply.
      bodies: { PATCH: { name: 'Renamed by B', items: [] }, POST: { accountIds: [account?.id], startOn: '2026-01-01' } },
      read: readJson(`/api/v1/playbooks/${id}`),
    };
  },
  '/api/v1/playbook-runs': async (world) => {
    const account = await recordFor(world, '/api/v1/accounts');
    const playbook = await recordFor(world, '/api/v1/playbooks');
    const res = await world.a.admin.post<ApplyResult>(`/api/v1/playbooks/${playbook?.id}/apply`, { accountIds: [account?.id], startOn: '2026-01-01' });
    expect(res.status, res.text).toBe(201);
    const id = res.body.runs[0]?.id ?? '';
    return { id, bodies: { PATCH: { status: 'cancelled' } }, read: readJson(`/api/v1/playbook-runs/${id}`) };
  },
};
