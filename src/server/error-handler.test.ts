import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorHandler } from './error-handler.js';
import { AppError, conflict, forbidden, invalid, notFound, statusForCode } from './errors.js';

type ErrorBody = { error: { code: string; message: string; issues: Array<{ field: string; rule: string; message: string; value?: unknown }> } };

describe('error handler', () => {
  const app = Fastify({ logger: false, bodyLimit: 1000 }).withTypeProvider<ZodTypeProvider>();

  beforeAll(async () => {
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    app.setErrorHandler(errorHandler);
    app.post('/validate', { schema: { body: z.object({ name: z.string().min(1), nested: z.object({ n: z.int() }) }) } }, async () => ({ ok: true }));
    app.get('/query', { schema: { querystring: z.object({ limit: z.coerce.number().int().max(10) }) } }, async () => ({ ok: true }));
    app.get('/throw/:kind', async (req) => {
      const kind = (req.params as { kind: string }).kind;
      if (kind === 'not-found') throw notFound('Account');
      if (kind === 'invalid') throw invalid('arrMinor', 'min', 'must be at least 0', -1);
      if (kind === 'conflict') throw conflict('externalId', 'taken', 'x-1');
      if (kind === 'forbidden') throw forbidden();
      throw new Error('secret database detail');
    });
    app.get('/bad-response', { schema: { response: { 200: z.object({ n: z.number() }) } } }, async () => ({ n: 'not a number' }) as unknown as { n: number });
    await app.ready();
  });
  afterAll(() => app.close());

  it('maps every error code to its HTTP status', () => {
    expect(statusForCode).toEqual({
      validation: 400,
      unauthorized: 401,
      forbidden: 403,
      not_found: 404,
      conflict: 409,
      payload_too_large: 413,
      rate_limited: 429,
      internal: 500,
    });
    expect(new AppError('conflict', 'x').issues).toEqual([]);
  });

  it.each([
    ['not-found', 404, 'not_found', []],
    ['invalid', 400, 'validation', [{ field: 'arrMinor', rule: 'min', message: 'must be at least 0', value: -1 }]],
    ['conflict', 409, 'conflict', [{ field: 'externalId', rule: 'unique', message: 'taken', value: 'x-1' }]],
    ['forbidden', 403, 'forbidden', []],
  ])('sends AppError %s as %i with its code and issues', async (kind, status, code, issues) => {
    const res = await app.inject(`/throw/${kind}`);
    expect(res.statusCode).toBe(status);
    expect(res.json<ErrorBody>().error).toMatchObject({ code, issues });
  });

  it('turns schema failures into 400 issues that name each field by its path', async () => {
    const res = await app.inject({ method: 'POST', url: '/validate', payload: { name: '', nested: { n: 1.5 } } });
    expect(res.statusCode).toBe(400);
    const { error } = res.json<ErrorBody>();
    expect(error.code).toBe('validation');
    expect(error.issues.map((i) => i.field).sort()).toEqual(['name', 'nested.n']);
    for (const issue of error.issues) {
      expect(issue.rule).toBeTruthy();
      expect(issue.message).toContain(issue.field);
    }
    const query = await app.inject('/query?limit=11');
    expect(query.statusCode).toBe(400);
    expect(query.json<ErrorBody>().error.issues[0]?.field).toBe('limit');
  });

  it('answers malformed JSON and a wrong content type with 400, and a large body with 413', async () => {
    const malformed = await app.inject({ method: 'POST', url: '/validate', headers: { 'content-type': 'application/json' }, payload: '{"name":' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json<ErrorBody>().error.issues[0]?.field).toBe('body');
    const wrongType = await app.inject({ method: 'POST', url: '/validate', headers: { 'content-type': 'application/x-unknown' }, payload: 'x' });
    expect(wrongType.statusCode).toBeGreaterThanOrEqual(400);
    expect(wrongType.statusCode).toBeLessThan(500);
    const large = await app.inject({ method: 'POST', url: '/validate', payload: { name: 'x'.repeat(2000), nested: { n: 1 } } });
    expect(large.statusCode).toBe(413);
    expect(large.json<ErrorBody>().error.code).toBe('payload_too_large');
  });

  it('hides unexpected errors behind a 500 that reveals nothing', async () => {
    const res = await app.inject('/throw/boom');
    expect(res.statusCode).toBe(500);
    expect(res.json<ErrorBody>().error.code).toBe('internal');
    expect(res.body).not.toContain('secret database detail');
  });

  it('reports a response that breaks its own schema as an internal error', async () => {
    const res = await app.inject('/bad-response');
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('not a number');
  });
});
