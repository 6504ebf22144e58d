import { z } from 'zod';
import { IdParams } from '../../domain/schemas.js';
import { type App, actorOf } from '../../server/types.js';
import { AccountRedFlagListQuery, RedFlag, RedFlagCreate, RedFlagListQuery, RedFlagPage, RedFlagPatch } from './contracts.js';
import { createRedFlag, deleteRedFlag, getRedFlag, listAccountRedFlags, listRedFlags, updateRedFlag } from './service.js';

/**
 * Red flags: anyone signed in (viewers too) raises one; csm and above resolve or reopen; the raiser may edit their
 * note; the raiser or a manager may delete. Those finer rules are checked in the service.
 */
export async function redFlagRoutes(app: App): Promise<void> {
  const { database } = app.deps;
  const tags = ['Red flags'];

  app.get('/api/v1/red-flags', { config: { access: 'viewer' }, schema: { tags, querystring: RedFlagListQuery, response: { 200: RedFlagPage } } }, async (req) =>
    listRedFlags(database, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/accounts/:id/red-flags',
    { config: { access: 'viewer' }, schema: { tags, params: IdParams, querystring: AccountRedFlagListQuery, response: { 200: RedFlagPage } } },
    async (req) => listAccountRedFlags(database, actorOf(req), req.params.id, req.query),
  );

  app.post('/api/v1/red-flags', { config: { access: 'viewer' }, schema: { tags, body: RedFlagCreate, response: { 201: RedFlag } } }, async (req, reply) => {
    reply.code(201);
    return createRedFlag(database, actorOf(req), req.body);
  });

  app.get('/api/v1/red-flags/:id', { config: { access: 'viewer' }, schema: { tags, params: IdParams, response: { 200: RedFlag } } }, async (req) =>
    getRedFlag(database, actorOf(req), req.params.id),
  );

  app.patch(
    '/api/v1/red-flags/:id',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        description: 'status and resolution (resolve or reopen) need the csm role or above; note may be edited by the person who raised the flag or a manager.',
        params: IdParams,
        body: RedFlagPatch,
        response: { 200: RedFlag },
      },
    },
    async (req) => updateRedFlag(database, actorOf(req), req.params.id, req.body),
  );

  app.delete('/api/v1/red-flags/:id', { config: { access: 'viewer' }, schema: { tags, params: IdParams, response: { 204: z.null() } } }, async (req, reply) => {
    await deleteRedFlag(database, actorOf(req), req.params.id);
    return reply.code(204).send(null);
  });
}
