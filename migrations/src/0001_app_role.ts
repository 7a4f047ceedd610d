/**
 * The role tenant transactions run as (`SET LOCAL ROLE cws_app` via set_config): no login, no
 * superuser, no RLS bypass, so policies hold even when the connection user is a superuser.
 * Roles are cluster-wide; creation tolerates a role made by another database's migration.
 */
import type { Knex } from 'knex';
import { ENSURE_APP_ROLE_SQL } from './support/login-role.js';
import { APP_ROLE } from './support/tenant-table.js';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(ENSURE_APP_ROLE_SQL);
  // A migrating role that is not a superuser must be a member to run tenant transactions itself.
  await knex.raw(`
    DO $$
    BEGIN
      IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
         AND NOT pg_has_role(current_user, '${APP_ROLE}', 'MEMBER') THEN
        EXECUTE format('GRANT ${APP_ROLE} TO %I', current_user);
      END IF;
    END
    $$;
  `);
  await knex.raw(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`REVOKE USAGE ON SCHEMA public FROM ${APP_ROLE}`);
}
