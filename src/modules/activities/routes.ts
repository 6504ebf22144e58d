import { z } from 'zod';
import { IdParams } from '../../domain/schemas.js';
import { type App, actorOf } from '../../server/types.js';
import { AccountActivityListQuery, Activity, ActivityCreate, ActivityListQuery, ActivityPage, ActivityPatch } from './contracts.js';
import { createActivity, deleteActivity, getActivity, listAccountActivities, listActivities, updateActivity } from './service.js';

export async function activityRoutes(app: App): Promise<void> {
  const { database } = app.deps;
  const tags = ['Activities'];

  app.get(
    '/api/v1/activities',
    { config: { access: 'viewer' }, schema: { tags, querystring: ActivityListQuery, response: { 200: ActivityPage } } },
    async (req) => listActivities(database, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/accounts/:id/activities',
    { config: { access: 'viewer' }, schema: { tags, params: IdParams, querystring: AccountActivityListQuery, response: { 200: ActivityPage } } },
    async (req) => listAccountActivities(database, actorOf(req), req.params.id, req.query),
  );

  app.post('/api/v1/activities', { config: { access: 'csm' }, schema: { tags, body: ActivityCreate, response: { 201: Activity } } }, async (req, reply) => {
    reply.code(201);
    return createActivity(database, actorOf(req), req.body);
  });

  app.get('/api/v1/activities/:id', { config: { access: 'viewer' }, schema: { tags, params: IdParams, response: { 200: Activity } } }, async (req) =>
    getActivity(database, actorOf(req), req.params.id),
  );

  app.patch(
    '/api/v1/activities/:id',
    { config: { access: 'csm' }, schema: { tags, params: IdParams, body: ActivityPatch, response: { 200: Activity } } },
    async (req) => updateActivity(database, actorOf(req), req.params.id, req.body),
  );

  app.delete('/api/v1/activities/:id', { config: { access: 'csm' }, schema: { tags, params: IdParams, response: { 204: z.null() } } }, async (req, reply) => {
    await deleteActivity(database, actorOf(req), req.params.id);
    return reply.code(204).send(null);
  });
}
