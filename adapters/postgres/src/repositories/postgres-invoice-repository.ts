/**
 * Invoices with their lines (`invoice_items`) and the bookings they bill (`invoice_bookings`).
 * A read is one statement: the lines and booking ids come as JSON sub-selects. An insert is one
 * statement too (the invoice and its children as data-modifying CTEs; foreign keys are checked at
 * its end). An update rewrites the row and replaces the children in two.
 *
 * A booking on another live invoice is refused by the partial unique index of migration 0014,
 * which holds against racing units (the second waits for the first and then fails). The write
 * runs under a savepoint when it links live bookings, so a refusal undoes that write alone and
 * leaves the unit usable, as the memory adapter's pre-check does.
 *
 * Every value goes in as a bind parameter; lists of lines and bookings as one jsonb parameter
 * (jsonb_to_recordset). Amounts are bigint columns read back as numbers: the core's caps keep them
 * below 2^53.
 */
import {
  AppError,
  type Invoice,
  type InvoiceLine,
  type InvoiceListQuery,
  type InvoiceQueueQuery,
  type InvoiceReconcileRow,
  type InvoiceRepository,
  type InvoiceStatus,
  type LocalDate,
  type ReconcileQuery,
} from '@cws/core';
import type { Knex } from 'knex';
import { translatePgError, translatingErrors } from '../pg-errors.js';
import type { TenantDb } from '../tenant-transaction.js';

type Row = Record<string, unknown>;

const SAVEPOINT = 'cws_invoice_write';

/** An invoice's columns as read (alias `i`). Dates as 'YYYY-MM-DD' text, lines in position order. */
export const INVOICE_COLUMNS = `i.org_id, i.id, i.client_id, i.number, i.status, i.currency,
  to_char(i.issue_date, 'YYYY-MM-DD') AS issue_date, to_char(i.due_date, 'YYYY-MM-DD') AS due_date,
  i.payment_terms_days, i.notes, i.subtotal_cents, i.taxable_subtotal_cents, i.tax_cents, i.tax_rate_basis,
  i.total_cents, i.paid_cents, i.sent_at, i.paid_at, i.voided_at, i.void_reason, i.created_at, i.updated_at,
  coalesce((SELECT json_agg(json_build_object('id', l.id, 'position', l.position, 'description', l.description,
              'quantityMilli', l.quantity_milli, 'unitPriceCents', l.unit_price_cents, 'taxRateBasis', l.tax_rate_basis,
              'lineTotalCents', l.line_total_cents, 'lineTaxCents', l.line_tax_cents, 'bookingId', l.booking_id) ORDER BY l.position)
            FROM invoice_items l WHERE l.org_id = i.org_id AND l.invoice_id = i.id), '[]'::json) AS lines,
  coalesce((SELECT json_agg(b.booking_id ORDER BY b.position)
            FROM invoice_bookings b WHERE b.org_id = i.org_id AND b.invoice_id = i.id), '[]'::json) AS booking_ids`;

const num = (value: unknown): number => Number(value);
const date = (value: unknown): Date | null => (value === null || value === undefined ? null : (value as Date));

export function toInvoice(r: Row): Invoice {
  const lines = (r['lines'] as Array<Record<string, unknown>>).map(
    (l): InvoiceLine => ({
      id: l['id'] as string,
      position: num(l['position']),
      description: l['description'] as string,
      quantityMilli: num(l['quantityMilli']),
      unitPriceCents: num(l['unitPriceCents']),
      taxRateBasis: num(l['taxRateBasis']),
      lineTotalCents: num(l['lineTotalCents']),
      lineTaxCents: num(l['lineTaxCents']),
      bookingId: (l['bookingId'] as string | null) ?? null,
    }),
  );
  return {
    id: r['id'] as string,
    orgId: r['org_id'] as string,
    clientId: r['client_id'] as string,
    number: (r['number'] as string | null) ?? null,
    status: r['status'] as InvoiceStatus,
    currency: r['currency'] as string,
    issueDate: (r['issue_date'] as LocalDate | null) ?? null,
    dueDate: (r['due_date'] as LocalDate | null) ?? null,
    paymentTermsDays: num(r['payment_terms_days']),
    notes: (r['notes'] as string | null) ?? null,
    lines,
    bookingIds: r['booking_ids'] as string[],
    subtotalCents: num(r['subtotal_cents']),
    taxableSubtotalCents: num(r['taxable_subtotal_cents']),
    taxCents: num(r['tax_cents']),
    taxRateBasis: num(r['tax_rate_basis']),
    totalCents: num(r['total_cents']),
    paidCents: num(r['paid_cents']),
    sentAt: date(r['sent_at']),
    paidAt: date(r['paid_at']),
    voidedAt: date(r['voided_at']),
    voidReason: (r['void_reason'] as string | null) ?? null,
    createdAt: r['created_at'] as Date,
    updatedAt: r['updated_at'] as Date,
  };
}

