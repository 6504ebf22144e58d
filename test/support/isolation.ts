import { expect } from 'vitest';
import type { App } from '../../src/server/types.js';
import type { Client, KeyClient, Method, Reply, TestWorkspace } from './factories.js';

/**
 * What the workspace-isolation walker (test/integration/isolation.test.ts) needs from a module: a factory per route
 * prefix that makes one record of workspace A. Each module keeps its factories in test/support/isolation/<module>.ts.
 */
export interface Made {
  id: string;
  /** A valid body for writes to this record, so that the request reaches the handler (not the validator). */
  bodies?: Partial<Record<Method, unknown>>;
  /** How A reads the record back; compared before and after the walk. */
  read: (a: Client) => Promise<unknown>;
}
export type Factory = (a: World, prefix: string) => Promise<Made>;
export interface World {
  a: TestWorkspace;
  aKey: KeyClient;
  mark: string;
  made: Map<string, Made>;
  app: App;
  factories: Record<string, Factory>;
}

/** A's record for a prefix, made once. */
export async function recordFor(world: World, prefix: string): Promise<Made | null> {
  const existing = world.made.get(prefix);
  if (existing) return existing;
  const factory = world.factories[prefix];
  if (!factory) return null;
  const made = await factory(world, prefix);
  world.made.set(prefix, made);
  return made;
}

export async function created(res: Reply<{ id: string }>, what: string): Promise<string> {
  expect(res.status, `creating ${what} in workspace A: ${res.text}`).toBe(201);
  return res.body.id;
}

export const readJson = (url: string) => async (client: Client) => {
  const res = await client.get(url);
  expect(res.status, res.text).toBe(200);
  return res.body;
};
