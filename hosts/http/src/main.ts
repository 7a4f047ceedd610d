#!/usr/bin/env node
/**
 * Production entry of the HTTP host (`npm run api`): configuration, composition root, listen,
 * and a graceful stop on SIGTERM/SIGINT. Migrations are not applied here: run `npm run migrate`
 * as a deploy step; /readyz answers 503 until the database is at the expected head.
 */
import { createLogger, createRuntime, exitOnStartFailure, loadConfigOrExit, parseCommandLine, stopOnSignals } from '@cws/composition';
import { createHttpApp } from './app.js';
import { startHttpServer } from './http-server.js';

const USAGE = `Usage: npm run api
       node hosts/http/dist/main.js

Runs the HTTP API alone (production: the job host runs as its own process, migrations as a
deploy step). Settings come from the environment; every variable is listed in .env.example.

Options:
  -h, --help   show this help
`;

async function main(): Promise<void> {
  parseCommandLine({ name: 'api', usage: USAGE, options: {} });
  const config = loadConfigOrExit();
  const logger = createLogger(config);
  const runtime = await createRuntime(config);
  const server = await startHttpServer(createHttpApp(runtime, { logger }), config.http.host, config.http.port, config.http.limits);
  logger.info({ url: server.url, storage: runtime.storage, app_env: config.appEnv }, 'api listening');
  stopOnSignals(logger, 'api', async () => {
    await server.close();
    await runtime.close();
  });
}

main().catch(exitOnStartFailure('api'));
