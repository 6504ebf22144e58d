import type { App } from '../../src/server/types.js';

export interface RouteInfo {
  method: string;
  /** As registered, e.g. /api/v1/accounts/:id */
  url: string;
  /** Path parameter names, in order. */
  params: string[];
}

const LINE = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([^)]*)\))?$/;

/**
 * Every route the app serves, read from fastify's own route table (printRoutes), so that a new route is
 * picked up without anyone listing it. HEAD and OPTIONS are left out: they mirror GET or are CORS.
 */
export function listRoutes(app: App): RouteInfo[] {
  const routes: RouteInfo[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = LINE.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(match[2] ?? '');
    const url = stack.join('');
    for (const method of (match[3] ?? '').split(',').map((m) => m.trim())) {
      if (!method || method === 'HEAD' || method === 'OPTIONS') continue;
      routes.push({ method, url, params: [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] ?? '') });
    }
  }
  if (routes.length === 0) throw new Error('could not read the route table from printRoutes()');
  return routes;
}

/** Routes anyone may call without signing in. Everything else under /api/v1 must answer 401. */
export function isPublicRoute(route: RouteInfo): boolean {
  return (
    (route.method === 'POST' && route.url === '/api/v1/auth/sign-in') ||
    route.url === '/api/v1/health' ||
    route.url === '/api/v1/openapi.json' ||
    route.url === '/api/v1/docs' ||
    route.url.startsWith('/api/v1/docs/')
  );
}

/** The path before a parameter: '/api/v1/accounts/:id/contacts', 'id' → '/api/v1/accounts'. */
export function prefixOf(url: string, param: string): string {
  return url.slice(0, url.indexOf(`/:${param}`));
}
