import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AccountHealth } from '../src/modules/health/contracts.js';
import { ROOT, random } from './support.js';

/**
 * Event-to-score latency under steady ingest: Segment batches at a steady rate to POST /v1/batch of a real server
 * process; for one sampled account per batch, the time from the batch's 2xx until GET /api/v1/accounts/:id/health
 * shows a computed_at later than the moment the batch was sent (polled every POLL_MS).
 */
export interface LatencyOptions {
  url: string;
  writeKey: string;
  apiKey: string;
  accountIds: string[];
  externalIds: string[];
  batchesPerSecond: number;
  eventsPerBatch: number;
  seconds: number;
}

export type LatencyResult =
  | { available: false; reason: string }
  | { available: true; samples: number; p50: number; p95: number; max: number; events: number; timedOut: number };

const POLL_MS = 20;
const GIVE_UP_MS = 15_000;

/** The freshness worker lives in src/jobs/; without it nothing turns ingest into scores. */
export function workerPresent(): boolean {
  const dir = path.join(ROOT, 'src/jobs');
  return fs.existsSync(dir) && fs.readdirSync(dir).some((f) => f.endsWith('.ts'));
}

function post(agent: http.Agent, url: URL, auth: string, body: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { authorization: auth, 'content-type': 'application/json', 'content-length': body.length } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function computedAt(base: string, apiKey: string, accountId: string): Promise<number> {
  const res = await fetch(`${base}/api/v1/accounts/${accountId}/health`, { headers: { authorization: `Bearer ${apiKey}` } });
  if (!res.ok) throw new Error(`GET health: HTTP ${res.status}`);
  const health = (await res.json()) as AccountHealth;
  const overall = health.scores.find((s) => s.scorecardId === health.overall) ?? health.scores[0];
  return overall ? Date.parse(overall.computedAt) : 0;
}

/** Polls until the account's score was computed after `sentAt`; the time from `acked` (ms), or null on giving up. */
async function waitForScore(o: LatencyOptions, accountId: string, sentAt: number, acked: number): Promise<number | null> {
  while (performance.now() - acked < GIVE_UP_MS) {
    if ((await computedAt(o.url, o.apiKey, accountId)) > sentAt) return performance.now() - acked;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return null;
}

export async function eventToScore(o: LatencyOptions): Promise<LatencyResult> {
  if (!workerPresent()) return { available: false, reason: 'no freshness worker in src/jobs/' };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const target = new URL('/v1/batch', o.url);
  const auth = `Basic ${Buffer.from(`${o.writeKey}:`).toString('base64')}`;
  const rnd = random(99);
  const latencies: number[] = [];
  const waits: Promise<void>[] = [];
  let timedOut = 0;
  let events = 0;
  const total = Math.round(o.batchesPerSecond * o.seconds);
  const interval = 1000 / o.batchesPerSecond;
  const started = performance.now();
  const sends: Promise<void>[] = [];
  for (let b = 0; b < total; b++) {
    // Steady rate: each batch leaves at its slot, whether or not the previous one has been answered.
    const due = started + b * interval;
    const delay = due - performance.now();
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    const batch = [];
    let sampled = -1;
    for (let e = 0; e < o.eventsPerBatch; e++) {
      const i = Math.floor(rnd() * o.accountIds.length);
      if (sampled < 0) sampled = i;
      const ts = new Date().toISOString();
      batch.push({
        type: 'track',
        messageId: `lat-${b}-${e}`,
        userId: `user-${i}-${Math.floor(rnd() * 12)}`,
        event: 'Signed In',
        properties: { plan: 'pro' },
        context: { groupId: o.externalIds[i] },
        timestamp: ts,
      });
    }
    events += batch.length;
    const body = Buffer.from(JSON.stringify({ batch }));
    const accountId = o.accountIds[sampled] as string;
    sends.push(
      (async () => {
        const sentAt = Date.now();
        const status = await post(agent, target, auth, body);
        if (status < 200 || status >= 300) throw new Error(`POST /v1/batch: HTTP ${status}`);
        const acked = performance.now();
        waits.push(
          waitForScore(o, accountId, sentAt, acked).then((ms) => {
            // A sample that never shows counts as the longest wait, so it cannot flatter the p95.
            if (ms === null) timedOut++;
            latencies.push(ms ?? GIVE_UP_MS);
          }),
        );
      })(),
    );
  }
  await Promise.all(sends);
  await Promise.all(waits);
  agent.destroy();
  if (timedOut === latencies.length) return { available: false, reason: `no score changed within ${GIVE_UP_MS / 1000} s of an event` };
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { available: true, samples: latencies.length, p50: at(0.5), p95: at(0.95), max: latencies.at(-1) ?? 0, events, timedOut };
}
