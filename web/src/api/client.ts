/**
 * The one way the SPA talks to /api/v1: JSON in and out, the session's CSRF token on every write,
 * and failures turned into ApiError with the server's field issues.
 */
export interface FieldIssue {
  field: string;
  rule: string;
  message: string;
  value?: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
    /** The whole parsed body, for endpoints that return more than the error (e.g. an import report). */
    readonly body: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const API = '/api/v1';

let csrfToken = '';

/** Called whenever the session changes (sign-in, /auth/me, workspace switch). */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

type Query = Record<string, string | number | boolean | string[] | null | undefined>;

/** Builds `?a=1&b=x,y`, leaving out empty values; lists are comma-joined as the API accepts. */
export function toSearch(query: Query | URLSearchParams | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  const entries = query instanceof URLSearchParams ? [...query.entries()] : Object.entries(query);
  for (const [key, value] of entries) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

interface RequestOptions {
  query?: Query | URLSearchParams;
  body?: unknown;
  /** Raw text body with its content type (CSV uploads). */
  text?: { content: string; type: string };
}

async function parseError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy error page, say): fall through to a generic message.
  }
  const error = (body as { error?: { code?: string; message?: string; issues?: FieldIssue[] } } | null)?.error;
  if (error?.message) return new ApiError(response.status, error.code ?? 'error', error.message, error.issues ?? [], body);
  return new ApiError(response.status, 'http_error', `The server answered ${response.status} ${response.statusText}`, [], body);
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: string | undefined;
  if (options.text) {
    headers['Content-Type'] = options.text.type;
    body = options.text.content;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`${API}${path}${toSearch(options.query)}`, { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', 'Cannot reach the Keepwell server: check your connection and try again');
  }
  if (!response.ok) throw await parseError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query | URLSearchParams) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown, query?: Query) => request<T>('POST', path, { body: body ?? {}, query }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: (path: string) => request<void>('DELETE', path),
};
