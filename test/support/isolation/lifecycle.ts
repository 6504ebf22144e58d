import type { Factory } from '../isolation.js';

/** Workspace A's lifecycle records for the isolation walker, by route prefix (see test/support/isolation.ts). */
export const lifecycleFactories: Record<string, Factory> = {};
