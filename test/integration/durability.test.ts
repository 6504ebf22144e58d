import fs from 'node:fs';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest, migrateUpTo } from '../../src/db/migrate.js';
import { type Account, type AccountDetail, AccountListQuery, type AccountPage } from '../../src/modules/accounts/contracts.js';
import { createAccount, getAccount, listAccounts } from '../../src/modules/accounts/service.js';
import { accountHealth } from '../../src/modules/health/account.js';
import { recomputeHealth } from '../../src/modules/health/compute.js';
import { applySeedsToAllWorkspaces } from '../../src/modules/seeds.js';
import { addMember, createWorkspace } from '../../src/modules/workspaces/service.js';
import type { Actor } from '../../src/server/types.js';
import { type Engine, engines, pgServerUrl } from '../support/engines.js';
import { PASSWORD, unique } from '../support/factories.js';
import {
  createServerDatabase,
  errorLogs,
  type HttpClient,
  httpClient,
  runCli,
  type ServerDatabase,
  type ServerProcess,
  signInOver,
  startServer,
  stopAllProcesses,
} from '../support/processes.js';

/**
 * The reliability promises of the foundation, checked against real `keepwell` processes: acknowledged
 * writes survive a killed server, several servers share one PostgreSQL database, migrations are safe to rerun.
 */

/** Acknowledged creations before the SIGKILL: enough for several commits to be in flight when it lands. */
const KILL_AFTER = 150;
const CONCURRENCY = 8;

const targets: ServerDatabase[] = [];
afterAll(async () => {
  await stopAllProcesses();
  for (const target of targets) await target.dispose().catch(() => {});
});

async function newDatabase(engine: Engine): Promise<ServerDatabase> {
  const target = await createServerDatabase(engine);
  targets.push(target);
  return target;
}

function runsOn(engine: Engine): boolean {
  return engine === 'sqlite' || pgServerUrl() !== null;
}

/** Distinct, fully filled accounts: a half-written row would differ from what was sent in some field. */
function accountPayload(tag: string) {
  const n = Number.parseInt(tag.replace(/\D/g, ''), 10) || 0;
  return {
    name: `Durable ${tag}`,
    externalId: `ext-${tag}`,
    domain: `${tag}.example.com`,
    industry: 'Software',
    region: 'EMEA',
    companySize: 'medium' as const,
    arrMinor: 100_000 + n,
    currency: 'EUR',
    lifecyclePhase: 'adoption' as const,
    renewalDate: '2030-06-30',
    riskStatuses: ['feature_gaps' as const, 'lack_of_interest' as const],
    customFields: { tier: 'gold', seats: n },
  };
}
type Payload = ReturnType<typeof accountPayload>;

function expectComplete(account: Account, sent: Payload | undefined): void {
  expect(sent, `stored account "${account.name}" was never sent`).toBeDefined();
  if (!sent) return;
  const { name, externalId, domain, industry, region, companySize, arrMinor, currency, lifecyclePhase, renewalDate, riskStatuses, customFields } = account;
  expect({ name, externalId, domain, industry, region, companySize, arrMinor, currency, lifecyclePhase, renewalDate, riskStatuses, customFields }).toEqual(
    sent,
  );
}

