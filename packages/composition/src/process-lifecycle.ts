/**
 * What every entry point does the same way: load the configuration or exit with its problems
 * listed (exit code 78, EX_CONFIG), stop cleanly once on SIGTERM or SIGINT, and say in one line
 * why it could not start when the reason is known.
 */
import { isAppError } from '@cws/core';
import { describeDatabaseFailure } from '@cws/migrations';
import type { Logger } from 'pino';
import type { Config } from './config/index.js';
import { ConfigError, loadConfig } from './config/index.js';

/** Outside prod, unset signing secrets are kept per data directory (dev-secrets.json) so they survive restarts. */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): Config {
  try {
    return loadConfig(env, { devSecrets: 'data-dir' });
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

/** Why a start failed, in one line, when it is a known condition (a database it cannot use, an expected AppError); else null. */
function knownStartFailure(err: unknown): string | null {
  return describeDatabaseFailure(err) ?? (isAppError(err) && err.kind !== 'internal' ? err.message : null);
}

/**
 * Last resort of an entry point: print why it could not run and exit 1 — one line for a known
 * condition (the embedded database held by another process, a database it cannot reach), the
 * stack only for what nobody expected.
 */
export function exitOnStartFailure(what: string): (err: unknown) => never {
  return (err) => {
    // A configuration problem found after loading (e.g. the database role) names its fix; no stack.
    if (err instanceof ConfigError) {
      process.stderr.write(`${what} failed: ${err.message}\n`);
      process.exit(78);
    }
    const known = knownStartFailure(err);
    process.stderr.write(known !== null ? `${what}: ${known}\n` : `${what} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  };
}
