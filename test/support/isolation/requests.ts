import { created, type Factory, readJson, recordFor } from '../isolation.js';

/** Workspace A's requests records for the isolation walker, by route prefix (see test/support/isolation.ts). */
export const requestFactories: Record<string, Factory> = {
  '/api/v1/requests': async (world) => {
    const account = await recordFor(world, '/api/v1/accounts');
    const body = { accountId: account?.id, title: `${world.mark} request`, assigneeId: world.a.admin.user.id };
    const id = await created(await world.a.admin.post('/api/v1/requests', body), 'an internal request');
    return {
      id,
      bodies: { PATCH: { title: 'Renamed by B', status: 'done' }, POST: {} },
      // stalled and daysWaiting move with the clock; the rest must not change.
      read: async (client) => {
        const { stalled: _s, daysWaiting: _d, ...rest } = (await readJson(`/api/v1/requests/${id}`)(client)) as unknown as Record<string, unknown>;
        return rest;
      },
    };
  },
};
