import { z } from 'zod';
import { IdParams } from '../../domain/schemas.js';
import { type App, actorOf } from '../../server/types.js';
import { AccountStoryListQuery, Story, StoryCreate, StoryListQuery, StoryPage, StoryPatch } from './contracts.js';
import { createStory, deleteStory, getStory, listAccountStories, listStories, updateStory } from './service.js';

export async function storyRoutes(app: App): Promise<void> {
  const { database } = app.deps;
  const tags = ['Stories'];

  app.get('/api/v1/stories', { config: { access: 'viewer' }, schema: { tags, querystring: StoryListQuery, response: { 200: StoryPage } } }, async (req) =>
    listStories(database, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/accounts/:id/stories',
    { config: { access: 'viewer' }, schema: { tags, params: IdParams, querystring: AccountStoryListQuery, response: { 200: StoryPage } } },
    async (req) => listAccountStories(database, actorOf(req), req.params.id, req.query),
  );

  app.post('/api/v1/stories', { config: { access: 'csm' }, schema: { tags, body: StoryCreate, response: { 201: Story } } }, async (req, reply) => {
    reply.code(201);
    return createStory(database, actorOf(req), req.body);
  });

  app.get('/api/v1/stories/:id', { config: { access: 'viewer' }, schema: { tags, params: IdParams, response: { 200: Story } } }, async (req) =>
    getStory(database, actorOf(req), req.params.id),
  );

  app.patch('/api/v1/stories/:id', { config: { access: 'csm' }, schema: { tags, params: IdParams, body: StoryPatch, response: { 200: Story } } }, async (req) =>
    updateStory(database, actorOf(req), req.params.id, req.body),
  );

  app.delete('/api/v1/stories/:id', { config: { access: 'csm' }, schema: { tags, params: IdParams, response: { 204: z.null() } } }, async (req, reply) => {
    await deleteStory(database, actorOf(req), req.params.id);
    return reply.code(204).send(null);
  });
}
