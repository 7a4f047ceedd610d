/**
 * Job host state: runner heartbeats (`job_heartbeats`, as the guides query it), per-job outcomes,
 * and Agenda's own tables. Agenda runs with `ensureSchema: false` because its runtime schema
 * creation races when several hosts boot at once; its DDL comes from the backend's helpers here.
 * All global, with no grant to the app role: tenant transactions cannot read them.
 */
import { getCreateIndexesSQL, getCreateLogsIndexesSQL, getCreateLogsTableSQL, getCreateTableSQL, getUpdateTimestampTriggerSQL } from '@agendajs/postgres-backend';
import type { Knex } from 'knex';
import { APP_ROLE } from './support/tenant-table.js';

export const AGENDA_JOBS_TABLE = 'agenda_jobs';
export const AGENDA_LOGS_TABLE = 'agenda_logs';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('job_heartbeats', (t) => {
    t.text('runner_id').primary();
    t.text('name').notNullable();
    t.text('hostname').notNullable();
    t.integer('pid').notNullable();
    t.text('version').notNullable();
    t.timestamp('started_at', { useTz: true }).notNullable();
    t.timestamp('last_heartbeat', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('job_run_stats', (t) => {
    t.text('job_name').primary();
    t.timestamp('last_run_at', { useTz: true }).nullable();
    t.timestamp('last_success_at', { useTz: true }).nullable();
    t.timestamp('last_error_at', { useTz: true }).nullable();
    t.text('last_error').nullable();
    t.bigInteger('success_count').notNullable().defaultTo(0);
    t.bigInteger('error_count').notNullable().defaultTo(0);
    t.text('last_runner_id').nullable();
  });
  await knex.raw(getCreateTableSQL(AGENDA_JOBS_TABLE));
  for (const sql of getCreateIndexesSQL(AGENDA_JOBS_TABLE)) await knex.raw(sql);
  await knex.raw(getUpdateTimestampTriggerSQL(AGENDA_JOBS_TABLE));
  await knex.raw(getCreateLogsTableSQL(AGENDA_LOGS_TABLE));
  for (const sql of getCreateLogsIndexesSQL(AGENDA_LOGS_TABLE)) await knex.raw(sql);
  for (const table of ['job_heartbeats', 'job_run_stats', AGENDA_JOBS_TABLE, AGENDA_LOGS_TABLE]) {
    await knex.raw(`REVOKE ALL ON ?? FROM ${APP_ROLE}`, [table]);
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TABLE IF EXISTS ${AGENDA_LOGS_TABLE}`);
  await knex.raw(`DROP TABLE IF EXISTS ${AGENDA_JOBS_TABLE}`);
  await knex.raw('DROP FUNCTION IF EXISTS update_agenda_jobs_updated_at()');
  await knex.schema.dropTable('job_run_stats');
  await knex.schema.dropTable('job_heartbeats');
}
