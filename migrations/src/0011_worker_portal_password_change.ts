/**
 * Worker portal passwords set by staff are temporary: `must_change_portal_password` holds until
 * the worker chooses their own (POST /v1/worker/portal/change-password).
 *
 * Existing rows get true: every portal password so far was set by staff, who know it. The column
 * is added with DEFAULT true (which fills existing rows without an UPDATE, so row level security
 * cannot hide any of them from the migration) and then the default becomes false, the value of
 * a new worker without a password; the repository always writes the column.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE workers ADD COLUMN must_change_portal_password boolean NOT NULL DEFAULT true');
  await knex.raw('ALTER TABLE workers ALTER COLUMN must_change_portal_password SET DEFAULT false');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE workers DROP COLUMN must_change_portal_password');
}
