import type { Database } from '../src/db/connection.js';
import { ingestMessages } from '../src/modules/ingest/ingest.js';
import { checkMessage, type Message } from '../src/modules/ingest/message.js';
import { settleRollups } from '../src/modules/ingest/rollup-queue.js';
import { createFromTemplate } from '../src/modules/kpis/service.js';
import { metricsOf } from '../src/modules/metrics/service.js';
import { type MetricValueRow, writeMetricValues } from '../src/modules/metrics/values.js';
import type { Actor } from '../src/server/types.js';
import type { DemoData } from './generate.js';
import { planUsage, type UsagePlan } from './usage.js';
import { accountMessages, expectedMessages, type SegmentMessage, unmatchedMessages } from './usage-events.js';
import { metricValues } from './usage-metrics.js';

/**
 * Writes the demo's usage through the real write paths: Segment messages through the same checks and ingest as
 * POST /v1/batch (identity matching, unmatched reasons, rollups), metric values as the metrics API stores them,
 * and KPIs made from the prebuilt templates.
 */

/** Messages per ingest call, each its own transaction, like a client's batch. */
export const DEMO_INGEST_BATCH = 2000;

/** The KPIs the demo starts with: the Usage tab's tiles and the accounts list's KPI columns. */
export const DEMO_KPIS: ReadonlyArray<{ templateKey: string; name?: string; event?: string }> = [
  { templateKey: 'active_users' },
  { templateKey: 'licence_utilisation' },
  { templateKey: 'monthly_logins' },
  { templateKey: 'feature_usage', name: 'Report builders', event: 'Report Created' },
  { templateKey: 'support_tickets' },
  { templateKey: 'support_first_response' },
  { templateKey: 'invoices_paid_late' },
];

export interface PreparedUsage {
  plan: UsagePlan;
  /** Per account, about how many messages it sends (progress weights). */
  weights: number[];
  /** Progress units: messages (estimated), metric values, KPIs. */
  total: number;
}

export interface UsageSummary {
  messages: number;
  unmatched: number;
  metricValues: number;
  kpis: number;
}

/** Plans the usage before anything is written, so the installer's progress total is known from the start. */
export function prepareUsage(data: DemoData, options: { today: string; until: string | null }): PreparedUsage {
  const plan = planUsage(data, options);
  const weights = plan.accounts.map((a) => expectedMessages(plan, a));
  // Metric values are about one per account-day and write fast: weigh them as a tenth of a message each.
  const total = weights.reduce((s, w) => s + w, 0) + Math.round((plan.accounts.length * plan.days) / 10) + DEMO_KPIS.length;
  return { plan, weights, total };
}

function checked(raw: SegmentMessage, receivedAt: number): Message {
  const result = checkMessage(raw, 'demo', { receivedAt, implied: null, sentAt: null });
  if (!result.ok) throw new Error(`Demo message ${raw.messageId} is invalid: ${result.issues.map((i) => i.message).join('; ')}`);
  return result.message;
}

export async function installUsage(
  database: Database,
  workspaceId: string,
  prepared: PreparedUsage,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<UsageSummary> {
  const { plan, weights, total } = prepared;
  const receivedAt = new Date().toISOString();
  const receivedMs = Date.parse(receivedAt);
  const options = { receivedAt, autoCreateAccounts: false, currency: 'USD' };
  const summary: UsageSummary = { messages: 0, unmatched: 0, metricValues: 0, kpis: 0 };
  let done = 0;
  let pending: Message[] = [];
  let pendingWeight = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    const result = await ingestMessages(database, workspaceId, pending, options);
    summary.messages += result.stored;
    summary.unmatched += result.unmatched;
    done += pendingWeight;
    pending = [];
    pendingWeight = 0;
    onProgress(Math.min(Math.round(done), total), total);
  };

  // Account by account, each account's identify and group calls before its sessions, as a tracking library sends them.
  for (const [i, account] of plan.accounts.entries()) {
    const messages = accountMessages(plan, account);
    const share = (weights[i] ?? 0) / Math.max(1, messages.length);
    for (const raw of messages) {
      pending.push(checked(raw, receivedMs));
      pendingWeight += share;
      if (pending.length >= DEMO_INGEST_BATCH) await flush();
    }
  }
  for (const raw of unmatchedMessages(plan)) pending.push(checked(raw, receivedMs));
  await flush();
  // The health scores computed next read the rollups: fold what the batches queued (no worker runs during set-up).
  await settleRollups(database, workspaceId);

  const accountIds = new Map(
    (await database.db.selectFrom('accounts').select(['id', 'external_id']).where('workspace_id', '=', workspaceId).execute()).map((a) => [
      a.external_id,
      a.id,
    ]),
  );
  const metricIds = new Map((await metricsOf(database.db, workspaceId)).map((m) => [m.key, m.id]));
  const rows: MetricValueRow[] = [];
  for (const v of metricValues(plan)) {
    const accountId = accountIds.get(v.accountExternalId);
    const metricId = metricIds.get(v.metric);
    if (!accountId || !metricId) throw new Error(`Demo metric value for ${v.accountExternalId}/${v.metric}: no such account or metric`);
    rows.push({ accountId, metricId, day: v.day, value: v.value });
  }
  summary.metricValues = await database.db.transaction().execute((trx) => writeMetricValues(trx, workspaceId, rows));
  done = total - DEMO_KPIS.length;
  onProgress(done, total);

  const actor: Actor = { workspaceId, userId: null, role: 'admin', via: 'cli' };
  // The default health scorecard (seed 'scorecard-v1') already made some of these KPIs from the same templates.
  const existing = await database.db.selectFrom('kpis').select(['template_key', 'name']).where('workspace_id', '=', workspaceId).execute();
  for (const kpi of DEMO_KPIS) {
    const made = existing.some((k) => (kpi.name ? k.name === kpi.name : k.template_key === kpi.templateKey));
    if (!made) await createFromTemplate(database, actor, kpi);
    summary.kpis += 1;
    onProgress(++done, total);
  }
  return summary;
}
