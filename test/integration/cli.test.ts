import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.js';
import { decodeJson } from '../../src/db/dialect.js';
import { verifyPassword } from '../../src/lib/secrets.js';
import { signIn } from '../../src/modules/auth/service.js';
import { ACCOUNT_DERIVED_COLUMNS } from '../../src/modules/csv/import-accounts.js';
import { type Engine, engines, pgServerUrl } from '../support/engines.js';
import { createServerDatabase, runCli, type ServerDatabase, stopAllProcesses } from '../support/processes.js';

/**
 * The `keepwell` CLI as an operator runs it: real processes against a fresh database per engine, each
 * outcome read back from the database. Independent calls run together: every call starts tsx (~1 s).
 */

const ANA = 'ana@example.com';
const ANA_PASSWORD = 'ana-has-a-long-password';
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  await stopAllProcesses();
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

/**
 * The four suites run side by side (each on its own database); the steps inside a suite build on each other
 * and run in order (`step`). Most of each CLI call is tsx start-up, which overlaps well.
 */
const together = { concurrent: true };
const step = it.sequential;
const runsOn = (engine: Engine) => engine === 'sqlite' || pgServerUrl() !== null;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A line of the CLI's text table that starts with these cells (an empty cell is only padding). */
const tableLine = (cells: string[]) =>
  new RegExp(
    `^${cells
      .filter((c) => c !== '')
      .map(escapeRe)
      .join('\\s+')}\\s`,
    'm',
  );
