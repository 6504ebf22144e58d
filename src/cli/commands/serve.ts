import type { Command } from 'commander';
import { DEMO_LOGIN, DEMO_WORKSPACE_NAME, findDemoWorkspace, hasAnyWorkspace, installDemo } from '../../../demo/install.js';
import { loadConfig } from '../../config/config.js';
import type { Database } from '../../db/connection.js';
import { ensurePortFree, prepareDatabase, startServer } from '../../server/start.js';
import { CliError } from '../errors.js';
import { startProgress } from '../progress.js';

/** On an empty database: the demo (unless turned off) or how to create the first user. Returns whether a demo exists. */
async function prepareContent(database: Database, demoOnEmpty: boolean): Promise<boolean> {
  if (await hasAnyWorkspace(database)) return (await findDemoWorkspace(database)) !== null;
  if (!demoOnEmpty) {
    console.log('The database is empty. Create the first user and workspace with:');
    console.log('  keepwell user create --email you@example.com --name "Your Name" --workspace "Your Company" --role admin');
    console.log('  (it asks for the password, or reads KEEPWELL_PASSWORD)');
    return false;
  }
  console.log(`The database is empty: creating the demo workspace "${DEMO_WORKSPACE_NAME}" (turn this off with KEEPWELL_DEMO=off)`);
  const progress = startProgress('Demo data');
  const started = Date.now();
  try {
    await installDemo(database, { onProgress: progress.update });
  } finally {
    progress.stop();
  }
  console.log(`Demo workspace ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

function portInUse(config: { host: string; port: number }) {
  return (err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') throw new CliError(`Port ${config.port} on ${config.host} is already in use: stop the other process or set PORT`);
    throw err;
  };
}

async function serve(): Promise<void> {
  const config = loadConfig();
  // Before anything else: a busy port must not leave a demo workspace behind.
  await ensurePortFree(config.host, config.port).catch(portInUse(config));
  const database = await prepareDatabase(config, (line) => console.log(line));
  let started: Awaited<ReturnType<typeof startServer>>;
  try {
    const hasDemo = await prepareContent(database, config.demoOnEmpty);
    started = await startServer(config, database).catch(portInUse(config));
    console.log(`Keepwell is running at ${started.url}`);
    if (hasDemo) console.log(`Demo workspace "${DEMO_WORKSPACE_NAME}": sign in as ${DEMO_LOGIN.email} with password ${DEMO_LOGIN.password}`);
  } catch (err) {
    await database.close().catch(() => {});
    throw err;
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      console.error('Forced exit');
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: finishing open requests and closing the database…`);
    // Long-polling clients must not keep a deploy waiting forever.
    setTimeout(() => {
      console.error('Shutdown took longer than 10 s: exiting');
      process.exit(1);
    }, 10_000).unref();
    try {
      await started.app.close();
      await database.close();
      process.exit(0);
    } catch (err) {
      console.error(`keepwell: shutdown failed: ${(err as Error).message}`);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

export function registerServe(program: Command): void {
  program.command('serve').description('run the web app and the API (creates the demo workspace on an empty database unless KEEPWELL_DEMO=off)').action(serve);
}
