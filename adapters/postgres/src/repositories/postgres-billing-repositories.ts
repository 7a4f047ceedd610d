/**
 * Payments, processor webhook events and public invoice links of the unit's org (migration 0014).
 * A processor payment id is unique per org and an event id across orgs: the tables say so, and
 * `record` leans on the event's primary key so concurrent deliveries of one event take turns.
 */
import {
  AppError,
  type InvoiceLinkRepository,
  type InvoicePayment,
  type InvoicePublicLink,
  type PaymentRepository,
  type StripeEventQuery,
  type StripeEventRecord,
  type StripeEventRepository,
} from '@cws/core';
import type { Knex } from 'knex';
import { translatingErrors } from '../pg-errors.js';
import type { TenantDb } from '../tenant-transaction.js';

type Row = Record<string, unknown>;

async function rowsOf(db: TenantDb, sql: string, bindings: readonly Knex.RawBinding[]): Promise<Row[]> {
  return (await translatingErrors(() => db.raw(sql, bindings))).rows as Row[];
}

function assertOwnOrg(boundOrgId: string, rowOrgId: string): void {
  if (rowOrgId !== boundOrgId) throw new AppError('tenant.cross_org_write', 'A row cannot be written into another organisation');
}

const dateOrNull = (value: unknown): Date | null => (value === null || value === undefined ? null : (value as Date));
const textOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : (value as string));

const PAYMENT_COLUMNS = `org_id, id, invoice_id, booking_id, client_id, provider, method, purpose, status, amount_cents, refunded_cents,
  refund_pending_cents, refund_pending_key, currency, reference, provider_reference, checkout_session_id, failure_message, received_at, provider_updated_at, recorded_by,
  created_at, updated_at`;

function toPayment(r: Row): InvoicePayment {
  return {
    id: r['id'] as string,
    orgId: r['org_id'] as string,
    invoiceId: textOrNull(r['invoice_id']),
    bookingId: textOrNull(r['booking_id']),
    clientId: r['client_id'] as string,
    provider: r['provider'] as InvoicePayment['provider'],
    method: r['method'] as InvoicePayment['method'],
    purpose: r['purpose'] as InvoicePayment['purpose'],
    status: r['status'] as InvoicePayment['status'],
    amountCents: Number(r['amount_cents']),
    refundedCents: Number(r['refunded_cents']),
    refundPendingCents: Number(r['refund_pending_cents']),
    refundPendingKey: textOrNull(r['refund_pending_key']),
    currency: r['currency'] as string,
    reference: textOrNull(r['reference']),
    providerReference: textOrNull(r['provider_reference']),
    checkoutSessionId: textOrNull(r['checkout_session_id']),
    failureMessage: textOrNull(r['failure_message']),
    receivedAt: dateOrNull(r['received_at']),
    providerUpdatedAt: dateOrNull(r['provider_updated_at']),
    recordedBy: textOrNull(r['recorded_by']),
    createdAt: r['created_at'] as Date,
    updatedAt: r['updated_at'] as Date,
  };
}

/** Every column a payment's update may change (all but its keys and creation time). */
const PAYMENT_FIELDS = [
  'invoice_id',
  'booking_id',
  'client_id',
  'provider',
  'method',
  'purpose',
  'status',
  'amount_cents',
  'refunded_cents',
  'refund_pending_cents',
  'refund_pending_key',
  'currency',
  'reference',
  'provider_reference',
  'checkout_session_id',
  'failure_message',
  'received_at',
  'provider_updated_at',
  'recorded_by',
  'updated_at',
] as const;
const PAYMENT_CASTS: Partial<Record<(typeof PAYMENT_FIELDS)[number], string>> = { invoice_id: '::uuid', booking_id: '::uuid', client_id: '::uuid' };

const paymentValues = (p: InvoicePayment): Knex.RawBinding[] => [
  p.invoiceId,
  p.bookingId,
  p.clientId,
  p.provider,
  p.method,
  p.purpose,
  p.status,
  p.amountCents,
  p.refundedCents,
  p.refundPendingCents,
  p.refundPendingKey,
  p.currency,
  p.reference,
  p.providerReference,
  p.checkoutSessionId,
  p.failureMessage,
  p.receivedAt,
  p.providerUpdatedAt,
  p.recordedBy,
  p.updatedAt,
];

export class PostgresPaymentRepository implements PaymentRepository {
  constructor(
    private readonly db: TenantDb,
    private readonly orgId: string,
  ) {}

