import { parse } from 'csv-parse/sync';
import { expect, it } from 'vitest';
import type { AccountDetail, AccountListItem, AccountPage } from '../../src/modules/accounts/contracts.js';
import type { Contact, ContactPage } from '../../src/modules/contacts/contracts.js';
import { type ImportFailure, type ImportReport, MAX_IMPORT_BYTES } from '../../src/modules/csv/contracts.js';
import { type EngineContext, forEachEngine } from '../support/engines.js';
import { type Client, type ErrorReply, expectError, makeClient, makeWorkspace, type Reply } from '../support/factories.js';

const ACCOUNT_HEADER =
  'external_id,name,domain,industry,region,company_size,arr,currency,deployment_status,lifecycle_phase,touch_tier,owner_email,renewal_date,risk_statuses,parent_external_id';
const CONTACT_HEADER = 'external_id,account_external_id,name,email,title,phone,roles,status,left_on';
/** What an account export adds after the import's columns (derived values an import reads past). */
const DERIVED_HEADER = 'health_score,health_rag,last_touch_at,last_meeting_at,next_meeting_at,touch_overdue';
const BOM = '\uFEFF';

/** A CSV file from its lines. */
const csv = (...lines: string[]): string => lines.map((l) => `${l}\n`).join('');

function importCsv<T = ImportReport>(client: Client, kind: 'accounts' | 'contacts', file: string, dryRun = false): Promise<Reply<T>> {
  return client.request<T>('POST', `/api/v1/imports/${kind}${dryRun ? '?dryRun=true' : ''}`, file, { 'content-type': 'text/csv' });
}

async function createAccount(client: Client, body: Record<string, unknown>): Promise<AccountDetail> {
  const res = await client.post<AccountDetail>('/api/v1/accounts', body);
  expect(res.status, res.text).toBe(201);
  return res.body;
}

async function createContact(client: Client, body: Record<string, unknown>): Promise<Contact> {
  const res = await client.post<Contact>('/api/v1/contacts', body);
  expect(res.status, res.text).toBe(201);
  return res.body;
}

async function listAccounts(client: Client, query = ''): Promise<AccountListItem[]> {
  const res = await client.get<AccountPage>(`/api/v1/accounts?limit=500&${query}`);
  expect(res.status, res.text).toBe(200);
  expect(res.body.nextCursor).toBeNull();
  return res.body.items;
}

async function listContacts(client: Client, query = ''): Promise<Contact[]> {
  const res = await client.get<ContactPage>(`/api/v1/contacts?limit=500&${query}`);
  expect(res.status, res.text).toBe(200);
  expect(res.body.nextCursor).toBeNull();
  return res.body.items;
}

function byExternalId<T extends { externalId: string | null }>(items: T[], externalId: string): T {
  const found = items.find((i) => i.externalId === externalId);
  if (!found) throw new Error(`no row with external id ${externalId}`);
  return found;
}

