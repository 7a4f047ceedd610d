/**
 * What every entry point does the same way: load the configuration or exit with its problems
 * listed (exit code 78, EX_CONFIG), and stop cleanly once on SIGTERM or SIGINT.
 */
import type { Logger } from 'pino';
import type { Config } from './config/index.js';
import { ConfigError, loadConfig } from './config/index.js';

export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): Config {
  try {
    return loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
}

/** Runs `stop` once on the first SIGTERM/SIGINT, then exits 0 (Agenda leaves timers behind). */
export function stopOnSignals(logger: Logger, what: string, stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, `${what} stopping`);
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, `${what} did not stop cleanly`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/** Last resort of an entry point: print why it could not run and exit 1. */
export function exitOnStartFailure(what: string): (err: unknown) => never {
  return (err) => {
    // A configuration problem found after loading (e.g. the database role) names its fix; no stack.
    if (err instanceof ConfigError) {
      process.stderr.write(`${what} failed: ${err.message}\n`);
      process.exit(78);
    }
    process.stderr.write(`${what} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  };
}
