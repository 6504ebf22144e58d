import { IdParams } from '../../domain/schemas.js';
import { type App, actorOf } from '../../server/types.js';
import { AccountLifecycle, LifecycleMove, LifecycleSummary, LifecycleSummaryQuery } from './contracts.js';
import { getLifecycle, lifecycleSummary, moveLifecycle } from './service.js';

export async function lifecycleRoutes(app: App): Promise<void> {
  const { database } = app.deps;
  const tags = ['Lifecycle'];

  app.get(
    '/api/v1/accounts/:id/lifecycle',
    { config: { access: 'viewer' }, schema: { tags, params: IdParams, response: { 200: AccountLifecycle } } },
    async (req) => getLifecycle(database, actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/accounts/:id/lifecycle',
    { config: { access: 'csm' }, schema: { tags, params: IdParams, body: LifecycleMove, response: { 200: AccountLifecycle } } },
    async (req) => moveLifecycle(database, actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/lifecycle/summary',
    { config: { access: 'viewer' }, schema: { tags, querystring: LifecycleSummaryQuery, response: { 200: LifecycleSummary } } },
    async (req) => lifecycleSummary(database, actorOf(req), req.query),
  );
}
