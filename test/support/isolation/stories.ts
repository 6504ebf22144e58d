import type { Factory } from '../isolation.js';

/** Workspace A's stories records for the isolation walker, by route prefix (see test/support/isolation.ts). */
export const storyFactories: Record<string, Factory> = {};
