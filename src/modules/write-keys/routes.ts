import { z } from 'zod';
import { IdParams } from '../../domain/schemas.js';
import { type App, actorOf } from '../../server/types.js';
import { WriteKeyCreate, WriteKeyCreated, WriteKeyList } from './contracts.js';
import { createWriteKey, listWriteKeys, revokeWriteKey } from './service.js';

export async function writeKeyRoutes(app: App): Promise<void> {
  const { database } = app.deps;
  const tags = ['Write keys'];

  app.get('/api/v1/write-keys', { config: { access: 'admin' }, schema: { tags, response: { 200: WriteKeyList } } }, async (req) => ({
    items: await listWriteKeys(database, actorOf(req)),
  }));

  app.post(
    '/api/v1/write-keys',
    { config: { access: 'admin' }, schema: { tags, body: WriteKeyCreate, response: { 201: WriteKeyCreated } } },
    async (req, reply) => {
      reply.code(201);
      return createWriteKey(database, actorOf(req), req.body);
    },
  );

  app.delete('/api/v1/write-keys/:id', { config: { access: 'admin' }, schema: { tags, params: IdParams, response: { 204: z.null() } } }, async (req, reply) => {
    await revokeWriteKey(database, actorOf(req), req.params.id);
    return reply.code(204).send(null);
  });
}
