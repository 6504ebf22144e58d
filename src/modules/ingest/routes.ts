import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldIssue } from '../../server/errors.js';
import type { App } from '../../server/types.js';
import type { WorkspaceSettings } from '../workspaces/contracts.js';
import { findWriteKeyWorkspace } from '../write-keys/service.js';
import { ingestMessages } from './ingest.js';
import { checkMessage, MAX_BATCH_BYTES, MAX_EVENT_BYTES, type Message, type MessageType } from './message.js';

/** Rejected messages listed in a reply; the rest are summarised by the count. */
const MAX_REPORTED = 100;

interface Source {
  workspaceId: string;
  settings: WorkspaceSettings;
}

function basicUsername(header: string | undefined): string | null {
  const match = header ? /^Basic\s+(\S+)$/i.exec(header) : null;
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 ? decoded.slice(0, colon) : decoded;
}

/** Segment's convention: the write key is the HTTP Basic username (password empty), or `writeKey` in the body. */
async function sourceOf(request: FastifyRequest, app: App): Promise<Source> {
  const body = request.body as { writeKey?: unknown } | null;
  const key = basicUsername(request.headers.authorization) ?? (typeof body?.writeKey === 'string' ? body.writeKey : null);
  if (!key) throw new AppError('unauthorized', 'Send the write key as the HTTP Basic username (Segment’s convention), or as writeKey in the body');
  const found = await findWriteKeyWorkspace(app.deps.database, key);
  if (!found) throw new AppError('unauthorized', 'This write key is not valid or has been revoked');
  return found;
}

function bodyObject(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError('validation', 'body: must be a JSON object', [{ field: 'body', rule: 'type', message: 'body: must be a JSON object' }]);
  }
  return body as Record<string, unknown>;
}

function sentAtOf(body: Record<string, unknown>): number | null {
  const ms = typeof body.sentAt === 'string' ? Date.parse(body.sentAt) : Number.NaN;
  return Number.isNaN(ms) ? null : ms;
}

async function store(app: App, source: Source, messages: Message[], receivedAt: number) {
  return ingestMessages(app.deps.database, source.workspaceId, messages, {
    receivedAt: new Date(receivedAt).toISOString(),
    autoCreateAccounts: source.settings.autoCreateAccountsFromGroup,
    currency: source.settings.currency,
  });
}

/**
 * Segment's HTTP Tracking API (https://segment.com/docs/connections/sources/catalog/libraries/server/http-api/).
 * A reply comes only after the data is committed. In a batch, valid messages are stored even when others are
 * not; the reply lists each rejected message's index and fields. A batch with no valid message is a 400.
 */
export async function ingestRoutes(app: App): Promise<void> {
  // Segment's browser library posts JSON as text/plain to avoid a CORS preflight.
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_req, text, done) => {
    try {
      done(null, JSON.parse(text as string));
    } catch {
      done(new AppError('validation', 'body: is not valid JSON', [{ field: 'body', rule: 'json', message: 'body: is not valid JSON' }]), undefined);
    }
  });
  app.addHook('onSend', async (_req, reply: FastifyReply) => {
    reply.header('access-control-allow-origin', '*');
  });
  app.options('/v1/*', { config: { ingest: true } }, async (_req, reply) => {
    reply
      .header('access-control-allow-methods', 'POST, OPTIONS')
      .header('access-control-allow-headers', 'authorization, content-type')
      .header('access-control-max-age', '86400')
      .code(204)
      .send();
  });

  app.post('/v1/batch', { bodyLimit: MAX_BATCH_BYTES, config: { ingest: true }, schema: { hide: true } }, async (req) => {
    const receivedAt = Date.now();
    const source = await sourceOf(req, app);
    const body = bodyObject(req);
    if (!Array.isArray(body.batch) || body.batch.length === 0) {
      throw new AppError('validation', 'batch: must be a non-empty array of messages', [
        { field: 'batch', rule: 'required', message: 'batch: must be a non-empty array of messages' },
      ]);
    }
    const sentAt = sentAtOf(body);
    const messages: Message[] = [];
    const rejected: Array<{ index: number; issues: FieldIssue[] }> = [];
    body.batch.forEach((item: unknown, index: number) => {
      const checked = checkMessage(item, `batch.${index}`, { receivedAt, implied: null, sentAt });
      if (checked.ok) messages.push(checked.message);
      else rejected.push({ index, issues: checked.issues });
    });
    if (messages.length === 0) {
      const issues = rejected.flatMap((r) => r.issues).slice(0, MAX_REPORTED);
      throw new AppError('validation', `No message in the batch is valid: ${issues.map((i) => i.message).join('; ')}`, issues);
    }
    const result = await store(app, source, messages, receivedAt);
    return { success: true, ...result, rejectedCount: rejected.length, rejected: rejected.slice(0, MAX_REPORTED) };
  });

  const single: MessageType[] = ['track', 'identify', 'group', 'page', 'screen', 'alias'];
  for (const type of single) {
    app.post(`/v1/${type}`, { bodyLimit: MAX_EVENT_BYTES, config: { ingest: true }, schema: { hide: true } }, async (req) => {
      const receivedAt = Date.now();
      const source = await sourceOf(req, app);
      const body = bodyObject(req);
      const { writeKey: _key, ...message } = body;
      const checked = checkMessage(message, 'body', { receivedAt, implied: type, sentAt: null });
      if (!checked.ok) throw new AppError('validation', checked.issues.map((i) => i.message).join('; '), checked.issues);
      const result = await store(app, source, [checked.message], receivedAt);
      return { success: true, ...result };
    });
  }
}
