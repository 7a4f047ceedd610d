/**
 * The role tenant transactions run as (`SET LOCAL ROLE cws_app` via set_config): no login, no
 * superuser, no RLS bypass, so policies hold even when the connection user is a superuser.
 * Roles are cluster-wide; creation tolerates a role made by another database's migration.
 */
import type { Knex } from 'knex';
import { APP_ROLE } from './support/tenant-table.js';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    DO $$
    BEGIN
      BEGIN
        CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL;
      END;
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}' AND (rolsuper OR rolbypassrls)) THEN
        RAISE EXCEPTION 'role ${APP_ROLE} exists with SUPERUSER or BYPASSRLS; row level security would not hold';
      END IF;
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
