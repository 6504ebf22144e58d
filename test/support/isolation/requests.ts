import type { Factory } from '../isolation.js';

/** Workspace A's requests records for the isolation walker, by route prefix (see test/support/isolation.ts). */
export const requestFactories: Record<string, Factory> = {};
