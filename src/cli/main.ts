#!/usr/bin/env node
import { Command } from 'commander';
import { loadConfig } from '../config/config.js';
import { prepareDatabase, startServer } from '../server/start.js';

const program = new Command('keepwell').description('Keepwell customer success platform');

program
  .command('serve')
  .description('run the web app and API')
  .action(async () => {
    const config = loadConfig();
    const database = await prepareDatabase(config, console.log);
    const { app, url } = await startServer(config, database);
    console.log(`Keepwell is running at ${url}`);
    const stop = async () => {
      await app.close();
      await database.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program.parseAsync().catch((err: Error) => {
  console.error(`keepwell: ${err.message}`);
  process.exit(1);
});
