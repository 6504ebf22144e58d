import { z } from 'zod';
import { IdParams } from '../../domain/schemas.js';
import { type App, actorOf } from '../../server/types.js';
import { AccountKpis, AccountKpisQuery, Kpi, KpiCreate, KpiFromTemplate, KpiList, KpiPatch, KpiTemplateList, KpiValues, KpiValuesQuery } from './contracts.js';
import { createFromTemplate, createKpi, deleteKpi, getKpi, listKpis, listTemplates, updateKpi } from './service.js';
import { accountKpis, kpiPortfolio } from './values.js';

/** KPI definitions (read: viewer, write: manager), templates, and values per account and across the portfolio. */
export async function kpiRoutes(app: App): Promise<void> {
  const { database } = app.deps;
  const tags = ['KPIs'];

  app.get('/api/v1/kpi-templates', { config: { access: 'viewer' }, schema: { tags, response: { 200: KpiTemplateList } } }, async () => listTemplates());

  app.get('/api/v1/kpis', { config: { access: 'viewer' }, schema: { tags, response: { 200: KpiList } } }, async (req) => listKpis(database, actorOf(req)));

  app.post('/api/v1/kpis', { config: { access: 'manager' }, schema: { tags, body: KpiCreate, response: { 201: Kpi } } }, async (req, reply) => {
    reply.code(201);
    return createKpi(database, actorOf(req), req.body);
  });

  app.post(
    '/api/v1/kpis/from-template',
    { config: { access: 'manager' }, schema: { tags, body: KpiFromTemplate, response: { 201: Kpi } } },
    async (req, reply) => {
      reply.code(201);
      return createFromTemplate(database, actorOf(req), req.body);
    },
  );

  app.get('/api/v1/kpis/:id', { config: { access: 'viewer' }, schema: { tags, params: IdParams, response: { 200: Kpi } } }, async (req) =>
    getKpi(database, actorOf(req), req.params.id),
  );

  app.patch('/api/v1/kpis/:id', { config: { access: 'manager' }, schema: { tags, params: IdParams, body: KpiPatch, response: { 200: Kpi } } }, async (req) =>
    updateKpi(database, actorOf(req), req.params.id, req.body),
  );

  app.delete('/api/v1/kpis/:id', { config: { access: 'manager' }, schema: { tags, params: IdParams, response: { 204: z.null() } } }, async (req, reply) => {
    await deleteKpi(database, actorOf(req), req.params.id);
    return reply.code(204).send(null);
  });

  app.get(
    '/api/v1/kpis/:id/values',
    { config: { access: 'viewer' }, schema: { tags, params: IdParams, querystring: KpiValuesQuery, response: { 200: KpiValues } } },
    async (req) => kpiPortfolio(database, actorOf(req), req.params.id, req.query),
  );

  app.get(
    '/api/v1/accounts/:id/kpis',
    { config: { access: 'viewer' }, schema: { tags, params: IdParams, querystring: AccountKpisQuery, response: { 200: AccountKpis } } },
    async (req) => accountKpis(database, actorOf(req), req.params.id, req.query),
  );
}
