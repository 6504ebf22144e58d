import { describe, expect, it } from 'vitest';
import type { Me } from '../../src/modules/auth/contracts.js';
import { CHROMIUM, runBrowserTests } from './browser.js';
import { browserJourney } from './journey.js';

/**
 * Issue 5's web journey against a real server and Chromium: an account runs the Adopt checklist; the CSM logs a
 * meeting with an action item on the Timeline, finds the task in My work and completes it there with a checklist
 * item; the account then shows its last meeting (timeline strip and accounts list) and the checklist's progress.
 * KEEPWELL_E2E_SCREENSHOTS=<dir> also saves screenshots of each step.
 */
if (!runBrowserTests) console.warn(`Skipping the engagement browser test: ${CHROMIUM} not found (apt-get install -y chromium).`);

/** `datetime-local` wants local wall-clock time without a zone. */
function localDateTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

describe.skipIf(!runBrowserTests)('web app: timeline, My work and checklist progress', () => {
  const journey = browserJourney({ shotPrefix: 'engagement-' });
  const { shot, pageErrors } = journey;

  it('logs a meeting with an action item, completes it in My work, and the account shows its last meeting and checklist progress', async () => {
    const { baseUrl, accounts } = journey.server;
    const target = accounts.find((a) => a.name === 'Blue Harbor Logistics');
    if (!target) throw new Error('the seed has no Blue Harbor Logistics');
    await journey.signIn();
    const { page } = journey;
    const me = (await (await page.request.get(`${baseUrl}/api/v1/auth/me`)).json()) as Me;
    expect(target.ownerId).toBe(me.user.id);

    // The manager's part, through the API: the Adopt checklist from the library, applied to the account today.
    const today = new Date().toISOString().slice(0, 10);
    const playbook = await journey.post<{ id: string }>('/api/v1/playbooks/from-template', { templateKey: 'checklist-adopt' });
    await journey.post(`/api/v1/playbooks/${playbook.id}/apply`, { accountIds: [target.id], startOn: today, ownerId: me.user.id });

    // Before: no meeting yet, so the timeline strip shows none.
    await page.goto(`${baseUrl}/accounts/${target.id}?tab=timeline`);
    await page.getByText('Nothing on the timeline yet').waitFor();

    // Log a meeting held earlier today (UTC), with one action item for me due today.
    const midnight = Date.parse(`${today}T00:00:00Z`);
    const held = new Date(Math.max(midnight + 60_000, Math.min(Date.now() - 60_000, Date.now() - 3_600_000)));
    await page.getByRole('button', { name: 'Log activity', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Log an activity' });
    await dialog.waitFor();
    await dialog.getByLabel('When').fill(localDateTime(held));
    await dialog.getByLabel('Title').fill('Rollout check-in');
    await dialog.getByLabel('Summary').fill('Walked through the rollout to the second region.');
    await dialog.getByRole('button', { name: 'Add action item' }).click();
    await dialog.getByLabel('Action item 1', { exact: true }).fill('Send the rollout plan');
    await dialog.getByLabel('Owner of action item 1').click();
    await page.getByRole('option', { name: me.user.name }).click();
    await dialog.getByLabel('Due date of action item 1').fill(today);
    await shot('log-meeting');
    await dialog.getByRole('button', { name: 'Log activity' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Rollout check-in').first().waitFor();
    await page.getByText('Send the rollout plan').first().waitFor();

    // My work: the action item is due this week; the checklist's first item (due in 7 days) comes later.
    await page.getByRole('link', { name: 'My work' }).click();
    await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor();
    const dueThisWeek = page.getByRole('table', { name: 'Due this week' });
    await dueThisWeek.getByText('Send the rollout plan', { exact: true }).waitFor();
    const later = page.getByRole('table', { name: 'Later' });
    await later.getByText('Periodic informal meetings', { exact: true }).waitFor();
    await shot('my-work');
    await dueThisWeek.getByRole('checkbox', { name: 'Complete “Send the rollout plan”' }).click();
    await later.getByRole('checkbox', { name: 'Complete “Periodic informal meetings”' }).click();
    // Completed work leaves My work.
    await expect.poll(() => page.getByText('Send the rollout plan', { exact: true }).count()).toBe(0);
    await expect.poll(() => page.getByText('Periodic informal meetings', { exact: true }).count()).toBe(0);

    // The account: checklist progress 1 of 7, and the meeting as its last meeting.
    await page.goto(`${baseUrl}/accounts/${target.id}?tab=lifecycle`);
    await page.getByText('1/7').waitFor();
    await page.getByRole('progressbar', { name: '14% done' }).waitFor();
    await shot('checklist');
    const lastMeeting = await page.evaluate(
      (iso) => new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }),
      held.toISOString(),
    );
    await page.goto(`${baseUrl}/accounts/${target.id}?tab=timeline`);
    await expect.poll(() => page.getByText('Last meeting', { exact: true }).locator('..').textContent()).toContain(lastMeeting);
    await page.goto(`${baseUrl}/accounts?sort=-lastMeetingAt`);
    const row = page.getByRole('table', { name: 'Accounts' }).locator('tbody tr').first();
    await expect.poll(() => row.textContent()).toContain('Blue Harbor Logistics');
    expect(await row.textContent()).toContain(lastMeeting);
    await shot('accounts-list');
    expect(pageErrors).toEqual([]);
  });
});
