/**
 * While the database is behind this build's migrations (an API started before `npm run migrate`
 * in a deploy), API requests answer 503 problem+json `service.migrations_pending` with a
 * Retry-After, instead of failing one by one with 500 "relation does not exist". The infra and
 * documentation routes stay open, so /readyz can say why and /metrics keeps scraping.
 *
 * The status is the one /readyz reports (runtime.migrationStatus()), cached: once current it
 * stays current for the life of the process (a schema does not move back); while pending it is
 * rechecked at most every MIGRATIONS_RECHECK_SECONDS, one check at a time for all requests. A
 * check that fails (database unreachable) lets requests through to fail as they would anyway.
 * The process logs one line when it finds the database behind and one when it is current again.
 */
import type { Middleware } from 'koa';
import { AppError } from '@cws/core';
import type { Logger, MigrationStatus, Runtime } from '@cws/composition';

const OPEN_PATHS = new Set(['/healthz', '/readyz', '/metrics', '/openapi.json', '/docs']);

function isOpen(path: string): boolean {
  return OPEN_PATHS.has(path) || path.startsWith('/docs/assets/') || path.startsWith('/problems/');
}

export function migrationGate(runtime: Runtime, logger: Logger): Middleware {
  const recheckMs = runtime.config.database.migrationsRecheckSeconds * 1000;
  let current = runtime.storage === 'memory';
  let pending: MigrationStatus | null = null;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let inFlight: Promise<void> | null = null;

  const check = async () => {
    let status: MigrationStatus;
    try {
      status = await runtime.migrationStatus();
    } catch {
      return; // Unknown: /readyz and the request itself report the database.
    } finally {
      checkedAt = performance.now();
    }
    if (status.upToDate) {
      current = true;
      if (pending !== null) logger.info({ head: status.current }, 'migrations are current: serving API requests again');
      pending = null;
      return;
    }
    if (pending === null) {
      logger.error(
        { current: status.current, expected: status.expected, pending: status.pending },
        `the database is behind this build: ${status.pending.length} migration(s) pending; API requests answer 503 until npm run migrate has run`,
      );
    }
    pending = status;
  };

  return async (ctx, next) => {
    if (!current && !isOpen(ctx.path)) {
      if (performance.now() - checkedAt >= recheckMs) inFlight ??= check().finally(() => (inFlight = null));
      if (inFlight !== null) await inFlight;
      if (pending !== null) {
        throw new AppError('service.migrations_pending', `The database is being upgraded to this version (${pending.pending.length} migration(s) pending); try again shortly`, {
          retryAfterSeconds: Math.max(1, runtime.config.database.migrationsRecheckSeconds),
        });
      }
    }
    await next();
  };
}
