import { beforeAll, expect, it } from 'vitest';
import { decodeJson } from '../src/db/dialect.js';
import { parseMarkdown } from '../src/lib/markdown.js';
import type { StoryPage } from '../src/modules/stories/contracts.js';
import { forEachEngine } from '../test/support/engines.js';
import { signIn } from '../test/support/factories.js';
import { goneDark } from './engagement.js';
import { planLifecycle } from './engagement-records.js';
import { planTimeline } from './engagement-timeline.js';
import { generateDemo } from './generate.js';
import { DEMO_LOGIN, installDemo } from './install.js';
import { addDaysIso, createRandom } from './random.js';
import { planUsage, type UsageStory } from './usage.js';

const TODAY = '2025-03-01';
const data = generateDemo({ today: TODAY });
const stories = new Map(planUsage(data, { today: TODAY }).accounts.map((a) => [a.externalId, a.story]));
const daysBefore = (iso: string) => Math.round((Date.parse(`${TODAY}T00:00:00Z`) - Date.parse(iso)) / 86_400_000);

it('plans the same engagement from the same seed', () => {
  const account = data.accounts.find((a) => a.touchTier === 'high') as (typeof data.accounts)[number];
  const contacts = data.contacts.filter((c) => c.accountExternalId === account.externalId);
  const plan = () => {
    const random = createRandom(42);
    const history = planLifecycle(account, 'steady', random, TODAY, 'm@example.com');
    const activities = planTimeline({
      account,
      story: 'steady',
      contacts,
      random,
      dark: false,
      today: TODAY,
      from: addDaysIso(TODAY, -365),
      managerEmail: 'm',
      execEmail: 'e',
    });
    return { history, activities };
  };
  expect(plan()).toEqual(plan());
  expect(plan().history.at(-1)?.to).toBe(account.lifecyclePhase);
});

