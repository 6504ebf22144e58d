import { sql } from 'kysely';
import type { Database } from '../src/db/connection.js';
import { OPEN_RISK_STATUSES } from '../src/domain/enums.js';
import { loadSourceContext, scoreAccounts } from '../src/modules/health/compute.js';
import { loadScorecards } from '../src/modules/health/repo.js';
import { type MeasureValue, scoreMeasures } from '../src/modules/health/score.js';
import { sourceValues } from '../src/modules/health/sources.js';
import { windowStart } from '../src/modules/kpis/evaluate.js';
import type { BenchWorkspace } from './health-data.js';

/**
 * The engine's floor for a full recompute: ONE hand-written aggregate query that reads every row the default
 * scorecard's measures read (distinct active users over 30 days, the latest licence count, tickets over 30 days,
 * late invoices over 90 days, open risks, the manual value, the last touch) and returns them per account.
 * Nothing is written: a recompute must also score and store, so the floor is below what it can reach.
 */
export async function floorQuery(database: Database, b: BenchWorkspace): Promise<{ ms: number; rows: number }> {
  const { workspaceId: ws, asOf, metricIds } = b;
  const from30 = windowStart(asOf, 30);
  const from90 = windowStart(asOf, 90);
  const query = sql<Record<string, unknown>>`
    select a.id, a.last_touch_at, u.n as active_users, l.value as licences, t.tickets, t.late, r.n as risks, mv.value as manual, mv.expires_on
    from accounts a
    left join (select account_id, count(distinct user_key) as n from usage_user_days
      where workspace_id = ${ws} and day >= ${from30} and day <= ${asOf} group by account_id) u on u.account_id = a.id
    left join (select account_id,
        sum(case when metric_id = ${metricIds.tickets} and day >= ${from30} then value end) as tickets,
        sum(case when metric_id = ${metricIds.late} then value end) as late
      from metric_values where workspace_id = ${ws} and metric_id in (${metricIds.tickets}, ${metricIds.late})
        and day >= ${from90} and day <= ${asOf} group by account_id) t on t.account_id = a.id
    left join (select m.account_id, m.value from (select p.account_id, max(p.day) as day from metric_values p
        where p.workspace_id = ${ws} and p.metric_id = ${metricIds.licences} and p.day <= ${asOf} group by p.account_id) lt
      join metric_values m on m.workspace_id = ${ws} and m.account_id = lt.account_id and m.metric_id = ${metricIds.licences}
        and m.day = lt.day) l on l.account_id = a.id
    left join (select account_id, count(*) as n from risks where workspace_id = ${ws}
      and status in (${sql.join([...OPEN_RISK_STATUSES])}) group by account_id) r on r.account_id = a.id
    left join manual_measure_values mv on mv.account_id = a.id and mv.measure_id = ${b.manualMeasureId}
    where a.workspace_id = ${ws}`;
  const started = performance.now();
  const { rows } = await query.execute(database.db);
  return { ms: performance.now() - started, rows: rows.length };
}

/**
 * The scoring step alone: with every source's raw values already in memory, (a) the pure core (score.ts) over
 * 7 values per account and (b) scoreAccounts, which also builds each component's explanation.
 */
export async function scoringStep(
  database: Database,
  b: BenchWorkspace,
): Promise<{ coreMs: number; scoreAccountsMs: number; values: number; scores: number; withScore: number }> {
  const [card] = await loadScorecards(database.db, b.workspaceId);
  if (!card) throw new Error('no scorecard');
  const ctx = await loadSourceContext(database, b.workspaceId, { asOf: b.asOf });
  const sources = await Promise.all(card.measures.map((m) => sourceValues(ctx, m.id, m.source)));
  const inputs: MeasureValue[][] = ctx.accounts.map((a) =>
    card.measures.map((m, i) => ({ id: m.id, name: m.name, group: m.group, weight: m.weight, mapping: m.mapping, raw: sources[i]?.raw.get(a.id) ?? null })),
  );
  let started = performance.now();
  let withScore = 0;
  for (const measures of inputs) if (scoreMeasures(measures, card.groups).score !== null) withScore++;
  const coreMs = performance.now() - started;
  started = performance.now();
  const scored = await scoreAccounts(ctx, card);
  const scoreAccountsMs = performance.now() - started;
  if (scored.length !== ctx.accounts.length) throw new Error(`scored ${scored.length} of ${ctx.accounts.length}`);
  return { coreMs, scoreAccountsMs, values: inputs.length * card.measures.length, scores: inputs.length, withScore };
}
