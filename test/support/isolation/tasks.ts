import type { Factory } from '../isolation.js';

/** Workspace A's tasks records for the isolation walker, by route prefix (see test/support/isolation.ts). */
export const taskFactories: Record<string, Factory> = {};
