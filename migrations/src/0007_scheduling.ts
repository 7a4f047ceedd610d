/**
 * Scheduling: teams, workers, services, blackouts, booking series, bookings, and the time each
 * booking occupies, plus idempotency keys for retried creates.
 *
 * Double booking is refused by the database (DESIGN §3): `booking_workers` and
 * `booking_team_blocks` copy each booking's [starts_at, ends_at) per worker and per team, and an
 * exclusion constraint (GiST, with btree_gist for the scalar `=`) rejects two active rows of one
 * worker or team whose ranges overlap, SQLSTATE 23P01. The rows are kept for cancelled bookings
 * too (active = false), so who was assigned stays on record while the time is free again; the
 * constraints are partial (WHERE active) for that reason.
 *
 * Reads run under RLS, where the planner may use a condition as an index condition only when its
 * operator is leakproof: uuid `=` and timestamptz `<`/`>` are, range `&&` is not. So the GiST
 * indexes behind the constraints serve occupancy reads through `org_id = … AND worker_id = …`
 * (the time test is then a filter on that worker's rows), and a partial btree on
 * (org_id, ends_at) serves windows over every worker or team (`ends_at > from` keeps the scan to
 * the time after the window's start, the small end for a schedule).
 *
 * Every table leads with org_id and every foreign key includes it (see 0003).
 */
import type { Knex } from 'knex';
import { enableTenantRls, tenantKey } from './support/tenant-table.js';

/** As of this migration; a later status needs a migration that widens the check. */
export const BOOKING_STATUSES = ['pending', 'confirmed', 'in_progress', 'completed', 'cancelled', 'no_show'];

const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** A copy of a booking's time per worker or team; the repository keeps it in step with the booking. */
function occupancyColumns(t: Knex.CreateTableBuilder, table: string): void {
  t.uuid('org_id').notNullable().references('id').inTable('orgs').onDelete('CASCADE');
  t.uuid('booking_id').notNullable();
  t.timestamp('starts_at', { useTz: true }).notNullable();
  t.timestamp('ends_at', { useTz: true }).notNullable();
  /** The booking's status occupies time (everything but cancelled). */
  t.boolean('active').notNullable();
  t.foreign(['org_id', 'booking_id'], `${table}_booking_fk`).references(['org_id', 'id']).inTable('bookings').onDelete('CASCADE');
  t.check('ends_at > starts_at', [], `${table}_time_order`);
}

