import { z } from 'zod';
import { IdParams } from '../../domain/schemas.js';
import { type App, actorOf } from '../../server/types.js';
import { InternalRequest, RequestCreate, RequestListQuery, RequestPage, RequestPatch } from './contracts.js';
import { createRequest, deleteRequest, followUpRequest, getRequest, listRequests, updateRequest } from './service.js';

/** Internal requests to colleagues: anyone reads them, CSMs and up ask, answer and follow up. */
export async function requestRoutes(app: App): Promise<void> {
  const { database } = app.deps;
  const tags = ['Internal requests'];

  app.get('/api/v1/requests', { config: { access: 'viewer' }, schema: { tags, querystring: RequestListQuery, response: { 200: RequestPage } } }, async (req) =>
    listRequests(database, actorOf(req), req.query),
  );

  app.post('/api/v1/requests', { config: { access: 'csm' }, schema: { tags, body: RequestCreate, response: { 201: InternalRequest } } }, async (req, reply) => {
    reply.code(201);
    return createRequest(database, actorOf(req), req.body);
  });

  app.get('/api/v1/requests/:id', { config: { access: 'viewer' }, schema: { tags, params: IdParams, response: { 200: InternalRequest } } }, async (req) =>
    getRequest(database, actorOf(req), req.params.id),
  );

  app.patch(
    '/api/v1/requests/:id',
    { config: { access: 'csm' }, schema: { tags, params: IdParams, body: RequestPatch, response: { 200: InternalRequest } } },
    async (req) => updateRequest(database, actorOf(req), req.params.id, req.body),
  );

  app.delete('/api/v1/requests/:id', { config: { access: 'csm' }, schema: { tags, params: IdParams, response: { 204: z.null() } } }, async (req, reply) => {
    await deleteRequest(database, actorOf(req), req.params.id);
    return reply.code(204).send(null);
  });

  app.post(
    '/api/v1/requests/:id/follow-up',
    { config: { access: 'csm' }, schema: { tags, params: IdParams, response: { 200: InternalRequest } } },
    async (req) => followUpRequest(database, actorOf(req), req.params.id),
  );
}
