/**
 * Billing (issue 11): invoices with their lines, the bookings they bill, per-org per-year invoice
 * numbers, payments, the processor's webhook events (metadata only) and public invoice links.
 *
 * What the database itself guarantees, whatever the callers do at once:
 *  - a booking is on one live invoice at most: `invoice_bookings` keeps one row per (invoice,
 *    booking) with `voided` = the invoice is VOID, and a partial UNIQUE (org_id, booking_id)
 *    WHERE NOT voided refuses a second live one (23505 → `invoice.booking_not_invoiceable`); of
 *    two racing units the second waits on the first's index entry and fails once it commits;
 *  - invoice numbers have no gaps: `invoice_number_sequences` is bumped with an upsert in the
 *    issuing unit, whose row lock holds to its end (a rolled-back unit gives the number back,
 *    and a second issuer of the org and year waits);
 *  - a processor payment id is stored once per org, an event id once across orgs (the event's
 *    primary key: Stripe ids are global, and a replay must find the first delivery);
 *  - the money figures add up: non-negative, total = subtotal + tax, 0 ≤ refunded ≤ amount.
 *
 * Every table leads with org_id, every foreign key includes it, and each has the org isolation
 * policy (bound to cws_app, as the outbox's since 0013) with ENABLE + FORCE RLS.
 */
import type { Knex } from 'knex';
import { APP_ROLE, enableTenantRls, tenantKey, type Grant } from './support/tenant-table.js';

/** As of this migration; a later value needs a migration that widens the check. */
const INVOICE_STATUSES = ['DRAFT', 'SENT', 'PARTIAL', 'PAID', 'OVERDUE', 'VOID'];
const PAYMENT_PROVIDERS = ['manual', 'stripe'];
const PAYMENT_METHODS = ['cash', 'cheque', 'bank_transfer', 'other', 'card'];
const PAYMENT_PURPOSES = ['balance', 'tip', 'deposit'];
const PAYMENT_STATUSES = ['pending', 'succeeded', 'failed', 'refunded'];
const STRIPE_EVENT_STATUSES = ['received', 'processed', 'ignored', 'failed'];

