import { IdParams } from '../../domain/schemas.js';
import { type App, actorOf } from '../../server/types.js';
import { AccountUsage, RematchResult, UnmatchedPage, UnmatchedQuery, UnmatchedSummary, UsageCatalog, UsageQuery } from './contracts.js';
import { accountUsage, dateRange, listUnmatched, rematchAll, unmatchedSummary, usageCatalog } from './service.js';

export async function usageRoutes(app: App): Promise<void> {
  const { database } = app.deps;
  const tags = ['Usage'];

  app.get(
    '/api/v1/usage/unmatched',
    { config: { access: 'viewer' }, schema: { tags, querystring: UnmatchedQuery, response: { 200: UnmatchedPage } } },
    async (req) => listUnmatched(database, actorOf(req), req.query),
  );

  app.get('/api/v1/usage/unmatched/summary', { config: { access: 'viewer' }, schema: { tags, response: { 200: UnmatchedSummary } } }, async (req) =>
    unmatchedSummary(database, actorOf(req)),
  );

  app.post('/api/v1/usage/rematch', { config: { access: 'manager' }, schema: { tags, response: { 200: RematchResult } } }, async (req) => ({
    matched: await rematchAll(database, actorOf(req)),
  }));

  app.get('/api/v1/usage/catalog', { config: { access: 'viewer' }, schema: { tags, response: { 200: UsageCatalog } } }, async (req) =>
    usageCatalog(database, actorOf(req)),
  );

  app.get(
    '/api/v1/accounts/:id/usage',
    { config: { access: 'viewer' }, schema: { tags, params: IdParams, querystring: UsageQuery, response: { 200: AccountUsage } } },
    async (req) => accountUsage(database, actorOf(req), req.params.id, dateRange(req.query)),
  );
}
