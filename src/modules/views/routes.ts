import { z } from 'zod';
import { IdParams } from '../../domain/schemas.js';
import { type App, actorOf } from '../../server/types.js';
import { SavedView, SavedViewCreate, SavedViewList, SavedViewPatch } from './contracts.js';
import { createView, deleteView, getView, listViews, updateView } from './service.js';

/** Each person manages their own views, whatever their role (viewers included); API keys get 403. */
export async function viewRoutes(app: App): Promise<void> {
  const { database } = app.deps;
  const tags = ['Saved views'];

  app.get('/api/v1/views', { config: { access: 'viewer' }, schema: { tags, response: { 200: SavedViewList } } }, async (req) =>
    listViews(database, actorOf(req)),
  );

  app.post('/api/v1/views', { config: { access: 'viewer' }, schema: { tags, body: SavedViewCreate, response: { 201: SavedView } } }, async (req, reply) => {
    reply.code(201);
    return createView(database, actorOf(req), req.body);
  });

  app.get('/api/v1/views/:id', { config: { access: 'viewer' }, schema: { tags, params: IdParams, response: { 200: SavedView } } }, async (req) =>
    getView(database, actorOf(req), req.params.id),
  );

  app.patch(
    '/api/v1/views/:id',
    { config: { access: 'viewer' }, schema: { tags, params: IdParams, body: SavedViewPatch, response: { 200: SavedView } } },
    async (req) => updateView(database, actorOf(req), req.params.id, req.body),
  );

  app.delete('/api/v1/views/:id', { config: { access: 'viewer' }, schema: { tags, params: IdParams, response: { 204: z.null() } } }, async (req, reply) => {
    await deleteView(database, actorOf(req), req.params.id);
    return reply.code(204).send(null);
  });
}
