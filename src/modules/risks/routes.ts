import { z } from 'zod';
import { IdParams } from '../../domain/schemas.js';
import { type App, actorOf } from '../../server/types.js';
import {
  AccountRiskListQuery,
  Risk,
  RiskCreate,
  RiskListQuery,
  RiskMeasures,
  RiskMeasuresQuery,
  RiskPage,
  RiskPatch,
  RiskType,
  RiskTypeCreate,
  RiskTypeList,
  RiskTypeListQuery,
  RiskTypePatch,
} from './contracts.js';
import { riskMeasures } from './measures.js';
import { createRisk, deleteRisk, getRisk, listAccountRisks, listRisks, updateRisk } from './service.js';
import { createRiskType, deleteRiskType, listRiskTypes, updateRiskType } from './types.js';

export async function riskRoutes(app: App): Promise<void> {
  const { database } = app.deps;
  const tags = ['Risks'];

  app.get(
    '/api/v1/risk-types',
    { config: { access: 'viewer' }, schema: { tags, querystring: RiskTypeListQuery, response: { 200: RiskTypeList } } },
    async (req) => listRiskTypes(database, actorOf(req), req.query),
  );

  app.post('/api/v1/risk-types', { config: { access: 'manager' }, schema: { tags, body: RiskTypeCreate, response: { 201: RiskType } } }, async (req, reply) => {
    reply.code(201);
    return createRiskType(database, actorOf(req), req.body);
  });

  app.patch(
    '/api/v1/risk-types/:id',
    { config: { access: 'manager' }, schema: { tags, params: IdParams, body: RiskTypePatch, response: { 200: RiskType } } },
    async (req) => updateRiskType(database, actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/risk-types/:id',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        description: 'Deletes a type no risk uses. A type in use answers 409: deactivate it (PATCH active: false), which hides it from new risks.',
        params: IdParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await deleteRiskType(database, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get('/api/v1/risks', { config: { access: 'viewer' }, schema: { tags, querystring: RiskListQuery, response: { 200: RiskPage } } }, async (req) =>
    listRisks(database, actorOf(req), req.query),
  );

  // A static path: fastify matches it before /api/v1/risks/:id.
  app.get(
    '/api/v1/risks/measures',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        description:
          'Days from first warning signal to risk logged (median, average), mitigated vs churned among ended risks, open risks by severity; over risks identified in from..to and owned by ownerId.',
        querystring: RiskMeasuresQuery,
        response: { 200: RiskMeasures },
      },
    },
    async (req) => riskMeasures(database, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/accounts/:id/risks',
    { config: { access: 'viewer' }, schema: { tags, params: IdParams, querystring: AccountRiskListQuery, response: { 200: RiskPage } } },
    async (req) => listAccountRisks(database, actorOf(req), req.params.id, req.query),
  );

  app.post('/api/v1/risks', { config: { access: 'csm' }, schema: { tags, body: RiskCreate, response: { 201: Risk } } }, async (req, reply) => {
    reply.code(201);
    return createRisk(database, actorOf(req), req.body);
  });

  app.get('/api/v1/risks/:id', { config: { access: 'viewer' }, schema: { tags, params: IdParams, response: { 200: Risk } } }, async (req) =>
    getRisk(database, actorOf(req), req.params.id),
  );

  app.patch('/api/v1/risks/:id', { config: { access: 'csm' }, schema: { tags, params: IdParams, body: RiskPatch, response: { 200: Risk } } }, async (req) =>
    updateRisk(database, actorOf(req), req.params.id, req.body),
  );

  app.delete('/api/v1/risks/:id', { config: { access: 'csm' }, schema: { tags, params: IdParams, response: { 204: z.null() } } }, async (req, reply) => {
    await deleteRisk(database, actorOf(req), req.params.id);
    return reply.code(204).send(null);
  });
}
