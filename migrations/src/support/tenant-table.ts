/**
 * Row level security for org-owned tables, the same way every time (DESIGN §3): ENABLE + FORCE,
 * one `<table>_org_isolation` policy reading the transaction-local `app.current_org_id`, and the
 * grants `cws_app` needs. `nullif(..., '')` because a connection that once ran a local set_config
 * reports '' (not NULL) afterwards, and ''::uuid would raise.
 */
import type { Knex } from 'knex';

export const APP_ROLE = 'cws_app';

export const CURRENT_ORG_SQL = "nullif(current_setting('app.current_org_id', true), '')::uuid";
/** The user scope: set only after a password check, to read that user's own rows across orgs. */
export const CURRENT_USER_SQL = "nullif(current_setting('app.current_user_id', true), '')::uuid";

export type Grant = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';

export async function enableTenantRls(knex: Knex, table: string, grants: readonly Grant[], options: { userScoped?: boolean } = {}): Promise<void> {
  await knex.raw(`ALTER TABLE ?? ENABLE ROW LEVEL SECURITY`, [table]);
  await knex.raw(`ALTER TABLE ?? FORCE ROW LEVEL SECURITY`, [table]);
  // userScoped: the row is also visible (never writable) in its user's own scope.
  const using = options.userScoped ? `org_id = ${CURRENT_ORG_SQL} OR user_id = ${CURRENT_USER_SQL}` : `org_id = ${CURRENT_ORG_SQL}`;
  await knex.raw(`CREATE POLICY ?? ON ?? USING (${using}) WITH CHECK (org_id = ${CURRENT_ORG_SQL})`, [`${table}_org_isolation`, table]);
  await knex.raw(`GRANT ${grants.join(', ')} ON ?? TO ${APP_ROLE}`, [table]);
}

/** Columns every org-owned table starts with: the org and the row id, keyed together. */
export function tenantKey(t: Knex.CreateTableBuilder, knex: Knex, options: { updatedAt?: boolean } = {}): void {
  t.uuid('org_id').notNullable().references('id').inTable('orgs').onDelete('CASCADE');
  t.uuid('id').notNullable();
  t.primary(['org_id', 'id']);
  t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  if (options.updatedAt !== false) t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
}

/**
 * The system scope: neither an org nor a user bound, as in the app's work outside tenant
 * transactions (sign-in lookups, org directory, job bookkeeping, Agenda).
 */
export const SYSTEM_SCOPE_SQL =
  "(nullif(current_setting('app.current_org_id', true), '') IS NULL AND nullif(current_setting('app.current_user_id', true), '') IS NULL)";

/**
 * A global table the app may use in the system scope only: `grants` to cws_app, and one
 * `<table>_system_scope` policy so that a tenant (or user-scoped) transaction sees none of its
 * rows and writes none, as when cws_app had no grant on it at all (ADR 16). ENABLE without
 * FORCE: the owner (migrations) is not bound.
 */
export async function enableSystemScopeRls(knex: Knex, table: string, grants: readonly Grant[]): Promise<void> {
  await knex.raw(`ALTER TABLE ?? ENABLE ROW LEVEL SECURITY`, [table]);
  await knex.raw(`CREATE POLICY ?? ON ?? USING ${SYSTEM_SCOPE_SQL} WITH CHECK ${SYSTEM_SCOPE_SQL}`, [`${table}_system_scope`, table]);
  await knex.raw(`GRANT ${grants.join(', ')} ON ?? TO ${APP_ROLE}`, [table]);
}
