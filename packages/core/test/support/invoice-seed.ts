/**
 * Invoices and payments written straight through the repositories, as the books would be after
 * issuing — or after a bug left them out of step (a payment stored without settling the invoice).
 */
import { formatInvoiceNumber, type Invoice, type InvoicePayment, type RequestContext, type TenantRepositories, type UnitOfWork } from '@cws/core';

let numbers = 0;

export function issuedInvoice(orgId: string, id: string, clientId: string, fields: Partial<Invoice> & { totalCents: number; dueDate: string }): Invoice {
  numbers += 1;
  const { totalCents, dueDate } = fields;
  const at = fields.createdAt ?? new Date('2026-01-01T12:00:00Z');
  return {
    id,
    orgId,
    clientId,
    number: formatInvoiceNumber(2026, numbers),
    status: 'SENT',
    currency: 'GBP',
    issueDate: '2026-01-01',
    paymentTermsDays: 14,
    notes: null,
    lines: [{ id: `${id.slice(0, 24)}${'f'.repeat(12)}`, position: 0, description: 'Deep clean', quantityMilli: 1000, unitPriceCents: totalCents, taxRateBasis: 0, lineTotalCents: totalCents, lineTaxCents: 0, bookingId: null }],
    bookingIds: [],
    subtotalCents: totalCents,
    taxableSubtotalCents: 0,
    taxCents: 0,
    taxRateBasis: 0,
    paidCents: 0,
    sentAt: at,
    paidAt: null,
    voidedAt: null,
    voidReason: null,
    createdAt: at,
    updatedAt: at,
    ...fields,
  };
}

export function payment(invoice: Invoice, id: string, amountCents: number, fields: Partial<InvoicePayment> = {}): InvoicePayment {
  const at = fields.createdAt ?? new Date('2026-01-05T12:00:00Z');
  return {
    id,
    orgId: invoice.orgId,
    invoiceId: invoice.id,
    bookingId: null,
    clientId: invoice.clientId,
    provider: 'manual',
    method: 'bank_transfer',
    purpose: 'balance',
    status: 'succeeded',
    amountCents,
    refundedCents: 0,
    currency: invoice.currency,
    reference: null,
    providerReference: null,
    checkoutSessionId: null,
    failureMessage: null,
    receivedAt: at,
    providerUpdatedAt: null,
    recordedBy: null,
    createdAt: at,
    updatedAt: at,
    ...fields,
  };
}

export function inUnit<T>(uow: UnitOfWork, ctx: RequestContext, work: (repos: TenantRepositories) => Promise<T>): Promise<T> {
  return uow.run(ctx, work);
}
