import { expect, it } from 'vitest';
import { forEachEngine } from '../support/engines.js';
import { anonymous } from '../support/factories.js';
import { listRoutes } from '../support/routes.js';

type OpenApi = { openapi: string; paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }> }>> };

forEachEngine('OpenAPI document and docs', (ctx) => {
  it('is public, OpenAPI 3, and documents every /api/v1 route with its path parameters', async () => {
    const res = await anonymous(ctx).get<OpenApi>('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    const undocumented: string[] = [];
    const routes = listRoutes(ctx.app).filter((r) => r.url.startsWith('/api/v1/') && !r.url.startsWith('/api/v1/docs') && r.url !== '/api/v1/openapi.json');
    for (const route of routes) {
      const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      const operation = res.body.paths[path]?.[route.method.toLowerCase()];
      if (!operation) {
        undocumented.push(`${route.method} ${route.url}`);
        continue;
      }
      const declared = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      expect(declared.sort(), `${route.method} ${route.url}`).toEqual([...route.params].sort());
    }
    expect(undocumented).toEqual([]);
    expect(routes.length).toBeGreaterThan(10);
  });

  it('serves the browsable docs page and a public health check', async () => {
    const docs = await ctx.app.inject({ method: 'GET', url: '/api/v1/docs' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toMatch(/html/);
    expect(docs.body).toContain('swagger');
    expect((await anonymous(ctx).get<{ ok: boolean }>('/api/v1/health')).body).toEqual({ ok: true });
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await anonymous(ctx).get('/api/v1/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});
