import { z } from 'zod';
import { IdParams } from '../../domain/schemas.js';
import { type App, actorOf } from '../../server/types.js';
import { Contact, ContactCreate, ContactListQuery, ContactPage, ContactPatch } from './contracts.js';
import { createContact, deleteContact, getContact, listContacts, updateContact } from './service.js';

export async function contactRoutes(app: App): Promise<void> {
  const { database } = app.deps;
  const tags = ['Contacts'];

  app.get('/api/v1/contacts', { config: { access: 'viewer' }, schema: { tags, querystring: ContactListQuery, response: { 200: ContactPage } } }, async (req) =>
    listContacts(database, actorOf(req), req.query),
  );

  app.post('/api/v1/contacts', { config: { access: 'csm' }, schema: { tags, body: ContactCreate, response: { 201: Contact } } }, async (req, reply) => {
    reply.code(201);
    return createContact(database, actorOf(req), req.body);
  });

  app.get('/api/v1/contacts/:id', { config: { access: 'viewer' }, schema: { tags, params: IdParams, response: { 200: Contact } } }, async (req) =>
    getContact(database, actorOf(req), req.params.id),
  );

  app.patch(
    '/api/v1/contacts/:id',
    { config: { access: 'csm' }, schema: { tags, params: IdParams, body: ContactPatch, response: { 200: Contact } } },
    async (req) => updateContact(database, actorOf(req), req.params.id, req.body),
  );

  app.delete('/api/v1/contacts/:id', { config: { access: 'csm' }, schema: { tags, params: IdParams, response: { 204: z.null() } } }, async (req, reply) => {
    await deleteContact(database, actorOf(req), req.params.id);
    return reply.code(204).send(null);
  });
}
