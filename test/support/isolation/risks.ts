import type { Factory } from '../isolation.js';

/** Workspace A's risks records for the isolation walker, by route prefix (see test/support/isolation.ts). */
export const riskFactories: Record<string, Factory> = {};