/** What a spreadsheet-safe export does to text (see README "CSV files"), written out here as the oracle. */
const cell = (v: string | null) => (v === null ? '' : /^'*[=+\-@\t\r]/.test(v) ? `'${v}` : v);
const readCsv = (text: string): string[][] => parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true });
const byFirst = (rows: string[][]) => [...rows].sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));

const INVALID_ACCOUNTS = `external_id,name,arr,company_size,renewal_date,owner_email,risk_statuses,parent_external_id
bad-1,Good Row,1000,small,2026-06-30,${ANA},,
bad-2,Bad Arr,lots,,,,,
bad-3,Bad Size,10,gigantic,,,,
bad-4,,5,,,,,
bad-5,Bad Date,5,,2026-02-30,,,
bad-6,Bad Owner,5,,,nobody@example.com,,
bad-7,Bad Parent,5,,,,,nowhere
`;
/** [row, column, value, rule] of every problem in INVALID_ACCOUNTS; row 1 is valid. */
const INVALID_CELLS = [
  ['2', 'arr', 'lots', 'decimal'],
  ['3', 'company_size', 'gigantic', 'invalid_value'],
  ['4', 'name', '', 'required'],
  ['5', 'renewal_date', '2026-02-30', 'invalid_format'],
  ['6', 'owner_email', 'nobody@example.com', 'member'],
  ['7', 'parent_external_id', 'nowhere', 'exists'],
];
const VALID_ACCOUNTS = `external_id,name,domain,industry,region,company_size,arr,currency,deployment_status,lifecycle_phase,touch_tier,owner_email,renewal_date,risk_statuses,parent_external_id,custom.tier
acme-parent,"Acme Holdings, Inc.",acme.example.com,Software,EMEA,Enterprise,2500000.50,EUR,deployed,adoption,high,${ANA},2026-09-30,Feature Gaps;lack_of_interest,,gold
acme-child,Acme Retail,,Retail,AMER,small,1200,,,onboarding,tech,,,,acme-parent,
acme-formula,=SUM(A1) Corp,,,,,0,,,,,,,,,
`;
const CONTACTS = `external_id,account_external_id,name,email,title,phone,roles,status,left_on
c-1,acme-parent,Carla Champion,carla@acme.example.com,VP Ops,+1 555 0100,champion;sponsor,active,
c-2,acme-child,Lee Left,lee@acme.example.com,,,,left,2025-12-31
`;

for (const engine of engines) {
  describe.skipIf(!runsOn(engine))(`keepwell CLI [${engine}]`, together, () => {
    // Checks whose outcome does not depend on the engine's SQL (input rules, file handling) run on SQLite only.
    const everything = engine === 'sqlite';
    let target: ServerDatabase;
    let database: Database;
    let dir: string;
    const cli = (args: string[], env: Record<string, string> = {}) => runCli(args, { ...target.env, ...env });
    const file = (name: string, text?: string) => {
      const full = path.join(dir, name);
      if (text !== undefined) fs.writeFileSync(full, text);
      return full;
    };
    const workspaceId = async (name: string) => (await database.db.selectFrom('workspaces').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
    const accountsOf = async (name: string) =>
      database.db
        .selectFrom('accounts')
        .leftJoin('users', 'users.id', 'accounts.owner_id')
        .leftJoin('accounts as parent', 'parent.id', 'accounts.parent_id')
        .selectAll('accounts')
        .select(['users.email as owner_email', 'parent.external_id as parent_external_id'])
        .where('accounts.workspace_id', '=', await workspaceId(name))
        .execute();

    beforeAll(async () => {
      target = await createServerDatabase(engine);
      cleanups.push(() => target.dispose());
      dir = target.env.KEEPWELL_DATA_DIR ?? '';
    });

    step('migrate applies the migrations to an empty database, then finds it up to date', async () => {
      const first = await cli(['migrate']);
      expect(first, first.stderr).toMatchObject({ code: 0 });
      expect(first.stdout).toMatch(engine === 'sqlite' ? /^Database: SQLite [\d.]+ at .*keepwell\.db$/m : /^Database: PostgreSQL at /m);
      const applied = [...first.stdout.matchAll(/^Applied (\S+)$/gm)].map((m) => m[1]);
      expect(applied).toContain('0001_foundation');
      database = target.open();
      cleanups.push(() => database.close());
      const recorded = (await sql<{ name: string }>`select name from keepwell_migrations`.execute(database.db)).rows.map((r) => r.name);
      expect(recorded.sort()).toEqual([...applied].sort());
      expect(await database.db.selectFrom('accounts').select('id').execute()).toEqual([]);

      const again = await cli(['migrate']);
      expect(again, again.stderr).toMatchObject({ code: 0 });
      expect(again.stdout).toContain('The schema is up to date: no migration to apply');
      expect(again.stdout).not.toMatch(/^Applied/m);
    });

    step('user create makes the workspace and a login that signs in; a short password changes nothing', async () => {
      const [ana, short] = await Promise.all([
        cli(['user', 'create', '--email', ANA, '--name', 'Ana Admin', '--workspace', 'Acme', '--role', 'admin'], { KEEPWELL_PASSWORD: ANA_PASSWORD }),
        everything
          ? cli(['user', 'create', '--email', 'short@example.com', '--name', 'Shorty', '--workspace', 'Tiny Co'], { KEEPWELL_PASSWORD: 'short' })
          : null,
      ]);
      expect(ana, ana.stderr).toMatchObject({ code: 0 });
      expect(ana.stdout).toMatch(/^Created workspace "Acme" \(\w+\)$/m);
      expect(ana.stdout).toContain(`Added ${ANA} to "Acme" as Admin`);
      const { me } = await signIn(database, ANA, ANA_PASSWORD);
      expect(me).toMatchObject({ user: { email: ANA, name: 'Ana Admin' }, workspace: { name: 'Acme' }, role: 'admin' });
      await expect(signIn(database, ANA, 'not-the-password-at-all')).rejects.toThrow('Wrong email or password');

      expect(await database.db.selectFrom('workspaces').select('name').execute()).toEqual([{ name: 'Acme' }]);
      if (short) {
        expect(short.code).toBe(1);
        expect(short.stderr).toContain('keepwell: Password must be at least 10 characters: nothing was changed');
        expect(await database.db.selectFrom('users').select('email').execute()).toEqual([{ email: ANA }]);
      }
    });

    step('user create with an existing email adds the login to a second workspace and keeps its password', async () => {
      const hashBefore = (await database.db.selectFrom('users').select('password_hash').where('email', '=', ANA).executeTakeFirstOrThrow()).password_hash;
      const again = await cli(['user', 'create', '--email', 'Ana@Example.com', '--name', 'Ana Again', '--workspace', 'Beta', '--role', 'csm'], {
        KEEPWELL_PASSWORD: 'a-different-password',
      });
      expect(again, again.stderr).toMatchObject({ code: 0 });
      expect(again.stdout).toMatch(/^Created workspace "Beta" \(\w+\)$/m);
      expect(again.stdout).toContain(`Added ${ANA} to "Beta" as CSM`);
      expect(again.stdout).toContain(`${ANA} already had a Keepwell login: it keeps its current password`);
      const users = await database.db.selectFrom('users').select('password_hash').where('email', '=', ANA).execute();
      expect(users).toEqual([{ password_hash: hashBefore }]);
      expect(await verifyPassword(hashBefore, 'a-different-password')).toBe(false);
      const { me } = await signIn(database, ANA, ANA_PASSWORD);
      expect(me.workspaces.map((w) => [w.name, w.role]).sort()).toEqual([
        ['Acme', 'admin'],
        ['Beta', 'csm'],
      ]);
    });

    step('import reports every invalid row and writes nothing; a valid file is imported; an unknown workspace is listed', async () => {
      const invalid = file('invalid-accounts.csv', INVALID_ACCOUNTS);
      const valid = file('accounts.csv', VALID_ACCOUNTS);
      const skip = Promise.resolve(null);
      const [dryBad, realBad, nope, dryGood] = await Promise.all([
        cli(['import', 'accounts', invalid, '--workspace', 'Acme', '--dry-run']),
        everything ? cli(['import', 'accounts', invalid, '--workspace', 'Acme']) : skip,
        everything ? cli(['import', 'accounts', valid, '--workspace', 'Nope', '--dry-run']) : skip,
        everything ? cli(['import', 'accounts', valid, '--workspace', 'Acme', '--dry-run']) : skip,
      ]);
      for (const bad of realBad ? [dryBad, realBad] : [dryBad]) {
        expect(bad.code, bad.stdout).toBe(1);
        const tableRows = bad.stderr.split('\n').filter((line) => /^\d+ {2}/.test(line));
        expect(tableRows).toHaveLength(INVALID_CELLS.length);
        for (const problem of INVALID_CELLS) expect(bad.stderr).toMatch(tableLine(problem));
        expect(bad.stderr).toContain(`${invalid}: 6 of 7 rows invalid (6 problems): nothing was imported`);
      }
      if (nope && dryGood) {
        expect(nope.code).toBe(1);
        expect(nope.stderr).toContain('keepwell: Workspace "Nope" not found');
        expect(nope.stderr).toMatch(new RegExp(`Existing workspaces:\\n\\s+Acme {2}\\(${await workspaceId('Acme')}\\)\\n\\s+Beta {2}\\(`));
        expect(dryGood, dryGood.stderr).toMatchObject({ code: 0 });
        expect(dryGood.stdout).toContain('Dry run: all 3 rows are valid; an import would create 3 and update 0 accounts. Nothing was written.');
      }
      expect(await database.db.selectFrom('accounts').select('id').execute()).toEqual([]);

      const real = await cli(['import', 'accounts', valid, '--workspace', 'Acme']);
      expect(real, real.stderr).toMatchObject({ code: 0 });
      expect(real.stdout).toContain(`Imported 3 rows from ${valid}: created 3, updated 0 accounts`);
      const rows = await accountsOf('Acme');
      const parent = rows.find((r) => r.external_id === 'acme-parent');
      expect(parent).toMatchObject({ name: 'Acme Holdings, Inc.', arr_minor: 250_000_050, currency: 'EUR', company_size: 'enterprise' });
      expect(parent).toMatchObject({ owner_email: ANA, renewal_date: '2026-09-30', parent_id: null, touch_tier: 'high' });
      expect(decodeJson(parent?.risk_statuses, [])).toEqual(['feature_gaps', 'lack_of_interest']);
      expect(decodeJson(parent?.custom_fields, {})).toEqual({ tier: 'gold' });
      expect(rows.find((r) => r.external_id === 'acme-child')).toMatchObject({ arr_minor: 120_000, currency: 'USD', parent_id: parent?.id });
      expect(rows.find((r) => r.external_id === 'acme-formula')).toMatchObject({ name: '=SUM(A1) Corp' });

      const contacts = await cli(['import', 'contacts', file('contacts.csv', CONTACTS), '--workspace', 'Acme']);
      expect(contacts, contacts.stderr).toMatchObject({ code: 0 });
      expect(contacts.stdout).toContain('created 2, updated 0 contacts');
    });

    step('export writes CSV that matches the database, refuses to overwrite a file, and writes contacts to stdout', async () => {
      const out = file('export.csv');
      const existing = file('existing.csv', 'keep me\n');
      const [accounts, refused, contacts] = await Promise.all([
        cli(['export', 'accounts', '--workspace', 'Acme', '--out', out]),
        everything ? cli(['export', 'accounts', '--workspace', 'Acme', '--out', existing]) : Promise.resolve(null),
        cli(['export', 'contacts', '--workspace', 'Acme']),
      ]);
      expect(accounts, accounts.stderr).toMatchObject({ code: 0, stdout: '' });
      expect(accounts.stderr).toContain(`Exported 3 accounts from "Acme" to ${out}`);
      const [header, ...exported] = readCsv(fs.readFileSync(out, 'utf8'));
      expect(fs.readFileSync(out, 'utf8').startsWith('\uFEFF')).toBe(true);
      // The import's columns, then the derived ones an import reads past (csv.test.ts checks their values), then custom.
      const importColumns = VALID_ACCOUNTS.split('\n')[0]?.split(',') ?? [];
      expect(header).toEqual([...importColumns.slice(0, 15), ...ACCOUNT_DERIVED_COLUMNS, ...importColumns.slice(15)]);
      const withoutDerived = exported.map((r) => [...r.slice(0, 15), ...r.slice(15 + ACCOUNT_DERIVED_COLUMNS.length)]);
      const expected = (await accountsOf('Acme')).map((a) => [
        ...[a.external_id, a.name, a.domain, a.industry, a.region].map(cell),
        ...[a.company_size ?? '', `${Math.floor(a.arr_minor / 100)}.${String(a.arr_minor % 100).padStart(2, '0')}`, a.currency],
        ...[a.deployment_status ?? '', a.lifecycle_phase ?? '', a.touch_tier ?? '', cell(a.owner_email), a.renewal_date ?? ''],
        ...[
          decodeJson<string[]>(a.risk_statuses, []).join(';'),
          cell(a.parent_external_id),
          decodeJson<Record<string, string>>(a.custom_fields, {}).tier ?? '',
        ],
      ]);
      expect(byFirst(withoutDerived)).toEqual(byFirst(expected));
      expect(exported.find((r) => r[0] === 'acme-formula')?.[1]).toBe("'=SUM(A1) Corp");

      if (refused) {
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain(`keepwell: ${existing} already exists: choose another --out file or remove it first`);
        expect(fs.readFileSync(existing, 'utf8')).toBe('keep me\n');
      }

      expect(contacts, contacts.stderr).toMatchObject({ code: 0 });
      expect(contacts.stderr).toContain('Exported 2 contacts from "Acme"');
      const [contactHeader, ...contactRows] = readCsv(contacts.stdout);
      expect(contactHeader).toEqual(CONTACTS.split('\n')[0]?.split(','));
      const stored = await database.db
        .selectFrom('contacts')
        .innerJoin('accounts', 'accounts.id', 'contacts.account_id')
        .selectAll('contacts')
        .select('accounts.external_id as account_external_id')
        .where('contacts.workspace_id', '=', await workspaceId('Acme'))
        .execute();
      const expectedContacts = stored.map((c) => [
        ...[c.external_id, c.account_external_id, c.name, c.email, c.title, c.phone].map(cell),
        ...[decodeJson<string[]>(c.roles, []).join(';'), c.status, c.left_on ?? ''],
      ]);
      expect(byFirst(contactRows)).toEqual(byFirst(expectedContacts));
      expect(contactRows.find((r) => r[0] === 'c-1')?.[5]).toBe("'+1 555 0100");
    });

    step(engine === 'sqlite' ? 'backup writes a verified copy holding the same accounts' : 'backup explains pg_dump', async () => {
      const out = path.join(dir, 'backups', 'copy.db');
      const result = await cli(['backup', '--out', out]);
      expect(result, result.stderr).toMatchObject({ code: 0 });
      if (engine === 'postgres') {
        expect(result.stdout).toContain('back it up with pg_dump');
        expect(result.stdout).toMatch(/pg_dump --format=custom --file=backups\/keepwell-\d{8}-\d{6}\.dump "\$DATABASE_URL"/);
        expect(result.stdout).toContain('pg_restore --no-owner --dbname="$DATABASE_URL"');
        expect(fs.existsSync(out)).toBe(false);
        return;
      }
      expect(result.stdout).toMatch(new RegExp(`Backup written to ${escapeRe(out)} \\(.+\\): integrity check ok, \\d+ tables`));
      const copy = new SQLite(out, { readonly: true, fileMustExist: true });
      try {
        expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
        const fromCopy = copy.prepare('select id, name, arr_minor, workspace_id from accounts order by id').all();
        const live = await database.db.selectFrom('accounts').select(['id', 'name', 'arr_minor', 'workspace_id']).orderBy('id').execute();
        expect(live).toHaveLength(3);
        expect(fromCopy).toEqual(live);
      } finally {
        copy.close();
      }
    });
  });
}

/** The demo writes 120 days of usage (over 200,000 events) through the real ingest path: give it time on a busy machine. */
const DEMO_TIMEOUT = 150_000;

describe('keepwell serve [sqlite]', together, () => {
  step('refuses a busy port at once, before it creates the demo workspace', async () => {
    const target = await createServerDatabase('sqlite');
    cleanups.push(() => target.dispose());
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    try {
      const port = (busy.address() as net.AddressInfo).port;
      const res = await runCli(['serve'], { ...target.env, PORT: String(port), KEEPWELL_DEMO: '1' });
      expect(res.code).not.toBe(0);
      expect(res.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      expect(res.stdout).not.toContain('creating the demo workspace');
      if (target.sqliteFile && fs.existsSync(target.sqliteFile)) {
        const database = target.open();
        try {
          expect(await database.db.selectFrom('workspaces').select('id').execute()).toEqual([]);
        } finally {
          await database.close();
        }
      }
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  });
});

describe('keepwell demo [sqlite]', together, () => {
  step(
    'creates the demo once, reports it on a second run, and rebuilds it with --reset',
    async () => {
      const target = await createServerDatabase('sqlite');
      cleanups.push(() => target.dispose());
      const created = await runCli(['demo'], target.env, DEMO_TIMEOUT);
      expect(created, created.stderr).toMatchObject({ code: 0 });
      const firstId = /^Created the demo workspace "(.+)" \((\w+)\) in [\d.]+ s$/m.exec(created.stdout);
      const login = /^Sign in as (\S+) with password (\S+)$/m.exec(created.stdout);
      expect(firstId && login, created.stdout).toBeTruthy();
      const [, name = '', oldId = ''] = firstId ?? [];
      const [, email = '', password = ''] = login ?? [];
      const database = target.open();
      cleanups.push(() => database.close());
      /** The demo workspaces by name, and how many accounts each workspace holds (none may be left in an old one). */
      const demoState = async () => {
        const workspaces = (await database.db.selectFrom('workspaces').select('id').where('name', '=', name).execute()).map((w) => w.id);
        const accounts: Record<string, number> = {};
        for (const a of await database.db.selectFrom('accounts').select('workspace_id').execute())
          accounts[a.workspace_id] = (accounts[a.workspace_id] ?? 0) + 1;
        const usage = (await database.db.selectFrom('usage_events').select('workspace_id').distinct().execute()).map((r) => r.workspace_id);
        return { workspaces, accounts, usage };
      };
      const before = await demoState();
      expect(before.workspaces).toEqual([oldId]);
      expect(Object.keys(before.accounts)).toEqual([oldId]);
      expect(before.accounts[oldId]).toBeGreaterThanOrEqual(300);
      expect(before.usage).toEqual([oldId]);

      const again = await runCli(['demo'], target.env, DEMO_TIMEOUT);
      expect(again, again.stderr).toMatchObject({ code: 0 });
      expect(again.stdout).toContain(`The demo workspace "${name}" already exists (${oldId}); use --reset to rebuild it`);
      expect(again.stdout).toContain(`Sign in as ${email} with password ${password}`);
      expect(await demoState()).toEqual(before);

      const reset = await runCli(['demo', '--reset'], target.env, DEMO_TIMEOUT);
      expect(reset, reset.stderr).toMatchObject({ code: 0 });
      const newId = new RegExp(`^Rebuilt the demo workspace "${escapeRe(name)}" \\((\\w+)\\)`, 'm').exec(reset.stdout)?.[1];
      expect(newId).toBeTruthy();
      expect(newId).not.toBe(oldId);
      expect(reset.stdout).toContain(`Sign in as ${email} with password ${password}`);
      const after = await demoState();
      expect(after.workspaces).toEqual([newId]);
      expect(Object.keys(after.accounts)).toEqual([newId]);
      expect(after.accounts[newId ?? '']).toBeGreaterThanOrEqual(300);
      // The old workspace's usage went with it: events, identities and rollups carry no foreign key to cascade.
      expect(after.usage).toEqual([newId]);
      expect((await signIn(database, email, password)).me.workspace.id).toBe(newId);
    },
    3 * DEMO_TIMEOUT,
  );
});

describe('keepwell usage errors', together, () => {
  step('unknown commands, missing options and bad choices exit non-zero with commander’s message and touch no database', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kw-cli-usage-'));
    cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    const env = { KEEPWELL_DATA_DIR: dataDir, KEEPWELL_PASSWORD: ANA_PASSWORD };
    const cases: Array<[string[], string]> = [
      [['frobnicate'], "error: unknown command 'frobnicate'"],
      [['user', 'create', '--email', ANA, '--workspace', 'Acme'], "error: required option '--name <name>' not specified"],
      [['import', 'widgets', 'x.csv', '--workspace', 'Acme'], "error: command-argument value 'widgets' is invalid for argument 'kind'"],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli(args, env)));
    results.forEach((result, i) => {
      expect(result.code, result.stderr).not.toBe(0);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(cases[i]?.[1]);
      expect(result.stderr).toContain('(run keepwell --help for usage)');
    });
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });
});
