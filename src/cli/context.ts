import { type Config, loadConfig } from '../config/config.js';
import type { Database } from '../db/connection.js';
import { findWorkspacesByIdOrName, listAllWorkspaces, type WorkspaceRef } from '../modules/workspaces/service.js';
import { prepareDatabase } from '../server/start.js';
import type { Actor } from '../server/types.js';
import { CliError } from './errors.js';

/**
 * Runs a command against the configured database (checked and migrated), closing it afterwards.
 * Start-up lines go to stderr so that a command's stdout can be piped (e.g. an export).
 */
export async function withDatabase<T>(run: (database: Database, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await prepareDatabase(config, (line) => console.error(line));
  try {
    return await run(database, config);
  } finally {
    await database.close();
  }
}

/** The CLI acts as an admin of the workspace it is pointed at: whoever runs it already holds the database. */
export function cliActor(workspaceId: string): Actor {
  return { workspaceId, userId: null, role: 'admin', via: 'cli' };
}

/** Finds a workspace by id or exact name; null when there is none. A name shared by several is an error. */
export async function findWorkspace(database: Database, ref: string): Promise<WorkspaceRef | null> {
  const matches = await findWorkspacesByIdOrName(database, ref);
  const byId = matches.find((w) => w.id === ref);
  if (byId) return byId;
  if (matches.length > 1) {
    throw new CliError(
      `Several workspaces are named "${ref}": pass the id instead`,
      matches.map((w) => `${w.id}  ${w.name}`),
    );
  }
  return matches[0] ?? null;
}

export async function requireWorkspace(database: Database, ref: string): Promise<WorkspaceRef> {
  const found = await findWorkspace(database, ref);
  if (found) return found;
  const all = await listAllWorkspaces(database);
  throw new CliError(
    `Workspace "${ref}" not found`,
    all.length > 0
      ? ['Existing workspaces:', ...all.map((w) => `  ${w.name}  (${w.id})`)]
      : ['There are no workspaces yet: create one with `keepwell user create … --workspace NAME` or `keepwell demo`.'],
  );
}
