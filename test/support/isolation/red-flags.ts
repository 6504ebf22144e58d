import type { Factory } from '../isolation.js';

/** Workspace A's red-flags records for the isolation walker, by route prefix (see test/support/isolation.ts). */
export const redFlagFactories: Record<string, Factory> = {};