/** The invoice's own columns in a fixed order, for INSERT and UPDATE alike. */
const FIELD_COLUMNS = [
  'client_id',
  'number',
  'status',
  'currency',
  'issue_date',
  'due_date',
  'payment_terms_days',
  'notes',
  'subtotal_cents',
  'taxable_subtotal_cents',
  'tax_cents',
  'tax_rate_basis',
  'total_cents',
  'paid_cents',
  'sent_at',
  'paid_at',
  'voided_at',
  'void_reason',
  'updated_at',
] as const;

const FIELD_CASTS: Partial<Record<(typeof FIELD_COLUMNS)[number], string>> = { issue_date: '::date', due_date: '::date', client_id: '::uuid' };

function fieldValues(inv: Invoice): Knex.RawBinding[] {
  return [
    inv.clientId,
    inv.number,
    inv.status,
    inv.currency,
    inv.issueDate,
    inv.dueDate,
    inv.paymentTermsDays,
    inv.notes,
    inv.subtotalCents,
    inv.taxableSubtotalCents,
    inv.taxCents,
    inv.taxRateBasis,
    inv.totalCents,
    inv.paidCents,
    inv.sentAt,
    inv.paidAt,
    inv.voidedAt,
    inv.voidReason,
    inv.updatedAt,
  ];
}

const placeholders = FIELD_COLUMNS.map((c) => `?${FIELD_CASTS[c] ?? ''}`).join(', ');

/** The lines as one jsonb parameter. */
function linesJson(inv: Invoice): string {
  return JSON.stringify(
    inv.lines.map((l) => ({
      id: l.id,
      position: l.position,
      description: l.description,
      quantity_milli: l.quantityMilli,
      unit_price_cents: l.unitPriceCents,
      tax_rate_basis: l.taxRateBasis,
      line_total_cents: l.lineTotalCents,
      line_tax_cents: l.lineTaxCents,
      booking_id: l.bookingId,
    })),
  );
}

/**
 * The booking links as one jsonb parameter, in booking id order: two units linking the same
 * bookings then meet them in the same order, so they queue rather than deadlock.
 */
function bookingsJson(inv: Invoice): string {
  return JSON.stringify(
    inv.bookingIds
      .map((id, position) => ({ booking_id: id, position }))
      .sort((a, b) => (a.booking_id < b.booking_id ? -1 : a.booking_id > b.booking_id ? 1 : 0)),
  );
}

/** Inserts the children of `invoice` (org `?`, invoice `?`) from the jsonb parameters; `voided` follows the status. */
const INSERT_LINES = `INSERT INTO invoice_items (org_id, invoice_id, id, position, description, quantity_milli, unit_price_cents,
      tax_rate_basis, line_total_cents, line_tax_cents, booking_id)
    SELECT ?::uuid, ?::uuid, l.id, l.position, l.description, l.quantity_milli, l.unit_price_cents, l.tax_rate_basis,
      l.line_total_cents, l.line_tax_cents, l.booking_id
    FROM jsonb_to_recordset(?::jsonb) AS l(id uuid, position integer, description text, quantity_milli bigint,
      unit_price_cents bigint, tax_rate_basis integer, line_total_cents bigint, line_tax_cents bigint, booking_id uuid)`;
const INSERT_BOOKINGS = `INSERT INTO invoice_bookings (org_id, invoice_id, booking_id, position, voided)
    SELECT ?::uuid, ?::uuid, b.booking_id, b.position, ?::boolean
    FROM jsonb_to_recordset(?::jsonb) AS b(booking_id uuid, position integer)`;

const childBindings = (inv: Invoice): Knex.RawBinding[] => [
  inv.orgId,
  inv.id,
  linesJson(inv),
  inv.orgId,
  inv.id,
  inv.status === 'VOID',
  bookingsJson(inv),
];

/**
 * The status an issued invoice's settled money gives it (`settledStatus` in the core), as SQL over
 * the invoice `i` and its settled sum `s`; `?` is today.
 */
