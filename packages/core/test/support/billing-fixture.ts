/**
 * The scheduling fixture plus billing rows: invoices and card payments written straight through a
 * unit of work (these tests need an invoice in a given state, not how it got there), and public
 * links made with the one link helper the invoice use cases use.
 */
import { createInvoiceLink, RandomSecretTokens, type Invoice, type InvoicePayment, type InvoicePublicLink } from '@cws/core';
import { ENQUEUE_ONLY_EMAIL } from './enqueue-only-channels.js';
import { schedulingFixture, type SchedulingFixture } from './scheduling-fixture.js';

export interface BillingFixture extends SchedulingFixture {
  /** An issued (SENT) invoice of `clientId` for `totalCents`, due in 14 days unless said otherwise. */
  invoice(orgId: string, clientId: string, fields?: Partial<Invoice>): Promise<Invoice>;
  /** A succeeded card payment on an invoice, as the webhook would have recorded it. */
  cardPayment(orgId: string, invoice: Invoice, amountCents: number, fields?: Partial<InvoicePayment>): Promise<InvoicePayment>;
  link(orgId: string, invoiceId: string): Promise<{ link: InvoicePublicLink; token: string }>;
  storedInvoice(id: string): Invoice;
  storedPayment(id: string): InvoicePayment;
  paymentsOf(invoiceId: string): InvoicePayment[];
  audit(orgId: string, action?: string): Array<{ action: string; resourceId: string | null; before: unknown; after: unknown; metadata: Record<string, unknown> }>;
}

export function billingFixture(options: Parameters<typeof schedulingFixture>[0] = {}): BillingFixture {
  // Links store the secret's SHA-256, which any SecretTokens computes alike.
  const tokens = new RandomSecretTokens();
  const fx = schedulingFixture({ channels: { email: ENQUEUE_ONLY_EMAIL }, ...options });
  let numbers = 0;
  const stored = <T>(map: ReadonlyMap<string, T>, id: string): T => {
    const row = map.get(id);
    if (row === undefined) throw new Error(`no row ${id}`);
    return row;
  };
  return {
    ...fx,
    async invoice(orgId, clientId, fields = {}) {
      numbers += 1;
      const now = fx.clock.now();
      const invoice: Invoice = {
        id: fx.ids.next(),
        orgId,
        clientId,
        number: `INV-2026-${String(numbers).padStart(6, '0')}`,
        status: 'SENT',
        currency: 'GBP',
        issueDate: '2026-03-02',
        dueDate: '2026-03-16',
        paymentTermsDays: 14,
        notes: null,
        lines: [],
        bookingIds: [],
        subtotalCents: 10_000,
        taxableSubtotalCents: 0,
        taxCents: 0,
        taxRateBasis: 0,
        totalCents: 10_000,
        paidCents: 0,
        sentAt: now,
        paidAt: null,
        voidedAt: null,
        voidReason: null,
        createdAt: now,
        updatedAt: now,
        ...fields,
      };
      await fx.adapters.uow.run(fx.ctx(orgId), (repos) => repos.invoices.insert(invoice));
      return invoice;
    },
    async cardPayment(orgId, invoice, amountCents, fields = {}) {
      const now = fx.clock.now();
      const id = fx.ids.next();
      const payment: InvoicePayment = {
        id,
        orgId,
        invoiceId: invoice.id,
        bookingId: null,
        clientId: invoice.clientId,
        provider: 'stripe',
        method: 'card',
        purpose: 'balance',
        status: 'succeeded',
        amountCents,
        refundedCents: 0,
        refundPendingCents: 0,
        refundPendingKey: null,
        currency: invoice.currency,
        reference: null,
        providerReference: `pi_test_${id.slice(-8)}`,
        checkoutSessionId: null,
        failureMessage: null,
        receivedAt: now,
        providerUpdatedAt: now,
        recordedBy: null,
        createdAt: now,
        updatedAt: now,
        ...fields,
      };
      await fx.adapters.uow.run(fx.ctx(orgId), async (repos) => {
        await repos.payments.insert(payment);
        const current = await repos.invoices.findById(invoice.id);
        await repos.invoices.update({ ...current!, paidCents: current!.paidCents + amountCents, status: current!.paidCents + amountCents >= current!.totalCents ? 'PAID' : 'PARTIAL' });
      });
      return payment;
    },
    async link(orgId, invoiceId) {
      return fx.adapters.uow.run(fx.ctx(orgId), (repos) => createInvoiceLink(fx.ctx(orgId), { ids: fx.ids, tokens }, repos, invoiceId));
    },
    storedInvoice: (id) => stored(fx.state.tables.invoices, id),
    storedPayment: (id) => stored(fx.state.tables.payments, id),
    paymentsOf: (invoiceId) =>
      [...fx.state.tables.payments.values()].filter((p) => p.invoiceId === invoiceId).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1)),
    audit: (orgId, action) =>
      fx.state.tables.audit
        .filter((e) => e.orgId === orgId && (action === undefined || e.action === action))
        .map((e) => ({ action: e.action, resourceId: e.resourceId, before: e.before, after: e.after, metadata: e.metadata })),
  };
}
