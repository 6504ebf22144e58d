import type { Database } from '../src/db/connection.js';
import { newId } from '../src/lib/ids.js';
import { raiseRedFlag } from '../src/modules/red-flags/raise.js';
import { insertTasks } from '../src/modules/tasks/create.js';
import type { PlannedFlag, PlannedRisk } from './engagement-records.js';
import { chunks, noon, setById } from './engagement-write.js';
import { addDaysIso } from './random.js';
import type { UsageStory } from './usage.js';

/** Writes the demo's risks (with a mitigation task for each open one) and red flags, backdated to when they happened. */

interface AccountRecords {
  id: string;
  story: UsageStory;
  risks: readonly PlannedRisk[];
  flags: readonly PlannedFlag[];
}
type UserId = (email: string | null) => string | null;
const STAMPS = new Set(['completed_at', 'created_at', 'updated_at', 'raised_at', 'resolved_at']);

export async function writeRisks(
  database: Database,
  workspaceId: string,
  accounts: readonly AccountRecords[],
  userId: UserId,
  today: string,
): Promise<{ risks: number; tasks: number }> {
  const types = new Map(
    (await database.db.selectFrom('risk_types').select(['id', 'label']).where('workspace_id', '=', workspaceId).execute()).map((t) => [t.label, t.id]),
  );
  const rows = accounts.flatMap((a) =>
    a.risks.map((r) => ({
      id: newId(),
      workspace_id: workspaceId,
      account_id: a.id,
      risk_type_id: types.get(r.typeLabel) ?? null,
      title: r.title,
      description: null,
      severity: r.severity,
      status: r.status,
      owner_id: userId(r.ownerEmail),
      mitigation_plan: r.plan,
      first_signal_on: r.firstSignalOn,
      identified_on: r.identifiedOn,
      resolved_on: r.resolvedOn,
      created_by: userId(r.ownerEmail),
      created_at: noon(r.identifiedOn),
      updated_at: noon(r.resolvedOn ?? r.identifiedOn),
    })),
  );
  for (const chunk of chunks(rows, 200)) await database.db.insertInto('risks').values(chunk).execute();

  // Each open risk has its next mitigation step as a task, due two weeks after it was logged.
  const open = rows.filter((r) => r.status === 'open' || r.status === 'mitigating');
  const ids = await insertTasks(
    database.db,
    workspaceId,
    null,
    open.map((r) => ({
      accountId: r.account_id,
      title: `Mitigation: ${(r.mitigation_plan ?? r.title).split(/[;.]/)[0]}`,
      ownerId: r.owner_id,
      dueOn: addDaysIso(r.identified_on, 14),
      priority: r.severity === 'critical' ? 'urgent' : 'high',
      riskId: r.id,
    })),
  );
  await setById(
    database,
    workspaceId,
    'tasks',
    open.map((r, i) => {
      const due = addDaysIso(r.identified_on, 14);
      // A risk being mitigated, or open for over a month, has taken its first step; a newer open one has not yet.
      const done = due < today && (r.status === 'mitigating' || r.identified_on < addDaysIso(today, -30));
      return {
        id: ids[i] as string,
        values: {
          status: done ? 'done' : 'open',
          completed_at: done ? noon(due) : null,
          created_at: r.created_at,
          updated_at: done ? noon(due) : r.created_at,
        },
      };
    }),
    STAMPS,
  );
  return { risks: rows.length, tasks: ids.length };
}

export async function writeFlags(database: Database, workspaceId: string, accounts: readonly AccountRecords[], userId: UserId, today: string): Promise<number> {
  const resolved: Array<{ id: string; values: Record<string, string | null> }> = [];
  let count = 0;
  for (const a of accounts) {
    for (const f of a.flags) {
      const raisedBy = userId(f.raisedByEmail);
      const id = await raiseRedFlag(database.db, {
        workspaceId,
        accountId: a.id,
        kind: f.kind,
        note: f.note,
        source: 'person',
        raisedBy,
        raisedAt: `${f.raisedOn}T11:00:00.000Z`,
      });
      count += 1;
      if (f.resolvedOn) resolved.push({ id, values: { status: 'resolved', resolved_at: noon(f.resolvedOn), resolved_by: raisedBy, resolution: f.resolution } });
    }
  }
  await setById(database, workspaceId, 'red_flags', resolved, STAMPS);

  // The contacts service raised a flag for every sponsor or champion created as "left": date it to their leaving, and
  // close the older ones of healthy accounts, where a new champion has taken over since.
  const automatic = await database.db
    .selectFrom('red_flags')
    .innerJoin('contacts', 'contacts.id', 'red_flags.contact_id')
    .innerJoin('accounts', 'accounts.id', 'red_flags.account_id')
    .select(['red_flags.id', 'red_flags.account_id', 'contacts.left_on', 'accounts.owner_id'])
    .where('red_flags.workspace_id', '=', workspaceId)
    .where('red_flags.source', '=', 'automatic')
    .execute();
  const storyOf = new Map(accounts.map((a) => [a.id, a.story]));
  const healthy = new Set<UsageStory>(['thriving', 'steady', 'seasonal']);
  const updates = automatic
    .filter((f) => f.left_on)
    .map((f) => {
      const left = f.left_on as string;
      const close = healthy.has(storyOf.get(f.account_id) ?? 'steady') && left < addDaysIso(today, -45);
      return {
        id: f.id,
        values: {
          raised_at: `${left}T09:00:00.000Z`,
          status: close ? 'resolved' : 'open',
          resolved_at: close ? noon(addDaysIso(left, 30)) : null,
          resolved_by: close ? f.owner_id : null,
          resolution: close ? 'Met the new team lead: a new champion is in place.' : null,
        },
      };
    });
  await setById(database, workspaceId, 'red_flags', updates, STAMPS);
  return count + automatic.length;
}
