import { z } from 'zod';
import { ErrorBody, IdParams } from '../../domain/schemas.js';
import { type App, actorOf } from '../../server/types.js';
import { ImportQuery, MAX_IMPORT_BYTES } from '../csv/contracts.js';
import { importFailure } from '../csv/import-common.js';
import {
  AccountMetrics,
  AccountMetricsQuery,
  Metric,
  MetricCreate,
  MetricImportFailure,
  MetricImportReport,
  MetricList,
  MetricPatch,
  MetricValuesWrite,
  MetricValuesWritten,
} from './contracts.js';
import { importMetricsCsv } from './import.js';
import { createMetric, deleteMetric, listMetrics, updateMetric } from './service.js';
import { accountMetrics, putMetricValues } from './values.js';

/** 5,000 values with long external ids need more than the app's 1 MB JSON limit. */
const VALUES_BODY_LIMIT = 4 * 1024 * 1024;

export async function metricRoutes(app: App): Promise<void> {
  const { database } = app.deps;
  const tags = ['Metrics'];

  // The import body is the CSV file itself; this parser only applies to the routes of this plugin.
  app.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'string', bodyLimit: MAX_IMPORT_BYTES }, (_req, body, done) => done(null, body));

  app.get('/api/v1/metrics', { config: { access: 'viewer' }, schema: { tags, response: { 200: MetricList } } }, async (req) =>
    listMetrics(database, actorOf(req)),
  );

  app.post('/api/v1/metrics', { config: { access: 'manager' }, schema: { tags, body: MetricCreate, response: { 201: Metric } } }, async (req, reply) => {
    reply.code(201);
    return createMetric(database, actorOf(req), req.body);
  });

  app.patch(
    '/api/v1/metrics/:id',
    { config: { access: 'manager' }, schema: { tags, params: IdParams, body: MetricPatch, response: { 200: Metric } } },
    async (req) => updateMetric(database, actorOf(req), req.params.id, req.body),
  );

  app.delete('/api/v1/metrics/:id', { config: { access: 'manager' }, schema: { tags, params: IdParams, response: { 204: z.null() } } }, async (req, reply) => {
    await deleteMetric(database, actorOf(req), req.params.id);
    return reply.code(204).send(null);
  });

  // A static path: fastify matches it before /api/v1/metrics/:id whatever the registration order.
  app.put(
    '/api/v1/metrics/values',
    {
      bodyLimit: VALUES_BODY_LIMIT,
      config: { access: 'csm' },
      schema: {
        tags,
        description:
          'Upserts values by (account, metric, date). All or nothing: when any item is invalid, nothing is written and the 400 names each one as values.<index>.<field>.',
        body: MetricValuesWrite,
        response: { 200: MetricValuesWritten },
      },
    },
    async (req) => putMetricValues(database, actorOf(req), req.body),
  );

  app.post(
    '/api/v1/metrics/import',
    {
      bodyLimit: MAX_IMPORT_BYTES,
      config: { access: 'csm' },
      schema: {
        tags,
        description:
          'Upserts metric values from a CSV file (content-type text/csv; columns account_external_id or account_id, date, metric, value). With dryRun=true nothing is written; otherwise nothing is written either unless every row is valid (400 lists every invalid cell).',
        consumes: ['text/csv'],
        querystring: ImportQuery,
        body: z.string().max(MAX_IMPORT_BYTES),
        response: { 200: MetricImportReport, 400: z.union([MetricImportFailure, ErrorBody]) },
      },
    },
    async (req, reply) => {
      const report = await importMetricsCsv(database, actorOf(req), req.body, { dryRun: req.query.dryRun });
      if (!report.dryRun && report.errors.length > 0) return reply.code(400).send(importFailure(report));
      return report;
    },
  );

  app.get(
    '/api/v1/accounts/:id/metrics',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        description:
          'Every metric of the workspace with the account’s daily values from `from` to `to` (both included; default the last 90 days, at most 400).',
        params: IdParams,
        querystring: AccountMetricsQuery,
        response: { 200: AccountMetrics },
      },
    },
    async (req) => accountMetrics(database, actorOf(req), req.params.id, req.query),
  );
}
