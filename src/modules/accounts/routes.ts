import { z } from 'zod';
import { IdParams } from '../../domain/schemas.js';
import { type App, actorOf } from '../../server/types.js';
import { AccountCreate, AccountDetail, AccountFacets, AccountFilters, AccountListQuery, AccountPage, AccountPatch, AccountSummaryReport } from './contracts.js';
import { accountFacets, createAccount, deleteAccount, getAccount, listAccounts, updateAccount } from './service.js';
import { summarizeAccounts } from './summary.js';

export async function accountRoutes(app: App): Promise<void> {
  const { database } = app.deps;
  const tags = ['Accounts'];

  app.get('/api/v1/accounts', { config: { access: 'viewer' }, schema: { tags, querystring: AccountListQuery, response: { 200: AccountPage } } }, async (req) =>
    listAccounts(database, actorOf(req), req.query),
  );

  app.get('/api/v1/accounts/facets', { config: { access: 'viewer' }, schema: { tags, response: { 200: AccountFacets } } }, async (req) =>
    accountFacets(database, actorOf(req)),
  );

  // A static path: fastify matches it before /api/v1/accounts/:id whatever the registration order.
  app.get(
    '/api/v1/accounts/summary',
    { config: { access: 'viewer' }, schema: { tags, querystring: AccountFilters, response: { 200: AccountSummaryReport } } },
    async (req) => summarizeAccounts(database, actorOf(req), req.query),
  );

  app.post('/api/v1/accounts', { config: { access: 'csm' }, schema: { tags, body: AccountCreate, response: { 201: AccountDetail } } }, async (req, reply) => {
    reply.code(201);
    return createAccount(database, actorOf(req), req.body);
  });

  app.get('/api/v1/accounts/:id', { config: { access: 'viewer' }, schema: { tags, params: IdParams, response: { 200: AccountDetail } } }, async (req) =>
    getAccount(database, actorOf(req), req.params.id),
  );

  app.patch(
    '/api/v1/accounts/:id',
    { config: { access: 'csm' }, schema: { tags, params: IdParams, body: AccountPatch, response: { 200: AccountDetail } } },
    async (req) => updateAccount(database, actorOf(req), req.params.id, req.body),
  );

  app.delete('/api/v1/accounts/:id', { config: { access: 'csm' }, schema: { tags, params: IdParams, response: { 204: z.null() } } }, async (req, reply) => {
    await deleteAccount(database, actorOf(req), req.params.id);
    return reply.code(204).send(null);
  });
}