forEachEngine('demo engagement', (ctx) => {
  let workspaceId = '';
  const byExternal = new Map<string, { id: string; story: UsageStory }>();

  beforeAll(async () => {
    const result = await installDemo(ctx.database, { today: TODAY, usage: false });
    workspaceId = result.workspaceId;
    expect(result.engagement).toMatchObject({ stories: 8 });
    const accounts = await ctx.database.db.selectFrom('accounts').select(['id', 'external_id']).where('workspace_id', '=', workspaceId).execute();
    for (const a of accounts) byExternal.set(a.external_id as string, { id: a.id, story: stories.get(a.external_id as string) ?? 'steady' });
  });

  it('gives every account a lifecycle history that ends in its current phase', async () => {
    const { db } = ctx.database;
    const accounts = await db.selectFrom('accounts').select(['id', 'lifecycle_phase', 'phase_since']).where('workspace_id', '=', workspaceId).execute();
    const changes = await db.selectFrom('lifecycle_changes').selectAll().where('workspace_id', '=', workspaceId).orderBy('changed_at').orderBy('id').execute();
    for (const account of accounts) {
      const mine = changes.filter((c) => c.account_id === account.id);
      expect(mine[0]?.from_phase, account.id).toBeNull();
      expect(mine.at(-1)?.to_phase).toBe(account.lifecycle_phase);
      expect(mine.at(-1)?.changed_at).toBe(account.phase_since);
      for (let i = 1; i < mine.length; i++) expect(mine[i]?.from_phase).toBe(mine[i - 1]?.to_phase);
    }
  });

  it('keeps a timeline that follows each tier and story, with nothing logged in the future', async () => {
    const { db } = ctx.database;
    const acts = await db
      .selectFrom('activities')
      .select(['account_id', 'type', 'status', 'occurred_at', 'contact_ids'])
      .where('workspace_id', '=', workspaceId)
      .execute();
    expect(acts.length).toBeGreaterThan(3000);
    expect(acts.filter((a) => a.status === 'done' && a.occurred_at >= `${TODAY}T00:00:00`)).toEqual([]);
    expect(new Set(acts.map((a) => a.type))).toEqual(new Set(['meeting', 'call', 'email', 'qbr', 'ebr', 'note']));
    expect(acts.some((a) => a.type === 'meeting' && decodeJson<string[]>(a.contact_ids, []).length > 0)).toBe(true);

    const accounts = await db
      .selectFrom('accounts')
      .select(['id', 'external_id', 'touch_tier', 'last_meeting_at', 'next_meeting_at', 'last_touch_at'])
      .where('workspace_id', '=', workspaceId)
      .execute();
    const healthy = new Set<UsageStory>(['thriving', 'steady', 'seasonal']);
    const high = accounts.filter((a) => a.touch_tier === 'high');
    expect(high.length).toBeGreaterThan(20);
    for (const a of high) {
      if (!healthy.has(stories.get(a.external_id as string) as UsageStory)) continue;
      // High touch: a meeting in the last 30 days and the next one on the calendar.
      expect(daysBefore(a.last_meeting_at as string), a.external_id as string).toBeLessThanOrEqual(30);
      expect(a.next_meeting_at && a.next_meeting_at > TODAY, a.external_id as string).toBe(true);
    }
    // Stalled onboardings that went dark: no meeting held in the last two weeks.
    const dark = accounts.filter((a) => goneDark(a.external_id as string, stories.get(a.external_id as string) as UsageStory) && a.last_meeting_at);
    expect(dark.length).toBeGreaterThan(0);
    for (const a of dark) expect(daysBefore(a.last_meeting_at as string)).toBeGreaterThan(14);
    // Some tech-touch accounts are overdue for a touch (90 days).
    expect(accounts.some((a) => a.touch_tier === 'tech' && (!a.last_touch_at || daysBefore(a.last_touch_at) > 90))).toBe(true);
    // Tech touch is one-to-many: far fewer touches than high touch.
    const perAccount = (tier: string) =>
      acts.filter((x) => accounts.find((a) => a.id === x.account_id)?.touch_tier === tier).length / accounts.filter((a) => a.touch_tier === tier).length;
    expect(perAccount('high')).toBeGreaterThan(3 * perAccount('tech'));
  });

  it('leaves most action items done and some open and overdue for the CSMs', async () => {
    const { db } = ctx.database;
    const tasks = await db
      .selectFrom('tasks')
      .select(['owner_id', 'status', 'due_on', 'completed_at', 'created_at', 'activity_id', 'playbook_run_id', 'risk_id'])
      .where('workspace_id', '=', workspaceId)
      .execute();
    expect(tasks.length).toBeGreaterThan(1500);
    expect(tasks.filter((t) => t.status === 'done').length).toBeGreaterThan(tasks.length / 2);
    for (const t of tasks) {
      expect(t.status === 'done', JSON.stringify(t)).toBe(t.completed_at !== null);
      if (t.completed_at) expect(t.completed_at >= t.created_at.slice(0, 10)).toBe(true);
    }
    expect(tasks.some((t) => t.activity_id) && tasks.some((t) => t.playbook_run_id) && tasks.some((t) => t.risk_id)).toBe(true);
    const csms = await db.selectFrom('memberships').select('user_id').where('workspace_id', '=', workspaceId).where('role', '=', 'csm').execute();
    const overdue = (userId: string) =>
      tasks.filter((t) => t.owner_id === userId && t.status !== 'done' && t.status !== 'cancelled' && (t.due_on ?? '9') < TODAY);
    expect(csms.filter((c) => overdue(c.user_id).length > 0).length).toBeGreaterThanOrEqual(csms.length - 1);
  });

  it('makes risk statuses follow open risks, with risks on declining and stalled accounts', async () => {
    const { db } = ctx.database;
    const open = await db
      .selectFrom('risks')
      .innerJoin('risk_types', 'risk_types.id', 'risks.risk_type_id')
      .select(['risks.account_id', 'risk_types.risk_status', 'risks.first_signal_on', 'risks.identified_on'])
      .where('risks.workspace_id', '=', workspaceId)
      .where('risks.status', 'in', ['open', 'mitigating'])
      .execute();
    const accounts = new Map(
      (await db.selectFrom('accounts').select(['id', 'risk_statuses']).where('workspace_id', '=', workspaceId).execute()).map((a) => [
        a.id,
        decodeJson<string[]>(a.risk_statuses, []),
      ]),
    );
    for (const r of open) {
      if (r.risk_status) expect(accounts.get(r.account_id)).toContain(r.risk_status);
      expect((r.first_signal_on ?? '') <= r.identified_on).toBe(true);
    }
    const withOpenRisk = new Set(open.map((r) => r.account_id));
    for (const [external, a] of byExternal) {
      if (a.story === 'declining' || a.story === 'stalled_onboarding') expect(withOpenRisk.has(a.id), external).toBe(true);
    }
    const closed = await db
      .selectFrom('risks')
      .select('status')
      .where('workspace_id', '=', workspaceId)
      .where('status', 'in', ['mitigated', 'churned'])
      .execute();
    expect(closed.some((r) => r.status === 'mitigated') && closed.some((r) => r.status === 'churned')).toBe(true);

    const flags = await db.selectFrom('red_flags').select(['account_id', 'kind', 'status', 'raised_at']).where('workspace_id', '=', workspaceId).execute();
    for (const [external, a] of byExternal) {
      if (goneDark(external, a.story))
        expect(
          flags.some((f) => f.account_id === a.id && f.kind === 'gone_dark' && f.status === 'open'),
          external,
        ).toBe(true);
    }
    expect(flags.some((f) => f.kind === 'contact_left' && f.status === 'resolved')).toBe(true);
    expect(flags.filter((f) => f.raised_at >= `${TODAY}T00:00:00`)).toEqual([]);
  });

  it('has playbook runs in progress, internal requests stalled for follow-up, and stories to read', async () => {
    const { db } = ctx.database;
    const runs = await db.selectFrom('playbook_runs').select(['status']).where('workspace_id', '=', workspaceId).execute();
    expect(runs.some((r) => r.status === 'active') && runs.some((r) => r.status === 'completed')).toBe(true);
    const requests = await db
      .selectFrom('internal_requests')
      .select(['status', 'asked_at', 'last_follow_up_at', 'requested_by'])
      .where('workspace_id', '=', workspaceId)
      .execute();
    const stalled = requests.filter((r) => r.status === 'open' && daysBefore(r.last_follow_up_at ?? r.asked_at) >= 3);
    expect(stalled.length).toBeGreaterThan(3);

    const admin = await signIn(ctx.app, { id: '', name: '', ...DEMO_LOGIN });
    expect(stalled.some((r) => r.requested_by === admin.user.id || r.requested_by === admin.me.user.id)).toBe(true);
    const page = await admin.get<StoryPage>('/api/v1/stories?limit=20');
    expect(page.body.total).toBe(8);
    for (const story of page.body.items) {
      expect(byExternal.size && stories.get([...byExternal].find(([, a]) => a.id === story.accountId)?.[0] ?? '')).toBe('thriving');
      expect(story.authorName).not.toBeNull();
      expect(parseMarkdown(story.body).length).toBeGreaterThan(1);
    }
    expect(page.body.items.some((s) => s.subjectType === 'activity' && s.subjectLabel)).toBe(true);
  });
});