/** Everything an import could touch: the workspace's rows as the API shows them, and the row counts of the whole tables. */
async function snapshot(ctx: EngineContext, client: Client) {
  const count = async (table: 'accounts' | 'contacts') =>
    Number(
      (
        await ctx.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { accounts: await listAccounts(client), contacts: await listContacts(client), tables: [await count('accounts'), await count('contacts')] };
}

/** Where and why each cell failed, without the prose. */
const cells = (report: ImportReport) => report.errors.map(({ row, column, value, rule }) => ({ row, column, value, rule }));

async function exportCsv(client: Client, kind: 'accounts' | 'contacts', query = ''): Promise<Reply<unknown>> {
  const res = await client.get<unknown>(`/api/v1/exports/${kind}.csv${query ? `?${query}` : ''}`);
  expect(res.status, res.text).toBe(200);
  return res;
}

/** An export expected to fail before its first byte. */
const exportCsv400 = (client: Client, path: string): Promise<Reply<unknown>> => client.get<unknown>(`/api/v1/exports/${path}`);

/** The data rows of an exported file, as cell arrays. */
const records = (text: string): string[][] => (parse(text, { bom: true }) as string[][]).slice(1);

forEachEngine('CSV import and export', (ctx) => {
  it('imports accounts: a dry run writes nothing, the real run maps every column, a re-import updates', async () => {
    const ws = await makeWorkspace(ctx);
    const owner = await ws.addUser('csm', { name: 'Olive Owner' });
    const existing = await createAccount(ws.admin, { name: 'Existing Parent', externalId: 'EXIST-1', industry: 'Holding' });
    const file = csv(
      `${ACCOUNT_HEADER},custom.Plan,custom.Seats`,
      // A child before its parent from the same file: the inserts must still satisfy the foreign key.
      'A-2,Beta LLC,,Retail,,Small,1234.565,,under_implementation,Renewal & expansion,TECH,,,,A-1,,',
      `A-1,Alpha Inc,Alpha.Example.com,Software,EMEA,enterprise,2500000.50,eur,Deployed,ONBOARDING,high touch,${owner.user.email.toUpperCase()},2026-03-31,feature_gaps; Lack of interest from users ;Feature Gaps,,gold,120`,
      'A-3,Gamma,,,,,7,,,,,,,,EXIST-1,silver,',
    );
    const before = await snapshot(ctx, ws.admin);

    const dry = await importCsv(ws.admin, 'accounts', file, true);
    expect(dry.status, dry.text).toBe(200);
    expect(dry.body).toEqual({ kind: 'accounts', dryRun: true, applied: false, rowCount: 3, created: 3, updated: 0, errors: [] });
    expect(await snapshot(ctx, ws.admin)).toEqual(before);

    const real = await importCsv(ws.admin, 'accounts', file);
    expect(real.status, real.text).toBe(200);
    expect(real.body).toEqual({ kind: 'accounts', dryRun: false, applied: true, rowCount: 3, created: 3, updated: 0, errors: [] });
    const accounts = await listAccounts(ws.admin);
    expect(accounts).toHaveLength(4);
    const [a1, a2, a3] = [byExternalId(accounts, 'A-1'), byExternalId(accounts, 'A-2'), byExternalId(accounts, 'A-3')];
    expect(a1).toMatchObject({
      name: 'Alpha Inc',
      domain: 'alpha.example.com',
      industry: 'Software',
      region: 'EMEA',
      companySize: 'enterprise',
      arrMinor: 250_000_050,
      currency: 'EUR',
      deploymentStatus: 'deployed',
      lifecyclePhase: 'onboarding',
      touchTier: 'high',
      ownerId: owner.user.id,
      ownerName: 'Olive Owner',
      renewalDate: '2026-03-31',
      riskStatuses: ['feature_gaps', 'lack_of_interest'],
      parentId: null,
      customFields: { Plan: 'gold', Seats: '120' },
    });
    // Empty cells on a create give the defaults: workspace currency, no owner, no risks, no custom fields.
    expect(a2).toMatchObject({
      name: 'Beta LLC',
      industry: 'Retail',
      companySize: 'small',
      arrMinor: 123_457,
      currency: 'USD',
      deploymentStatus: 'under_implementation',
      lifecyclePhase: 'renewal_expansion',
      touchTier: 'tech',
      ownerId: null,
      renewalDate: null,
      riskStatuses: [],
      parentId: a1.id,
      customFields: {},
    });
    expect(a3).toMatchObject({ name: 'Gamma', arrMinor: 700, parentId: existing.id, customFields: { Plan: 'silver' } });

    // Re-import: some changes, empty cells everywhere else, one new row.
    const again = await importCsv(
      ws.admin,
      'accounts',
      csv(
        'external_id,name,arr,industry,owner_email,risk_statuses,parent_external_id,custom.Plan,custom.Seats',
        'A-1,Alpha Renamed,,,,,,,150',
        'A-2,,10,,,,,,',
        'EXIST-1,,,Banking,,,,platinum,',
        'A-4,Delta,,,,,,,',
      ),
    );
    expect(again.status, again.text).toBe(200);
    expect(again.body).toMatchObject({ applied: true, created: 1, updated: 3, errors: [] });
    const after = await listAccounts(ws.admin);
    expect(after).toHaveLength(5);
    expect(byExternalId(after, 'A-1')).toMatchObject({
      ...a1,
      name: 'Alpha Renamed',
      customFields: { Plan: 'gold', Seats: '150' },
      updatedAt: expect.any(String),
    });
    expect(byExternalId(after, 'A-2')).toMatchObject({ ...a2, arrMinor: 1000, parentName: 'Alpha Renamed', updatedAt: expect.any(String) });
    expect(byExternalId(after, 'EXIST-1')).toMatchObject({ name: 'Existing Parent', industry: 'Banking', customFields: { Plan: 'platinum' } });
    expect(byExternalId(after, 'A-3')).toEqual(a3);
  });

  it('lists every invalid account cell on a dry run and writes nothing on a real run', async () => {
    const ws = await makeWorkspace(ctx);
    await importCsv(ws.admin, 'accounts', csv('external_id,name', 'E-1,Existing'));
    const file = csv(
      'external_id,name,company_size,arr,renewal_date,owner_email,parent_external_id,bogus',
      'OK-1,Fine,small,10,,,E-1,x',
      'B-1,Bad enum,gigantic,,,,,',
      'B-2,Bad date,,,2026-02-30,,,',
      'B-3,Negative,,-5,,,,',
      'B-4,Garbage,,12abc,,,,',
      'B-5,Unknown owner,,,,nobody@example.com,,',
      ',Missing id,,,,,,',
      'OK-1,Duplicate,,,,,,',
      'C-1,Cycle one,,,,,C-2,',
      'C-2,Cycle two,,,,,C-1,',
      'B-6,,,,,,,',
      'B-7,Unknown parent,,,,,NOPE,',
    );
    const expected = [
      { row: 0, column: 'bogus', value: 'bogus', rule: 'unknown_column' },
      { row: 2, column: 'company_size', value: 'gigantic', rule: 'invalid_value' },
      { row: 3, column: 'renewal_date', value: '2026-02-30', rule: 'invalid_format' },
      { row: 4, column: 'arr', value: '-5', rule: 'decimal' },
      { row: 5, column: 'arr', value: '12abc', rule: 'decimal' },
      { row: 6, column: 'owner_email', value: 'nobody@example.com', rule: 'member' },
      { row: 7, column: 'external_id', value: '', rule: 'required' },
      { row: 8, column: 'external_id', value: 'OK-1', rule: 'duplicate' },
      { row: 9, column: 'parent_external_id', value: 'C-2', rule: 'no_cycle' },
      { row: 10, column: 'parent_external_id', value: 'C-1', rule: 'no_cycle' },
      { row: 11, column: 'name', value: '', rule: 'required' },
      { row: 12, column: 'parent_external_id', value: 'NOPE', rule: 'exists' },
    ];
    const before = await snapshot(ctx, ws.admin);

    const dry = await importCsv(ws.admin, 'accounts', file, true);
    expect(dry.status, dry.text).toBe(200);
    expect(cells(dry.body)).toEqual(expected);
    // Only OK-1 is valid; the counts say what the valid rows would do.
    expect(dry.body).toMatchObject({ dryRun: true, applied: false, rowCount: 12, created: 1, updated: 0 });
    for (const e of dry.body.errors) expect(e.message).toContain(e.column);

    const real = await importCsv<ImportFailure>(ws.admin, 'accounts', file);
    expectError(real, 400, 'row 2, column company_size');
    expect(real.body.error.code).toBe('validation');
    expect(real.body.error.message).toMatch(/^12 invalid rows: nothing was imported/);
    expect(real.body.error.issues).toHaveLength(expected.length);
    expect(real.body.report).toMatchObject({ dryRun: false, applied: false, rowCount: 12 });
    expect(cells(real.body.report)).toEqual(expected);
    expect(await snapshot(ctx, ws.admin)).toEqual(before);
  });

  it('imports contacts: upsert by external id, else by email; lists every invalid cell', async () => {
    const ws = await makeWorkspace(ctx);
    const acc1 = await createAccount(ws.admin, { name: 'Account One', externalId: 'ACC-1' });
    const acc2 = await createAccount(ws.admin, { name: 'Account Two', externalId: 'ACC-2' });
    const pat = await createContact(ws.admin, { accountId: acc1.id, name: 'Pat', externalId: 'P-1', email: 'pat@example.com', title: 'CFO' });
    const sam = await createContact(ws.admin, { accountId: acc1.id, name: 'Sam', email: 'sam@example.com', roles: ['influencer'] });
    const file = csv(
      CONTACT_HEADER,
      'P-1,ACC-2,Pat Renamed,,,,Sponsor;champion,,',
      ',ACC-1,,SAM@example.com,CTO,,END USER,Left the company,2025-07-01',
      'N-1,ACC-1,New Person,New@Example.com,Engineer,+1 555 0100,project_coordinator;Administrator;Project Coordinator,active,',
    );
    const before = await snapshot(ctx, ws.admin);
    const dry = await importCsv(ws.admin, 'contacts', file, true);
    expect(dry.body).toEqual({ kind: 'contacts', dryRun: true, applied: false, rowCount: 3, created: 1, updated: 2, errors: [] });
    expect(await snapshot(ctx, ws.admin)).toEqual(before);

    const real = await importCsv(ws.admin, 'contacts', file);
    expect(real.body).toMatchObject({ applied: true, created: 1, updated: 2, errors: [] });
    const contacts = await listContacts(ws.admin);
    expect(contacts).toHaveLength(3);
    expect(byExternalId(contacts, 'P-1')).toMatchObject({
      id: pat.id,
      accountId: acc2.id,
      name: 'Pat Renamed',
      email: 'pat@example.com',
      title: 'CFO',
      roles: ['sponsor', 'champion'],
      status: 'active',
      leftOn: null,
    });
    expect(contacts.find((c) => c.id === sam.id)).toMatchObject({
      externalId: null,
      name: 'Sam',
      title: 'CTO',
      roles: ['end_user'],
      status: 'left',
      leftOn: '2025-07-01',
    });
    expect(byExternalId(contacts, 'N-1')).toMatchObject({
      accountId: acc1.id,
      name: 'New Person',
      email: 'new@example.com',
      title: 'Engineer',
      phone: '+1 555 0100',
      roles: ['project_coordinator', 'administrator'],
      status: 'active',
      leftOn: null,
    });

    // A new external id with the email of a contact that has none adopts that contact.
    const adopt = await importCsv(ws.admin, 'contacts', csv('external_id,account_external_id,email,status', 'S-1,ACC-1,sam@example.com,active'));
    expect(adopt.body).toMatchObject({ applied: true, created: 0, updated: 1 });
    expect(byExternalId(await listContacts(ws.admin), 'S-1')).toMatchObject({ id: sam.id, status: 'active', leftOn: null, roles: ['end_user'] });

    const bad = csv(
      'external_id,account_external_id,name,email,roles,status,left_on',
      'E-1,NOPE,Nobody,,,,',
      'E-2,ACC-1,Bad role,,boss,,',
      'E-3,ACC-1,Leaver,,,left,',
      'E-4,ACC-1,Bad status,,,gone,',
      ',ACC-1,No key,,,,',
      'E-5,ACC-1,Bad email,not-an-email,,,',
      'E-6,ACC-1,Taken email,PAT@example.com,,,',
      'E-7,,No account,,,,',
      'E-2,ACC-1,Twice,,,,',
      'E-8,ACC-1,Bad left date,,,,2025-13-01',
      'E-9,ACC-1,,,,,',
    );
    const expected = [
      { row: 1, column: 'account_external_id', value: 'NOPE', rule: 'exists' },
      { row: 2, column: 'roles', value: 'boss', rule: 'invalid_value' },
      { row: 3, column: 'left_on', value: '', rule: 'required' },
      { row: 4, column: 'status', value: 'gone', rule: 'invalid_value' },
      { row: 5, column: 'external_id', value: '', rule: 'required' },
      { row: 6, column: 'email', value: 'not-an-email', rule: 'invalid_format' },
      { row: 7, column: 'email', value: 'PAT@example.com', rule: 'unique' },
      { row: 8, column: 'account_external_id', value: '', rule: 'required' },
      { row: 9, column: 'external_id', value: 'E-2', rule: 'duplicate' },
      { row: 10, column: 'left_on', value: '2025-13-01', rule: 'invalid_format' },
      { row: 11, column: 'name', value: '', rule: 'required' },
    ];
    const beforeBad = await snapshot(ctx, ws.admin);
    const dryBad = await importCsv(ws.admin, 'contacts', bad, true);
    expect(dryBad.status, dryBad.text).toBe(200);
    expect(cells(dryBad.body)).toEqual(expected);
    const realBad = await importCsv<ImportFailure>(ws.admin, 'contacts', bad);
    expectError(realBad, 400, 'row 1, column account_external_id');
    expect(cells(realBad.body.report)).toEqual(expected);
    expect(realBad.body.error.issues).toHaveLength(expected.length);
    expect(await snapshot(ctx, ws.admin)).toEqual(beforeBad);
  });

  it('exports accounts and contacts as CSV: BOM, header, escaped formulas, filters, byte-identical round trip', async () => {
    const ws = await makeWorkspace(ctx);
    const owner = await ws.addUser('csm', { name: 'Olive Owner' });
    const imported = await importCsv(
      ws.admin,
      'accounts',
      csv(
        'external_id,name,industry,region,company_size,arr,owner_email,risk_statuses,parent_external_id,custom.Note',
        `X-1,"=HYPERLINK(""x"")",@SUM(1),EMEA,small,100.10,${owner.user.email},feature_gaps;competitive_solution,,plain`,
        'X-2,Plain Co,Software,+44 region,enterprise,2000000,,,X-1,',
      ),
    );
    expect(imported.body).toMatchObject({ applied: true, created: 2 });
    // Tabs and carriage returns survive only where the API keeps text as is: custom field values.
    await createAccount(ws.admin, { name: '-Minus Corp', externalId: 'X-3', companySize: 'small', customFields: { Note: '\tcmd', Cr: '\rline' } });
    await createAccount(ws.admin, { name: "'=quoted", externalId: 'X-4', industry: 'Software' });
    const contactsImport = await importCsv(
      ws.admin,
      'contacts',
      csv(
        CONTACT_HEADER,
        'K-1,X-1,Kim,kim@example.com,=1+1,+1 555 0100,sponsor;champion,active,',
        'K-2,X-2,Lee,lee@example.com,CTO,,end_user,left,2025-01-31',
        ',X-2,Max,max@example.com,,,,,',
      ),
    );
    expect(contactsImport.body).toMatchObject({ applied: true, created: 3 });

    const res = await exportCsv(ws.admin, 'accounts');
    expect(String(res.headers['content-type'])).toMatch(/^text\/csv/);
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename="accounts-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.text.startsWith(`${BOM}${ACCOUNT_HEADER},${DERIVED_HEADER},custom.Cr,custom.Note\n`), res.text).toBe(true);
    const rows = new Map(records(res.text).map((r) => [r[0], r]));
    expect(rows.size).toBe(4);
    expect(rows.get('X-1')).toEqual([
      'X-1',
      `'=HYPERLINK("x")`,
      '',
      "'@SUM(1)",
      'EMEA',
      'small',
      '100.10',
      'USD',
      '',
      '',
      '',
      owner.user.email,
      '',
      'feature_gaps;competitive_solution',
      '',
      ...['', '', '', '', '', 'false'],
      '',
      'plain',
    ]);
    expect(rows.get('X-2')?.slice(0, 5)).toEqual(['X-2', 'Plain Co', '', 'Software', "'+44 region"]);
    expect(rows.get('X-2')?.[14]).toBe('X-1');
    expect(rows.get('X-3')?.[1]).toBe("'-Minus Corp");
    expect(rows.get('X-3')?.slice(21)).toEqual(["'\rline", "'\tcmd"]);
    expect(rows.get('X-4')?.[1]).toBe("''=quoted");

    // The export holds the same rows as the list for the same filters.
    const ids = (items: Array<{ externalId: string | null }>) => items.map((i) => i.externalId).sort();
    for (const query of ['companySize=small', `industry=${encodeURIComponent('@SUM(1)')}`, 'q=plain', `ownerId=${owner.user.id}`, 'riskStatus=feature_gaps']) {
      const listed = ids(await listAccounts(ws.admin, query));
      expect(listed.length, query).toBeGreaterThan(0);
      expect(
        records((await exportCsv(ws.admin, 'accounts', query)).text)
          .map((r) => r[0])
          .sort(),
        query,
      ).toEqual(listed);
    }
    expect(records((await exportCsv(ws.admin, 'accounts', 'companySize=small')).text)).toHaveLength(2);

    const contacts = await exportCsv(ws.admin, 'contacts');
    expect(String(contacts.headers['content-type'])).toMatch(/^text\/csv/);
    expect(String(contacts.headers['content-disposition'])).toMatch(/^attachment; filename="contacts-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(contacts.text.startsWith(`${BOM}${CONTACT_HEADER}\n`), contacts.text).toBe(true);
    const contactRows = new Map(records(contacts.text).map((r) => [r[3], r]));
    expect(contactRows.get('kim@example.com')).toEqual(['K-1', 'X-1', 'Kim', 'kim@example.com', "'=1+1", "'+1 555 0100", 'sponsor;champion', 'active', '']);
    expect(contactRows.get('lee@example.com')).toEqual(['K-2', 'X-2', 'Lee', 'lee@example.com', 'CTO', '', 'end_user', 'left', '2025-01-31']);
    expect(contactRows.get('max@example.com')).toEqual(['', 'X-2', 'Max', 'max@example.com', '', '', '', 'active', '']);
    for (const query of ['status=left', 'role=sponsor', 'q=max']) {
      const listed = (await listContacts(ws.admin, query)).map((c) => c.email).sort();
      expect(listed, query).toHaveLength(1);
      expect(
        records((await exportCsv(ws.admin, 'contacts', query)).text).map((r) => r[3]),
        query,
      ).toEqual(listed);
    }

    // Round trip: the export re-imports as updates only, and changes nothing a second export would show.
    for (const [kind, text, count] of [
      ['accounts', res.text, 4],
      ['contacts', contacts.text, 3],
    ] as const) {
      const dry = await importCsv(ws.admin, kind, text, true);
      expect(dry.body, kind).toEqual({ kind, dryRun: true, applied: false, rowCount: count, created: 0, updated: count, errors: [] });
      const real = await importCsv(ws.admin, kind, text);
      expect(real.body, kind).toMatchObject({ applied: true, created: 0, updated: count });
      expect((await exportCsv(ws.admin, kind)).text, kind).toBe(text);
    }
    expect(byExternalId(await listAccounts(ws.admin), 'X-3').customFields).toEqual({ Note: '\tcmd', Cr: '\rline' });
  });

  it('adds the derived values to an account export (health, last touch, meetings, touch overdue), which an import reads past', async () => {
    const ws = await makeWorkspace(ctx);
    const imported = await importCsv(ws.admin, 'accounts', csv('external_id,name,touch_tier', 'D-1,Derived,high', 'D-2,Quiet,tech'));
    expect(imported.body).toMatchObject({ applied: true, created: 2 });
    const derived = (await listAccounts(ws.admin)).find((a) => a.externalId === 'D-1');
    const at = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    for (const [type, occurredAt, status] of [
      ['meeting', at(-3), 'done'],
      ['call', at(-1), 'done'],
      ['meeting', at(5), 'planned'],
    ]) {
      const res = await ws.admin.post('/api/v1/activities', { accountId: derived?.id, type, title: type, occurredAt, status });
      expect(res.status, res.text).toBe(201);
    }
    expect((await ws.admin.post('/api/v1/health/recompute', {})).status).toBe(200);
    const text = (await exportCsv(ws.admin, 'accounts')).text;
    expect(text.startsWith(`${BOM}${ACCOUNT_HEADER},${DERIVED_HEADER}\n`), text).toBe(true);
    const rows = new Map(records(text).map((r) => [r[0], r.slice(15)]));
    // The same values as the list shows: the overall score rounded as shown, its RAG, the timeline's times.
    const listed = new Map((await listAccounts(ws.admin)).map((a) => [a.externalId, a]));
    for (const id of ['D-1', 'D-2']) {
      const a = listed.get(id) as AccountListItem;
      const score = a.health?.score ?? null;
      expect(rows.get(id), id).toEqual([
        score === null ? '' : String(Math.round(score)),
        a.health?.rag ?? '',
        a.lastTouchAt ?? '',
        a.lastMeetingAt ?? '',
        a.nextMeetingAt ?? '',
        String(a.touchOverdue),
      ]);
    }
    const [lastTouch, lastMeeting, nextMeeting] = rows.get('D-1')?.slice(2, 5) ?? [];
    expect([Date.parse(lastTouch ?? ''), Date.parse(lastMeeting ?? ''), Date.parse(nextMeeting ?? '')]).toEqual(
      [at(-1), at(-3), at(5)].map((t) => expect.closeTo(Date.parse(t), -4)),
    );
    expect(rows.get('D-1')?.[5]).toBe('false');
    expect(rows.get('D-2')?.[5]).toBe('true');
    expect(rows.get('D-1')?.[0]).toMatch(/^\d{1,3}$/);
    // The file imports back: the derived columns are read past, nothing changes.
    const again = await importCsv(ws.admin, 'accounts', text);
    expect(again.body).toMatchObject({ applied: true, created: 0, updated: 2, errors: [] });
    expect((await exportCsv(ws.admin, 'accounts')).text).toBe(text);
  });

  it('lets a viewer export but not import; refuses oversized and malformed requests', async () => {
    const ws = await makeWorkspace(ctx);
    await importCsv(ws.admin, 'accounts', csv('external_id,name', 'V-1,Visible'));
    const viewer = await ws.addUser('viewer');
    const viewerKey = await ws.createApiKey('viewer');
    const file = csv('external_id,name', 'V-1,Renamed', 'V-2,New');
    const before = await snapshot(ctx, ws.admin);
    for (const client of [viewer, viewerKey]) {
      expectError(await importCsv(client, 'accounts', file), 403);
      expectError(await importCsv(client, 'accounts', file, true), 403);
      expectError(await importCsv(client, 'contacts', csv(CONTACT_HEADER, 'C-1,V-1,Cleo,,,,,,')), 403);
    }
    // A session's write needs the CSRF token, imports included.
    const noCsrf = makeClient(ctx.app, { cookie: ws.admin.cookie });
    expectError(await importCsv(noCsrf, 'accounts', file), 403);
    expect(await snapshot(ctx, ws.admin)).toEqual(before);
    const exported = await exportCsv(viewer, 'accounts');
    expect(records(exported.text)).toEqual([['V-1', 'Visible', '', '', '', '', '0.00', 'USD', '', '', '', '', '', '', '', '', '', '', '', '', 'false']]);
    expect((await exportCsv(viewerKey, 'contacts')).text).toBe(`${BOM}${CONTACT_HEADER}\n`);

    const huge = await importCsv(ws.admin, 'accounts', 'x'.repeat(MAX_IMPORT_BYTES + 1), true);
    expectError(huge, 413);
    expect((huge.body as unknown as ErrorReply).error.code).toBe('payload_too_large');
    expectError(await ws.admin.request('POST', '/api/v1/imports/accounts?dryRun=maybe', file, { 'content-type': 'text/csv' }), 400, 'dryRun');
    expectError(await ws.admin.post('/api/v1/imports/accounts', { external_id: 'J-1' }), 400);
    expectError(await exportCsv400(ws.admin, 'accounts.csv?companySize=huge'), 400, 'companySize.0');
    const broken = csv('external_id,name', 'Q-1,"unclosed');
    expect(cells((await importCsv(ws.admin, 'accounts', broken, true)).body).map((e) => e.rule)).toEqual(['csv_syntax']);
    expectError(await importCsv(ws.admin, 'accounts', broken), 400);
    expect(await snapshot(ctx, ws.admin)).toEqual(before);
  });

  it('keeps workspaces apart: references, upserts and exports see only the own workspace', async () => {
    const [ws1, ws2] = [await makeWorkspace(ctx), await makeWorkspace(ctx)];
    await importCsv(ws1.admin, 'accounts', csv('external_id,name', 'W-1,First workspace'));
    await importCsv(ws1.admin, 'contacts', csv('external_id,account_external_id,name,email', 'WC-1,W-1,Wendy,wendy@example.com'));
    const before = await snapshot(ctx, ws1.admin);
    const refs = await importCsv(ws2.admin, 'accounts', csv('external_id,name,parent_external_id', 'Y-1,Second,W-1'), true);
    expect(cells(refs.body)).toEqual([{ row: 1, column: 'parent_external_id', value: 'W-1', rule: 'exists' }]);
    const contactRefs = await importCsv(ws2.admin, 'contacts', csv('external_id,account_external_id,name', 'YC-1,W-1,Yara'), true);
    expect(cells(contactRefs.body)).toEqual([{ row: 1, column: 'account_external_id', value: 'W-1', rule: 'exists' }]);
    // The same external id and email in another workspace are other records.
    expect((await importCsv(ws2.admin, 'accounts', csv('external_id,name', 'W-1,Second workspace'))).body).toMatchObject({ applied: true, created: 1 });
    const contacts = await importCsv(ws2.admin, 'contacts', csv('external_id,account_external_id,name,email', 'WC-1,W-1,Wendy Two,wendy@example.com'));
    expect(contacts.body).toMatchObject({ applied: true, created: 1, updated: 0 });
    expect(await snapshot(ctx, ws1.admin)).toEqual({ ...before, tables: before.tables.map((n) => n + 1) });
    expect(records((await exportCsv(ws2.admin, 'accounts')).text).map((r) => r[1])).toEqual(['Second workspace']);
    expect(records((await exportCsv(ws2.admin, 'contacts')).text).map((r) => r[2])).toEqual(['Wendy Two']);
  });
});
