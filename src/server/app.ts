import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { startBackgroundJobs } from '../jobs/index.js';
import { registerModules } from '../modules/index.js';
import { registerAuth } from './auth.js';
import { errorHandler } from './error-handler.js';
import { AppError } from './errors.js';
import { rejectUnstorableText } from './text-guard.js';
import type { App, AppDeps } from './types.js';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** Largest JSON body accepted; CSV imports declare their own, larger limit. */
export const BODY_LIMIT = 1024 * 1024;

export async function buildApp(deps: AppDeps): Promise<App> {
  const app = Fastify({
    logger: { level: deps.config.logLevel },
    bodyLimit: BODY_LIMIT,
    trustProxy: false,
    // Bad percent-escapes and over-long path parameters are refused by the router before any hook runs;
    // without this they get fastify's own body ({error: 'Bad Request', …}), not ours.
    frameworkErrors: errorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  app.decorate('deps', deps);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Swagger UI and Mantine inject styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  // Before @fastify/static, so the web app's assets are compressed too. Request bodies are never
  // decompressed: the body limit must hold for what is actually parsed.
  await app.register(compress, { threshold: 1024, globalDecompression: false });
  await app.register(cookie);
  // preHandler, not onRequest: the sign-in limiter keys on the email, which needs the parsed body.
  await app.register(rateLimit, { global: false, hook: 'preHandler' });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Keepwell API',
        version: '1',
        description: 'Customer success platform. Authenticate with `Authorization: Bearer <api key>` or a session cookie.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/v1/docs' });
  registerAuth(app);
  app.addHook('preValidation', rejectUnstorableText);

  app.get('/api/v1/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  app.get('/api/v1/health', { config: { access: 'public' }, schema: { tags: ['Meta'], response: { 200: z.object({ ok: z.boolean() }) } } }, async () => ({
    ok: true,
  }));

  await app.register(async (scope) => registerModules(scope as unknown as App));

  await registerWebApp(app);
  if (deps.config.backgroundJobs) {
    let jobs: { stop(): Promise<void> } | null = null;
    app.addHook('onReady', async () => {
      jobs = startBackgroundJobs(deps.database, (err, job) => app.log.error({ err }, `${job} failed; it will try again`));
    });
    app.addHook('onClose', async () => {
      await jobs?.stop();
    });
  }
  return app;
}

/** Serves the built SPA; unknown non-API paths get index.html so client-side routes work on reload. */
async function registerWebApp(app: App): Promise<void> {
  const hasBuild = fs.existsSync(path.join(WEB_DIST, 'index.html'));
  if (hasBuild) {
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      wildcard: false,
      index: false,
      // Built assets carry a content hash in their names, so they never change; index.html must always be fresh.
      setHeaders: (reply, filePath) => {
        reply.header('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.url.startsWith('/v1/') || (request.method !== 'GET' && request.method !== 'HEAD')) {
      throw new AppError('not_found', `No route ${request.method} ${request.url.split('?')[0]}`);
    }
    if (!hasBuild) return reply.code(503).type('text/plain').send('The web app is not built: run "npm run build:web" (npm start does it for you).');
    return reply.type('text/html').sendFile('index.html');
  });
}
