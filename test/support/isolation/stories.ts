import { created, type Factory, readJson, recordFor } from '../isolation.js';

/** Workspace A's stories records for the isolation walker, by route prefix (see test/support/isolation.ts). */
export const storyFactories: Record<string, Factory> = {
  '/api/v1/stories': async (world) => {
    const account = await recordFor(world, '/api/v1/accounts');
    const body = { accountId: account?.id, title: `${world.mark} story`, body: `How **${world.mark}** went live.` };
    const id = await created(await world.a.admin.post('/api/v1/stories', body), 'a story');
    return { id, bodies: { PATCH: { title: 'Renamed by B', body: 'Rewritten by B' } }, read: readJson(`/api/v1/stories/${id}`) };
  },
};
