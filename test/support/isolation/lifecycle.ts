import { expect } from 'vitest';
import type { AccountLifecycle } from '../../../src/modules/lifecycle/contracts.js';
import { type Factory, readJson, recordFor } from '../isolation.js';

/** Workspace A's lifecycle records for the isolation walker, by route prefix (see test/support/isolation.ts). */
export const lifecycleFactories: Record<string, Factory> = {
  // Routes with an id are under /api/v1/accounts/:id; this gives A's account a history (with A's mark in its note)
  // that B's lifecycle summary and lifecycle reads must never show.
  '/api/v1/lifecycle': async (world) => {
    const account = await recordFor(world, '/api/v1/accounts');
    const res = await world.a.admin.post<AccountLifecycle>(`/api/v1/accounts/${account?.id}/lifecycle`, { phase: 'adoption', note: `${world.mark} moved` });
    expect(res.status, res.text).toBe(200);
    const change = res.body.history[0];
    return { id: change?.id ?? '', read: readJson(`/api/v1/accounts/${account?.id}/lifecycle`) };
  },
};