  async insert(payment: InvoicePayment): Promise<void> {
    assertOwnOrg(this.orgId, payment.orgId);
    await rowsOf(
      this.db,
      `INSERT INTO invoice_payments (org_id, id, created_at, ${PAYMENT_FIELDS.join(', ')})
       VALUES (?::uuid, ?::uuid, ?, ${PAYMENT_FIELDS.map((c) => `?${PAYMENT_CASTS[c] ?? ''}`).join(', ')})`,
      [payment.orgId, payment.id, payment.createdAt, ...paymentValues(payment)],
    );
  }

  private async findOne(where: string, value: string, forUpdate: boolean): Promise<InvoicePayment | null> {
    const rows = await rowsOf(this.db, `SELECT ${PAYMENT_COLUMNS} FROM invoice_payments WHERE org_id = ? AND ${where}${forUpdate ? ' FOR UPDATE' : ''}`, [
      this.orgId,
      value,
    ]);
    return rows[0] === undefined ? null : toPayment(rows[0]);
  }

  findById(id: string, options: { forUpdate?: boolean } = {}): Promise<InvoicePayment | null> {
    return this.findOne('id = ?::uuid', id, options.forUpdate === true);
  }

  findByProviderReference(reference: string, options: { forUpdate?: boolean } = {}): Promise<InvoicePayment | null> {
    return this.findOne('provider_reference = ?', reference, options.forUpdate === true);
  }

  async update(payment: InvoicePayment): Promise<void> {
    assertOwnOrg(this.orgId, payment.orgId);
    const assignments = PAYMENT_FIELDS.map((c) => `${c} = ?${PAYMENT_CASTS[c] ?? ''}`).join(', ');
    const rows = await rowsOf(this.db, `UPDATE invoice_payments SET ${assignments} WHERE org_id = ? AND id = ?::uuid RETURNING id`, [
      ...paymentValues(payment),
      this.orgId,
      payment.id,
    ]);
    if (rows.length === 0) throw new AppError('payment.not_found', `No payment ${payment.id} in this organisation`, { details: { payment_id: payment.id } });
  }

  /** Oldest first, through the partial (org_id, invoice_id | booking_id, created_at, id) indexes. */
  private async listWhere(column: 'invoice_id' | 'booking_id', id: string): Promise<readonly InvoicePayment[]> {
    const rows = await rowsOf(this.db, `SELECT ${PAYMENT_COLUMNS} FROM invoice_payments WHERE org_id = ? AND ${column} = ?::uuid ORDER BY created_at, id`, [
      this.orgId,
      id,
    ]);
    return rows.map(toPayment);
  }

  listByInvoice(invoiceId: string): Promise<readonly InvoicePayment[]> {
    return this.listWhere('invoice_id', invoiceId);
  }

  listByBooking(bookingId: string): Promise<readonly InvoicePayment[]> {
    return this.listWhere('booking_id', bookingId);
  }
}

const EVENT_COLUMNS = 'event_id, org_id, type, invoice_id, booking_id, processed_status, last_error, created_at, received_at, processed_at';

function toEvent(r: Row): StripeEventRecord {
  return {
    eventId: r['event_id'] as string,
    orgId: r['org_id'] as string,
    type: r['type'] as string,
    invoiceId: textOrNull(r['invoice_id']),
    bookingId: textOrNull(r['booking_id']),
    processedStatus: r['processed_status'] as StripeEventRecord['processedStatus'],
    lastError: textOrNull(r['last_error']),
    createdAt: r['created_at'] as Date,
    receivedAt: r['received_at'] as Date,
    processedAt: dateOrNull(r['processed_at']),
  };
}

export class PostgresStripeEventRepository implements StripeEventRepository {
  constructor(
    private readonly db: TenantDb,
    private readonly orgId: string,
  ) {}

