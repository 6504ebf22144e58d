import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { forEachEngine } from '../support/engines.js';
import { type Client, makeClient, makeWorkspace } from '../support/factories.js';

type Reply = {
  success?: boolean;
  stored?: number;
  duplicates?: number;
  rejected?: Array<{ index: number; issues: Array<{ field: string; rule: string; message: string }> }>;
  error?: { code: string; issues: Array<{ field: string; rule: string; message: string }> };
};

/** Values of every JSON kind, including text PostgreSQL refuses (NUL, lone surrogates). */
const hostile = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.constantFrom('\u0000', '\uD800', 'a@b\u0000.c', 'x@y\uDC00', 'x'.repeat(300), '', ' ', '2026-13-45T99:00:00Z', -1, 1e308, null, [], {}),
);

/** Segment-shaped messages whose fields are sometimes right and sometimes anything at all. */
const message = fc.record(
  {
    type: fc.oneof(fc.constantFrom('track', 'identify', 'group', 'page', 'screen', 'alias'), hostile),
    messageId: fc.oneof(fc.string({ maxLength: 20 }), hostile),
    userId: fc.oneof(fc.string({ maxLength: 20 }), hostile),
    anonymousId: fc.oneof(fc.string({ maxLength: 20 }), hostile),
    groupId: fc.oneof(fc.string({ maxLength: 20 }), hostile),
    previousId: fc.oneof(fc.string({ maxLength: 20 }), hostile),
    event: fc.oneof(fc.string({ maxLength: 30 }), hostile),
    name: fc.oneof(fc.string({ maxLength: 30 }), hostile),
    timestamp: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      hostile,
    ),
    sentAt: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      hostile,
    ),
    properties: fc.oneof(fc.dictionary(fc.string({ maxLength: 10 }), hostile, { maxKeys: 4 }), hostile),
    traits: fc.oneof(
      fc.record({ name: hostile, email: hostile }, { requiredKeys: [] }),
      fc.dictionary(fc.string({ maxLength: 10 }), hostile, { maxKeys: 4 }),
      hostile,
    ),
    context: fc.oneof(fc.record({ groupId: hostile, traits: fc.oneof(fc.record({ email: hostile, name: hostile }), hostile) }, { requiredKeys: [] }), hostile),
  },
  { requiredKeys: [] },
);

forEachEngine('ingest refuses bad input clearly and never fails', (ctx) => {
  let segment: Client;
  beforeAll(async () => {
    const ws = await makeWorkspace(ctx);
    const key = (await ws.admin.post<{ key: string }>('/api/v1/write-keys', { name: 'Fuzz' })).body.key;
    // Group calls then create accounts named by their traits: hostile names must not reach the database either.
    expect((await ws.admin.patch('/api/v1/workspace', { settings: { autoCreateAccountsFromGroup: true } })).status).toBe(200);
    segment = makeClient(ctx.app, { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` });
  });

  it('every batch gets 200 with each rejected message named, or 400 naming the field; never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.array(fc.oneof(message, hostile), { maxLength: 6 }), hostile), async (batch) => {
        const res = await segment.post<Reply>('/v1/batch', { batch });
        expect([200, 400], res.text).toContain(res.status);
        if (res.status === 400) {
          expect(res.body.error?.issues.length, res.text).toBeGreaterThan(0);
          // 'body' when the JSON itself is refused (e.g. a __proto__ key, which the parser rejects outright).
          for (const issue of res.body.error?.issues ?? []) expect(issue.field).toMatch(/^(batch(\.\d+)?|body$)/);
          return;
        }
        const items = batch as unknown[];
        const rejected = res.body.rejected ?? [];
        expect((res.body.stored ?? 0) + (res.body.duplicates ?? 0) + rejected.length).toBe(items.length);
        for (const r of rejected) for (const issue of r.issues) expect(issue.field.startsWith(`batch.${r.index}`), issue.field).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('valid messages carrying hostile free-form content (traits, properties, context) are stored', async () => {
    const freeForm = fc.record({ email: hostile, name: hostile, extra: hostile }, { requiredKeys: [] });
    const valid = fc.record({
      type: fc.constantFrom('track', 'identify', 'group', 'page', 'screen'),
      messageId: fc.uuid(),
      userId: fc.string({ minLength: 1, maxLength: 20 }).filter((u) => !u.includes('\u0000')),
      groupId: fc.constantFrom('fuzz-group-1', 'fuzz-group-2'),
      event: fc.constant('Fuzzed'),
      traits: freeForm,
      properties: fc.dictionary(
        fc.string({ maxLength: 10 }).filter((k) => k !== '__proto__'),
        hostile,
        { maxKeys: 4 },
      ),
      context: fc.record({ traits: freeForm }),
    });
    await fc.assert(
      fc.asyncProperty(valid, async (m) => {
        const res = await segment.post<Reply>('/v1/batch', { batch: [m] });
        if (res.status === 400) {
          // Only the parser's own refusal of JSON (a __proto__ key deep inside) may stop a valid message.
          expect(res.body.error?.issues[0]?.field, res.text).toBe('body');
          return;
        }
        expect(res.status, res.text).toBe(200);
        expect(res.body.stored, res.text).toBe(1);
      }),
      { numRuns: 150 },
    );
  });

  it('single calls get 200 or 400 naming a body field; never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('track', 'identify', 'group', 'page', 'screen', 'alias'), message, async (type, body) => {
        const res = await segment.post<Reply>(`/v1/${type}`, body);
        expect([200, 400], res.text).toContain(res.status);
        if (res.status === 400) for (const issue of res.body.error?.issues ?? []) expect(issue.field).toMatch(/^body/);
      }),
      { numRuns: 150 },
    );
  });
});
