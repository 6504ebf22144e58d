import { created, type Factory, readJson, recordFor } from '../isolation.js';

/** Workspace A's red-flags records for the isolation walker, by route prefix (see test/support/isolation.ts). */
export const redFlagFactories: Record<string, Factory> = {
  '/api/v1/red-flags': async (world) => {
    const account = await recordFor(world, '/api/v1/accounts');
    const id = await created(
      await world.a.admin.post('/api/v1/red-flags', { accountId: account?.id, kind: 'budget_cut', note: `${world.mark} flag` }),
      'a red flag',
    );
    return { id, bodies: { PATCH: { status: 'resolved', resolution: 'Resolved by B' } }, read: readJson(`/api/v1/red-flags/${id}`) };
  },
};
