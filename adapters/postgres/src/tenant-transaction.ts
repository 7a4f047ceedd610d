/**
 * A unit of work bound to one org: one pooled connection, one transaction, RLS in force.
 *
 * The transaction opens with a single simple-protocol message,
 *   BEGIN; SELECT set_config('role', 'cws_app', true), set_config('app.current_org_id', '<uuid>', true);
 * — `SET LOCAL ROLE cws_app` (policies bind even a superuser connection) and the org the policies
 * read, both transaction-local, so they vanish at COMMIT/ROLLBACK and a pooled connection carries
 * nothing to the next request. The org id is inlined because the simple protocol takes no
 * parameters; it is only ever a value that passed `isUuid`.
 *
 * Queries are built with knex and objection and run on that connection (`.connection(conn)`)
 * instead of through `knex.transaction()`: its per-transaction machinery (a transactor, a new
 * knex instance, event emitters) cost more CPU than the four statements themselves on a small
 * box (test/bench/README.md, PB1), and sending BEGIN ourselves saves a round trip.
 */
import { isUuid } from '@cws/core';
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

interface PgConnection {
  query(sql: string): Promise<unknown>;
}

interface KnexPoolClient {
  acquireConnection(): Promise<PgConnection>;
  releaseConnection(connection: PgConnection): Promise<void>;
}

/** The first message of a tenant transaction: BEGIN and the tenant settings, one round trip. */
export function tenantBeginStatement(orgId: string): string {
  // Inlined into SQL: anything but a UUID is refused here, whatever the caller checked.
  if (!isUuid(orgId)) throw new Error(`Tenant transaction for an org id that is not a UUID: ${JSON.stringify(orgId)}`);
  return `BEGIN; SELECT set_config('role', '${APP_ROLE}', true), set_config('app.current_org_id', '${orgId.toLowerCase()}', true);`;
}

export async function inTenantTransaction<T>(knex: Knex, orgId: string, work: (db: TenantDb) => Promise<T>): Promise<T> {
  const begin = tenantBeginStatement(orgId);
  const pool = knex.client as KnexPoolClient;
  let connection: PgConnection;
  try {
    connection = await pool.acquireConnection();
  } catch (err) {
    throw translatePgError(err);
  }
  try {
    await connection.query(begin);
    const db: TenantDb = {
      table: (table) => knex(table).connection(connection),
      raw: (sql, bindings = []) => knex.raw(sql, bindings).connection(connection),
      query: <M extends Model>(model: new () => M) =>
        (model as unknown as typeof Model).query(knex).onBuildKnex((builder) => void builder.connection(connection)) as unknown as QueryBuilderType<M>,
    };
    const result = await work(db);
    await connection.query('COMMIT');
    return result;
  } catch (err) {
    await connection.query('ROLLBACK').catch(() => undefined);
    throw translatePgError(err);
  } finally {
    await pool.releaseConnection(connection);
  }
}
