/**
 * A session with its account in one round trip: a single simple-protocol message
 *   BEGIN; SELECT set_config(role, org); SELECT <session ⋈ user ⋈ membership>; COMMIT;
 * under the org's row level security, like a tenant unit of work but without its separate BEGIN
 * and COMMIT round trips. Used by the session routes and by signed-in requests that run no unit
 * of work of their own. Values are inlined by knex's escaping, and both ids must be UUIDs first.
 */
import { isUuid, type SessionLookup, type SessionWithAccount } from '@cws/core';
import type { Knex } from 'knex';
import { selectSessionWithAccount, toSessionWithAccount } from './repositories/postgres-identity-repositories.js';
import { onPooledConnection, tenantBeginStatement } from './tenant-transaction.js';

export class PostgresSessionLookup implements SessionLookup {
  constructor(private readonly knex: Knex) {}

  async findWithAccount(orgId: string, sessionId: string): Promise<SessionWithAccount | null> {
    if (!isUuid(orgId) || !isUuid(sessionId)) return null;
    const select = selectSessionWithAccount(this.knex('auth_sessions as s'), sessionId.toLowerCase()).toString();
    const message = `${tenantBeginStatement(orgId)} ${select}; COMMIT;`;
    return onPooledConnection(this.knex, async (connection) => {
      const results = await connection.query(message);
      // BEGIN, the settings, the read, COMMIT: the read is the third result.
      const rows = Array.isArray(results) ? results[2]?.rows : undefined;
      if (rows === undefined) throw new Error(`Expected four results from the session lookup, got ${Array.isArray(results) ? results.length : 1}`);
      return rows.length === 0 ? null : toSessionWithAccount(rows[0]!);
    });
  }
}
