/**
 * Invoices, payments, processor events and public links in memory, with the rules the
 * PostgreSQL adapter gets from its constraints: a booking on one live invoice at most, a
 * processor payment id once per org, an event id once across orgs, numbers per org and year.
 */
import {
  AppError,
  isMismatch,
  outstandingCents,
  settledCents,
  type Invoice,
  type InvoiceLinkRepository,
  type InvoiceListQuery,
  type InvoicePayment,
  type InvoicePublicLink,
  type InvoiceQueueQuery,
  type InvoiceReconcileRow,
  type InvoiceRepository,
  type PaymentRepository,
  type ReconcileQuery,
  type StripeEventQuery,
  type StripeEventRecord,
  type StripeEventRepository,
  type ErrorCode,
} from '@cws/core';
import { copy, type TenantTables } from './memory-state.js';

function assertOwnOrg(boundOrgId: string, rowOrgId: string): void {
  if (rowOrgId !== boundOrgId) throw new AppError('tenant.cross_org_write', 'A row cannot be written into another organisation');
}

/** The composite foreign keys of the billing tables (migration 0014), as checks on the bound org's rows. */
function assertRefers(orgId: string, t: TenantTables, refs: { clientId?: string; invoiceId?: string | null; bookingIds?: ReadonlyArray<string | null> }): void {
  const check = (map: ReadonlyMap<string, { orgId: string }>, id: string | null | undefined, code: ErrorCode, detail: string) => {
    if (id === null || id === undefined) return;
    const row = map.get(id);
    if (row === undefined || row.orgId !== orgId) throw new AppError(code, `No ${detail.replace('_id', '')} ${id} in this organisation`, { details: { [detail]: id } });
  };
  check(t.clients, refs.clientId, 'client.not_found', 'client_id');
  check(t.invoices, refs.invoiceId, 'invoice.not_found', 'invoice_id');
  for (const id of refs.bookingIds ?? []) check(t.bookings, id, 'booking.not_found', 'booking_id');
}

const invoiceRefs = (invoice: Invoice) => ({ clientId: invoice.clientId, bookingIds: [...invoice.bookingIds, ...invoice.lines.map((l) => l.bookingId)] });

const newestFirst = (a: { createdAt: Date; id: string }, b: { createdAt: Date; id: string }) =>
  b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

class MemoryInvoiceRepository implements InvoiceRepository {
  constructor(private readonly orgId: string, private readonly t: TenantTables) {}

  private own(): Invoice[] {
    return [...this.t.invoices.values()].filter((i) => i.orgId === this.orgId);
  }

  private assertBookingsFree(invoice: Invoice): void {
    if (invoice.status === 'VOID') return;
    for (const other of this.own()) {
      if (other.id === invoice.id || other.status === 'VOID') continue;
      if (other.bookingIds.some((b) => invoice.bookingIds.includes(b))) {
        throw new AppError('invoice.booking_not_invoiceable', 'A booking of the invoice is already on another invoice');
      }
    }
  }

  /** Line ids are keys of their own (the invoice_items primary key): no other invoice of the org has them. */
  private assertLinesOwn(invoice: Invoice): void {
    const mine = new Set(invoice.lines.map((l) => l.id));
    if (mine.size !== invoice.lines.length || this.own().some((i) => i.id !== invoice.id && i.lines.some((l) => mine.has(l.id)))) {
      throw new AppError('storage.conflict', 'An invoice line id is already in use');
    }
  }

  async insert(invoice: Invoice): Promise<void> {
    assertOwnOrg(this.orgId, invoice.orgId);
    if (this.t.invoices.has(invoice.id)) throw new AppError('storage.conflict', `Invoice ${invoice.id} exists`);
    if (invoice.number !== null && this.own().some((i) => i.number === invoice.number)) {
      throw new AppError('storage.conflict', `Invoice number ${invoice.number} is taken`);
    }
    assertRefers(this.orgId, this.t, invoiceRefs(invoice));
    this.assertLinesOwn(invoice);
    this.assertBookingsFree(invoice);
    this.t.invoices.set(invoice.id, copy(invoice));
  }

