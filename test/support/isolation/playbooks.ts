import type { Factory } from '../isolation.js';

/** Workspace A's playbooks records for the isolation walker, by route prefix (see test/support/isolation.ts). */
export const playbookFactories: Record<string, Factory> = {};
