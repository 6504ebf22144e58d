import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type FieldIssue, statusForCode } from './errors.js';

type ZodLikeIssue = {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: { issue?: { code?: string; path?: PropertyKey[]; input?: unknown } };
};

/** Turns schema validation failures into field issues a person can act on. */
function validationIssues(err: { validation: ZodLikeIssue[]; validationContext?: string }): FieldIssue[] {
  return err.validation.map((v) => {
    const path = v.params?.issue?.path ?? v.instancePath?.split('/').filter(Boolean) ?? [];
    const field = path.length ? path.map(String).join('.') : (err.validationContext ?? 'body');
    const rule = v.keyword ?? v.params?.issue?.code ?? 'invalid';
    return { field, rule, message: `${field}: ${v.message ?? 'is invalid'}` };
  });
}

function send(reply: FastifyReply, err: AppError): FastifyReply {
  return reply.code(statusForCode[err.code]).send({ error: { code: err.code, message: err.message, issues: err.issues } });
}

export function errorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (err instanceof AppError) return send(reply, err);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = validationIssues(err as unknown as { validation: ZodLikeIssue[]; validationContext?: string });
    return send(reply, new AppError('validation', issues.map((i) => i.message).join('; '), issues));
  }
  if (isResponseSerializationError(err)) {
    request.log.error({ err, issues: err.cause.issues }, 'response did not match its schema');
    return send(reply, new AppError('internal', 'The server produced an invalid response; this is a bug'));
  }
  const status = err.statusCode ?? 500;
  if (status === 429) return send(reply, new AppError('rate_limited', 'Too many attempts: wait a minute and try again'));
  if (status === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return send(reply, new AppError('payload_too_large', 'The request body is too large'));
  }
  if (status >= 400 && status < 500) {
    // Fastify's own client errors: malformed JSON, wrong content type, and the like; the router's are about the URL.
    const field = err.code === 'FST_ERR_BAD_URL' || err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'url' : 'body';
    return send(reply, new AppError('validation', err.message, [{ field, rule: err.code ?? 'invalid', message: err.message }]));
  }
  request.log.error({ err }, 'unhandled error');
  return send(reply, new AppError('internal', 'Something went wrong on the server; it has been logged'));
}
