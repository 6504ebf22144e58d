import { z } from 'zod';
import { IdParams } from '../../domain/schemas.js';
import { type App, actorOf } from '../../server/types.js';
import { Member, MemberCreate, MemberList, MemberPasswordSet, MemberPatch, Workspace, WorkspacePatch } from './contracts.js';
import { setMemberPassword } from './reset-password.js';
import { addMember, changeMemberRole, getWorkspace, listMembers, removeMember, updateWorkspace } from './service.js';

export async function workspaceRoutes(app: App): Promise<void> {
  const { database } = app.deps;
  const tags = ['Workspace and users'];

  app.get('/api/v1/workspace', { config: { access: 'viewer' }, schema: { tags, response: { 200: Workspace } } }, async (req) =>
    getWorkspace(database, actorOf(req).workspaceId),
  );

  app.patch('/api/v1/workspace', { config: { access: 'admin' }, schema: { tags, body: WorkspacePatch, response: { 200: Workspace } } }, async (req) =>
    updateWorkspace(database, actorOf(req), req.body),
  );

  app.get('/api/v1/users', { config: { access: 'viewer' }, schema: { tags, response: { 200: MemberList } } }, async (req) => ({
    items: await listMembers(database, actorOf(req).workspaceId),
  }));

  app.post('/api/v1/users', { config: { access: 'admin' }, schema: { tags, body: MemberCreate, response: { 201: Member } } }, async (req, reply) => {
    reply.code(201);
    return addMember(database, actorOf(req).workspaceId, req.body);
  });

  app.patch(
    '/api/v1/users/:id',
    { config: { access: 'admin' }, schema: { tags, params: IdParams, body: MemberPatch, response: { 200: Member } } },
    async (req) => changeMemberRole(database, actorOf(req), req.params.id, req.body.role),
  );

  app.delete('/api/v1/users/:id', { config: { access: 'admin' }, schema: { tags, params: IdParams, response: { 204: z.null() } } }, async (req, reply) => {
    await removeMember(database, actorOf(req), req.params.id);
    return reply.code(204).send(null);
  });

  // For a member who forgot their password; changing one's own goes through /auth/password.
  app.post(
    '/api/v1/users/:id/password',
    { config: { access: 'admin' }, schema: { tags, params: IdParams, body: MemberPasswordSet, response: { 204: z.null() } } },
    async (req, reply) => {
      await setMemberPassword(database, actorOf(req), req.params.id, req.body);
      return reply.code(204).send(null);
    },
  );
}