export async function up(knex: Knex): Promise<void> {
  // Lets GiST index the scalar `=` parts of the exclusion constraints. Trusted since PG 13.
  await knex.raw('CREATE EXTENSION IF NOT EXISTS btree_gist');

  await knex.schema.createTable('teams', (t) => {
    tenantKey(t, knex);
    t.text('name').notNullable();
    t.boolean('active').notNullable().defaultTo(true);
  });
  await enableTenantRls(knex, 'teams', ['SELECT', 'INSERT', 'UPDATE']);

  await knex.schema.createTable('workers', (t) => {
    tenantKey(t, knex);
    t.text('name').notNullable();
    t.text('phone').nullable();
    t.text('email').nullable();
    t.specificType('skills', 'text[]').notNullable().defaultTo('{}');
    t.boolean('active').notNullable().defaultTo(true);
    t.uuid('team_id').nullable();
    t.jsonb('working_hours').nullable();
    t.text('portal_password_hash').nullable();
    t.timestamp('credentials_changed_at', { useTz: true }).nullable();
    t.foreign(['org_id', 'team_id'], 'workers_team_fk').references(['org_id', 'id']).inTable('teams');
  });
  // Portal logins: one worker per email and per phone within an org.
  await knex.raw('CREATE UNIQUE INDEX workers_email_unique ON workers (org_id, lower(email)) WHERE email IS NOT NULL');
  await knex.raw('CREATE UNIQUE INDEX workers_phone_unique ON workers (org_id, phone) WHERE phone IS NOT NULL');
  await knex.raw('CREATE INDEX workers_team_idx ON workers (org_id, team_id) WHERE team_id IS NOT NULL');
  await enableTenantRls(knex, 'workers', ['SELECT', 'INSERT', 'UPDATE']);

  await knex.schema.createTable('services', (t) => {
    tenantKey(t, knex);
    t.text('name').notNullable();
    t.integer('duration_minutes').notNullable();
    t.bigInteger('price_minor').notNullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.check('duration_minutes > 0', [], 'services_duration_positive');
    t.check('price_minor >= 0', [], 'services_price_not_negative');
  });
  await enableTenantRls(knex, 'services', ['SELECT', 'INSERT', 'UPDATE']);

  await knex.schema.createTable('blackouts', (t) => {
    tenantKey(t, knex, { updatedAt: false });
    t.text('scope').notNullable();
    t.uuid('team_id').nullable();
    t.uuid('worker_id').nullable();
    t.timestamp('starts_at', { useTz: true }).notNullable();
    t.timestamp('ends_at', { useTz: true }).notNullable();
    t.text('reason').notNullable();
    t.foreign(['org_id', 'team_id'], 'blackouts_team_fk').references(['org_id', 'id']).inTable('teams').onDelete('CASCADE');
    t.foreign(['org_id', 'worker_id'], 'blackouts_worker_fk').references(['org_id', 'id']).inTable('workers').onDelete('CASCADE');
    t.check(
      `(scope = 'org' AND team_id IS NULL AND worker_id IS NULL)
        OR (scope = 'team' AND team_id IS NOT NULL AND worker_id IS NULL)
        OR (scope = 'worker' AND worker_id IS NOT NULL AND team_id IS NULL)`,
      [],
      'blackouts_scope_target',
    );
    t.check('ends_at > starts_at', [], 'blackouts_time_order');
  });
  await knex.raw('CREATE INDEX blackouts_org_starts_idx ON blackouts (org_id, starts_at)');
  await enableTenantRls(knex, 'blackouts', ['SELECT', 'INSERT', 'DELETE']);

  await knex.schema.createTable('booking_series', (t) => {
    tenantKey(t, knex);
    t.uuid('client_id').notNullable();
    t.uuid('address_id').nullable();
    t.uuid('service_id').nullable();
    t.jsonb('rule').notNullable();
    t.date('start_date').notNullable();
    t.text('local_time').notNullable();
    t.integer('duration_minutes').notNullable();
    t.text('time_zone').notNullable();
    t.integer('end_count').nullable();
    t.date('end_until').nullable();
    t.uuid('team_id').nullable();
    t.specificType('worker_ids', 'uuid[]').notNullable().defaultTo('{}');
    t.text('notes').nullable();
    t.bigInteger('price_estimate_minor').nullable();
    t.specificType('currency', 'char(3)').notNullable();
    t.date('generated_through').nullable();
    t.date('ended_on').nullable();
    t.foreign(['org_id', 'client_id'], 'booking_series_client_fk').references(['org_id', 'id']).inTable('clients');
    t.foreign(['org_id', 'address_id'], 'booking_series_address_fk').references(['org_id', 'id']).inTable('client_addresses');
    t.foreign(['org_id', 'service_id'], 'booking_series_service_fk').references(['org_id', 'id']).inTable('services');
    t.foreign(['org_id', 'team_id'], 'booking_series_team_fk').references(['org_id', 'id']).inTable('teams');
    t.check('duration_minutes > 0', [], 'booking_series_duration_positive');
    t.check("local_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'", [], 'booking_series_local_time_format');
  });
  // The generation sweep: series still running, behind the horizon.
  await knex.raw('CREATE INDEX booking_series_generation_idx ON booking_series (org_id, generated_through) WHERE ended_on IS NULL');
  await knex.raw('CREATE INDEX booking_series_client_idx ON booking_series (org_id, client_id)');
  await enableTenantRls(knex, 'booking_series', ['SELECT', 'INSERT', 'UPDATE']);

  await knex.schema.createTable('bookings', (t) => {
    tenantKey(t, knex);
    t.uuid('client_id').notNullable();
    t.uuid('address_id').nullable();
    t.uuid('service_id').nullable();
    t.uuid('series_id').nullable();
    t.date('occurrence_date').nullable();
    t.boolean('detached').notNullable().defaultTo(false);
    t.timestamp('starts_at', { useTz: true }).notNullable();
    t.timestamp('ends_at', { useTz: true }).notNullable();
    /** The zone the booking is shown in (the org's when made; a series' own). */
    t.text('time_zone').notNullable();
    t.text('status').notNullable();
    t.uuid('team_id').nullable();
    t.text('notes').nullable();
    t.bigInteger('price_estimate_minor').nullable();
    t.specificType('currency', 'char(3)').notNullable();
    t.text('cancellation_reason').nullable();
    t.timestamp('started_at', { useTz: true }).nullable();
    t.timestamp('completed_at', { useTz: true }).nullable();
    t.timestamp('cancelled_at', { useTz: true }).nullable();
    t.foreign(['org_id', 'client_id'], 'bookings_client_fk').references(['org_id', 'id']).inTable('clients');
    // No ON DELETE: deleting an address a booking still names fails (client.address_in_use).
    t.foreign(['org_id', 'address_id'], 'bookings_address_fk').references(['org_id', 'id']).inTable('client_addresses');
    t.foreign(['org_id', 'service_id'], 'bookings_service_fk').references(['org_id', 'id']).inTable('services');
    t.foreign(['org_id', 'series_id'], 'bookings_series_fk').references(['org_id', 'id']).inTable('booking_series');
    t.foreign(['org_id', 'team_id'], 'bookings_team_fk').references(['org_id', 'id']).inTable('teams');
    t.check(`status IN (${quoted(BOOKING_STATUSES)})`, [], 'bookings_status_known');
    t.check('ends_at > starts_at', [], 'bookings_time_order');
    // The adapter bounds range scans by it (MAX_BOOKING_MINUTES in the core).
    t.check("ends_at <= starts_at + interval '24 hours'", [], 'bookings_max_length');
  });
  // Range queries and the (starts_at, id) keyset order of lists.
  await knex.raw('CREATE INDEX bookings_org_starts_idx ON bookings (org_id, starts_at, id)');
  await knex.raw('CREATE INDEX bookings_client_starts_idx ON bookings (org_id, client_id, starts_at)');
  await knex.raw('CREATE INDEX bookings_team_starts_idx ON bookings (org_id, team_id, starts_at) WHERE team_id IS NOT NULL');
  // One booking per series date, so regeneration never makes an occurrence twice.
  await knex.raw('CREATE UNIQUE INDEX bookings_series_occurrence_unique ON bookings (org_id, series_id, occurrence_date) WHERE series_id IS NOT NULL');
  await enableTenantRls(knex, 'bookings', ['SELECT', 'INSERT', 'UPDATE']);

  await knex.schema.createTable('booking_workers', (t) => {
    occupancyColumns(t, 'booking_workers');
    t.uuid('worker_id').notNullable();
    /** On the booking because their team is (not named on it). */
    t.boolean('via_team').notNullable().defaultTo(false);
    t.primary(['org_id', 'booking_id', 'worker_id']);
    t.foreign(['org_id', 'worker_id'], 'booking_workers_worker_fk').references(['org_id', 'id']).inTable('workers');
  });
  await knex.raw(
    `ALTER TABLE booking_workers ADD CONSTRAINT booking_workers_no_overlap
       EXCLUDE USING gist (org_id WITH =, worker_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) WHERE (active)`,
  );
  // Range scans bounded on starts_at from both sides (bookings last at most 24 h): one worker's
  // time, and everyone's time in a window. Under RLS the range && of the constraint's GiST
  // index cannot be an index condition (not leakproof); these comparisons can.
  await knex.raw('CREATE INDEX booking_workers_worker_starts_idx ON booking_workers (org_id, worker_id, starts_at) WHERE active');
  await knex.raw('CREATE INDEX booking_workers_starts_idx ON booking_workers (org_id, starts_at) WHERE active');
  await enableTenantRls(knex, 'booking_workers', ['SELECT', 'INSERT', 'UPDATE', 'DELETE']);

  await knex.schema.createTable('booking_team_blocks', (t) => {
    occupancyColumns(t, 'booking_team_blocks');
    t.uuid('team_id').notNullable();
    t.primary(['org_id', 'booking_id']);
    t.foreign(['org_id', 'team_id'], 'booking_team_blocks_team_fk').references(['org_id', 'id']).inTable('teams');
  });
  await knex.raw(
    `ALTER TABLE booking_team_blocks ADD CONSTRAINT booking_team_blocks_no_overlap
       EXCLUDE USING gist (org_id WITH =, team_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) WHERE (active)`,
  );
  await knex.raw('CREATE INDEX booking_team_blocks_team_starts_idx ON booking_team_blocks (org_id, team_id, starts_at) WHERE active');
  await knex.raw('CREATE INDEX booking_team_blocks_starts_idx ON booking_team_blocks (org_id, starts_at) WHERE active');
  await enableTenantRls(knex, 'booking_team_blocks', ['SELECT', 'INSERT', 'UPDATE', 'DELETE']);

  await knex.schema.createTable('idempotency_keys', (t) => {
    t.uuid('org_id').notNullable().references('id').inTable('orgs').onDelete('CASCADE');
    t.text('scope').notNullable();
    t.text('key').notNullable();
    t.text('fingerprint').notNullable();
    t.uuid('resource_id').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.primary(['org_id', 'scope', 'key']);
  });
  // For a retention sweep of expired keys.
  await knex.raw('CREATE INDEX idempotency_keys_expiry_idx ON idempotency_keys (org_id, expires_at)');
  await enableTenantRls(knex, 'idempotency_keys', ['SELECT', 'INSERT', 'UPDATE', 'DELETE']);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('idempotency_keys');
  await knex.schema.dropTable('booking_team_blocks');
  await knex.schema.dropTable('booking_workers');
  await knex.schema.dropTable('bookings');
  await knex.schema.dropTable('booking_series');
  await knex.schema.dropTable('blackouts');
  await knex.schema.dropTable('services');
  await knex.schema.dropTable('workers');
  await knex.schema.dropTable('teams');
  // btree_gist stays: it may have been installed before this migration, or be used by others,
  // and leaving an unused extension installed is harmless.
}
