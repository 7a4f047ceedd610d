#!/usr/bin/env node
/**
 * Production entry of the HTTP host (`npm run api`): configuration, composition root, listen,
 * and a graceful stop on SIGTERM/SIGINT. Migrations are not applied here: run `npm run migrate`
 * as a deploy step; /readyz answers 503 until the database is at the expected head.
 */
import { ConfigError, createLogger, createRuntime, loadConfig } from '@cws/composition';
import { createHttpApp } from './app.js';
import { startHttpServer } from './http-server.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  const logger = createLogger(config);
  const runtime = await createRuntime(config);
  const server = await startHttpServer(createHttpApp(runtime, { logger }), config.http.host, config.http.port);
  logger.info({ url: server.url, storage: runtime.storage, app_env: config.appEnv }, 'api listening');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'api stopping');
    await server.close();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`api failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
