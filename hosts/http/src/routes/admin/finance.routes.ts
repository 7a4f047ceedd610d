/** Finance: invoice reconcile (guide 000 "How to detect invoice mismatches", "How to reconcile an invoice safely") and the invoices queue ("Operator productivity queues"). */
import { GetInvoiceQueue, GetInvoiceReconcileReport, ReconcileInvoice } from '@cws/core';
import { defineContractRoute, type RouteDefinition } from '../../routing/route-definition.js';
import { invoiceQueueJson, reconcileReportJson, reconciliationJson } from '../../presenters/finance-presenters.js';

export function financeRoutes(): RouteDefinition[] {
  return [
    defineContractRoute({
      method: 'GET',
      path: '/v1/admin/finance/reconcile/invoices',
      operationId: 'getInvoiceReconcileReport',
      summary: 'Invoices whose stored paid or status disagree with their payments (status=all: every issued invoice)',
      description:
        'status=mismatch (default) lists issued invoices whose stored paid_cents differs from what their succeeded payments settle (settled_cents: amounts less refunds, tips excluded), or whose status is not the one that sum gives on the org’s calendar (PAID, PARTIAL, SENT, or OVERDUE once past due); status=all lists every issued invoice. Each row has payment counts, the last payment time, outstanding_cents by the payments, mismatch, and quick_action: the POST that repairs it. Newest first; limit (1–200, default 50) and offset (0–100000) with total. Finance roles only; only the caller’s org.',
      tags: ['Finance'],
      audience: 'staff',
      permission: 'finance.view',
      contract: GetInvoiceReconcileReport.contract,
      responses: { 200: { description: 'A page of the report', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: reconcileReportJson(await runtime.core.finance.reconcileReport.execute(ctx, input)) };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/admin/finance/invoices/:id/reconcile',
      operationId: 'reconcileInvoice',
      summary: 'Recompute an invoice’s paid amount and status from its succeeded payments',
      description:
        'Locks the invoice row, recomputes paid from its succeeded manual and Stripe payments and sets PAID, PARTIAL, SENT or OVERDUE from that sum; never creates or changes a payment (with none the invoice reopens). Idempotent: a repeat answers changed=false and changes nothing. Every call is audited (invoice.reconciled, with status, paid, outstanding and succeeded payment count before and after, and changed). 409 invoice.invalid_transition for a draft or void invoice; 404 for an id this org does not have.',
      tags: ['Finance'],
      audience: 'staff',
      permission: 'finance.reconcile',
      contract: ReconcileInvoice.contract,
      responses: { 200: { description: 'The books before and after', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: reconciliationJson(await runtime.core.finance.reconcile.execute(ctx, input)) };
      },
    }),
    defineContractRoute({
      method: 'GET',
      path: '/v1/admin/queue/invoices',
      operationId: 'getInvoiceQueue',
      summary: 'The invoices queue: unpaid and overdue invoices, oldest due first',
      description:
        'overdue_count and unpaid_count count the org’s invoices whatever the filter. status=overdue lists issued invoices with money left to pay whose due date has passed on the org’s calendar; unpaid those with money left to pay; all (default) the same as unpaid (every overdue invoice is unpaid). Oldest due date first; each row has the number, the client’s name, the due date, days_overdue, outstanding_cents and status. limit (1–200, default 50) and offset (0–100000) page in the database; total counts the filtered invoices. Finance roles only.',
      tags: ['Finance'],
      audience: 'staff',
      permission: 'finance.view',
      contract: GetInvoiceQueue.contract,
      responses: { 200: { description: 'Counts and a page of the queue', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: invoiceQueueJson(await runtime.core.finance.invoiceQueue.execute(ctx, input)) };
      },
    }),
  ];
}