  async findById(id: string): Promise<Invoice | null> {
    const row = this.t.invoices.get(id);
    return row !== undefined && row.orgId === this.orgId ? copy(row) : null;
  }

  async update(invoice: Invoice): Promise<void> {
    assertOwnOrg(this.orgId, invoice.orgId);
    const current = this.t.invoices.get(invoice.id);
    if (current === undefined || current.orgId !== this.orgId) throw new AppError('invoice.not_found', `No invoice ${invoice.id} in this organisation`);
    if (invoice.number !== null && this.own().some((i) => i.id !== invoice.id && i.number === invoice.number)) {
      throw new AppError('storage.conflict', `Invoice number ${invoice.number} is taken`);
    }
    assertRefers(this.orgId, this.t, invoiceRefs(invoice));
    this.assertLinesOwn(invoice);
    this.assertBookingsFree(invoice);
    this.t.invoices.set(invoice.id, copy({ ...invoice, createdAt: current.createdAt }));
  }

  async updateSettlement(change: Pick<Invoice, 'id' | 'orgId' | 'status' | 'paidCents' | 'paidAt' | 'updatedAt'>): Promise<void> {
    assertOwnOrg(this.orgId, change.orgId);
    const current = this.t.invoices.get(change.id);
    if (current === undefined || current.orgId !== this.orgId) throw new AppError('invoice.not_found', `No invoice ${change.id} in this organisation`);
    const { status, paidCents, paidAt, updatedAt } = change;
    this.t.invoices.set(change.id, copy({ ...current, status, paidCents, paidAt, updatedAt }));
  }

  async list(q: InvoiceListQuery): Promise<readonly Invoice[]> {
    const dated = q.issuedFrom !== null || q.issuedTo !== null;
    return this.own()
      .filter(
        (i) =>
          (q.statuses === null || q.statuses.includes(i.status)) &&
          (q.clientId === null || i.clientId === q.clientId) &&
          (!dated || i.issueDate !== null) &&
          (q.issuedFrom === null || (i.issueDate !== null && i.issueDate >= q.issuedFrom)) &&
          (q.issuedTo === null || (i.issueDate !== null && i.issueDate <= q.issuedTo)) &&
          (q.after === null || newestFirst(i, q.after) > 0),
      )
      .sort(newestFirst)
      .slice(0, q.limit)
      .map(copy);
  }

  async nextNumber(year: number): Promise<number> {
    const key = `${this.orgId}:${year}`;
    const next = (this.t.invoiceNumbers.get(key) ?? 0) + 1;
    this.t.invoiceNumbers.set(key, next);
    return next;
  }

  async invoicedBookingIds(bookingIds: readonly string[]): Promise<ReadonlySet<string>> {
    const found = new Set<string>();
    for (const invoice of this.own()) {
      if (invoice.status === 'VOID') continue;
      for (const b of invoice.bookingIds) if (bookingIds.includes(b)) found.add(b);
    }
    return found;
  }

