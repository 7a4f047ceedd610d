#!/usr/bin/env node
/**
 * Production entry of the HTTP host (`npm run api`): configuration, composition root, listen,
 * and a graceful stop on SIGTERM/SIGINT. Migrations are not applied here: run `npm run migrate`
 * as a deploy step; /readyz answers 503 until the database is at the expected head.
 */
import { createLogger, createRuntime, exitOnStartFailure, loadConfigOrExit, stopOnSignals } from '@cws/composition';
import { createHttpApp } from './app.js';
import { startHttpServer } from './http-server.js';

async function main(): Promise<void> {
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
