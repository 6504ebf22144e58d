import { z } from 'zod';
import { IdParams } from '../../domain/schemas.js';
import { type App, actorOf } from '../../server/types.js';
import {
  AccountRuns,
  ApplyPlaybook,
  ApplyResult,
  FromTemplate,
  PlaybookCreate,
  PlaybookDetail,
  PlaybookList,
  PlaybookListQuery,
  PlaybookPatch,
  PlaybookRun,
  RunList,
  RunListQuery,
  RunPatch,
  TemplateList,
  TemplateQuery,
} from './contracts.js';
import { accountRuns, cancelRun, getRun, playbookRuns } from './runs.js';
import { applyToAccounts, copyFromTemplate, createPlaybook, deletePlaybook, getPlaybook, listPlaybooks, listTemplates, updatePlaybook } from './service.js';

/** Everyone reads; managers edit the library; CSMs apply playbooks and cancel runs. */
export async function playbookRoutes(app: App): Promise<void> {
  const { database } = app.deps;
  const tags = ['Playbooks'];

  app.get(
    '/api/v1/playbook-templates',
    { config: { access: 'viewer' }, schema: { tags, querystring: TemplateQuery, response: { 200: TemplateList } } },
    async (req) => listTemplates(req.query),
  );

  app.post(
    '/api/v1/playbooks/from-template',
    { config: { access: 'manager' }, schema: { tags, body: FromTemplate, response: { 201: PlaybookDetail } } },
    async (req, reply) => {
      reply.code(201);
      return copyFromTemplate(database, actorOf(req), req.body.templateKey);
    },
  );

  app.get(
    '/api/v1/playbooks',
    { config: { access: 'viewer' }, schema: { tags, querystring: PlaybookListQuery, response: { 200: PlaybookList } } },
    async (req) => listPlaybooks(database, actorOf(req), req.query),
  );

  app.post(
    '/api/v1/playbooks',
    { config: { access: 'manager' }, schema: { tags, body: PlaybookCreate, response: { 201: PlaybookDetail } } },
    async (req, reply) => {
      reply.code(201);
      return createPlaybook(database, actorOf(req), req.body);
    },
  );

  app.get('/api/v1/playbooks/:id', { config: { access: 'viewer' }, schema: { tags, params: IdParams, response: { 200: PlaybookDetail } } }, async (req) =>
    getPlaybook(database, actorOf(req), req.params.id),
  );

  app.patch(
    '/api/v1/playbooks/:id',
    { config: { access: 'manager' }, schema: { tags, params: IdParams, body: PlaybookPatch, response: { 200: PlaybookDetail } } },
    async (req) => updatePlaybook(database, actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/playbooks/:id',
    { config: { access: 'manager' }, schema: { tags, params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await deletePlaybook(database, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/playbooks/:id/apply',
    { config: { access: 'csm' }, schema: { tags, params: IdParams, body: ApplyPlaybook, response: { 201: ApplyResult } } },
    async (req, reply) => {
      reply.code(201);
      return applyToAccounts(database, actorOf(req), req.params.id, req.body);
    },
  );

  app.get(
    '/api/v1/playbooks/:id/runs',
    { config: { access: 'viewer' }, schema: { tags, params: IdParams, querystring: RunListQuery, response: { 200: RunList } } },
    async (req) => playbookRuns(database, actorOf(req), req.params.id, req.query),
  );

  app.get(
    '/api/v1/accounts/:id/playbook-runs',
    { config: { access: 'viewer' }, schema: { tags, params: IdParams, response: { 200: AccountRuns } } },
    async (req) => accountRuns(database, actorOf(req), req.params.id),
  );

  app.get('/api/v1/playbook-runs/:id', { config: { access: 'viewer' }, schema: { tags, params: IdParams, response: { 200: PlaybookRun } } }, async (req) =>
    getRun(database, actorOf(req), req.params.id),
  );

  app.patch(
    '/api/v1/playbook-runs/:id',
    { config: { access: 'csm' }, schema: { tags, params: IdParams, body: RunPatch, response: { 200: PlaybookRun } } },
    async (req) => cancelRun(database, actorOf(req), req.params.id),
  );
}
