import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { SESSION_COOKIE } from '../../server/auth.js';
import { type App, actorOf, userSessionOf } from '../../server/types.js';
import { Me, PasswordChange, SignIn, SwitchWorkspace } from './contracts.js';
import { changeOwnPassword, describeSession, SESSION_DAYS, signIn, signOut, switchWorkspace } from './service.js';

export async function authRoutes(app: App): Promise<void> {
  const { database, config } = app.deps;
  const tags = ['Sign-in'];

  function setSessionCookie(reply: FastifyReply, token: string): void {
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.secureCookies,
      maxAge: SESSION_DAYS * 86_400,
    });
  }

  app.post(
    '/api/v1/auth/sign-in',
    {
      config: {
        access: 'public',
        rateLimit: {
          max: config.signInRateLimit,
          timeWindow: 60_000,
          // Per address and email: one attacker cannot lock everybody out, nor guess one password fast.
          keyGenerator: (req) => `${req.ip}|${String((req.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}`,
        },
      },
      schema: { tags, body: SignIn, response: { 200: Me } },
    },
    async (req, reply) => {
      const { token, me } = await signIn(database, req.body.email, req.body.password);
      setSessionCookie(reply, token);
      return me;
    },
  );

  app.post('/api/v1/auth/sign-out', { config: { access: 'signed_in' }, schema: { tags, response: { 204: z.null() } } }, async (req, reply) => {
    if (req.session) await signOut(database, req.session.idHash);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  app.get('/api/v1/auth/me', { config: { access: 'signed_in' }, schema: { tags, response: { 200: Me } } }, async (req) => {
    const { userId, session } = userSessionOf(req);
    return describeSession(database, userId, actorOf(req).workspaceId, session.csrfToken);
  });

  app.post('/api/v1/auth/switch', { config: { access: 'signed_in' }, schema: { tags, body: SwitchWorkspace, response: { 200: Me } } }, async (req) => {
    const { userId, session } = userSessionOf(req);
    await switchWorkspace(database, session.idHash, userId, req.body.workspaceId);
    return describeSession(database, userId, req.body.workspaceId, session.csrfToken);
  });

  app.post(
    '/api/v1/auth/password',
    {
      config: {
        access: 'signed_in',
        // Guessing the current password from a stolen session must be as slow as guessing it at sign-in.
        rateLimit: { max: config.signInRateLimit, timeWindow: 60_000, keyGenerator: (req) => req.actor?.userId ?? req.ip },
      },
      schema: { tags, body: PasswordChange, response: { 204: z.null() } },
    },
    async (req, reply) => {
      const { userId, session } = userSessionOf(req);
      await changeOwnPassword(database, userId, session.idHash, req.body);
      return reply.code(204).send(null);
    },
  );
}
