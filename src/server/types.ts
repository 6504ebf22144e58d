import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config/config.js';
import type { Database } from '../db/connection.js';
import type { Role } from '../domain/enums.js';
import { AppError } from './errors.js';

/** Who is making a request, in which workspace, with which role. Every service call takes one. */
export interface Actor {
  workspaceId: string;
  /** null for API keys, which act on their own. */
  userId: string | null;
  role: Role;
  via: 'session' | 'api_key' | 'cli';
}

/**
 * What a route requires: 'public' (no sign-in), 'signed_in' (any role), or the lowest role allowed.
 * Every /api/v1 route must declare one; app.ts refuses to start otherwise.
 */
export type Access = 'public' | 'signed_in' | Role;

export interface AppDeps {
  database: Database;
  config: Config;
}

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** Set when the request came with a valid session cookie. */
    session: { idHash: string; csrfToken: string } | null;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** Segment-compatible ingest (/v1/*): authenticated by write key, checked by its own code. */
    ingest?: boolean;
  }
  interface FastifyInstance {
    deps: AppDeps;
  }
}

/** The actor of a route whose access is not 'public' (the auth hook has already checked it). */
export function actorOf(request: { actor: Actor | null }): Actor {
  if (!request.actor) throw new Error('actorOf called on a route without authentication');
  return request.actor;
}

/** For routes that only make sense for a person signed in with a browser session (not an API key). */
export function userSessionOf(request: { actor: Actor | null; session: { idHash: string; csrfToken: string } | null }): {
  userId: string;
  session: { idHash: string; csrfToken: string };
} {
  const userId = request.actor?.userId;
  if (!userId || !request.session) throw new AppError('forbidden', 'This needs a signed-in person, not an API key');
  return { userId, session: request.session };
}
