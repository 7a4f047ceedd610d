/**
 * Orgs and their settings. `orgs` is global (read by system work: slug lookup, job iteration)
 * and cws_app has no grant on it, so tenant transactions cannot read it.
 * `org_settings` is org-owned and isolated by policy.
 */
import type { Knex } from 'knex';
import { APP_ROLE, enableTenantRls } from './support/tenant-table.js';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('orgs', (t) => {
    t.uuid('id').primary();
    t.text('name').notNullable();
    t.text('slug').notNullable().unique({ indexName: 'orgs_slug_unique' });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`REVOKE ALL ON orgs FROM ${APP_ROLE}`);

  await knex.schema.createTable('org_settings', (t) => {
    t.uuid('org_id').primary().references('id').inTable('orgs').onDelete('CASCADE');
    t.text('time_zone').notNullable().defaultTo('UTC');
    t.specificType('currency', 'char(3)').notNullable().defaultTo('USD');
    t.integer('lead_auto_archive_days').nullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.check('lead_auto_archive_days IS NULL OR lead_auto_archive_days BETWEEN 1 AND 3650', [], 'org_settings_auto_archive_range');
  });
  await enableTenantRls(knex, 'org_settings', ['SELECT', 'INSERT', 'UPDATE']);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('org_settings');
  await knex.schema.dropTable('orgs');
}
