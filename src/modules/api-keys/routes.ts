import { z } from 'zod';
import { IdParams } from '../../domain/schemas.js';
import { type App, actorOf } from '../../server/types.js';
import { ApiKeyCreate, ApiKeyCreated, ApiKeyList } from './contracts.js';
import { createApiKey, listApiKeys, revokeApiKey } from './service.js';

export async function apiKeyRoutes(app: App): Promise<void> {
  const { database } = app.deps;
  const tags = ['API keys'];

  app.get('/api/v1/api-keys', { config: { access: 'admin' }, schema: { tags, response: { 200: ApiKeyList } } }, async (req) => ({
    items: await listApiKeys(database, actorOf(req)),
  }));

  app.post('/api/v1/api-keys', { config: { access: 'admin' }, schema: { tags, body: ApiKeyCreate, response: { 201: ApiKeyCreated } } }, async (req, reply) => {
    reply.code(201);
    return createApiKey(database, actorOf(req), req.body);
  });

  app.delete('/api/v1/api-keys/:id', { config: { access: 'admin' }, schema: { tags, params: IdParams, response: { 204: z.null() } } }, async (req, reply) => {
    await revokeApiKey(database, actorOf(req), req.params.id);
    return reply.code(204).send(null);
  });
}
