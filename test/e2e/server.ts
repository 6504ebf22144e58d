import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/config.js';
import type { Database } from '../../src/db/connection.js';
import type { AccountCreate, AccountDetail } from '../../src/modules/accounts/contracts.js';
import { createAccount } from '../../src/modules/accounts/service.js';
import { createApiKey, revokeApiKey } from '../../src/modules/api-keys/service.js';
import { createContact } from '../../src/modules/contacts/service.js';
import { addMember, createWorkspace } from '../../src/modules/workspaces/service.js';
import { prepareDatabase, startServer } from '../../src/server/start.js';
import type { Actor } from '../../src/server/types.js';

export interface E2eServer {
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  database: Database;
  login: { email: string; password: string };
  accounts: AccountDetail[];
  stop(): Promise<void>;
}

const LOGIN = { email: 'ana@example.com', password: 'browser-test-pass-1' };

/** A real listening server on a free port over a fresh SQLite file, seeded through the services. */
export async function startE2eServer(): Promise<E2eServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keepwell-e2e-'));
  const config = { ...loadConfig({ KEEPWELL_DATA_DIR: dataDir, KEEPWELL_DEMO: '0' }), port: 0, host: '127.0.0.1' };
  const database = await prepareDatabase(config);
  try {
    const accounts = await seed(database);
    const { app } = await startServer(config, database);
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('The server did not report a TCP port');
    return {
      baseUrl: `http://127.0.0.1:${address.port}`,
      database,
      login: LOGIN,
      accounts,
      async stop() {
        await app.close();
        await database.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Ten accounts spread over the segment fields, one of them a child, owned by two people;
 * two contacts (one who left) on the parent, and two API keys (one revoked), so that every page has rows to show.
 */
async function seed(database: Database): Promise<AccountDetail[]> {
  const workspace = await createWorkspace(database, 'Acme Analytics');
  const ana = await addMember(database, workspace.id, { email: LOGIN.email, name: 'Ana Admin', role: 'admin', password: LOGIN.password });
  const carlos = await addMember(database, workspace.id, { email: 'carlos@example.com', name: 'Carlos Reyes', role: 'csm', password: 'carlos-pass-12345' });
  const actor: Actor = { workspaceId: workspace.id, userId: ana.id, role: 'admin', via: 'cli' };

  const rows: AccountCreate[] = [
    {
      name: 'Northwind Health',
      industry: 'Healthcare',
      region: 'North America',
      companySize: 'enterprise',
      arrMinor: 720_000_00,
      deploymentStatus: 'deployed',
    },
    { name: 'Blue Harbor Logistics', industry: 'Logistics', region: 'EMEA', companySize: 'medium', arrMinor: 180_000_00, deploymentStatus: 'deployed' },
    {
      name: 'Cedar Retail Group',
      industry: 'Retail',
      region: 'EMEA',
      companySize: 'enterprise',
      arrMinor: 1_250_000_00,
      deploymentStatus: 'under_implementation',
    },
    {
      name: 'Delta Fintech',
      industry: 'Financial services',
      region: 'APAC',
      companySize: 'small',
      arrMinor: 45_000_00,
      deploymentStatus: 'starting_implementation',
    },
    { name: 'Evergreen Schools', industry: 'Education', region: 'North America', companySize: 'medium', arrMinor: 96_000_00, deploymentStatus: 'deployed' },
    {
      name: 'Foxglove Pharma',
      industry: 'Healthcare',
      region: 'EMEA',
      companySize: 'enterprise',
      arrMinor: 2_400_000_00,
      deploymentStatus: 'under_implementation',
    },
    {
      name: 'Granite Manufacturing',
      industry: 'Manufacturing',
      region: 'LATAM',
      companySize: 'medium',
      arrMinor: 310_000_00,
      deploymentStatus: 'starting_implementation',
    },
    { name: 'Harbor Lights Media', industry: 'Media', region: 'APAC', companySize: 'small', arrMinor: 28_000_00, deploymentStatus: 'deployed' },
    {
      name: 'Ironwood Energy',
      industry: 'Energy',
      region: 'North America',
      companySize: 'enterprise',
      arrMinor: 640_000_00,
      deploymentStatus: 'under_implementation',
    },
  ];
  const touchTiers = ['high', 'medium', 'tech'] as const;
  const phases = ['onboarding', 'adoption', 'value_realization', 'renewal_expansion'] as const;
  const accounts: AccountDetail[] = [];
  for (const [i, row] of rows.entries()) {
    accounts.push(
      await createAccount(database, actor, {
        ...row,
        externalId: `crm-${1000 + i}`,
        touchTier: touchTiers[i % touchTiers.length],
        lifecyclePhase: phases[i % phases.length],
        ownerId: i % 3 === 0 ? carlos.id : i % 3 === 1 ? ana.id : null,
        renewalDate: `2026-${String((i % 12) + 1).padStart(2, '0')}-15`,
        riskStatuses: i % 4 === 2 ? ['feature_gaps', 'lack_of_interest'] : i % 4 === 3 ? ['withholding_payment'] : [],
      }),
    );
  }
  const parent = accounts[0];
  if (!parent) throw new Error('seed created no accounts');
  accounts.push(
    await createAccount(database, actor, {
      name: 'Northwind Clinics Europe',
      industry: 'Healthcare',
      region: 'EMEA',
      companySize: 'medium',
      arrMinor: 150_000_00,
      deploymentStatus: 'under_implementation',
      parentId: parent.id,
      ownerId: carlos.id,
      customFields: { Segment: 'Strategic' },
    }),
  );
  await createContact(database, actor, {
    accountId: parent.id,
    name: 'Priya Shah',
    email: 'priya@northwind.example',
    title: 'VP Operations',
    roles: ['sponsor', 'champion'],
    status: 'active',
  });
  await createContact(database, actor, {
    accountId: parent.id,
    name: 'Tom Becker',
    email: 'tom@northwind.example',
    roles: ['end_user'],
    status: 'left',
    leftOn: '2025-11-30',
  });
  await createApiKey(database, actor, { name: 'Billing sync', role: 'csm' });
  const old = await createApiKey(database, actor, { name: 'Old warehouse export', role: 'viewer' });
  await revokeApiKey(database, actor, old.id);
  return accounts;
}
