/**
 * Each org's own outcome of each cross-org job (`/v1/admin/jobs/status` shows an org only its
 * own): a tenant table under RLS like any other, written in the org's tenant transaction after
 * the job's work there. The error is kept as a code only; a message could quote another org's
 * data, and `job_run_stats` (operators only, no grant to cws_app) keeps the run as a whole.
 */
import type { Knex } from 'knex';
import { enableTenantRls } from './support/tenant-table.js';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('job_org_run_stats', (t) => {
    t.uuid('org_id').notNullable().references('id').inTable('orgs').onDelete('CASCADE');
    t.text('job_name').notNullable();
    t.timestamp('last_run_at', { useTz: true }).notNullable();
    t.timestamp('last_success_at', { useTz: true }).nullable();
    t.timestamp('last_error_at', { useTz: true }).nullable();
    t.text('last_error_code').nullable();
    t.bigInteger('success_count').notNullable().defaultTo(0);
    t.bigInteger('error_count').notNullable().defaultTo(0);
    t.primary(['org_id', 'job_name']);
    // A code, not a message: short, dotted, lower case (e.g. storage.unavailable).
    t.check("last_error_code ~ '^[a-z0-9_.]{1,80}$'", [], 'job_org_run_stats_error_code_form');
  });
  await enableTenantRls(knex, 'job_org_run_stats', ['SELECT', 'INSERT', 'UPDATE']);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('job_org_run_stats');
}
