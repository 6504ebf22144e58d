import { created, type Factory, readJson, recordFor } from '../isolation.js';

/** Workspace A's risks records for the isolation walker, by route prefix (see test/support/isolation.ts). */
export const riskFactories: Record<string, Factory> = {
  '/api/v1/risk-types': async ({ a, mark }) => {
    const id = await created(await a.admin.post('/api/v1/risk-types', { label: `${mark} risk type`, riskStatus: 'feature_gaps' }), 'a risk type');
    return {
      id,
      bodies: { PATCH: { label: 'Renamed by B' } },
      read: async (client) => {
        const list = await client.get<{ items: Array<{ id: string }> }>('/api/v1/risk-types');
        return list.body.items.find((t) => t.id === id);
      },
    };
  },
  '/api/v1/risks': async (world) => {
    const account = await recordFor(world, '/api/v1/accounts');
    const type = await recordFor(world, '/api/v1/risk-types');
    const body = { accountId: account?.id, riskTypeId: type?.id, title: `${world.mark} risk`, severity: 'high', identifiedOn: '2026-01-15' };
    const id = await created(await world.a.admin.post('/api/v1/risks', body), 'a risk');
    return { id, bodies: { PATCH: { title: 'Renamed by B', status: 'mitigated' } }, read: readJson(`/api/v1/risks/${id}`) };
  },
};
