/**
 * One knex instance (pg driver) per process. A statement timeout bounds every query so a stuck
 * statement cannot hold a pooled connection forever. The app's instance checks, on each new
 * connection, that its role cannot step around row level security (ADR 16).
 */
import knexFactory, { type Knex } from 'knex';
import { AppError } from '@cws/core';
import { adapterTypeParsers } from './timestamp-parsing.js';

/** The role a connection acts as, and what it could do beyond cws_app. */
export interface ConnectionRole {
  readonly name: string;
  readonly superuser: boolean;
  readonly bypassRls: boolean;
  /** A member of a role that owns tables of the schema, is a superuser or has BYPASSRLS. */
  readonly actsAsPrivilegedRole: boolean;
}

export function isPrivileged(role: ConnectionRole): boolean {
  return role.superuser || role.bypassRls || role.actsAsPrivilegedRole;
}

/**
 * What the connection's role could become with `SET ROLE` (membership): an owner of the schema's
 * tables ignores their policies unless forced, and may drop them; a superuser or BYPASSRLS role
 * ignores them all.
 */
const CONNECTION_ROLE_SQL = `SELECT r.rolname AS name, r.rolsuper AS superuser, r.rolbypassrls AS bypass_rls,
  EXISTS (SELECT 1 FROM pg_roles o
           WHERE o.oid <> r.oid AND pg_has_role(r.oid, o.oid, 'MEMBER')
             AND (o.rolsuper OR o.rolbypassrls OR EXISTS (SELECT 1 FROM pg_class c WHERE c.relowner = o.oid AND c.relnamespace = current_schema()::regnamespace)))
  OR EXISTS (SELECT 1 FROM pg_class c WHERE c.relowner = r.oid AND c.relnamespace = current_schema()::regnamespace) AS acts_as_privileged
  FROM pg_roles r WHERE r.rolname = session_user`;

interface RawConnection {
  query(sql: string, callback: (err: Error | null, result: { rows: Array<Record<string, unknown>> }) => void): void;
  end(): Promise<void>;
}

const toConnectionRole = (row: Record<string, unknown>): ConnectionRole => ({
  name: row['name'] as string,
  superuser: row['superuser'] === true,
  bypassRls: row['bypass_rls'] === true,
  actsAsPrivilegedRole: row['acts_as_privileged'] === true,
});

function readConnectionRole(connection: RawConnection): Promise<ConnectionRole> {
  return new Promise((resolve, reject) =>
    connection.query(CONNECTION_ROLE_SQL, (err, result) => (err === null ? resolve(toConnectionRole(result.rows[0]!)) : reject(err))),
  );
}

/** The role a connection of `knex` logs in as. */
export async function connectionRole(knex: Knex): Promise<ConnectionRole> {
  return toConnectionRole((await knex.raw(CONNECTION_ROLE_SQL)).rows[0]);
}

/** A refused connection: a 503 to clients (who learn nothing of the role), the reason in `role`. */
export class PrivilegedConnectionError extends AppError {
  constructor(readonly role: ConnectionRole) {
    super('storage.unavailable', 'The database connection is refused by configuration; the operator must fix DATABASE_URL', { retryable: false });
  }
}

export function describePrivilegedRole(role: ConnectionRole): string {
  const what = role.superuser ? 'a superuser' : role.bypassRls ? 'a role with BYPASSRLS' : 'a role that can act as the owner of the tables (or a superuser)';
  return `The database connection logs in as ${role.name}, ${what}: row level security would rest on every transaction's SET ROLE alone`;
}

/**
 * How a new connection whose role could step around row level security is treated: `allow`
 * (owner connections: migrations, test setup), `refuse` it (APP_ENV=prod: every use of the pool
 * fails with PrivilegedConnectionError), or report it to `warn` and go on (development).
 */
export type PrivilegedRolePolicy = 'allow' | 'refuse' | { readonly warn: (role: ConnectionRole) => void };

export interface DatabaseOptions {
  readonly connectionString: string;
  readonly poolMax?: number;
  readonly statementTimeoutMs?: number;
  /** Name shown in pg_stat_activity. */
  readonly applicationName?: string;
  /** Default `allow`. */
  readonly privilegedRole?: PrivilegedRolePolicy;
  /**
   * Default true: the statements every tenant unit opens with are prepared once per connection
   * (DATABASE_PREPARED_STATEMENTS; ADR 23). False behind a pooler that cannot keep protocol-level
   * prepared statements (PgBouncer in transaction mode before 1.21, or with max_prepared_statements 0).
   */
  readonly preparedStatements?: boolean;
}

/** knex instances whose tenant units must not name statements (see `DatabaseOptions.preparedStatements`). */
const withoutPreparedStatements = new WeakSet<Knex>();

/** Whether tenant units on `knex` prepare their opening statements once per connection. */
export function preparesStatements(knex: Knex): boolean {
  return !withoutPreparedStatements.has(knex);
}

export function createKnex(options: DatabaseOptions): Knex {
  const knex = createKnexInstance(options);
  if (options.preparedStatements === false) withoutPreparedStatements.add(knex);
  return knex;
}

function createKnexInstance(options: DatabaseOptions): Knex {
  const policy = options.privilegedRole ?? 'allow';
  // One query per new physical connection (they are pooled), before its first use.
  const afterCreate =
    policy === 'allow'
      ? undefined
      : (connection: RawConnection, done: (err: Error | null, connection: RawConnection) => void) => {
          readConnectionRole(connection).then(
            (role) => {
              if (!isPrivileged(role)) return done(null, connection);
              if (policy === 'refuse') {
                // knex does not close a connection its afterCreate refused.
                connection.end().catch(() => undefined);
                return done(new PrivilegedConnectionError(role), connection);
              }
              policy.warn(role);
              done(null, connection);
            },
            (err: Error) => {
              connection.end().catch(() => undefined);
              done(err, connection);
            },
          );
        };
  return knexFactory({
    client: 'pg',
    connection: {
      connectionString: options.connectionString,
      application_name: options.applicationName ?? 'cleanwithsnapshot',
      statement_timeout: options.statementTimeoutMs ?? 5000,
      // timestamptz read without postgres-date's regular expressions (timestamp-parsing.ts).
      types: adapterTypeParsers,
    },
    pool: { min: 0, max: options.poolMax ?? 10, ...(afterCreate === undefined ? {} : { afterCreate }) },
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
