import { z } from 'zod';
import { IdParams } from '../../domain/schemas.js';
import { type App, actorOf } from '../../server/types.js';
import { AccountTaskQuery, MyWork, MyWorkQuery, Task, TaskCreate, TaskListQuery, TaskPage, TaskPatch } from './contracts.js';
import { myWork } from './my-work.js';
import { createTask, deleteTask, getTask, listAccountTasks, listTasks, updateTask } from './service.js';

/** Tasks (anyone reads, CSMs and up write) and the My work view. */
export async function taskRoutes(app: App): Promise<void> {
  const { database } = app.deps;
  const tags = ['Tasks'];

  app.get('/api/v1/tasks', { config: { access: 'viewer' }, schema: { tags, querystring: TaskListQuery, response: { 200: TaskPage } } }, async (req) =>
    listTasks(database, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/accounts/:id/tasks',
    { config: { access: 'viewer' }, schema: { tags, params: IdParams, querystring: AccountTaskQuery, response: { 200: TaskPage } } },
    async (req) => listAccountTasks(database, actorOf(req), req.params.id, req.query),
  );

  // A signed-in person sees their own work; an API key names the person with ?userId= (400 naming userId otherwise).
  app.get('/api/v1/my-work', { config: { access: 'viewer' }, schema: { tags, querystring: MyWorkQuery, response: { 200: MyWork } } }, async (req) =>
    myWork(database, actorOf(req), req.query),
  );

  app.post('/api/v1/tasks', { config: { access: 'csm' }, schema: { tags, body: TaskCreate, response: { 201: Task } } }, async (req, reply) => {
    reply.code(201);
    return createTask(database, actorOf(req), req.body);
  });

  app.get('/api/v1/tasks/:id', { config: { access: 'viewer' }, schema: { tags, params: IdParams, response: { 200: Task } } }, async (req) =>
    getTask(database, actorOf(req), req.params.id),
  );

  app.patch('/api/v1/tasks/:id', { config: { access: 'csm' }, schema: { tags, params: IdParams, body: TaskPatch, response: { 200: Task } } }, async (req) =>
    updateTask(database, actorOf(req), req.params.id, req.body),
  );

  app.delete('/api/v1/tasks/:id', { config: { access: 'csm' }, schema: { tags, params: IdParams, response: { 204: z.null() } } }, async (req, reply) => {
    await deleteTask(database, actorOf(req), req.params.id);
    return reply.code(204).send(null);
  });
}