  async queue(q: InvoiceQueueQuery): Promise<{ rows: readonly Invoice[]; total: number }> {
    const matching = this.own()
      .filter((i) => i.status !== 'DRAFT' && i.status !== 'VOID' && outstandingCents(i) > 0)
      .filter((i) => q.filter !== 'overdue' || (i.dueDate !== null && i.dueDate < q.today))
      .sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? '') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { rows: matching.slice(q.offset, q.offset + q.limit).map(copy), total: matching.length };
  }

  async listPastDue(today: string, limit: number): Promise<readonly Invoice[]> {
    return this.own()
      .filter((i) => i.status === 'SENT' && i.dueDate !== null && i.dueDate < today)
      .sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? '') || (a.id < b.id ? -1 : 1))
      .slice(0, limit)
      .map(copy);
  }

  async reconcileReport(q: ReconcileQuery): Promise<{ rows: readonly InvoiceReconcileRow[]; total: number }> {
    const payments = [...this.t.payments.values()].filter((p) => p.orgId === this.orgId);
    const rows = this.own()
      .filter((i) => i.status !== 'DRAFT')
      .sort(newestFirst)
      .map((invoice): InvoiceReconcileRow => {
        const mine = payments.filter((p) => p.invoiceId === invoice.id);
        const times = mine.map((p) => p.receivedAt ?? p.createdAt).map((d) => d.getTime());
        return {
          invoice: copy(invoice),
          paymentCount: mine.length,
          succeededPaymentCount: mine.filter((p) => p.status === 'succeeded' || p.status === 'refunded').length,
          lastPaymentAt: times.length === 0 ? null : new Date(Math.max(...times)),
          settledCents: mine.reduce((sum, p) => sum + settledCents(p), 0),
        };
      })
      .filter((r) => !q.mismatchOnly || isMismatch(r.invoice, r.settledCents, q.today));
    return { rows: rows.slice(q.offset, q.offset + q.limit), total: rows.length };
  }
}

/** Migration 0014's invoice_payments_refund_within_amount: refunded and pending both ≥ 0, together ≤ the amount. */
function assertRefundWithinAmount(p: InvoicePayment): void {
  if (p.refundedCents < 0 || p.refundPendingCents < 0 || p.refundedCents + p.refundPendingCents > p.amountCents) {
    throw new Error(`invoice_payments_refund_within_amount violated by payment ${p.id}`);
  }
}

class MemoryPaymentRepository implements PaymentRepository {
  constructor(private readonly orgId: string, private readonly t: TenantTables) {}

  async insert(payment: InvoicePayment): Promise<void> {
    assertOwnOrg(this.orgId, payment.orgId);
    assertRefundWithinAmount(payment);
    if (this.t.payments.has(payment.id)) throw new AppError('storage.conflict', `Payment ${payment.id} exists`);
    assertRefers(this.orgId, this.t, { clientId: payment.clientId, invoiceId: payment.invoiceId, bookingIds: [payment.bookingId] });
    if (payment.providerReference !== null && (await this.findByProviderReference(payment.providerReference)) !== null) {
      throw new AppError('storage.conflict', `A payment of ${payment.providerReference} exists`);
    }
    this.t.payments.set(payment.id, copy(payment));
  }

  async findById(id: string): Promise<InvoicePayment | null> {
    const row = this.t.payments.get(id);
    return row !== undefined && row.orgId === this.orgId ? copy(row) : null;
  }

  async findByProviderReference(reference: string): Promise<InvoicePayment | null> {
    for (const row of this.t.payments.values()) if (row.orgId === this.orgId && row.providerReference === reference) return copy(row);
    return null;
  }

  async update(payment: InvoicePayment): Promise<void> {
    assertOwnOrg(this.orgId, payment.orgId);
    const current = this.t.payments.get(payment.id);
    if (current === undefined || current.orgId !== this.orgId) throw new AppError('payment.not_found', `No payment ${payment.id} in this organisation`);
    assertRefundWithinAmount(payment);
    assertRefers(this.orgId, this.t, { clientId: payment.clientId, invoiceId: payment.invoiceId, bookingIds: [payment.bookingId] });
    this.t.payments.set(payment.id, copy({ ...payment, createdAt: current.createdAt }));
  }

  private listWhere(match: (p: InvoicePayment) => boolean): readonly InvoicePayment[] {
    return [...this.t.payments.values()]
      .filter((p) => p.orgId === this.orgId && match(p))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1))
      .map(copy);
  }

  async listByInvoice(invoiceId: string): Promise<readonly InvoicePayment[]> {
    return this.listWhere((p) => p.invoiceId === invoiceId);
  }

  async listByBooking(bookingId: string): Promise<readonly InvoicePayment[]> {
    return this.listWhere((p) => p.bookingId === bookingId);
  }
}

