import type { Command } from 'commander';
import { recomputeHealth } from '../../modules/health/compute.js';
import { settleRollups } from '../../modules/ingest/rollup-queue.js';
import { requireWorkspace, withDatabase } from '../context.js';

async function recompute(options: { workspace: string }): Promise<void> {
  await withDatabase(async (database) => {
    const workspace = await requireWorkspace(database, options.workspace);
    await settleRollups(database, workspace.id);
    const result = await recomputeHealth(database, workspace.id, { cause: 'recompute' });
    console.log(
      `Recomputed ${result.scores} health scores for ${result.accounts} accounts in ${workspace.name} in ${(result.milliseconds / 1000).toFixed(2)} s`,
    );
  });
}

export function registerHealth(program: Command): void {
  const health = program.command('health').description('health scores');
  health
    .command('recompute')
    .description("recompute every account's health scores in a workspace now")
    .requiredOption('--workspace <workspace>', 'workspace name or id')
    .action(recompute);
}
