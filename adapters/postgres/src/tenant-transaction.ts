/**
 * A unit of work bound to one org: one pooled connection, one transaction, RLS in force.
 *
 * The transaction opens with a single simple-protocol message,
 *   BEGIN; SELECT set_config('role', 'cws_app', true), set_config('app.current_org_id', '<uuid>', true),
 *                 set_config('app.acting_user_id', '<uuid or empty>', true);
 * — `SET LOCAL ROLE cws_app` (policies bind even a superuser connection), the org the policies
 * read, and the staff user acting (their own account row is theirs to write; migration 0008), all
 * transaction-local, so they vanish at COMMIT/ROLLBACK and a pooled connection carries nothing to
 * the next request. Values are inlined because the simple protocol takes no parameters; they are
 * only ever values that passed `isUuid` (or a known role name).
 *
 * Queries are built with knex and objection and run on that connection (`.connection(conn)`)
 * instead of through `knex.transaction()`: its per-transaction machinery (a transactor, a new
 * knex instance, event emitters) cost more CPU than the four statements themselves on a small
 * box (test/bench/README.md, PB1), and sending BEGIN ourselves saves a round trip.
 */
import { AppError, ROLES, isUuid, type SessionProof } from '@cws/core';
import type { Knex } from 'knex';
import type { Model, QueryBuilderType } from 'objection';
import { translatePgError } from './pg-errors.js';

export const APP_ROLE = 'cws_app';

/** The unit's connection, for the repositories. */
export interface TenantDb {
  /** A knex query on `table`, run inside this unit. */
  table(table: string): Knex.QueryBuilder;
  /** A raw statement run inside this unit. */
  raw(sql: string, bindings?: readonly Knex.RawBinding[]): Knex.Raw;
  /** An objection query of `model`, run inside this unit. */
  query<M extends Model>(model: new () => M): QueryBuilderType<M>;
}

export interface PgConnection {
  query(sql: string): Promise<PgResult | PgResult[]>;
}

export interface PgResult {
  readonly rows: Array<Record<string, unknown>>;
}

/** A session to confirm live in the transaction's first message (see `RequestContext.session`). */
export interface SessionCheck {
  readonly proof: SessionProof;
  readonly now: Date;
}

/** Who the transaction acts for: the org, and the staff user acting (null for other actors). */
export interface TenantScope {
  readonly orgId: string;
  readonly actingUserId?: string | null;
}

interface KnexPoolClient {
  acquireConnection(): Promise<PgConnection>;
  releaseConnection(connection: PgConnection): Promise<void>;
}

const uuid = (value: string, what: string): string => {
  // Inlined into SQL: anything but a UUID is refused here, whatever the caller checked.
  if (!isUuid(value)) throw new Error(`${what} that is not a UUID: ${JSON.stringify(value)}`);
  return value.toLowerCase();
};

/**
 * The first message of a tenant transaction: BEGIN and the tenant settings, one round trip; with
 * a session to confirm, the liveness read rides in the same message (its result is the third).
 */
export function tenantBeginStatement(scope: TenantScope | string, check: SessionCheck | null = null): string {
  const { orgId, actingUserId = null } = typeof scope === 'string' ? { orgId: scope } : scope;
  const acting = actingUserId === null ? '' : uuid(actingUserId, 'An acting user id');
  const begin =
    `BEGIN; SELECT set_config('role', '${APP_ROLE}', true), set_config('app.current_org_id', '${uuid(orgId, 'Tenant transaction for an org id')}', true),` +
    ` set_config('app.acting_user_id', '${acting}', true);`;
  if (check === null) return begin;
  const sessionId = uuid(check.proof.sessionId, 'A session id');
  const userId = uuid(check.proof.userId, 'A user id');
  // The token's claims must still hold: the live membership's role, the session's second factor.
  if (!(ROLES as readonly string[]).includes(check.proof.role)) throw new Error(`A session check for an unknown role: ${JSON.stringify(check.proof.role)}`);
  const mfa = check.proof.mfaVerified === true ? 'true' : 'false';
  return (
    `${begin} SELECT count(*)::int AS live FROM auth_sessions s JOIN memberships m ON m.org_id = s.org_id AND m.user_id = s.user_id` +
    ` WHERE s.id = '${sessionId}' AND s.user_id = '${userId}' AND s.revoked_at IS NULL AND s.expires_at > '${check.now.toISOString()}' AND m.deactivated_at IS NULL` +
    ` AND m.role = '${check.proof.role}' AND s.mfa_verified = ${mfa};`
  );
}

/**
 * Runs `work` on a connection checked out of knex's pool; on any throw the connection's open
 * transaction (if any) is rolled back before it goes back, and the error is translated.
 */
export async function onPooledConnection<T>(knex: Knex, work: (connection: PgConnection) => Promise<T>): Promise<T> {
  const pool = knex.client as KnexPoolClient;
  let connection: PgConnection;
  try {
    connection = await pool.acquireConnection();
  } catch (err) {
    throw translatePgError(err);
  }
  try {
    return await work(connection);
  } catch (err) {
    await connection.query('ROLLBACK').catch(() => undefined);
    throw translatePgError(err);
  } finally {
    await pool.releaseConnection(connection);
  }
}

export function inTenantTransaction<T>(knex: Knex, scope: TenantScope | string, work: (db: TenantDb) => Promise<T>, check: SessionCheck | null = null): Promise<T> {
  const begin = tenantBeginStatement(scope, check);
  return onPooledConnection(knex, async (connection) => {
    const opened = await connection.query(begin);
    if (check !== null) {
      const live = Array.isArray(opened) ? opened[2]?.rows[0]?.['live'] : undefined;
      if (live !== 1) throw new AppError('auth.session_revoked', 'The session has ended; sign in again');
      check.proof.confirmed = true;
    }
    const db: TenantDb = {
      table: (table) => knex(table).connection(connection),
      raw: (sql, bindings = []) => knex.raw(sql, bindings).connection(connection),
      query: <M extends Model>(model: new () => M) =>
        (model as unknown as typeof Model).query(knex).onBuildKnex((builder) => void builder.connection(connection)) as unknown as QueryBuilderType<M>,
    };
    const result = await work(db);
    await connection.query('COMMIT');
    return result;
  });
}
