/** The invoice lifecycle use cases, each built from the core's shared services (explicit wiring, no container). */
import type { CoreServices } from '../shared/core-services.js';
import { CreateInvoice } from './create-invoice.use-case.js';
import { CreateInvoicesFromBookings } from './create-invoices-from-bookings.use-case.js';
import { GetInvoice } from './get-invoice.use-case.js';
import { GetPublicInvoice } from './get-public-invoice.use-case.js';
import { IssueInvoice } from './issue-invoice.use-case.js';
import { ListInvoices } from './list-invoices.use-case.js';
import { UpdateDraftInvoice } from './update-draft-invoice.use-case.js';
import { VoidInvoice } from './void-invoice.use-case.js';

export function invoiceUseCases({ billing, orgs, limiter }: CoreServices) {
  return {
    create: new CreateInvoice(billing),
    createFromBookings: new CreateInvoicesFromBookings(billing),
    get: new GetInvoice(billing),
    list: new ListInvoices(billing),
    updateDraft: new UpdateDraftInvoice(billing),
    issue: new IssueInvoice(billing),
    void: new VoidInvoice(billing),
    getPublic: new GetPublicInvoice({ uow: billing.uow, orgs, tokens: billing.tokens, limiter }),
  };
}
