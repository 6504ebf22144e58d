import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.js';
import { nowIso } from '../../src/db/dialect.js';
import { DAILY_HEALTH_JOB } from '../../src/jobs/daily-health.js';
import { markWorkspaceHealthDirty } from '../../src/jobs/health-dirty.js';
import { loadScorecards } from '../../src/modules/health/repo.js';
import { decodeStored } from '../../src/modules/health/stored.js';
import { todayUtc } from '../../src/modules/kpis/evaluate.js';
import { type Engine, engines, pgServerUrl } from '../support/engines.js';
import { createServerDatabase, errorLogs, type ServerDatabase, startServer, stopAllProcesses } from '../support/processes.js';
import { seedIngestWorkspace } from '../support/seed-ingest.js';

/**
 * Issue 4's durability promise, against real `keepwell serve` processes: a recompute that is owed is never lost.
 * (1) A batch acknowledged by a server without workers leaves its accounts owed across a SIGKILL — in the outbox
 * on SQLite, behind its queued rollups on PostgreSQL (their fold queues the recomputes) — and a server with workers
 * scores them after the restart. (2) SIGKILL while the worker drains a large outbox: at that
 * instant every account is either scored after the change or still queued, and after a restart (two processes on
 * PostgreSQL) all are scored.
 */
const ACCOUNTS = 2_500;
const WITH_EVENTS = 20;

const targets: ServerDatabase[] = [];
afterAll(async () => {
  await stopAllProcesses();
  for (const target of targets) await target.dispose().catch(() => {});
});

const runsOn = (engine: Engine) => engine === 'sqlite' || pgServerUrl() !== null;

async function seed(database: Database): Promise<{ workspaceId: string; key: string }> {
  const seeded = await seedIngestWorkspace(database, { name: 'Health crash', accounts: ACCOUNTS, prefix: 'hc-' });
  // Today's daily recompute counts as done: a restart would otherwise rescore everything and hide a lost row.
  await database.db
    .insertInto('job_runs')
    .values({ job: DAILY_HEALTH_JOB, scope: seeded.workspaceId, day: todayUtc(), finished_at: nowIso(), summary: null })
    .execute();
  return seeded;
}

const count = async (database: Database, table: 'health_dirty' | 'health_scores' | 'usage_rollup_queue', workspaceId: string) =>
  Number(
    (
      await database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirstOrThrow()
    ).n,
  );

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

for (const engine of engines) {
  describe.skipIf(!runsOn(engine))(`health outbox survives SIGKILL [${engine}]`, () => {
    it('keeps owed recomputes across a kill, and loses none when the worker is killed mid-drain', { timeout: 180_000 }, async () => {
      const target = await createServerDatabase(engine);
      targets.push(target);
      const database = target.open();
      try {
        const { workspaceId, key } = await seed(database);

        // (1) No workers: acknowledged events leave their rollups queued, and nothing folds them or scores the accounts.
        const quiet = await startServer({ ...target.env, KEEPWELL_JOBS: '0' });
        const batch = Array.from({ length: WITH_EVENTS * 3 }, (_, i) => ({
          type: 'track',
          messageId: `hc-m-${i}`,
          userId: `hc-u-${i}`,
          event: 'Report Viewed',
          context: { groupId: `hc-${i % WITH_EVENTS}` },
          timestamp: new Date(Date.now() - 3_600_000).toISOString(),
        }));
        const res = await fetch(`${quiet.url}/v1/batch`, {
          method: 'POST',
          headers: { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`, 'content-type': 'application/json' },
          body: JSON.stringify({ batch }),
        });
        expect(res.status).toBe(200);
        await quiet.kill();
        // PostgreSQL queues the batch's rollups (their fold queues the recomputes); SQLite queues the recomputes at once.
        const queued = engine === 'postgres' ? 1 : 0;
        expect(await count(database, 'usage_rollup_queue', workspaceId)).toBe(queued);
        expect(await count(database, 'health_dirty', workspaceId)).toBe(queued ? 0 : WITH_EVENTS);
        expect(await count(database, 'health_scores', workspaceId)).toBe(0);

        // A worker scores them after the restart: three active users each, from the events stored before the kill.
        const worker = await startServer({ ...target.env, KEEPWELL_JOBS: '1' });
        await waitFor(
          async () => (await count(database, 'usage_rollup_queue', workspaceId)) === 0 && (await count(database, 'health_dirty', workspaceId)) === 0,
          'the rollup queue and the outbox to drain',
        );
        const scored = await database.db
          .selectFrom('health_scores')
          .innerJoin('accounts', 'accounts.id', 'health_scores.account_id')
          .select(['accounts.external_id', 'health_scores.components', 'health_scores.cause'])
          .where('health_scores.workspace_id', '=', workspaceId)
          .execute();
        expect(scored).toHaveLength(WITH_EVENTS);
        const measures = (await loadScorecards(database.db, workspaceId)).flatMap((card) => card.measures);
        for (const row of scored) {
          const active = decodeStored(row.components, measures).components.find((c) => c.name === 'Active users');
          expect(active?.raw, row.external_id ?? '').toBe(3);
          expect(row.cause).toBe('new usage data');
        }

        // (2) Every account queued at once (as a KPI edit does), and the worker killed while it drains them.
        const queuedAt = nowIso();
        await markWorkspaceHealthDirty(database.db, database.dialect, workspaceId, 'KPI edited');
        await waitFor(async () => {
          const left = await count(database, 'health_dirty', workspaceId);
          return left > 0 && left < ACCOUNTS;
        }, 'the worker to start draining');
        await worker.kill();
        expect(errorLogs(worker)).toEqual([]);

        // At the kill, an account is either rescored after the change, or still owed: none is in between.
        const owed = new Set(
          (await database.db.selectFrom('health_dirty').select('account_id').where('workspace_id', '=', workspaceId).execute()).map((r) => r.account_id),
        );
        expect(owed.size).toBeGreaterThan(0);
        const stale = await database.db
          .selectFrom('accounts')
          .leftJoin('health_scores', 'health_scores.account_id', 'accounts.id')
          .select(['accounts.id', 'health_scores.computed_at'])
          .where('accounts.workspace_id', '=', workspaceId)
          .execute();
        const lost = stale.filter((r) => (r.computed_at === null || r.computed_at < queuedAt) && !owed.has(r.id));
        expect(lost).toEqual([]);

        // On PostgreSQL two processes drain what is left side by side: SKIP LOCKED gives each its own accounts.
        const again = await startServer({ ...target.env, KEEPWELL_JOBS: '1' });
        const second = engine === 'postgres' ? await startServer({ ...target.env, KEEPWELL_JOBS: '1' }) : null;
        await waitFor(async () => (await count(database, 'health_dirty', workspaceId)) === 0, 'the outbox to drain after the restart');
        const old = await database.db
          .selectFrom('health_scores')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('workspace_id', '=', workspaceId)
          .where('computed_at', '<', queuedAt)
          .executeTakeFirstOrThrow();
        expect(Number(old.n)).toBe(0);
        expect(await count(database, 'health_scores', workspaceId)).toBe(ACCOUNTS);
        for (const server of second ? [again, second] : [again]) {
          await server.stop();
          expect(errorLogs(server)).toEqual([]);
        }
      } finally {
        await database.close();
      }
    });
  });
}
