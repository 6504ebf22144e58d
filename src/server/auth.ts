import type { FastifyReply, FastifyRequest } from 'fastify';
import { roleRank } from '../domain/enums.js';
import { findApiKeyActor } from '../modules/api-keys/service.js';
import { findSessionActor } from '../modules/auth/service.js';
import { AppError } from './errors.js';
import type { App } from './types.js';

export const SESSION_COOKIE = 'kw_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves who is calling (API key first, then session cookie) and enforces the route's declared
 * access and, for cookie-authenticated writes, the CSRF token.
 */
export function registerAuth(app: App): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/v1') && !route.config?.access && !route.url.startsWith('/api/v1/docs')) {
      throw new Error(`Route ${route.method} ${route.url} does not declare config.access`);
    }
  });

  // onRequest, before the body is read and validated: a caller without credentials learns nothing about
  // the input rules and cannot make the server parse a large body; every protected route answers 401.
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    const access = request.routeOptions.config?.access;
    if (!access || access === 'public') return;

    const database = app.deps.database;
    const authorization = request.headers.authorization;
    if (authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!match?.[1]) throw new AppError('unauthorized', 'The Authorization header must be "Bearer <api key>"');
      request.actor = await findApiKeyActor(database, match[1]);
      if (!request.actor) throw new AppError('unauthorized', 'This API key is not valid or has been revoked');
    } else {
      const token = request.cookies[SESSION_COOKIE];
      const found = token ? await findSessionActor(database, token) : null;
      if (!found) throw new AppError('unauthorized', 'Sign in to continue');
      request.actor = found.actor;
      request.session = { idHash: found.idHash, csrfToken: found.csrfToken };
      if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== found.csrfToken) {
        throw new AppError('forbidden', 'Missing or wrong X-CSRF-Token header: reload the page and try again');
      }
    }

    if (access !== 'signed_in' && roleRank[request.actor.role] < roleRank[access]) {
      throw new AppError('forbidden', `This needs the ${access} role or higher; you are ${request.actor.role}`);
    }
  });
}
