import type { FastifyRequest } from 'fastify';
import { AppError, type FieldIssue } from './errors.js';

/**
 * Text neither database can store the same way: PostgreSQL refuses the NUL character in text and jsonb, and
 * refuses an unpaired UTF-16 surrogate in jsonb (it replaces it elsewhere), while SQLite keeps both. Such
 * input is refused up front, on every route and on both engines alike, instead of failing deep in a query.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function isStorable(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text);
}

type Path = { key: string; parent: Path } | null;

function fieldOf(path: Path, root: string): string {
  const keys: string[] = [];
  for (let p = path; p; p = p.parent) keys.unshift(p.key);
  return keys.length ? keys.join('.') : root;
}

/** Walks without recursion: a body may nest far deeper than the stack (the schemas refuse it later). */
function collect(value: unknown, root: string, issues: FieldIssue[]): void {
  const pending: Array<{ value: unknown; path: Path }> = [{ value, path: null }];
  for (let next = pending.pop(); next && issues.length < 20; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value === 'string') {
      if (!isStorable(value)) {
        const field = fieldOf(path, root);
        issues.push({ field, rule: 'text', message: `${field}: must not contain the NUL character or unpaired surrogates` });
      }
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (!isStorable(key)) {
          const field = fieldOf(path, root);
          issues.push({ field, rule: 'text', message: `${field}: a key must not contain the NUL character or unpaired surrogates` });
        } else pending.push({ value: item, path: { key, parent: path } });
      }
    }
  }
}

/** preValidation hook: runs after authentication and body parsing, before the route's schemas. */
export async function rejectUnstorableText(request: FastifyRequest): Promise<void> {
  // Ingest checks the few fields it stores as columns itself; the payload is kept as escaped JSON text.
  if (request.routeOptions.config?.ingest) return;
  const issues: FieldIssue[] = [];
  collect(request.params, 'params', issues);
  collect(request.query, 'querystring', issues);
  collect(request.body, 'body', issues);
  if (issues.length) throw new AppError('validation', issues.map((i) => i.message).join('; '), issues);
}