/** Every account of the workspace, following the cursor. */
async function listAll(client: HttpClient, baseUrl: string): Promise<{ items: Account[]; total: number }> {
  const items: Account[] = [];
  let cursor: string | null = null;
  let total = 0;
  do {
    const res: { status: number; body: AccountPage; text: string } = await client.request<AccountPage>(
      'GET',
      `${baseUrl}/api/v1/accounts?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(res.status, res.text).toBe(200);
    items.push(...res.body.items);
    total = res.body.total;
    cursor = res.body.nextCursor;
  } while (cursor);
  return { items, total };
}

/** A migrated database with one workspace and its admin, made through the services (faster than a CLI process). */
async function seedAdmin(target: ServerDatabase, email: string): Promise<void> {
  const database = target.open();
  try {
    await migrateToLatest(database);
    const workspace = await createWorkspace(database, 'Durability');
    await addMember(database, workspace.id, { email, name: 'Ada Admin', role: 'admin', password: PASSWORD });
  } finally {
    await database.close();
  }
}

/**
 * Fires account creations, CONCURRENCY at a time, and SIGKILLs the server once KILL_AFTER have been
 * acknowledged. Returns what was sent (by name) and what was acknowledged (id → name).
 */
async function createUntilKilled(server: ServerProcess, client: HttpClient) {
  const sent = new Map<string, Payload>();
  const acked = new Map<string, string>();
  let killed = false;
  let halted = false;
  let lostAtKill = 0;
  const worker = async (w: number) => {
    for (let i = 0; !killed && !halted; i++) {
      const payload = accountPayload(`w${w}n${i}x${unique('')}`);
      sent.set(payload.name, payload);
      let res: { status: number; body: AccountDetail; text: string };
      try {
        res = await client.request<AccountDetail>('POST', `${server.url}/api/v1/accounts`, payload);
      } catch (err) {
        // Only the kill may cut a request off.
        if (!killed) throw err;
        lostAtKill += 1;
        return;
      }
      // A reply that was sent before the kill is an acknowledgement like any other.
      expect(res.status, res.text).toBe(201);
      expect(res.body.name).toBe(payload.name);
      acked.set(res.body.id, payload.name);
      if (acked.size >= KILL_AFTER && !killed) {
        killed = true;
        server.child.kill('SIGKILL');
      }
    }
  };
  // One worker failing stops the others, so that nothing keeps writing while the test reports.
  const guarded = (w: number) =>
    worker(w).catch((err: unknown) => {
      halted = true;
      throw err;
    });
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => guarded(w)));
  const exit = await server.exited;
  expect(exit.signal).toBe('SIGKILL');
  return { sent, acked, lostAtKill };
}

describe('a killed server loses no acknowledged data', () => {
  for (const engine of engines) {
    it.skipIf(!runsOn(engine))(`keeps every acknowledged account after SIGKILL [${engine}]`, async () => {
      const target = await newDatabase(engine);
      const email = `${unique('admin')}@example.com`;
      await seedAdmin(target, email);

      const first = await startServer(target.env);
      const session = await signInOver(first.url, email, PASSWORD);
      const { sent, acked, lostAtKill } = await createUntilKilled(first, session);
      expect(acked.size).toBeGreaterThanOrEqual(KILL_AFTER);
      // The kill must land mid-stream, or this proves nothing about in-flight commits.
      expect(lostAtKill, 'no request was in flight at the kill').toBeGreaterThan(0);

      if (target.sqliteFile) {
        // The killed process left its WAL behind (no clean close checkpointed it): opening the file replays it,
        // as the next start does.
        expect(fs.statSync(`${target.sqliteFile}-wal`).size).toBeGreaterThan(0);
        const handle = new SQLite(target.sqliteFile);
        try {
          expect(handle.pragma('integrity_check', { simple: true })).toBe('ok');
          expect(handle.pragma('foreign_key_check')).toEqual([]);
        } finally {
          handle.close();
        }
      }

      const second = await startServer(target.env);
      // The session was committed before the kill, so the old cookie still signs us in.
      const after = httpClient(session.headers);
      const ids = [...acked.keys()];
      for (let i = 0; i < ids.length; i += CONCURRENCY) {
        const batch = ids.slice(i, i + CONCURRENCY);
        const replies = await Promise.all(batch.map((id) => after.request<AccountDetail>('GET', `${second.url}/api/v1/accounts/${id}`)));
        replies.forEach((res, k) => {
          const id = batch[k] ?? '';
          expect(res.status, `acknowledged account ${id}: ${res.text}`).toBe(200);
          expect(res.body.id).toBe(id);
          expectComplete(res.body, sent.get(acked.get(id) ?? ''));
        });
      }

      // In-flight creations may or may not have committed, but each stored one is whole and was sent once.
      const all = await listAll(after, second.url);
      expect(all.total).toBe(all.items.length);
      expect(all.total).toBeGreaterThanOrEqual(acked.size);
      expect(all.total).toBeLessThanOrEqual(sent.size);
      expect(new Set(all.items.map((a) => a.name)).size).toBe(all.items.length);
      for (const account of all.items) expectComplete(account, sent.get(account.name));
      expect(errorLogs(first)).toEqual([]);
      expect(errorLogs(second)).toEqual([]);
      // The graceful path closes the database and exits cleanly.
      expect(await second.stop()).toEqual({ code: 0, signal: null });
    });
  }
});

describe.skipIf(!runsOn('postgres'))('several server processes on one PostgreSQL database', () => {
  it('start together on a fresh database, and share sessions and API key revocations', async () => {
    const target = await newDatabase('postgres');
    // Both migrate the empty database at the same moment: the migration lock must serialize them.
    const [a, b] = await Promise.all([startServer(target.env), startServer(target.env)]);

    const database = target.open();
    try {
      // Each migration applied once, none left pending.
      const applied = await database.db
        .selectFrom('keepwell_migrations' as never)
        .select('name' as never)
        .execute();
      expect(applied.length).toBeGreaterThan(0);
      expect(new Set(applied).size).toBe(applied.length);
      expect(await migrateToLatest(database)).toEqual([]);
      const workspace = await createWorkspace(database, 'Shared');
      const email = `${unique('admin')}@example.com`;
      await addMember(database, workspace.id, { email, name: 'Ada Admin', role: 'admin', password: PASSWORD });

      // Sessions live in the database: signed in on A, the cookie and CSRF token work on B.
      const onA = await signInOver(a.url, email, PASSWORD);
      const created = await onA.request<AccountDetail>('POST', `${b.url}/api/v1/accounts`, { name: 'Made on B' });
      expect(created.status, created.text).toBe(201);
      const read = await onA.request<AccountDetail>('GET', `${a.url}/api/v1/accounts/${created.body.id}`);
      expect(read.status, read.text).toBe(200);
      expect(read.body.name).toBe('Made on B');

      // A key revoked on B is refused on A at once: no process caches keys.
      const key = await onA.request<{ id: string; key: string }>('POST', `${a.url}/api/v1/api-keys`, { name: 'shared', role: 'viewer' });
      expect(key.status, key.text).toBe(201);
      const withKey = httpClient({ authorization: `Bearer ${key.body.key}` });
      expect((await withKey.request('GET', `${a.url}/api/v1/accounts`)).status).toBe(200);
      const revoked = await onA.request('DELETE', `${b.url}/api/v1/api-keys/${key.body.id}`);
      expect(revoked.status, revoked.text).toBe(204);
      expect((await withKey.request('GET', `${a.url}/api/v1/accounts`)).status).toBe(401);

      // Likewise a session signed out on B.
      expect((await onA.request('POST', `${b.url}/api/v1/auth/sign-out`, {})).status).toBe(204);
      expect((await onA.request('GET', `${a.url}/api/v1/auth/me`)).status).toBe(401);
      expect([...errorLogs(a), ...errorLogs(b)]).toEqual([]);
    } finally {
      await database.close();
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('migrate a fresh database concurrently without racing (the migration lock)', async () => {
    // Server starts seldom overlap to the millisecond; several pools started in one tick always do.
    const target = await newDatabase('postgres');
    const handles = Array.from({ length: 4 }, () => target.open());
    try {
      const results = await Promise.all(handles.map((h) => migrateToLatest(h)));
      // One of them applied each migration; the others found nothing left to do.
      const names = results
        .flat()
        .filter((r) => r.status === 'Success')
        .map((r) => r.migrationName);
      expect(names.length).toBeGreaterThan(0);
      expect(new Set(names).size).toBe(names.length);
      const rows = await handles[0]!.db
        .selectFrom('keepwell_migrations' as never)
        .selectAll()
        .execute();
      expect(rows).toHaveLength(names.length);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
  });
});

describe('migrations run forward on existing data', () => {
  for (const engine of engines) {
    it.skipIf(!runsOn(engine))(`rerunning them changes nothing [${engine}]`, async () => {
      const target = await newDatabase(engine);
      let database = target.open();
      let accountId: string;
      let actor: Actor;
      let migrationCount: number;
      try {
        const first = await migrateToLatest(database);
        expect(first.length).toBeGreaterThan(0);
        expect(first.every((r) => r.status === 'Success')).toBe(true);
        migrationCount = first.length;

        const workspace = await createWorkspace(database, 'Migrated');
        await addMember(database, workspace.id, { email: `${unique('m')}@example.com`, name: 'Mo Member', role: 'admin', password: PASSWORD });
        actor = { workspaceId: workspace.id, userId: null, role: 'admin', via: 'cli' };
        accountId = (await createAccount(database, actor, accountPayload('m1'))).id;

        // Idempotent: nothing to apply, no error.
        const again = await migrateToLatest(database);
        expect(again.filter((r) => r.status !== 'NotExecuted')).toEqual([]);
        expectComplete(await getAccount(database, actor, accountId), accountPayload('m1'));
      } finally {
        await database.close();
      }

      const cli = await runCli(['migrate'], target.env);
      expect(cli.code, cli.stderr + cli.stdout).toBe(0);
      expect(cli.stdout).toContain('The schema is up to date');

      database = target.open();
      try {
        expectComplete(await getAccount(database, actor, accountId), accountPayload('m1'));
        const rows = await database.db
          .selectFrom('keepwell_migrations' as never)
          .selectAll()
          .execute();
        expect(rows).toHaveLength(migrationCount);
      } finally {
        await database.close();
      }
    });
  }
});

describe('migrations run forward on data an older schema holds', () => {
  for (const engine of engines) {
    it.skipIf(!runsOn(engine))(`a 0002 database with a workspace and accounts gains engagement and health [${engine}]`, async () => {
      const target = await newDatabase(engine);
      const database = target.open();
      try {
        await migrateUpTo(database, '0002_usage');
        // Rows as the 0002 schema knew them, written directly: today's services expect the newer tables.
        const now = new Date().toISOString();
        const workspaceId = unique('ws');
        await database.db.insertInto('workspaces').values({ id: workspaceId, name: 'Older', settings: '{}', created_at: now, updated_at: now }).execute();
        const account = {
          workspace_id: workspaceId,
          currency: 'USD',
          risk_statuses: '["feature_gaps"]',
          custom_fields: '{}',
          created_at: now,
          updated_at: now,
        };
        await database.db
          .insertInto('accounts')
          .values([
            { ...account, id: unique('acc'), name: 'High touch', arr_minor: 100_000, touch_tier: 'high', lifecycle_phase: 'adoption' },
            { ...account, id: unique('acc'), name: 'No tier', arr_minor: 5_000, touch_tier: null, lifecycle_phase: null },
          ])
          .execute();

        const results = await migrateUpTo(database, '0004_health');
        expect(results.map((r) => [r.migrationName, r.status])).toEqual([
          ['0003_engagement', 'Success'],
          ['0004_health', 'Success'],
        ]);
        // Start-up gives older workspaces the seeds added since: the risk catalog and the default scorecard.
        await applySeedsToAllWorkspaces(database);
        expect(
          Number(
            (
              await database.db
                .selectFrom('risk_types')
                .select((e) => e.fn.countAll().as('n'))
                .where('workspace_id', '=', workspaceId)
                .executeTakeFirstOrThrow()
            ).n,
          ),
        ).toBe(24);
        const actor: Actor = { workspaceId, userId: null, role: 'admin', via: 'cli' };
        const list = await listAccounts(database, actor, AccountListQuery.parse({ sort: 'name' }));
        expect(list.items.map((a) => [a.name, a.lastTouchAt, a.touchOverdue, a.riskStatuses])).toEqual([
          ['High touch', null, true, ['feature_gaps']],
          ['No tier', null, false, ['feature_gaps']],
        ]);
        // Health computes on the old rows: with no usage or touches yet, the measures without data are left out.
        const recomputed = await recomputeHealth(database, workspaceId, { cause: 'migration test' });
        expect(recomputed.accounts).toBe(2);
        // 0005 turns the stored explanations into plain text on PostgreSQL: the scores computed under 0004 still read.
        // 0006 leaves room on health_scores pages for PostgreSQL's in-page updates: the rows can be rewritten after it.
        const later = await migrateToLatest(database);
        expect(later.map((r) => [r.migrationName, r.status])).toEqual([
          ['0005_jobs', 'Success'],
          ['0006_health_fillfactor', 'Success'],
          ['0007_usage_rollup_queue', 'Success'],
        ]);
        const health = await accountHealth(database, actor, list.items[0]?.id ?? '');
        expect(health.scores).toHaveLength(1);
        expect(health.scores[0]?.leftOut.length).toBeGreaterThan(0);
        expect((await recomputeHealth(database, workspaceId, { cause: 'after 0006' })).scores).toBe(2);
        const again = await accountHealth(database, actor, list.items[0]?.id ?? '');
        expect(again.scores[0]?.components).toEqual(health.scores[0]?.components);
      } finally {
        await database.close();
      }
    });
  }
});
