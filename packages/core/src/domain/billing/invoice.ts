/**
 * Invoices, their payments and the Stripe events that moved them. Amounts are integer minor
 * units of the invoice's currency (the org's when it was created); `*_cents` keeps the guides'
 * field names whatever the currency's exponent.
 */
import type { LocalDate } from '../scheduling/zoned-time.js';
import type { InvoiceTotals } from './invoice-totals.js';

export const INVOICE_STATUSES = ['DRAFT', 'SENT', 'PARTIAL', 'PAID', 'OVERDUE', 'VOID'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/**
 * Who may move where. Issuing is DRAFT → SENT; the rest follows the money (`settledStatus`):
 * payments move SENT/OVERDUE/PARTIAL to PARTIAL or PAID, a refund can reopen a PAID invoice, the
 * overdue job moves SENT to OVERDUE. VOID is final and only reachable with no money on the invoice.
 */
export const INVOICE_TRANSITIONS: Readonly<Record<InvoiceStatus, readonly InvoiceStatus[]>> = {
  DRAFT: ['SENT', 'VOID'],
  SENT: ['PARTIAL', 'PAID', 'OVERDUE', 'VOID'],
  OVERDUE: ['PARTIAL', 'PAID', 'SENT', 'VOID'],
  PARTIAL: ['PAID', 'SENT', 'OVERDUE'],
  PAID: ['PARTIAL', 'SENT', 'OVERDUE'],
  VOID: [],
};

export function canMoveInvoice(from: InvoiceStatus, to: InvoiceStatus): boolean {
  return from === to || INVOICE_TRANSITIONS[from].includes(to);
}

export interface InvoiceLine {
  readonly id: string;
  /** 0-based order on the invoice. */
  readonly position: number;
  readonly description: string;
  /** Thousandths of a unit (2.5 h = 2500). */
  readonly quantityMilli: number;
  readonly unitPriceCents: number;
  readonly taxRateBasis: number;
  readonly lineTotalCents: number;
  readonly lineTaxCents: number;
  /** The booking the line bills, when it came from one. */
  readonly bookingId: string | null;
}

export interface Invoice extends InvoiceTotals {
  readonly id: string;
  readonly orgId: string;
  readonly clientId: string;
  /** `INV-2026-000123`: given at issuance, per org and year of the issue date, without gaps. Null on a draft. */
  readonly number: string | null;
  readonly status: InvoiceStatus;
  /** ISO 4217, the org's currency when the invoice was created. */
  readonly currency: string;
  /** Local dates in the org's zone; set at issuance. */
  readonly issueDate: LocalDate | null;
  readonly dueDate: LocalDate | null;
  /** Days from issue to due, chosen on the draft (default 14). */
  readonly paymentTermsDays: number;
  readonly notes: string | null;
  readonly lines: readonly InvoiceLine[];
  /** Bookings billed by this invoice (each at most once across the org's invoices that are not void). */
  readonly bookingIds: readonly string[];
  /**
   * Settled money toward the balance: Σ (amount − refunded) of its succeeded or refunded
   * balance and deposit payments. Kept in the same transaction as every payment change;
   * reconcile recomputes it and reports a mismatch when it disagrees.
   */
  readonly paidCents: number;
  readonly sentAt: Date | null;
  readonly paidAt: Date | null;
  readonly voidedAt: Date | null;
  readonly voidReason: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What is left to pay (never negative). */
export function outstandingCents(invoice: Pick<Invoice, 'totalCents' | 'paidCents' | 'status'>): number {
  if (invoice.status === 'VOID') return 0;
  return Math.max(0, invoice.totalCents - invoice.paidCents);
}

/** Money paid beyond the total: the client's credit, never lost. */
export function creditCents(invoice: Pick<Invoice, 'totalCents' | 'paidCents'>): number {
  return Math.max(0, invoice.paidCents - invoice.totalCents);
}

/**
 * The status the money says an issued invoice has (guide 000, "How to reconcile an invoice
 * safely"): PAID when settled funds cover the total, PARTIAL when some exist, otherwise SENT, or
 * OVERDUE once the due date (in the org's zone) has passed. DRAFT and VOID keep theirs.
 */
export function settledStatus(invoice: Pick<Invoice, 'status' | 'totalCents' | 'dueDate'>, paidCents: number, today: LocalDate): InvoiceStatus {
  if (invoice.status === 'DRAFT' || invoice.status === 'VOID') return invoice.status;
  if (paidCents >= invoice.totalCents) return 'PAID';
  if (paidCents > 0) return 'PARTIAL';
  return invoice.dueDate !== null && invoice.dueDate < today ? 'OVERDUE' : 'SENT';
}

/**
 * Whether an issued invoice's stored figures disagree with its payments: the stored paid differs
 * from what they settle, or the status is not the one that sum gives (guide 000, "How to detect
 * invoice mismatches"). Drafts and void invoices never mismatch.
 */
export function isMismatch(invoice: Pick<Invoice, 'status' | 'totalCents' | 'dueDate' | 'paidCents'>, settled: number, today: LocalDate): boolean {
  if (invoice.status === 'DRAFT' || invoice.status === 'VOID') return false;
  return invoice.paidCents !== settled || invoice.status !== settledStatus(invoice, settled, today);
}

export const PAYMENT_PROVIDERS = ['manual', 'stripe'] as const;
export type PaymentProvider = (typeof PAYMENT_PROVIDERS)[number];
export const MANUAL_PAYMENT_METHODS = ['cash', 'cheque', 'bank_transfer', 'other'] as const;
export const PAYMENT_METHODS = [...MANUAL_PAYMENT_METHODS, 'card'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
/** balance: toward the invoice; tip: for the crew, never toward the balance; deposit: taken before the visit, applied to its invoice. */
export const PAYMENT_PURPOSES = ['balance', 'tip', 'deposit'] as const;
export type PaymentPurpose = (typeof PAYMENT_PURPOSES)[number];
export const PAYMENT_STATUSES = ['pending', 'succeeded', 'failed', 'refunded'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export interface InvoicePayment {
  readonly id: string;
  readonly orgId: string;
  /** Null for a deposit not yet applied to an invoice. */
  readonly invoiceId: string | null;
  /** The booking a deposit was taken for. */
  readonly bookingId: string | null;
  readonly clientId: string;
  readonly provider: PaymentProvider;
  readonly method: PaymentMethod;
  readonly purpose: PaymentPurpose;
  /** `refunded` once refunds reach the amount; a partial refund keeps `succeeded` with `refundedCents`. */
  readonly status: PaymentStatus;
  readonly amountCents: number;
  readonly refundedCents: number;
  /**
   * Reserved by a card refund the processor has not confirmed yet (sent, timed out, or the process
   * died mid-call): not refundable again, still settled (paid) until the processor confirms.
   */
  readonly refundPendingCents: number;
  /** The idempotency key of that pending refund, so a retry asks the processor for the very same refund. */
  readonly refundPendingKey: string | null;
  readonly currency: string;
  /** The cheque number or bank reference staff typed. */
  readonly reference: string | null;
  /** The processor's payment id (Stripe PaymentIntent), unique per org. */
  readonly providerReference: string | null;
  readonly checkoutSessionId: string | null;
  readonly failureMessage: string | null;
  /** When the money arrived (manual: as staff say; Stripe: the event's time). */
  readonly receivedAt: Date | null;
  /** The newest processor event applied, so an older one never overwrites a newer state. */
  readonly providerUpdatedAt: Date | null;
  readonly recordedBy: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What a payment settles toward its invoice's balance. Tips settle nothing. */
export function settledCents(payment: Pick<InvoicePayment, 'purpose' | 'status' | 'amountCents' | 'refundedCents'>): number {
  if (payment.purpose === 'tip') return 0;
  if (payment.status !== 'succeeded' && payment.status !== 'refunded') return 0;
  return payment.amountCents - payment.refundedCents;
}

/** What can still be refunded of a payment: neither refunded nor reserved by a pending refund. */
export function refundableCents(payment: Pick<InvoicePayment, 'status' | 'amountCents' | 'refundedCents' | 'refundPendingCents'>): number {
  if (payment.status !== 'succeeded') return 0;
  return Math.max(0, payment.amountCents - payment.refundedCents - payment.refundPendingCents);
}

export const STRIPE_EVENT_STATUSES = ['received', 'processed', 'ignored', 'failed'] as const;
export type StripeEventStatus = (typeof STRIPE_EVENT_STATUSES)[number];

/** A processor webhook event as stored: metadata only, never its payload. */
export interface StripeEventRecord {
  readonly eventId: string;
  readonly orgId: string;
  readonly type: string;
  readonly invoiceId: string | null;
  readonly bookingId: string | null;
  readonly processedStatus: StripeEventStatus;
  readonly lastError: string | null;
  /** The event's own creation time at the processor. */
  readonly createdAt: Date;
  readonly receivedAt: Date;
  readonly processedAt: Date | null;
}

/** A link a client opens without signing in; only its hash is stored. */
export interface InvoicePublicLink {
  readonly id: string;
  readonly orgId: string;
  readonly invoiceId: string;
  readonly tokenHash: string;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}

/** Number as guide 000 prints it: `INV-2026-000123`. */
export function formatInvoiceNumber(year: number, sequence: number): string {
  return `INV-${String(year).padStart(4, '0')}-${String(sequence).padStart(6, '0')}`;
}