const SETTLED_STATUS_SQL = (s: string) =>
  `CASE WHEN ${s} >= i.total_cents THEN 'PAID' WHEN ${s} > 0 THEN 'PARTIAL'
        WHEN i.due_date IS NOT NULL AND i.due_date < ?::date THEN 'OVERDUE' ELSE 'SENT' END`;

/** `isMismatch` in SQL (drafts and void invoices never). */
const MISMATCH_SQL = (s: string) => `i.status NOT IN ('DRAFT', 'VOID') AND (i.paid_cents <> ${s} OR i.status <> ${SETTLED_STATUS_SQL(s)})`;

/** Per-invoice payment figures (settledCents: not a tip, succeeded or refunded → amount − refunded). */
const PAYMENT_AGGREGATES = `count(*) AS payment_count,
  count(*) FILTER (WHERE p.status IN ('succeeded', 'refunded')) AS succeeded_count,
  max(coalesce(p.received_at, p.created_at)) AS last_payment_at,
  coalesce(sum(p.amount_cents - p.refunded_cents) FILTER (WHERE p.purpose <> 'tip' AND p.status IN ('succeeded', 'refunded')), 0)::bigint AS settled_cents`;

function toReconcileRow(r: Row): InvoiceReconcileRow {
  return {
    invoice: toInvoice(r),
    paymentCount: num(r['payment_count'] ?? 0),
    succeededPaymentCount: num(r['succeeded_count'] ?? 0),
    lastPaymentAt: date(r['last_payment_at']),
    settledCents: num(r['settled_cents'] ?? 0),
  };
}

export class PostgresInvoiceRepository implements InvoiceRepository {
  constructor(
    private readonly db: TenantDb,
    private readonly orgId: string,
  ) {}

  private async rows(sql: string, bindings: readonly Knex.RawBinding[]): Promise<Row[]> {
    return (await translatingErrors(() => this.db.raw(sql, bindings))).rows as Row[];
  }

  private assertOwnOrg(invoice: Invoice): void {
    if (invoice.orgId !== this.orgId) throw new AppError('tenant.cross_org_write', 'A row cannot be written into another organisation');
  }

