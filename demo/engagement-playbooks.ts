import type { Database } from '../src/db/connection.js';
import type { LifecyclePhase } from '../src/domain/enums.js';
import { applyPlaybook, copyTemplate, findTemplate } from '../src/modules/playbooks/templates.js';
import type { PlannedPhaseChange } from './engagement-records.js';
import { chunks, monday, setById } from './engagement-write.js';
import type { DemoAccount } from './generate.js';
import { addDaysIso, createRandom } from './random.js';
import { hashString, type UsageStory } from './usage.js';

/**
 * The demo's playbooks: a few prebuilt templates copied into the workspace and applied to the accounts in the
 * matching phase, from the week the phase began. Their checklists are part done, as far as each account's story
 * got: thriving accounts tick nearly everything that is due, stalled ones little. Value-realization accounts keep
 * the Adopt checklist they completed in their adoption phase.
 */

const CHECKLISTS: Partial<Record<LifecyclePhase, string>> = {
  sales_handoff: 'checklist-sales-handoff',
  onboarding: 'checklist-onboarding',
  adoption: 'checklist-adopt',
  renewal_expansion: 'checklist-renewal-expansion',
};
const ASSESSMENT = 'risk-assessment-adoption';
const doneShare: Record<UsageStory, number> = { thriving: 0.95, steady: 0.88, seasonal: 0.85, declining: 0.55, stalled_onboarding: 0.3 };

export interface PlaybookAccount {
  id: string;
  account: DemoAccount;
  story: UsageStory;
  history: readonly PlannedPhaseChange[];
}

interface Application {
  key: string;
  start: string;
  account: PlaybookAccount;
  /** A checklist of a phase the account has left: finished. */
  past: boolean;
}

function applications(accounts: readonly PlaybookAccount[], today: string): Application[] {
  const out: Application[] = [];
  for (const a of accounts) {
    if (!a.account.ownerEmail) continue;
    const phase = a.account.lifecyclePhase;
    const since = (a.history.at(-1) as PlannedPhaseChange).on;
    const checklist = CHECKLISTS[phase];
    if (checklist) out.push({ key: checklist, start: monday(since), account: a, past: false });
    if (phase === 'adoption' && (a.story === 'declining' || a.account.riskStatuses.length > 0)) {
      const start = monday(addDaysIso(since, 14));
      if (start <= today) out.push({ key: ASSESSMENT, start, account: a, past: false });
    }
    const adopted = [...a.history].reverse().find((h) => h.to === 'adoption');
    // Only those adopted within the demo's year: older checklists would be history nobody looks at.
    if (phase === 'value_realization' && a.account.touchTier !== 'tech' && adopted && adopted.on >= addDaysIso(today, -365)) {
      out.push({ key: 'checklist-adopt', start: monday(adopted.on), account: a, past: true });
    }
  }
  return out;
}

export async function installPlaybooks(
  database: Database,
  workspaceId: string,
  accounts: readonly PlaybookAccount[],
  today: string,
  createdBy: string | null,
): Promise<{ playbooks: number; runs: number; tasks: number }> {
  const { db } = database;
  const playbookIds = new Map<string, string>();
  for (const key of [...new Set([...Object.values(CHECKLISTS), ASSESSMENT])]) {
    if (key && findTemplate(key)) playbookIds.set(key, await copyTemplate(db, workspaceId, key, createdBy));
  }
  const groups = new Map<string, Application[]>();
  for (const app of applications(accounts, today)) {
    if (!playbookIds.has(app.key)) continue;
    const group = `${app.key}|${app.start}`;
    groups.set(group, [...(groups.get(group) ?? []), app]);
  }
  const runs = new Map<string, Application>();
  for (const apps of groups.values()) {
    const { key, start } = apps[0] as Application;
    const result = await applyPlaybook(
      db,
      workspaceId,
      playbookIds.get(key) as string,
      apps.map((a) => a.account.id),
      start,
      null,
      createdBy,
    );
    const byAccount = new Map(apps.map((a) => [a.account.id, a]));
    for (const run of result.runs) runs.set(run.id, byAccount.get(run.accountId) as Application);
  }

  const tasks: Array<{ id: string; playbook_run_id: string | null; due_on: string | null }> = [];
  for (const ids of chunks([...runs.keys()], 500)) {
    tasks.push(
      ...(await db
        .selectFrom('tasks')
        .select(['id', 'playbook_run_id', 'due_on'])
        .where('workspace_id', '=', workspaceId)
        .where('playbook_run_id', 'in', ids)
        .orderBy('due_on')
        .orderBy('id')
        .execute()),
    );
  }
  const byRun = new Map<string, typeof tasks>();
  for (const t of tasks) byRun.set(t.playbook_run_id as string, [...(byRun.get(t.playbook_run_id as string) ?? []), t]);

  const taskUpdates: Array<{ id: string; values: Record<string, string | null> }> = [];
  const runUpdates: Array<{ id: string; values: Record<string, string | null> }> = [];
  const yesterday = addDaysIso(today, -1);
  for (const [runId, app] of runs) {
    const random = createRandom(hashString(`${app.account.account.externalId}|${app.key}`));
    const created = `${app.start}T09:00:00.000Z`;
    let finished: string | null = created;
    const stalledFrom = addDaysIso(today, -random.int(10, 30));
    for (const task of byRun.get(runId) ?? []) {
      const due = task.due_on ?? app.start;
      // Healthy accounts tick items off as they fall due (a few recent ones still open, old stragglers dropped); in a
      // struggling account the checklist stalled a few weeks ago, and what fell due since is still open.
      const struggling = doneShare[app.account.story] < 0.6;
      const done = app.past
        ? random.chance(0.95)
        : due >= addDaysIso(today, -2)
          ? random.chance(0.1)
          : struggling
            ? due < stalledFrom && random.chance(0.9)
            : due < addDaysIso(today, -30) || random.chance(doneShare[app.account.story]);
      const cancelled = !done && (app.past || (struggling && due < stalledFrom));
      let completedAt: string | null = null;
      if (done) {
        const on = addDaysIso(due, random.int(-5, 3));
        completedAt = `${on < app.start ? app.start : on > yesterday ? yesterday : on}T15:00:00.000Z`;
        if (finished && completedAt > finished) finished = completedAt;
      } else if (!cancelled) finished = null;
      taskUpdates.push({
        id: task.id,
        values: {
          status: done ? 'done' : cancelled ? 'cancelled' : 'open',
          completed_at: completedAt,
          created_at: created,
          updated_at: completedAt ?? created,
        },
      });
    }
    runUpdates.push({ id: runId, values: { status: finished ? 'completed' : 'active', completed_at: finished, created_at: created } });
  }
  const stamps = new Set(['completed_at', 'created_at', 'updated_at']);
  await setById(database, workspaceId, 'tasks', taskUpdates, stamps);
  await setById(database, workspaceId, 'playbook_runs', runUpdates, stamps);
  return { playbooks: playbookIds.size, runs: runs.size, tasks: tasks.length };
}
