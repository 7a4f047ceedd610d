/**
 * The app stops connecting as the owner (ADR 16). It logs in as a role whose privileges are
 * exactly cws_app's (support/login-role.ts creates it; no password belongs in a migration), so
 * everything it does outside tenant transactions is granted to cws_app here, narrowly:
 *  - the global tables it reads and writes in the system scope (org directory, system audit, job
 *    bookkeeping, Agenda's tables) get a `<table>_system_scope` policy, so a tenant transaction
 *    still sees and writes none of their rows, as when cws_app had no grant on them;
 *  - the sign-in lookups of an account by email or id, which no org may answer and the users
 *    policies rightly refuse, are two read-only SECURITY DEFINER functions of the owner (users
 *    has RLS without FORCE, so its owner reads every row), answering in the system scope only;
 *  - /readyz reads knex's record of applied migrations.
 * Nobody but the owner may create objects in the schema.
 */
import type { Knex } from 'knex';
import { AGENDA_JOBS_TABLE, AGENDA_LOGS_TABLE } from './0005_job_tables.js';
import { MIGRATIONS_TABLE } from './support/migrations-table.js';
import { APP_ROLE, SYSTEM_SCOPE_SQL, enableSystemScopeRls, type Grant } from './support/tenant-table.js';

const GLOBAL_TABLES: ReadonlyArray<readonly [string, readonly Grant[]]> = [
  ['orgs', ['SELECT', 'INSERT']],
  ['system_audit_logs', ['SELECT', 'INSERT']],
  ['job_heartbeats', ['SELECT', 'INSERT', 'UPDATE', 'DELETE']],
  ['job_run_stats', ['SELECT', 'INSERT', 'UPDATE']],
  // FOR UPDATE SKIP LOCKED (Agenda's claim) needs UPDATE; purges need DELETE.
  [AGENDA_JOBS_TABLE, ['SELECT', 'INSERT', 'UPDATE', 'DELETE']],
  [AGENDA_LOGS_TABLE, ['SELECT', 'INSERT', 'DELETE']],
];

/** Sign-in lookups: schema-qualified, a fixed search_path, so no object of the caller's can stand in. */
const LOOKUPS: ReadonlyArray<readonly [string, string, string]> = [
  ['cws_user_by_email', 'p_email_lower text', 'pg_catalog.lower(u.email) = p_email_lower'],
  ['cws_user_by_id', 'p_id uuid', 'u.id = p_id'],
];

export async function up(knex: Knex): Promise<void> {
  // PostgreSQL 15 no longer grants this by default; a database created from an older template may.
  await knex.raw('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
  for (const [table, grants] of GLOBAL_TABLES) await enableSystemScopeRls(knex, table, grants);
  await knex.raw(`GRANT SELECT ON ?? TO ${APP_ROLE}`, [MIGRATIONS_TABLE]);
  for (const [name, parameter, condition] of LOOKUPS) {
    await knex.raw(
      `CREATE FUNCTION public.${name}(${parameter}) RETURNS SETOF public.users
         LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
         AS $$ SELECT u.* FROM public.users u WHERE ${condition} AND ${SYSTEM_SCOPE_SQL} $$`,
    );
    await knex.raw(`REVOKE ALL ON FUNCTION public.${name}(${parameter.split(' ')[1]}) FROM PUBLIC`);
    await knex.raw(`GRANT EXECUTE ON FUNCTION public.${name}(${parameter.split(' ')[1]}) TO ${APP_ROLE}`);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const [name, parameter] of LOOKUPS) await knex.raw(`DROP FUNCTION IF EXISTS public.${name}(${parameter.split(' ')[1]})`);
  await knex.raw(`REVOKE SELECT ON ?? FROM ${APP_ROLE}`, [MIGRATIONS_TABLE]);
  for (const [table] of GLOBAL_TABLES) {
    await knex.raw('DROP POLICY IF EXISTS ?? ON ??', [`${table}_system_scope`, table]);
    await knex.raw('ALTER TABLE ?? DISABLE ROW LEVEL SECURITY', [table]);
    await knex.raw(`REVOKE ALL ON ?? FROM ${APP_ROLE}`, [table]);
  }
}
