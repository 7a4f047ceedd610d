/** The invoice lifecycle: each use case (with its contract), the helpers they share, their wiring, and the invoice schemas. */
export * from './create-invoice.use-case.js';
export * from './create-invoices-from-bookings.use-case.js';
export * from './get-invoice.use-case.js';
export * from './list-invoices.use-case.js';
export * from './update-draft-invoice.use-case.js';
export * from './issue-invoice.use-case.js';
export * from './void-invoice.use-case.js';
export * from './get-public-invoice.use-case.js';
export { parseInvoiceToken, type ParsedInvoiceToken } from './invoice-links.js';
export type { InvoiceClient, InvoiceDetails } from './invoice-support.js';
export * from './invoice-use-cases.js';
export * from '../../domain/billing/invoice-schemas.js';
