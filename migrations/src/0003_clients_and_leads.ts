/**
 * Clients, their addresses, and leads. Keys lead with org_id and every foreign key includes it,
 * so a row can never point into another org (referential checks bypass RLS) and the schema can
 * be distributed by org_id. List indexes match the (created_at DESC, id DESC) keyset order.
 */
import type { Knex } from 'knex';
import { enableTenantRls, tenantKey } from './support/tenant-table.js';

export const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'converted', 'lost'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('clients', (t) => {
    tenantKey(t, knex);
    t.text('name').notNullable();
    t.text('email').nullable();
    t.text('phone').nullable();
    t.text('notes').nullable();
    t.uuid('source_lead_id').nullable();
    t.timestamp('archived_at', { useTz: true }).nullable();
  });
  await knex.raw('CREATE INDEX clients_org_created_idx ON clients (org_id, created_at DESC, id DESC)');
  await enableTenantRls(knex, 'clients', ['SELECT', 'INSERT', 'UPDATE']);

  await knex.schema.createTable('client_addresses', (t) => {
    tenantKey(t, knex);
    t.uuid('client_id').notNullable();
    t.text('label').nullable();
    t.text('line1').notNullable();
    t.text('line2').nullable();
    t.text('city').notNullable();
    t.text('region').nullable();
    t.text('postal_code').nullable();
    t.specificType('country', 'char(2)').nullable();
    t.text('access_notes').nullable();
    t.boolean('is_primary').notNullable().defaultTo(false);
    t.foreign(['org_id', 'client_id'], 'client_addresses_client_fk').references(['org_id', 'id']).inTable('clients').onDelete('CASCADE');
  });
  await knex.raw('CREATE INDEX client_addresses_client_idx ON client_addresses (org_id, client_id)');
  await knex.raw('CREATE UNIQUE INDEX client_addresses_one_primary ON client_addresses (org_id, client_id) WHERE is_primary');
  await enableTenantRls(knex, 'client_addresses', ['SELECT', 'INSERT', 'UPDATE', 'DELETE']);

  await knex.schema.createTable('leads', (t) => {
    tenantKey(t, knex);
    t.text('name').notNullable();
    t.text('email').nullable();
    t.text('phone').nullable();
    t.text('source').nullable();
    t.text('status').notNullable().defaultTo('new');
    t.text('notes').nullable();
    t.text('service_requested').nullable();
    t.jsonb('address').nullable();
    t.uuid('converted_client_id').nullable();
    t.timestamp('converted_at', { useTz: true }).nullable();
    t.timestamp('archived_at', { useTz: true }).nullable();
    t.check(`status IN (${LEAD_STATUSES.map((s) => `'${s}'`).join(', ')})`, [], 'leads_status_known');
    t.foreign(['org_id', 'converted_client_id'], 'leads_converted_client_fk').references(['org_id', 'id']).inTable('clients');
  });
  await knex.raw('CREATE INDEX leads_org_created_idx ON leads (org_id, created_at DESC, id DESC)');
  await knex.raw('CREATE INDEX leads_org_status_created_idx ON leads (org_id, status, created_at DESC, id DESC)');
  await knex.raw('CREATE INDEX leads_org_stale_idx ON leads (org_id, updated_at) WHERE archived_at IS NULL');
  await enableTenantRls(knex, 'leads', ['SELECT', 'INSERT', 'UPDATE']);

  await knex.schema.alterTable('clients', (t) => {
    t.foreign(['org_id', 'source_lead_id'], 'clients_source_lead_fk').references(['org_id', 'id']).inTable('leads');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('clients', (t) => t.dropForeign(['org_id', 'source_lead_id'], 'clients_source_lead_fk'));
  await knex.schema.dropTable('leads');
  await knex.schema.dropTable('client_addresses');
  await knex.schema.dropTable('clients');
}
