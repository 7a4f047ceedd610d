/** Reconcile report, reconciliations and the invoices queue → JSON (snake_case, instants in UTC ISO). */
import type { InvoiceQueue, InvoiceQueueItem, InvoiceReconcileReport, InvoiceReconcileReportRow, InvoiceReconciliation } from '@cws/core';

export function reconcileRowJson(r: InvoiceReconcileReportRow) {
  return {
    invoice_id: r.invoiceId,
    number: r.number,
    status: r.status,
    currency: r.currency,
    due_date: r.dueDate,
    total_cents: r.totalCents,
    paid_cents: r.paidCents,
    settled_cents: r.settledCents,
    outstanding_cents: r.outstandingCents,
    payment_count: r.paymentCount,
    succeeded_payment_count: r.succeededPaymentCount,
    last_payment_at: r.lastPaymentAt === null ? null : r.lastPaymentAt.toISOString(),
    mismatch: r.mismatch,
    quick_action: { method: r.quickAction.method, href: r.quickAction.href },
  };
}

export function reconcileReportJson(report: InvoiceReconcileReport) {
  return { items: report.items.map(reconcileRowJson), total: report.total, limit: report.limit, offset: report.offset };
}

const booksJson = (b: InvoiceReconciliation['before']) => ({ status: b.status, paid_cents: b.paidCents, outstanding_cents: b.outstandingCents, succeeded_count: b.succeededCount });

export function reconciliationJson(r: InvoiceReconciliation) {
  return { invoice_id: r.invoiceId, changed: r.changed, before: booksJson(r.before), after: booksJson(r.after) };
}

export function invoiceQueueItemJson(i: InvoiceQueueItem) {
  return {
    invoice_id: i.invoiceId,
    number: i.number,
    status: i.status,
    client_id: i.clientId,
    client_name: i.clientName,
    currency: i.currency,
    total_cents: i.totalCents,
    outstanding_cents: i.outstandingCents,
    issue_date: i.issueDate,
    due_date: i.dueDate,
    days_overdue: i.daysOverdue,
  };
}

export function invoiceQueueJson(q: InvoiceQueue) {
  return { overdue_count: q.overdueCount, unpaid_count: q.unpaidCount, items: q.items.map(invoiceQueueItemJson), total: q.total, limit: q.limit, offset: q.offset };
}