class MemoryStripeEventRepository implements StripeEventRepository {
  constructor(private readonly orgId: string, private readonly t: TenantTables) {}

  async record(event: StripeEventRecord): Promise<'new' | 'existing'> {
    assertOwnOrg(this.orgId, event.orgId);
    // Ids are unique across orgs, as the table's primary key is.
    if (this.t.stripeEvents.has(event.eventId)) return 'existing';
    this.t.stripeEvents.set(event.eventId, copy(event));
    return 'new';
  }

  async findById(eventId: string): Promise<StripeEventRecord | null> {
    const row = this.t.stripeEvents.get(eventId);
    return row !== undefined && row.orgId === this.orgId ? copy(row) : null;
  }

  async update(event: StripeEventRecord): Promise<void> {
    assertOwnOrg(this.orgId, event.orgId);
    const current = this.t.stripeEvents.get(event.eventId);
    if (current === undefined || current.orgId !== this.orgId) throw new AppError('storage.conflict', `No event ${event.eventId} in this organisation`);
    this.t.stripeEvents.set(event.eventId, copy({ ...event, receivedAt: current.receivedAt }));
  }

  async list(q: StripeEventQuery): Promise<{ rows: readonly StripeEventRecord[]; total: number }> {
    const rows = [...this.t.stripeEvents.values()]
      .filter(
        (e) =>
          e.orgId === this.orgId &&
          (q.invoiceId === null || e.invoiceId === q.invoiceId) &&
          (q.bookingId === null || e.bookingId === q.bookingId) &&
          (q.status === null || e.processedStatus === q.status),
      )
      .sort(
        (a, b) =>
          b.createdAt.getTime() - a.createdAt.getTime() ||
          b.receivedAt.getTime() - a.receivedAt.getTime() ||
          (a.eventId < b.eventId ? 1 : a.eventId > b.eventId ? -1 : 0),
      );
    return { rows: rows.slice(q.offset, q.offset + q.limit).map(copy), total: rows.length };
  }
}

class MemoryInvoiceLinkRepository implements InvoiceLinkRepository {
  constructor(private readonly orgId: string, private readonly t: TenantTables) {}

  async insert(link: InvoicePublicLink): Promise<void> {
    assertOwnOrg(this.orgId, link.orgId);
    if (this.t.invoiceLinks.has(link.id)) throw new AppError('storage.conflict', `Link ${link.id} exists`);
    if ([...this.t.invoiceLinks.values()].some((l) => l.tokenHash === link.tokenHash)) throw new AppError('storage.conflict', 'A link with that token exists');
    assertRefers(this.orgId, this.t, { invoiceId: link.invoiceId });
    this.t.invoiceLinks.set(link.id, copy(link));
  }

  async findById(id: string): Promise<InvoicePublicLink | null> {
    const row = this.t.invoiceLinks.get(id);
    return row !== undefined && row.orgId === this.orgId ? copy(row) : null;
  }

  async revokeForInvoice(invoiceId: string, at: Date): Promise<number> {
    let n = 0;
    for (const [id, link] of this.t.invoiceLinks) {
      if (link.orgId !== this.orgId || link.invoiceId !== invoiceId || link.revokedAt !== null) continue;
      this.t.invoiceLinks.set(id, { ...link, revokedAt: at });
      n += 1;
    }
    return n;
  }
}

export function billingRepositories(orgId: string, tables: TenantTables) {
  return {
    invoices: new MemoryInvoiceRepository(orgId, tables),
    payments: new MemoryPaymentRepository(orgId, tables),
    stripeEvents: new MemoryStripeEventRepository(orgId, tables),
    invoiceLinks: new MemoryInvoiceLinkRepository(orgId, tables),
  };
}
