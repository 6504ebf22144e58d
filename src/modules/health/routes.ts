import { z } from 'zod';
import { Id, IdParams } from '../../domain/schemas.js';
import { type App, actorOf } from '../../server/types.js';
import { settleRollups } from '../ingest/rollup-queue.js';
import { accountHealth, deleteManualValue, listManualMeasures, setManualValue } from './account.js';
import { recomputeHealth } from './compute.js';
import {
  AccountHealth,
  ManualMeasureList,
  ManualValue,
  ManualValueInput,
  RecomputeResult,
  Scorecard,
  ScorecardInput,
  ScorecardList,
  ScorecardOrder,
  ScorecardPatch,
} from './contracts.js';
import { Movers, MoversQuery, Portfolio, PortfolioQuery } from './contracts-portfolio.js';
import { getMovers, getPortfolio } from './portfolio.js';
import { createScorecard, deleteScorecard, getScorecard, listScorecards, reorderScorecards, updateScorecard } from './service.js';

const MeasureParams = z.object({ id: Id, measureId: Id });

export async function healthRoutes(app: App): Promise<void> {
  const { database } = app.deps;
  const tags = ['Health'];

  app.get('/api/v1/scorecards', { config: { access: 'viewer' }, schema: { tags, response: { 200: ScorecardList } } }, async (req) =>
    listScorecards(database, actorOf(req)),
  );

  app.post(
    '/api/v1/scorecards',
    { config: { access: 'manager' }, schema: { tags, body: ScorecardInput, response: { 201: Scorecard } } },
    async (req, reply) => {
      reply.code(201);
      return createScorecard(database, actorOf(req), req.body);
    },
  );

  app.put(
    '/api/v1/scorecards/order',
    { config: { access: 'manager' }, schema: { tags, body: ScorecardOrder, response: { 200: ScorecardList } } },
    async (req) => reorderScorecards(database, actorOf(req), req.body.ids),
  );

  app.get('/api/v1/scorecards/:id', { config: { access: 'viewer' }, schema: { tags, params: IdParams, response: { 200: Scorecard } } }, async (req) =>
    getScorecard(database, actorOf(req), req.params.id),
  );

  app.patch(
    '/api/v1/scorecards/:id',
    { config: { access: 'manager' }, schema: { tags, params: IdParams, body: ScorecardPatch, response: { 200: Scorecard } } },
    async (req) => updateScorecard(database, actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/scorecards/:id',
    { config: { access: 'manager' }, schema: { tags, params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await deleteScorecard(database, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post('/api/v1/health/recompute', { config: { access: 'manager' }, schema: { tags, response: { 200: RecomputeResult } } }, async (req) => {
    const { workspaceId } = actorOf(req);
    // "Now" includes usage acknowledged a moment ago that the rollup worker has not folded yet.
    await settleRollups(database, workspaceId);
    return recomputeHealth(database, workspaceId, { cause: 'recompute' });
  });

  app.get(
    '/api/v1/health/portfolio',
    { config: { access: 'viewer' }, schema: { tags, querystring: PortfolioQuery, response: { 200: Portfolio } } },
    async (req) => getPortfolio(database, actorOf(req), req.query),
  );

  app.get('/api/v1/health/movers', { config: { access: 'viewer' }, schema: { tags, querystring: MoversQuery, response: { 200: Movers } } }, async (req) =>
    getMovers(database, actorOf(req), req.query),
  );

  app.get('/api/v1/accounts/:id/health', { config: { access: 'viewer' }, schema: { tags, params: IdParams, response: { 200: AccountHealth } } }, async (req) =>
    accountHealth(database, actorOf(req), req.params.id),
  );

  app.get(
    '/api/v1/accounts/:id/manual-measures',
    { config: { access: 'viewer' }, schema: { tags, params: IdParams, response: { 200: ManualMeasureList } } },
    async (req) => listManualMeasures(database, actorOf(req), req.params.id),
  );

  app.put(
    '/api/v1/accounts/:id/manual-measures/:measureId',
    { config: { access: 'csm' }, schema: { tags, params: MeasureParams, body: ManualValueInput, response: { 200: ManualValue } } },
    async (req) => setManualValue(database, actorOf(req), req.params.id, req.params.measureId, req.body),
  );

  app.delete(
    '/api/v1/accounts/:id/manual-measures/:measureId',
    { config: { access: 'csm' }, schema: { tags, params: MeasureParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await deleteManualValue(database, actorOf(req), req.params.id, req.params.measureId);
      return reply.code(204).send(null);
    },
  );
}
