/**
 * A transaction bound to one org. One statement before any other: `set_config('role', ...)` is
 * `SET LOCAL ROLE cws_app` (policies bind even a superuser connection) and the org id goes in a
 * transaction-local setting the policies read. Both vanish at COMMIT/ROLLBACK, so a pooled
 * connection carries nothing to the next request.
 */
import { isUuid } from '@cws/core';
import type { Knex } from 'knex';
import { translatePgError } from './pg-errors.js';

export const APP_ROLE = 'cws_app';
const PRELUDE = `select set_config('role', '${APP_ROLE}', true), set_config('app.current_org_id', ?, true)`;

export async function inTenantTransaction<T>(knex: Knex, orgId: string, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  // A non-UUID here is a bug upstream; the policy cast would fail with a less useful message.
  if (!isUuid(orgId)) throw new Error(`Tenant transaction for an org id that is not a UUID: ${JSON.stringify(orgId)}`);
  try {
    return await knex.transaction(async (trx) => {
      await trx.raw(PRELUDE, [orgId]);
      return work(trx);
    });
  } catch (err) {
    throw translatePgError(err);
  }
}

/** Runs `work` as the connection user outside any org (global tables only), translating errors. */
export async function inSystemScope<T>(work: () => PromiseLike<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw translatePgError(err);
  }
}