  /**
   * Runs a write that links live bookings under a savepoint (see the file comment); other
   * writes cannot meet the unique index and run bare. Writes in one unit are sequential, so one
   * savepoint name is enough.
   */
  private async guarded(invoice: Invoice, write: () => Promise<void>): Promise<void> {
    if (invoice.status === 'VOID' || invoice.bookingIds.length === 0) return write();
    await this.rows(`SAVEPOINT ${SAVEPOINT}`, []);
    try {
      await write();
    } catch (err) {
      try {
        await this.db.raw(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
        await this.db.raw(`RELEASE SAVEPOINT ${SAVEPOINT}`);
      } catch {
        // The connection is gone: report the first error.
      }
      throw translatePgError(err);
    }
    await this.rows(`RELEASE SAVEPOINT ${SAVEPOINT}`, []);
  }

  async insert(invoice: Invoice): Promise<void> {
    this.assertOwnOrg(invoice);
    // One statement: foreign keys of the children are checked at its end, when the invoice exists.
    await this.guarded(invoice, async () => {
      await this.rows(
        `WITH invoice AS (
           INSERT INTO invoices (org_id, id, created_at, ${FIELD_COLUMNS.join(', ')}) VALUES (?::uuid, ?::uuid, ?, ${placeholders}) RETURNING id
         ), lines AS (${INSERT_LINES}), links AS (${INSERT_BOOKINGS})
         SELECT id FROM invoice`,
        [invoice.orgId, invoice.id, invoice.createdAt, ...fieldValues(invoice), ...childBindings(invoice)],
      );
    });
  }

  async findById(id: string, options: { forUpdate?: boolean } = {}): Promise<Invoice | null> {
    // FOR UPDATE OF i: the lock is the invoice row's (the sub-selects take none).
    const rows = await this.rows(`SELECT ${INVOICE_COLUMNS} FROM invoices i WHERE i.org_id = ? AND i.id = ?::uuid${options.forUpdate ? ' FOR UPDATE OF i' : ''}`, [
      this.orgId,
      id,
    ]);
    return rows[0] === undefined ? null : toInvoice(rows[0]);
  }

  async update(invoice: Invoice): Promise<void> {
    this.assertOwnOrg(invoice);
    await this.guarded(invoice, async () => {
      // The row, and away with its children (they are written again below from the invoice given).
      const assignments = FIELD_COLUMNS.map((c) => `${c} = ?${FIELD_CASTS[c] ?? ''}`).join(', ');
      const updated = await this.rows(
        `WITH invoice AS (UPDATE invoices SET ${assignments} WHERE org_id = ? AND id = ?::uuid RETURNING id),
           old_lines AS (DELETE FROM invoice_items WHERE org_id = ? AND invoice_id IN (SELECT id FROM invoice)),
           old_links AS (DELETE FROM invoice_bookings WHERE org_id = ? AND invoice_id IN (SELECT id FROM invoice))
         SELECT count(*)::int AS n FROM invoice`,
        [...fieldValues(invoice), this.orgId, invoice.id, this.orgId, this.orgId],
      );
      if (updated[0]?.['n'] !== 1) throw new AppError('invoice.not_found', `No invoice ${invoice.id} in this organisation`, { details: { invoice_id: invoice.id } });
      await this.rows(`WITH lines AS (${INSERT_LINES}), links AS (${INSERT_BOOKINGS}) SELECT 1`, childBindings(invoice));
    });
  }

  async list(q: InvoiceListQuery): Promise<readonly Invoice[]> {
    const where = ['i.org_id = ?'];
    const bindings: Knex.RawBinding[] = [this.orgId];
    const add = (sql: string, ...values: Knex.RawBinding[]) => {
      where.push(sql);
      bindings.push(...values);
    };
    if (q.statuses !== null) add('i.status = ANY(?::text[])', [...q.statuses]);
    if (q.clientId !== null) add('i.client_id = ?::uuid', q.clientId);
    if (q.issuedFrom !== null) add('i.issue_date >= ?::date', q.issuedFrom);
    if (q.issuedTo !== null) add('i.issue_date <= ?::date', q.issuedTo);
    if (q.after !== null) add('(i.created_at, i.id) < (?, ?::uuid)', q.after.createdAt, q.after.id);
    const rows = await this.rows(`SELECT ${INVOICE_COLUMNS} FROM invoices i WHERE ${where.join(' AND ')} ORDER BY i.created_at DESC, i.id DESC LIMIT ?`, [
      ...bindings,
      q.limit,
    ]);
    return rows.map(toInvoice);
  }

  async nextNumber(year: number): Promise<number> {
    // The upsert's row lock lasts to the end of the unit: a second issuer of the org and year
    // waits here, and a rolled-back unit leaves the counter as it found it.
    const rows = await this.rows(
      `INSERT INTO invoice_number_sequences (org_id, year, last_number) VALUES (?::uuid, ?, 1)
       ON CONFLICT (org_id, year) DO UPDATE SET last_number = invoice_number_sequences.last_number + 1
       RETURNING last_number`,
      [this.orgId, year],
    );
    return num(rows[0]!['last_number']);
  }

  async invoicedBookingIds(bookingIds: readonly string[]): Promise<ReadonlySet<string>> {
    if (bookingIds.length === 0) return new Set();
    const rows = await this.rows('SELECT booking_id FROM invoice_bookings WHERE org_id = ? AND booking_id = ANY(?::uuid[]) AND NOT voided', [
      this.orgId,
      [...new Set(bookingIds)],
    ]);
    return new Set(rows.map((r) => r['booking_id'] as string));
  }

  async queue(q: InvoiceQueueQuery): Promise<{ rows: readonly Invoice[]; total: number }> {
    // The predicate of the partial index invoices_unpaid_due_idx, written as it is there.
    const where = `i.org_id = ? AND i.status NOT IN ('DRAFT', 'VOID') AND i.paid_cents < i.total_cents${q.filter === 'overdue' ? ' AND i.due_date < ?::date' : ''}`;
    const bindings: Knex.RawBinding[] = q.filter === 'overdue' ? [this.orgId, q.today] : [this.orgId];
    const rows = await this.rows(
      `SELECT ${INVOICE_COLUMNS}, count(*) OVER () AS total FROM invoices i WHERE ${where} ORDER BY i.due_date, i.id LIMIT ? OFFSET ?`,
      [...bindings, q.limit, q.offset],
    );
    if (rows.length > 0 || q.offset === 0) return { rows: rows.map(toInvoice), total: rows.length === 0 ? 0 : num(rows[0]!['total']) };
    // Past the end: the window had no row to count on.
    const counted = await this.rows(`SELECT count(*)::int AS total FROM invoices i WHERE ${where}`, bindings);
    return { rows: [], total: num(counted[0]!['total']) };
  }

  async listPastDue(today: LocalDate, limit: number): Promise<readonly Invoice[]> {
    const rows = await this.rows(
      `SELECT ${INVOICE_COLUMNS} FROM invoices i WHERE i.org_id = ? AND i.status = 'SENT' AND i.due_date < ?::date ORDER BY i.due_date, i.id LIMIT ?`,
      [this.orgId, today, limit],
    );
    return rows.map(toInvoice);
  }

  /**
   * One statement either way. The full report pages the invoices first (newest first, through
   * invoices_org_created_idx) and aggregates payments for that page alone, one index probe of
   * invoice_payments_invoice_idx per row; the total is a separate count in the same statement.
   * The mismatch report must look at every issued invoice's payments, so it aggregates the
   * org's payments once (grouped) and hash-joins them to the org's invoices, then filters with
   * `isMismatch` in SQL, sorts the survivors and counts them with a window.
   *
   * EXPLAIN ANALYZE on the server, 100k invoices and 150k payments in the org (another org with
   * 20k of each beside it):
   *  - full report, page of 50: Limit → Nested Loop Left Join (Index Scan using
   *    invoices_org_created_idx; per row Aggregate over Index Scan using invoice_payments_invoice_idx),
   *    plus the count over invoices_org_created_idx (Index Only Scan): ~25 ms, the count most of it;
   *  - mismatch report: HashAggregate over Index Scan of invoice_payments (org_id = …) → Hash Right
   *    Join with a Bitmap Heap Scan of invoices on invoices_org_created_idx → Filter (mismatch) →
   *    WindowAgg → top-N sort: ~190 ms; every issued invoice is read once, no per-row probes.
   */
  async reconcileReport(q: ReconcileQuery): Promise<{ rows: readonly InvoiceReconcileRow[]; total: number }> {
    if (!q.mismatchOnly) {
      const rows = await this.rows(
        `WITH page AS (
           SELECT i.* FROM invoices i WHERE i.org_id = ? AND i.status <> 'DRAFT' ORDER BY i.created_at DESC, i.id DESC LIMIT ? OFFSET ?
         ), counted AS (SELECT count(*)::int AS total FROM invoices WHERE org_id = ? AND status <> 'DRAFT')
         SELECT counted.total, i.id IS NOT NULL AS present, ${INVOICE_COLUMNS}, agg.*
           FROM counted
           LEFT JOIN page i ON true
           LEFT JOIN LATERAL (SELECT ${PAYMENT_AGGREGATES} FROM invoice_payments p WHERE p.org_id = i.org_id AND p.invoice_id = i.id) agg ON true
          ORDER BY i.created_at DESC, i.id DESC`,
        [this.orgId, q.limit, q.offset, this.orgId],
      );
      // `counted` always yields its row; with an empty page it is the only one, with no invoice.
      return { rows: rows.filter((r) => r['present'] === true).map(toReconcileRow), total: num(rows[0]?.['total'] ?? 0) };
    }
    const where = `i.org_id = ? AND ${MISMATCH_SQL('coalesce(agg.settled_cents, 0)')}`;
    const from = `invoices i LEFT JOIN (
        SELECT p.invoice_id, ${PAYMENT_AGGREGATES} FROM invoice_payments p WHERE p.org_id = ? AND p.invoice_id IS NOT NULL GROUP BY p.invoice_id
      ) agg ON agg.invoice_id = i.id`;
    const bindings: Knex.RawBinding[] = [this.orgId, this.orgId, q.today];
    const rows = await this.rows(
      `SELECT ${INVOICE_COLUMNS}, agg.payment_count, agg.succeeded_count, agg.last_payment_at, agg.settled_cents, count(*) OVER () AS total
         FROM ${from} WHERE ${where} ORDER BY i.created_at DESC, i.id DESC LIMIT ? OFFSET ?`,
      [...bindings, q.limit, q.offset],
    );
    if (rows.length > 0 || q.offset === 0) return { rows: rows.map(toReconcileRow), total: rows.length === 0 ? 0 : num(rows[0]!['total']) };
    const counted = await this.rows(`SELECT count(*)::int AS total FROM ${from} WHERE ${where}`, bindings);
    return { rows: [], total: num(counted[0]!['total']) };
  }
}
