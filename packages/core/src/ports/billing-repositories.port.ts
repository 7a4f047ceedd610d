/**
 * Invoices, payments, processor events and public links of the org the unit of work is bound
 * to. Every method sees only that org's rows; writing another org's id is `tenant.cross_org_write`.
 */
import type { Invoice, InvoicePayment, InvoicePublicLink, InvoiceStatus, StripeEventRecord, StripeEventStatus } from '../domain/billing/invoice.js';
import type { LocalDate } from '../domain/scheduling/zoned-time.js';

export interface InvoiceListQuery {
  readonly statuses: readonly InvoiceStatus[] | null;
  readonly clientId: string | null;
  /** Issue dates within [from, to] (local dates); drafts have none and are left out when either is set. */
  readonly issuedFrom: LocalDate | null;
  readonly issuedTo: LocalDate | null;
  /** Newest first by (createdAt, id); the page after this key. */
  readonly after: { readonly createdAt: Date; readonly id: string } | null;
  readonly limit: number;
}

/** `overdue`: issued, not void, outstanding > 0 and due before `today`; `unpaid`: issued, not void, outstanding > 0; `all`: both kinds' union = unpaid. */
export type InvoiceQueueFilter = 'overdue' | 'unpaid' | 'all';

export interface InvoiceQueueQuery {
  readonly filter: InvoiceQueueFilter;
  readonly today: LocalDate;
  readonly limit: number;
  readonly offset: number;
}

/** One invoice's books as reconcile sees them: the stored figures next to what its payments say. */
export interface InvoiceReconcileRow {
  readonly invoice: Invoice;
  readonly succeededPaymentCount: number;
  readonly paymentCount: number;
  readonly lastPaymentAt: Date | null;
  /** Σ settledCents of its payments now. */
  readonly settledCents: number;
}

export interface ReconcileQuery {
  /** Only rows whose stored paid or status disagree with their payments (see `isMismatch`). */
  readonly mismatchOnly: boolean;
  readonly today: LocalDate;
  readonly limit: number;
  readonly offset: number;
}

export interface InvoiceRepository {
  /** Inserts the invoice with its lines and booking links; `invoice.booking_not_invoiceable` when a booking is on another invoice that is not void. */
  insert(invoice: Invoice): Promise<void>;
  findById(id: string, options?: { forUpdate?: boolean }): Promise<Invoice | null>;
  /** Replaces the invoice's fields, lines and booking links; `invoice.not_found` when absent. */
  update(invoice: Invoice): Promise<void>;
  /**
   * Stores only what settling changes — status, paid, paidAt, updatedAt — leaving lines and
   * booking links alone (one statement: payments and webhooks settle on every change of money);
   * `invoice.not_found` when absent. Settling never voids, so booking links keep their state.
   */
  updateSettlement(invoice: Pick<Invoice, 'id' | 'orgId' | 'status' | 'paidCents' | 'paidAt' | 'updatedAt'>): Promise<void>;
  list(query: InvoiceListQuery): Promise<readonly Invoice[]>;
  /**
   * The next number of the org's sequence for `year`, taken under a row lock in this unit: a
   * rolled-back unit gives its number back, so issued numbers have no gaps, and two units
   * issuing at once get different numbers (the second waits for the first to end).
   */
  nextNumber(year: number): Promise<number>;
  /** Of these bookings, those already on an invoice that is not void. */
  invoicedBookingIds(bookingIds: readonly string[]): Promise<ReadonlySet<string>>;
  /** Issued, not void, not fully paid, ordered by due date then id; with the total count. */
  queue(query: InvoiceQueueQuery): Promise<{ readonly rows: readonly Invoice[]; readonly total: number }>;
  /** SENT invoices whose due date is before `today`, at most `limit`, oldest due first. */
  listPastDue(today: LocalDate, limit: number): Promise<readonly Invoice[]>;
  /** Newest first, with the total count of the filter. */
  reconcileReport(query: ReconcileQuery): Promise<{ readonly rows: readonly InvoiceReconcileRow[]; readonly total: number }>;
}

export interface PaymentRepository {
  insert(payment: InvoicePayment): Promise<void>;
  findById(id: string, options?: { forUpdate?: boolean }): Promise<InvoicePayment | null>;
  /** The payment of a processor id (`pi_...`), unique per org. */
  findByProviderReference(reference: string, options?: { forUpdate?: boolean }): Promise<InvoicePayment | null>;
  /** `payment.not_found` when absent. */
  update(payment: InvoicePayment): Promise<void>;
  /** Oldest first. */
  listByInvoice(invoiceId: string): Promise<readonly InvoicePayment[]>;
  /** Deposits (and any payment) taken for a booking, oldest first. */
  listByBooking(bookingId: string): Promise<readonly InvoicePayment[]>;
}

export interface StripeEventQuery {
  readonly invoiceId: string | null;
  readonly bookingId: string | null;
  readonly status: StripeEventStatus | null;
  readonly limit: number;
  readonly offset: number;
}

export interface StripeEventRepository {
  /**
   * Stores the event once by its id. 'new' when this unit stored it; 'existing' when it was
   * stored before (its row is then locked until this unit ends, so concurrent deliveries of one
   * event take turns and the later ones see what the first did).
   */
  record(event: StripeEventRecord): Promise<'new' | 'existing'>;
  findById(eventId: string): Promise<StripeEventRecord | null>;
  /** Sets status, error, processedAt and the ids the processing found. */
  update(event: StripeEventRecord): Promise<void>;
  /** Newest first (event time, then received), with the total count of the filter. */
  list(query: StripeEventQuery): Promise<{ readonly rows: readonly StripeEventRecord[]; readonly total: number }>;
}

export interface InvoiceLinkRepository {
  insert(link: InvoicePublicLink): Promise<void>;
  findById(id: string): Promise<InvoicePublicLink | null>;
  /** Revokes every live link of the invoice; how many. */
  revokeForInvoice(invoiceId: string, at: Date): Promise<number>;
}
