/**
 * Audit trails. `admin_audit_logs` (the guides' name) is org-owned and append-only for the app
 * role: SELECT and INSERT, never UPDATE or DELETE. `system_audit_logs` records cross-org work
 * and is not visible to tenant transactions at all.
 */
import type { Knex } from 'knex';
import { APP_ROLE, enableTenantRls, tenantKey } from './support/tenant-table.js';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('admin_audit_logs', (t) => {
    tenantKey(t, knex, { updatedAt: false });
    t.text('actor_kind').notNullable();
    t.text('actor_id').notNullable();
    t.text('admin_role').nullable();
    t.text('action').notNullable();
    t.text('resource_type').notNullable();
    t.text('resource_id').nullable();
    t.jsonb('before').nullable();
    t.jsonb('after').nullable();
    t.jsonb('metadata').notNullable().defaultTo('{}');
    t.text('request_id').notNullable();
  });
  await knex.raw('CREATE INDEX admin_audit_logs_org_created_idx ON admin_audit_logs (org_id, created_at DESC, id DESC)');
  await knex.raw('CREATE INDEX admin_audit_logs_org_resource_idx ON admin_audit_logs (org_id, resource_type, resource_id, created_at DESC)');
  await enableTenantRls(knex, 'admin_audit_logs', ['SELECT', 'INSERT']);

  await knex.schema.createTable('system_audit_logs', (t) => {
    t.uuid('id').primary();
    t.text('actor_id').notNullable();
    t.text('action').notNullable();
    t.text('reason').notNullable();
    t.jsonb('metadata').notNullable().defaultTo('{}');
    t.text('request_id').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('CREATE INDEX system_audit_logs_created_idx ON system_audit_logs (created_at DESC)');
  // Global table: the app role gets no grant (tables start with none), stated for the reader.
  await knex.raw(`REVOKE ALL ON system_audit_logs FROM ${APP_ROLE}`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('system_audit_logs');
  await knex.schema.dropTable('admin_audit_logs');
}
