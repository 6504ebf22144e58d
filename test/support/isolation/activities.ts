import type { Factory } from '../isolation.js';

/** Workspace A's activities records for the isolation walker, by route prefix (see test/support/isolation.ts). */
export const activityFactories: Record<string, Factory> = {};
