/**
 * Invoices (issue 11; guide 000 "Invoice tax snapshots and reporting"): drafts from lines or
 * completed bookings, batch invoicing of a period, edits of a draft (the one place the snapshot
 * is recalculated), issuing (number, dates in the org's zone, public link mailed) and voiding.
 * FINANCE, ADMIN and OWNER write; every staff role reads (amounts visible, client PII masked for
 * VIEWER).
 */
import { CreateInvoice, CreateInvoicesFromBookings, GetInvoice, IssueInvoice, ListInvoices, UpdateDraftInvoice, VoidInvoice } from '@cws/core';
import { defineContractRoute, type RouteDefinition } from '../../routing/route-definition.js';
import { pageJson } from '../../presenters/presenters.js';
import { piiPolicy } from '../../presenters/pii-masking.js';
import { invoiceJson } from '../../presenters/invoice-presenters.js';

const tags = ['Invoices'] as const;

const LINE_RULES =
  'Each line: description, quantity (a number with at most 3 decimal places; more precision is 422, never rounded), unit_price_cents (minor units of the org’s currency: cents, yen, fils), tax_rate_basis (0-10000 basis points). Each line is rounded half up to the minor unit and its tax likewise; the invoice’s figures are the sums of its lines (subtotal_cents, taxable_subtotal_cents, tax_cents, total_cents = subtotal + tax; tax_rate_basis the effective rate). A total above 90 000 000 000 000 minor units is 422.';