const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** The org's isolation policy, bound to the app role only (see 0013). */
async function tenantRls(knex: Knex, table: string, grants: readonly Grant[]): Promise<void> {
  await enableTenantRls(knex, table, grants);
  await knex.raw(`ALTER POLICY ?? ON ?? TO ${APP_ROLE}`, [`${table}_org_isolation`, table]);
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('invoices', (t) => {
    tenantKey(t, knex);
    t.uuid('client_id').notNullable();
    t.text('number').nullable();
    t.text('status').notNullable();
    t.specificType('currency', 'char(3)').notNullable();
    t.date('issue_date').nullable();
    t.date('due_date').nullable();
    t.integer('payment_terms_days').notNullable();
    t.text('notes').nullable();
    t.bigInteger('subtotal_cents').notNullable();
    t.bigInteger('taxable_subtotal_cents').notNullable();
    t.bigInteger('tax_cents').notNullable();
    t.integer('tax_rate_basis').notNullable();
    t.bigInteger('total_cents').notNullable();
    t.bigInteger('paid_cents').notNullable().defaultTo(0);
    t.timestamp('sent_at', { useTz: true }).nullable();
    t.timestamp('paid_at', { useTz: true }).nullable();
    t.timestamp('voided_at', { useTz: true }).nullable();
    t.text('void_reason').nullable();
    t.foreign(['org_id', 'client_id'], 'invoices_client_fk').references(['org_id', 'id']).inTable('clients');
    t.check(`status IN (${quoted(INVOICE_STATUSES)})`, [], 'invoices_status_known');
    t.check('subtotal_cents >= 0 AND taxable_subtotal_cents >= 0 AND tax_cents >= 0 AND paid_cents >= 0', [], 'invoices_amounts_not_negative');
    t.check('taxable_subtotal_cents <= subtotal_cents', [], 'invoices_taxable_within_subtotal');
    t.check('total_cents = subtotal_cents + tax_cents', [], 'invoices_total_adds_up');
    t.check('tax_rate_basis >= 0', [], 'invoices_tax_rate_not_negative');
    t.check('payment_terms_days >= 0', [], 'invoices_terms_not_negative');
    // Issuance gives the number and both dates together; only a draft (or a draft voided) lacks them.
    t.check(
      "status IN ('DRAFT', 'VOID') OR (number IS NOT NULL AND issue_date IS NOT NULL AND due_date IS NOT NULL)",
      [],
      'invoices_issued_have_number_and_dates',
    );
  });
  await knex.raw('CREATE UNIQUE INDEX invoices_number_unique ON invoices (org_id, number) WHERE number IS NOT NULL');
  // Lists and reconcile: newest first with the (created_at, id) keyset; per client the same.
  await knex.raw('CREATE INDEX invoices_org_created_idx ON invoices (org_id, created_at DESC, id DESC)');
  await knex.raw('CREATE INDEX invoices_client_created_idx ON invoices (org_id, client_id, created_at DESC, id DESC)');
  // The invoices queue (unpaid / overdue): issued, not void, something left to pay, by due date.
  // The predicate is written as the repository's WHERE is, so the planner matches it.
  await knex.raw(
    "CREATE INDEX invoices_unpaid_due_idx ON invoices (org_id, due_date, id) WHERE status NOT IN ('DRAFT', 'VOID') AND paid_cents < total_cents",
  );
  // The overdue job: SENT invoices past their due date.
  await knex.raw("CREATE INDEX invoices_sent_due_idx ON invoices (org_id, due_date, id) WHERE status = 'SENT'");
  await tenantRls(knex, 'invoices', ['SELECT', 'INSERT', 'UPDATE']);

  await knex.schema.createTable('invoice_items', (t) => {
    t.uuid('org_id').notNullable().references('id').inTable('orgs').onDelete('CASCADE');
    t.uuid('id').notNullable();
    t.uuid('invoice_id').notNullable();
    t.integer('position').notNullable();
    t.text('description').notNullable();
    t.bigInteger('quantity_milli').notNullable();
    t.bigInteger('unit_price_cents').notNullable();
    t.integer('tax_rate_basis').notNullable();
    t.bigInteger('line_total_cents').notNullable();
    t.bigInteger('line_tax_cents').notNullable();
    t.uuid('booking_id').nullable();
    t.primary(['org_id', 'id']);
    t.foreign(['org_id', 'invoice_id'], 'invoice_items_invoice_fk').references(['org_id', 'id']).inTable('invoices').onDelete('CASCADE');
    t.foreign(['org_id', 'booking_id'], 'invoice_items_booking_fk').references(['org_id', 'id']).inTable('bookings');
    t.check('position >= 0', [], 'invoice_items_position_not_negative');
    t.check(
      'quantity_milli >= 0 AND unit_price_cents >= 0 AND tax_rate_basis >= 0 AND line_total_cents >= 0 AND line_tax_cents >= 0',
      [],
      'invoice_items_amounts_not_negative',
    );
  });
  // An invoice's lines in order (and one line per position).
  await knex.raw('CREATE UNIQUE INDEX invoice_items_position_unique ON invoice_items (org_id, invoice_id, position)');
  await tenantRls(knex, 'invoice_items', ['SELECT', 'INSERT', 'UPDATE', 'DELETE']);

  await knex.schema.createTable('invoice_bookings', (t) => {
    t.uuid('org_id').notNullable().references('id').inTable('orgs').onDelete('CASCADE');
    t.uuid('invoice_id').notNullable();
    t.uuid('booking_id').notNullable();
    /** The order the invoice lists its bookings in. */
    t.integer('position').notNullable();
    /** The invoice is VOID: the booking may go on another invoice. */
    t.boolean('voided').notNullable().defaultTo(false);
    t.primary(['org_id', 'invoice_id', 'booking_id']);
    t.foreign(['org_id', 'invoice_id'], 'invoice_bookings_invoice_fk').references(['org_id', 'id']).inTable('invoices').onDelete('CASCADE');
    t.foreign(['org_id', 'booking_id'], 'invoice_bookings_booking_fk').references(['org_id', 'id']).inTable('bookings');
  });
  await knex.raw('CREATE UNIQUE INDEX invoice_bookings_live_unique ON invoice_bookings (org_id, booking_id) WHERE NOT voided');
  await tenantRls(knex, 'invoice_bookings', ['SELECT', 'INSERT', 'UPDATE', 'DELETE']);

  await knex.schema.createTable('invoice_number_sequences', (t) => {
    t.uuid('org_id').notNullable().references('id').inTable('orgs').onDelete('CASCADE');
    t.integer('year').notNullable();
    t.integer('last_number').notNullable();
    t.primary(['org_id', 'year']);
    t.check('year BETWEEN 1 AND 9999', [], 'invoice_number_sequences_year');
    t.check('last_number > 0', [], 'invoice_number_sequences_positive');
  });
  await tenantRls(knex, 'invoice_number_sequences', ['SELECT', 'INSERT', 'UPDATE']);

  await knex.schema.createTable('invoice_payments', (t) => {
    tenantKey(t, knex);
    t.uuid('invoice_id').nullable();
    t.uuid('booking_id').nullable();
    t.uuid('client_id').notNullable();
    t.text('provider').notNullable();
    t.text('method').notNullable();
    t.text('purpose').notNullable();
    t.text('status').notNullable();
    t.bigInteger('amount_cents').notNullable();
    t.bigInteger('refunded_cents').notNullable().defaultTo(0);
    // A card refund sent to the processor and not yet confirmed, and its idempotency key (a retry reuses it).
    t.bigInteger('refund_pending_cents').notNullable().defaultTo(0);
    t.text('refund_pending_key').nullable();
    t.specificType('currency', 'char(3)').notNullable();
    t.text('reference').nullable();
    t.text('provider_reference').nullable();
    t.text('checkout_session_id').nullable();
    t.text('failure_message').nullable();
    t.timestamp('received_at', { useTz: true }).nullable();
    t.timestamp('provider_updated_at', { useTz: true }).nullable();
    /** The actor id (`user uuid`, `basic:...`, a job's name): text, not a foreign key. */
    t.text('recorded_by').nullable();
    t.foreign(['org_id', 'invoice_id'], 'invoice_payments_invoice_fk').references(['org_id', 'id']).inTable('invoices');
    t.foreign(['org_id', 'booking_id'], 'invoice_payments_booking_fk').references(['org_id', 'id']).inTable('bookings');
    t.foreign(['org_id', 'client_id'], 'invoice_payments_client_fk').references(['org_id', 'id']).inTable('clients');
    t.check(`provider IN (${quoted(PAYMENT_PROVIDERS)})`, [], 'invoice_payments_provider_known');
    t.check(`method IN (${quoted(PAYMENT_METHODS)})`, [], 'invoice_payments_method_known');
    t.check(`purpose IN (${quoted(PAYMENT_PURPOSES)})`, [], 'invoice_payments_purpose_known');
    t.check(`status IN (${quoted(PAYMENT_STATUSES)})`, [], 'invoice_payments_status_known');
    t.check('amount_cents > 0', [], 'invoice_payments_amount_positive');
    t.check('refunded_cents >= 0 AND refund_pending_cents >= 0 AND refunded_cents + refund_pending_cents <= amount_cents', [], 'invoice_payments_refund_within_amount');
  });
  await knex.raw('CREATE UNIQUE INDEX invoice_payments_provider_reference_unique ON invoice_payments (org_id, provider_reference) WHERE provider_reference IS NOT NULL');
  // listByInvoice / listByBooking (oldest first), and reconcile's per-invoice aggregate.
  await knex.raw('CREATE INDEX invoice_payments_invoice_idx ON invoice_payments (org_id, invoice_id, created_at, id) WHERE invoice_id IS NOT NULL');
  await knex.raw('CREATE INDEX invoice_payments_booking_idx ON invoice_payments (org_id, booking_id, created_at, id) WHERE booking_id IS NOT NULL');
  await tenantRls(knex, 'invoice_payments', ['SELECT', 'INSERT', 'UPDATE']);

  await knex.schema.createTable('stripe_events', (t) => {
    t.text('event_id').primary();
    t.uuid('org_id').notNullable().references('id').inTable('orgs').onDelete('CASCADE');
    t.text('type').notNullable();
    // What the event was about, as metadata: no foreign keys (an event may name what we never had).
    t.uuid('invoice_id').nullable();
    t.uuid('booking_id').nullable();
    t.text('processed_status').notNullable();
    t.text('last_error').nullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('received_at', { useTz: true }).notNullable();
    t.timestamp('processed_at', { useTz: true }).nullable();
    t.check(`processed_status IN (${quoted(STRIPE_EVENT_STATUSES)})`, [], 'stripe_events_status_known');
    t.check('char_length(event_id) BETWEEN 1 AND 255', [], 'stripe_events_id_length');
    t.check('last_error IS NULL OR char_length(last_error) <= 2000', [], 'stripe_events_last_error_length');
  });
  // The events view: newest first (event time, then received, then id byte-wise), per invoice or booking.
  await knex.raw('CREATE INDEX stripe_events_org_created_idx ON stripe_events (org_id, created_at DESC, received_at DESC, event_id COLLATE "C" DESC)');
  await knex.raw('CREATE INDEX stripe_events_invoice_idx ON stripe_events (org_id, invoice_id, created_at DESC) WHERE invoice_id IS NOT NULL');
  await knex.raw('CREATE INDEX stripe_events_booking_idx ON stripe_events (org_id, booking_id, created_at DESC) WHERE booking_id IS NOT NULL');
  await tenantRls(knex, 'stripe_events', ['SELECT', 'INSERT', 'UPDATE']);

  await knex.schema.createTable('invoice_public_links', (t) => {
    tenantKey(t, knex, { updatedAt: false });
    t.uuid('invoice_id').notNullable();
    t.text('token_hash').notNullable();
    t.timestamp('revoked_at', { useTz: true }).nullable();
    t.foreign(['org_id', 'invoice_id'], 'invoice_public_links_invoice_fk').references(['org_id', 'id']).inTable('invoices').onDelete('CASCADE');
    t.check('char_length(token_hash) BETWEEN 16 AND 128', [], 'invoice_public_links_hash_length');
  });
  await knex.raw('CREATE UNIQUE INDEX invoice_public_links_token_unique ON invoice_public_links (token_hash)');
  await knex.raw('CREATE INDEX invoice_public_links_invoice_idx ON invoice_public_links (org_id, invoice_id) WHERE revoked_at IS NULL');
  await tenantRls(knex, 'invoice_public_links', ['SELECT', 'INSERT', 'UPDATE']);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('invoice_public_links');
  await knex.schema.dropTable('stripe_events');
  await knex.schema.dropTable('invoice_payments');
  await knex.schema.dropTable('invoice_number_sequences');
  await knex.schema.dropTable('invoice_bookings');
  await knex.schema.dropTable('invoice_items');
  await knex.schema.dropTable('invoices');
}
