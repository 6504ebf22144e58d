import type { App } from '../../server/types.js';

// Being built this session: the module's helper replaces this with its routes.
export async function taskRoutes(_app: App): Promise<void> {}