  async record(event: StripeEventRecord): Promise<'new' | 'existing'> {
    assertOwnOrg(this.orgId, event.orgId);
    // A racing delivery of the same id waits here for the first unit to end, then inserts nothing.
    const inserted = await rowsOf(
      this.db,
      `INSERT INTO stripe_events (${EVENT_COLUMNS}) VALUES (?, ?::uuid, ?, ?::uuid, ?::uuid, ?, ?, ?, ?, ?)
       ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [event.eventId, event.orgId, event.type, event.invoiceId, event.bookingId, event.processedStatus, event.lastError, event.createdAt, event.receivedAt, event.processedAt],
    );
    if (inserted.length > 0) return 'new';
    // Stored before: hold its row to the end of this unit, so the next delivery waits for this one.
    // (Another org's event of that id is invisible here and locks nothing; it is still not new.)
    await rowsOf(this.db, 'SELECT event_id FROM stripe_events WHERE org_id = ? AND event_id = ? FOR UPDATE', [this.orgId, event.eventId]);
    return 'existing';
  }

  async findById(eventId: string): Promise<StripeEventRecord | null> {
    const rows = await rowsOf(this.db, `SELECT ${EVENT_COLUMNS} FROM stripe_events WHERE org_id = ? AND event_id = ?`, [this.orgId, eventId]);
    return rows[0] === undefined ? null : toEvent(rows[0]);
  }

  async update(event: StripeEventRecord): Promise<void> {
    assertOwnOrg(this.orgId, event.orgId);
    // receivedAt stays the first delivery's.
    const rows = await rowsOf(
      this.db,
      `UPDATE stripe_events SET type = ?, invoice_id = ?::uuid, booking_id = ?::uuid, processed_status = ?, last_error = ?, created_at = ?, processed_at = ?
       WHERE org_id = ? AND event_id = ? RETURNING event_id`,
      [event.type, event.invoiceId, event.bookingId, event.processedStatus, event.lastError, event.createdAt, event.processedAt, this.orgId, event.eventId],
    );
    if (rows.length === 0) throw new AppError('storage.conflict', `No event ${event.eventId} in this organisation`);
  }

  async list(q: StripeEventQuery): Promise<{ rows: readonly StripeEventRecord[]; total: number }> {
    const where = ['org_id = ?'];
    const bindings: Knex.RawBinding[] = [this.orgId];
    if (q.invoiceId !== null) {
      where.push('invoice_id = ?::uuid');
      bindings.push(q.invoiceId);
    }
    if (q.bookingId !== null) {
      where.push('booking_id = ?::uuid');
      bindings.push(q.bookingId);
    }
    if (q.status !== null) {
      where.push('processed_status = ?');
      bindings.push(q.status);
    }
    const filter = where.join(' AND ');
    // Ids compare byte-wise (COLLATE "C"), as stripe_events_org_created_idx orders them.
    const rows = await rowsOf(
      this.db,
      `SELECT ${EVENT_COLUMNS}, count(*) OVER () AS total FROM stripe_events WHERE ${filter}
       ORDER BY created_at DESC, received_at DESC, event_id COLLATE "C" DESC LIMIT ? OFFSET ?`,
      [...bindings, q.limit, q.offset],
    );
    if (rows.length > 0 || q.offset === 0) return { rows: rows.map(toEvent), total: rows.length === 0 ? 0 : Number(rows[0]!['total']) };
    const counted = await rowsOf(this.db, `SELECT count(*)::int AS total FROM stripe_events WHERE ${filter}`, bindings);
    return { rows: [], total: Number(counted[0]!['total']) };
  }
}

const LINK_COLUMNS = 'id, org_id, invoice_id, token_hash, created_at, revoked_at';

function toLink(r: Row): InvoicePublicLink {
  return {
    id: r['id'] as string,
    orgId: r['org_id'] as string,
    invoiceId: r['invoice_id'] as string,
    tokenHash: r['token_hash'] as string,
    createdAt: r['created_at'] as Date,
    revokedAt: dateOrNull(r['revoked_at']),
  };
}

export class PostgresInvoiceLinkRepository implements InvoiceLinkRepository {
  constructor(
    private readonly db: TenantDb,
    private readonly orgId: string,
  ) {}

  async insert(link: InvoicePublicLink): Promise<void> {
    assertOwnOrg(this.orgId, link.orgId);
    await rowsOf(this.db, `INSERT INTO invoice_public_links (${LINK_COLUMNS}) VALUES (?::uuid, ?::uuid, ?::uuid, ?, ?, ?)`, [
      link.id,
      link.orgId,
      link.invoiceId,
      link.tokenHash,
      link.createdAt,
      link.revokedAt,
    ]);
  }

  async findById(id: string): Promise<InvoicePublicLink | null> {
    const rows = await rowsOf(this.db, `SELECT ${LINK_COLUMNS} FROM invoice_public_links WHERE org_id = ? AND id = ?::uuid`, [this.orgId, id]);
    return rows[0] === undefined ? null : toLink(rows[0]);
  }

  async revokeForInvoice(invoiceId: string, at: Date): Promise<number> {
    const rows = await rowsOf(
      this.db,
      'UPDATE invoice_public_links SET revoked_at = ? WHERE org_id = ? AND invoice_id = ?::uuid AND revoked_at IS NULL RETURNING id',
      [at, this.orgId, invoiceId],
    );
    return rows.length;
  }
}
