/**
 * One knex instance (pg driver) per process. A statement timeout bounds every query so a stuck
 * statement cannot hold a pooled connection forever.
 */
import knexFactory, { type Knex } from 'knex';

export interface DatabaseOptions {
  readonly connectionString: string;
  readonly poolMax?: number;
  readonly statementTimeoutMs?: number;
  /** Name shown in pg_stat_activity. */
  readonly applicationName?: string;
}

export function createKnex(options: DatabaseOptions): Knex {
  return knexFactory({
    client: 'pg',
    connection: {
      connectionString: options.connectionString,
      application_name: options.applicationName ?? 'cleanwithsnapshot',
      statement_timeout: options.statementTimeoutMs ?? 5000,
    },
    pool: { min: 0, max: options.poolMax ?? 10 },
    acquireConnectionTimeout: 10_000,
    // A failed acquire is rethrown to the caller, who reports it; knex would print it a second
    // time, with its stack (a bad DATABASE_URL showed up twice at start).
    log: { warn: (message: string) => void (message.startsWith('Acquire connection error') ? undefined : console.warn(message)) },
  });
}

/** `select 1` within `timeoutMs`; rejects on timeout or error (for `/readyz`). */
export async function pingDatabase(knex: Knex, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      knex.raw('select 1'),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