export function invoiceRoutes(): RouteDefinition[] {
  return [
    defineContractRoute({
      method: 'GET',
      path: '/v1/admin/invoices',
      operationId: 'listInvoices',
      summary: 'List invoices, newest first',
      description: 'Filters: status (repeat for several), client_id, issued_from / issued_to (local dates, inclusive; drafts have no issue date and are left out). Cursor pagination (limit 1-200, default 50). Viewers see the client’s email masked and notes withheld.',
      tags,
      audience: 'staff',
      permission: 'invoices.view',
      contract: ListInvoices.contract,
      responses: { 200: { description: 'A page of invoices', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        const page = await runtime.core.invoices.list.execute(ctx, input);
        const view = piiPolicy(ctx);
        return { status: 200, body: pageJson(page, (d) => invoiceJson(d, view)) };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/admin/invoices',
      operationId: 'createInvoice',
      summary: 'Create a draft invoice for a client (send Idempotency-Key to make retries safe)',
      description: `${LINE_RULES} booking_ids bills completed bookings of the client (each on one live invoice at most: 409 invoice.booking_not_invoiceable; another currency: 409 invoice.currency_mismatch); a booking no line names gets a line of its own (its service and agreed price, tax 0). Deposits those bookings took are applied. In the org’s currency; no number until issued. With an Idempotency-Key, a retry with the same body answers the first invoice with Idempotent-Replayed: true.`,
      tags,
      audience: 'staff',
      permission: 'invoices.manage',
      contract: CreateInvoice.contract,
      headerFields: { idempotencyKey: 'Idempotency-Key' },
      responses: {
        201: { description: 'The draft (also for a replay)', schema: 'output', headers: ['Location', 'Idempotent-Replayed'] },
        404: { description: 'client.not_found or booking.not_found' },
        409: { description: 'client.archived, invoice.booking_not_invoiceable, invoice.currency_mismatch' },
      },
      async handler({ runtime, ctx, input }) {
        const { replayed, ...details } = await runtime.core.invoices.create.execute(ctx, input);
        return {
          status: 201,
          body: invoiceJson(details),
          headers: { Location: `/v1/admin/invoices/${details.invoice.id}`, ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}) },
        };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/admin/invoices/batch',
      operationId: 'createInvoicesFromBookings',
      summary: 'Batch invoicing: a draft per client for the completed, uninvoiced bookings of a period',
      description:
        'from and to are local days in the org’s zone (inclusive, at most 92 days). Every completed booking starting in the period that is on no live invoice is billed, one draft per client. Running it again finds nothing more to bill (created is empty); a booking billed meanwhile by another call counts as skipped.',
      tags,
      audience: 'staff',
      permission: 'invoices.manage',
      contract: CreateInvoicesFromBookings.contract,
      responses: { 201: { description: 'The drafts made and how many bookings were skipped', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        const batch = await runtime.core.invoices.createFromBookings.execute(ctx, input);
        return { status: 201, body: { created: batch.created.map((d) => invoiceJson(d)), skipped: batch.skipped } };
      },
    }),
    defineContractRoute({
      method: 'GET',
      path: '/v1/admin/invoices/:invoiceId',
      operationId: 'getInvoice',
      summary: 'Get one invoice with its lines and stored figures',
      description: 'The figures are the snapshot stored when the lines were last set; they never follow later changes of the org’s settings. Another org’s invoice answers 404. Viewers see the client’s email masked and notes withheld.',
      tags,
      audience: 'staff',
      permission: 'invoices.view',
      contract: GetInvoice.contract,
      responses: { 200: { description: 'The invoice', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: invoiceJson(await runtime.core.invoices.get.execute(ctx, input), piiPolicy(ctx)) };
      },
    }),
    defineContractRoute({
      method: 'PATCH',
      path: '/v1/admin/invoices/:invoiceId',
      operationId: 'updateDraftInvoice',
      summary: 'Edit a draft: replace its lines, notes or payment terms (recalculates the figures)',
      description: `${LINE_RULES} lines replaces every line; absent fields keep their value. Only a DRAFT can be edited (409 invoice.not_draft).`,
      tags,
      audience: 'staff',
      permission: 'invoices.manage',
      contract: UpdateDraftInvoice.contract,
      bodyRequired: true,
      responses: { 200: { description: 'The draft', schema: 'output' }, 409: { description: 'invoice.not_draft' } },
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: invoiceJson(await runtime.core.invoices.updateDraft.execute(ctx, input)) };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/admin/invoices/:invoiceId/issue',
      operationId: 'issueInvoice',
      summary: 'Issue (send) a draft: number, dates, public link mailed to the client',
      description:
        'DRAFT → SENT with the next number of the org for the year (INV-2026-000123; concurrent issues get consecutive numbers, none skipped), issue_date today in the org’s zone, due_date issue + payment terms. The invoice_sent mail with a public link is queued in the outbox (delivery queued; no_mail_transport without an email channel; no_address when the client has no email). Money already applied (deposits) settles it: PARTIAL or PAID; a total of 0 is PAID at once. Issuing twice is 409 invoice.invalid_transition. No request body.',
      tags,
      audience: 'staff',
      permission: 'invoices.manage',
      contract: IssueInvoice.contract,
      responses: { 200: { description: 'The issued invoice and its mail’s delivery', schema: 'output' }, 409: { description: 'invoice.invalid_transition' } },
      async handler({ runtime, ctx, input }) {
        const issued = await runtime.core.invoices.issue.execute(ctx, input);
        return { status: 200, body: { invoice: invoiceJson(issued), delivery: issued.delivery } };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/admin/invoices/:invoiceId/void',
      operationId: 'voidInvoice',
      summary: 'Void an invoice that holds no payment (a reason is required)',
      description:
        'From DRAFT, SENT or OVERDUE, with no succeeded payment on it (refund first: 409 invoice.invalid_transition). Its bookings are released (they can be invoiced again), deposits applied from them go back to the bookings, and its public links stop working. VOID is final.',
      tags,
      audience: 'staff',
      permission: 'invoices.manage',
      contract: VoidInvoice.contract,
      responses: { 200: { description: 'The void invoice', schema: 'output' }, 409: { description: 'invoice.invalid_transition' } },
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: invoiceJson(await runtime.core.invoices.void.execute(ctx, input)) };
      },
    }),
  ];
}
