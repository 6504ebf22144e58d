import { PassThrough } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ErrorBody } from '../../domain/schemas.js';
import { type App, actorOf } from '../../server/types.js';
import { AccountFilters } from '../accounts/contracts.js';
import { ContactFilters } from '../contacts/contracts.js';
import { ImportFailure, ImportQuery, ImportReport, MAX_IMPORT_BYTES } from './contracts.js';
import { exportAccountsCsv, exportContactsCsv, type WriteChunk } from './export.js';
import { importAccountsCsv } from './import-accounts.js';
import { importFailure } from './import-common.js';
import { importContactsCsv } from './import-contacts.js';

/**
 * Streams a CSV export. The response starts with the first chunk, so errors found before it
 * (bad filters) still become a normal 4xx; later ones can only cut the download short.
 */
async function streamCsv(reply: FastifyReply, filename: string, run: (write: WriteChunk) => Promise<number>): Promise<FastifyReply> {
  const stream = new PassThrough();
  // Errors after the first chunk reach the client as a cut-off download; fastify reports them once it pipes the stream.
  stream.on('error', () => {});
  let isStarted = false;
  let started!: () => void;
  const firstChunk = new Promise<void>((resolve) => {
    started = resolve;
  });
  const write: WriteChunk = async (chunk) => {
    if (stream.destroyed) throw new Error('The client closed the download');
    isStarted = true;
    started();
    if (!stream.write(chunk)) {
      await new Promise<void>((resolve) => {
        const resume = () => {
          stream.off('drain', resume);
          stream.off('close', resume);
          resolve();
        };
        stream.on('drain', resume);
        stream.on('close', resume);
      });
    }
  };
  const done = run(write).then(
    () => {
      stream.end();
    },
    (err: unknown) => {
      // Before the first chunk the error becomes the reply (below); after it, it cuts the download.
      if (isStarted) stream.destroy(err instanceof Error ? err : new Error(String(err)));
      throw err;
    },
  );
  await Promise.race([firstChunk, done]);
  // From here on, errors are the stream's business; keep them from becoming unhandled rejections.
  done.catch((err: unknown) => reply.log.error({ err }, 'CSV export failed after it started'));
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}-${new Date().toISOString().slice(0, 10)}.csv"`)
    .header('cache-control', 'no-store')
    .send(stream);
}

export async function csvRoutes(app: App): Promise<void> {
  const { database } = app.deps;
  const tags = ['Import and export'];

  // The import body is the CSV file itself; this parser only applies to the routes of this plugin.
  app.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'string', bodyLimit: MAX_IMPORT_BYTES }, (_req, body, done) => done(null, body));

  const importers = { accounts: importAccountsCsv, contacts: importContactsCsv } as const;
  for (const kind of ['accounts', 'contacts'] as const) {
    app.post(
      `/api/v1/imports/${kind}`,
      {
        bodyLimit: MAX_IMPORT_BYTES,
        config: { access: 'csm' },
        schema: {
          tags,
          description: `Upserts ${kind} from a CSV file (content-type text/csv). With dryRun=true nothing is written; otherwise nothing is written either unless every row is valid (400 lists every invalid cell).`,
          consumes: ['text/csv'],
          querystring: ImportQuery,
          body: z.string().max(MAX_IMPORT_BYTES),
          // Invalid rows give ImportFailure; a malformed request gives the usual error body.
          response: { 200: ImportReport, 400: z.union([ImportFailure, ErrorBody]) },
        },
      },
      async (req, reply) => {
        const report = await importers[kind](database, actorOf(req), req.body, { dryRun: req.query.dryRun });
        if (!report.dryRun && report.errors.length > 0) return reply.code(400).send(importFailure(report));
        return report;
      },
    );
  }

  app.get(
    '/api/v1/exports/accounts.csv',
    { config: { access: 'viewer' }, schema: { tags, querystring: AccountFilters, produces: ['text/csv'] } },
    async (req, reply) => streamCsv(reply, 'accounts', (write) => exportAccountsCsv(database, actorOf(req), req.query, write)),
  );

  app.get(
    '/api/v1/exports/contacts.csv',
    { config: { access: 'viewer' }, schema: { tags, querystring: ContactFilters, produces: ['text/csv'] } },
    async (req, reply) => streamCsv(reply, 'contacts', (write) => exportContactsCsv(database, actorOf(req), req.query, write)),
  );
}
