import type { App } from '../server/types.js';
import { accountRoutes } from './accounts/routes.js';
import { activityRoutes } from './activities/routes.js';
import { apiKeyRoutes } from './api-keys/routes.js';
import { authRoutes } from './auth/routes.js';
import { contactRoutes } from './contacts/routes.js';
import { csvRoutes } from './csv/routes.js';
import { healthPreviewRoutes } from './health/preview-routes.js';
import { healthRoutes } from './health/routes.js';
import { ingestRoutes } from './ingest/routes.js';
import { kpiRoutes } from './kpis/routes.js';
import { lifecycleRoutes } from './lifecycle/routes.js';
import { metricRoutes } from './metrics/routes.js';
import { playbookRoutes } from './playbooks/routes.js';
import { redFlagRoutes } from './red-flags/routes.js';
import { requestRoutes } from './requests/routes.js';
import { riskRoutes } from './risks/routes.js';
import { storyRoutes } from './stories/routes.js';
import { taskRoutes } from './tasks/routes.js';
import { usageRoutes } from './usage/routes.js';
import { viewRoutes } from './views/routes.js';
import { workspaceRoutes } from './workspaces/routes.js';
import { writeKeyRoutes } from './write-keys/routes.js';

/** Every module's routes; a new module adds one line here. */
export async function registerModules(app: App): Promise<void> {
  await app.register(authRoutes);
  await app.register(workspaceRoutes);
  await app.register(apiKeyRoutes);
  await app.register(accountRoutes);
  await app.register(contactRoutes);
  await app.register(viewRoutes);
  await app.register(csvRoutes);
  await app.register(writeKeyRoutes);
  await app.register(ingestRoutes);
  await app.register(usageRoutes);
  await app.register(kpiRoutes);
  await app.register(metricRoutes);
  await app.register(activityRoutes);
  await app.register(taskRoutes);
  await app.register(requestRoutes);
  await app.register(lifecycleRoutes);
  await app.register(playbookRoutes);
  await app.register(riskRoutes);
  await app.register(redFlagRoutes);
  await app.register(storyRoutes);
  await app.register(healthRoutes);
  await app.register(healthPreviewRoutes);
}
