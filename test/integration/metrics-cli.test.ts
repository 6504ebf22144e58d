import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.js';
import { createWorkspace } from '../../src/modules/workspaces/service.js';
import { type Engine, engines, pgServerUrl } from '../support/engines.js';
import { createServerDatabase, runCli, type ServerDatabase, stopAllProcesses } from '../support/processes.js';

/** `keepwell import-metrics` as an operator runs it: a real process per call, outcomes read back from the database. */

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  await stopAllProcesses();
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

const runsOn = (engine: Engine) => engine === 'sqlite' || pgServerUrl() !== null;

const ACCOUNTS = 'external_id,name\nacme,Acme\nbeta,Beta\n';
const INVALID = `account_external_id,date,metric,value
acme,2025-03-01,support_tickets,3
nowhere,2025-03-01,support_tickets,3
acme,2025-03-01,licences_purchased,many
`;
const VALID = `account_external_id,date,metric,value
acme,2025-03-01,support_tickets,3
acme,2025-03-02,support_tickets,5
beta,2025-03-01,licences_purchased,40
`;

for (const engine of engines) {
  describe.skipIf(!runsOn(engine))(`keepwell import-metrics [${engine}]`, { concurrent: true }, () => {
    let target: ServerDatabase;
    let database: Database;
    const cli = (args: string[], env: Record<string, string> = {}) => runCli(args, { ...target.env, ...env });
    const file = (name: string, text: string) => {
      const full = path.join(target.env.KEEPWELL_DATA_DIR ?? '', name);
      fs.writeFileSync(full, text);
      return full;
    };
    const values = () =>
      database.db
        .selectFrom('metric_values')
        .innerJoin('metrics', 'metrics.id', 'metric_values.metric_id')
        .innerJoin('accounts', 'accounts.id', 'metric_values.account_id')
        .select(['accounts.external_id', 'metrics.key', 'metric_values.day', 'metric_values.value'])
        .orderBy('accounts.external_id')
        .orderBy('metrics.key')
        .orderBy('metric_values.day')
        .execute();

    beforeAll(async () => {
      target = await createServerDatabase(engine);
      cleanups.push(() => target.dispose());
      const migrated = await cli(['migrate']);
      expect(migrated, migrated.stderr).toMatchObject({ code: 0 });
      database = target.open();
      cleanups.push(() => database.close());
      // Through the service (as `user create` would), so the workspace receives its default metrics.
      await createWorkspace(database, 'Acme');
      const accounts = await cli(['import', 'accounts', file('accounts.csv', ACCOUNTS), '--workspace', 'Acme']);
      expect(accounts, accounts.stderr).toMatchObject({ code: 0 });
    }, 60_000);

    it.sequential('lists every invalid cell and writes nothing; a dry run writes nothing; a valid file is imported', { timeout: 60_000 }, async () => {
      const invalid = file('invalid.csv', INVALID);
      const valid = file('valid.csv', VALID);
      const [bad, dry] = await Promise.all([
        cli(['import-metrics', invalid, '--workspace', 'Acme']),
        cli(['import-metrics', valid, '--workspace', 'Acme', '--dry-run']),
      ]);
      expect(bad.code, bad.stdout).toBe(1);
      expect(bad.stderr).toMatch(/^2\s+account_external_id\s+nowhere\s+exists\s/m);
      expect(bad.stderr).toMatch(/^3\s+value\s+many\s+number\s/m);
      expect(bad.stderr).toContain(`${invalid}: 2 of 3 rows invalid (2 problems): nothing was imported`);
      expect(dry, dry.stderr).toMatchObject({ code: 0 });
      expect(dry.stdout).toContain('Dry run: all 3 rows are valid; an import would add 3 and replace 0 metric values. Nothing was written.');
      expect(await values()).toEqual([]);

      const real = await cli(['import-metrics', valid, '--workspace', 'Acme']);
      expect(real, real.stderr).toMatchObject({ code: 0 });
      expect(real.stdout).toContain(`Imported 3 rows from ${valid}: added 3, replaced 0 metric values`);
      expect(await values()).toEqual([
        { external_id: 'acme', key: 'support_tickets', day: '2025-03-01', value: 3 },
        { external_id: 'acme', key: 'support_tickets', day: '2025-03-02', value: 5 },
        { external_id: 'beta', key: 'licences_purchased', day: '2025-03-01', value: 40 },
      ]);
      const again = await cli(['import-metrics', valid, '--workspace', 'Acme']);
      expect(again.stdout).toContain('added 0, replaced 3 metric values');
      expect(await values()).toHaveLength(3);
      const nope = await cli(['import-metrics', valid, '--workspace', 'Nope']);
      expect(nope.code).toBe(1);
      expect(nope.stderr).toContain('Workspace "Nope" not found');
    });
  });
}
