import { created, type Factory, readJson, recordFor } from '../isolation.js';

/** Workspace A's tasks records for the isolation walker, by route prefix (see test/support/isolation.ts). */
export const taskFactories: Record<string, Factory> = {
  '/api/v1/tasks': async (world) => {
    const account = await recordFor(world, '/api/v1/accounts');
    const body = { accountId: account?.id, title: `${world.mark} task`, ownerId: world.a.admin.user.id, dueOn: '2020-01-01', priority: 'high' };
    const id = await created(await world.a.admin.post('/api/v1/tasks', body), 'a task');
    return { id, bodies: { PATCH: { title: 'Renamed by B', status: 'done' } }, read: readJson(`/api/v1/tasks/${id}`) };
  },
};
