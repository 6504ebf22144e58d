import type { Command } from 'commander';
import { DEMO_WORKSPACE_NAME, installDemo } from '../../../demo/install.js';
import { withDatabase } from '../context.js';
import { startProgress } from '../progress.js';

async function demo(options: { reset?: boolean }): Promise<void> {
  await withDatabase(async (database) => {
    const progress = startProgress(options.reset ? 'Rebuilding demo' : 'Creating demo');
    const started = Date.now();
    let result: Awaited<ReturnType<typeof installDemo>>;
    try {
      result = await installDemo(database, { reset: options.reset === true, onProgress: progress.update });
    } finally {
      progress.stop();
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (!result.created) {
      console.log(`The demo workspace "${DEMO_WORKSPACE_NAME}" already exists (${result.workspaceId}); use --reset to rebuild it`);
    } else {
      console.log(`${options.reset ? 'Rebuilt' : 'Created'} the demo workspace "${DEMO_WORKSPACE_NAME}" (${result.workspaceId}) in ${seconds} s`);
      const usage = result.usage;
      if (usage) {
        const n = (v: number) => v.toLocaleString('en-US');
        console.log(
          `Usage: ${n(usage.messages)} events (${n(usage.unmatched)} left unmatched on purpose), ${n(usage.metricValues)} metric values, ${usage.kpis} KPIs`,
        );
      }
      const health = result.health;
      if (health) console.log(`Health: ${health.green} green, ${health.amber} amber, ${health.red} red, ${health.none} without data`);
    }
    console.log(`Sign in as ${result.login.email} with password ${result.login.password}`);
  });
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(`create the demo workspace "${DEMO_WORKSPACE_NAME}" with a believable customer portfolio`)
    .option('--reset', 'delete the demo workspace (and its people who belong nowhere else) and build it again')
    .action(demo);
}
