import { created, type Factory, readJson, recordFor } from '../isolation.js';

/** Workspace A's activities records for the isolation walker, by route prefix (see test/support/isolation.ts). */
export const activityFactories: Record<string, Factory> = {
  '/api/v1/activities': async (world) => {
    const account = await recordFor(world, '/api/v1/accounts');
    const contact = await recordFor(world, '/api/v1/contacts');
    const body = {
      accountId: account?.id,
      type: 'meeting',
      title: `${world.mark} kickoff`,
      occurredAt: '2026-01-15T10:00:00Z',
      summary: `${world.mark} summary`,
      contactIds: contact ? [contact.id] : [],
      userIds: [world.a.admin.user.id],
      actionItems: [{ title: `${world.mark} follow-up`, ownerId: world.a.admin.user.id }],
    };
    const id = await created(await world.a.admin.post('/api/v1/activities', body), 'an activity');
    return {
      id,
      bodies: { PATCH: { title: 'Renamed by B' }, PUT: body },
      read: async (client) => ({
        activity: await readJson(`/api/v1/activities/${id}`)(client),
        account: await readJson(`/api/v1/accounts/${account?.id}`)(client),
      }),
    };
  },
};
