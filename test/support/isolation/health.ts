import type { Scorecard, ScorecardList } from '../../../src/modules/health/contracts.js';
import { created, type Factory, readJson, recordFor } from '../isolation.js';

/** Workspace A's health records for the isolation walker, by route prefix (see test/support/isolation.ts). */
const manual = { name: 'Sentiment', source: { kind: 'manual', min: 0, max: 10 }, mapping: { kind: 'linear', worst: 0, best: 10 }, weight: 1 };

export const healthFactories: Record<string, Factory> = {
  '/api/v1/scorecards': async ({ a, mark }) => {
    const body = { name: `${mark} scorecard`, measures: [manual] };
    const id = await created(await a.admin.post('/api/v1/scorecards', body), 'a scorecard');
    return { id, bodies: { PATCH: { name: 'Renamed by B' } }, read: readJson(`/api/v1/scorecards/${id}`) };
  },
  // The measure id of PUT/DELETE /api/v1/accounts/:id/manual-measures/:measureId: A's default manual measure, set on A's account.
  '/api/v1/accounts/:id/manual-measures': async (world) => {
    const account = await recordFor(world, '/api/v1/accounts');
    const cards = await world.a.admin.get<ScorecardList>('/api/v1/scorecards');
    const card = cards.body.items.find((c) => c.templateKey === 'customer-health') as Scorecard;
    const measure = card.measures.find((m) => m.source.kind === 'manual');
    if (!measure || !account) throw new Error('no manual measure in A');
    const res = await world.a.admin.put(`/api/v1/accounts/${account.id}/manual-measures/${measure.id}`, { value: 3, comment: `${world.mark} note` });
    if (res.status !== 200) throw new Error(`setting a manual value in A: ${res.text}`);
    return { id: measure.id, bodies: { PUT: { value: 2 } }, read: readJson(`/api/v1/accounts/${account.id}/manual-measures`) };
  },
};
