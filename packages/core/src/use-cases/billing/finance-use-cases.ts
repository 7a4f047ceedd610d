/** Reconcile, the invoices queue and the jobs that keep invoices moving (overdue, reminders). */
import type { CoreServices } from '../shared/core-services.js';
import { GetInvoiceQueue } from './get-invoice-queue.use-case.js';
import { GetInvoiceReconcileReport } from './get-invoice-reconcile-report.use-case.js';
import { MarkInvoicesOverdue } from './mark-invoices-overdue.use-case.js';
import { ReconcileInvoice } from './reconcile-invoice.use-case.js';
import { SendInvoiceReminders } from './send-invoice-reminders.use-case.js';

export function financeUseCases({ uow, ids, orgs, systemAudit, jobs, billing }: CoreServices) {
  return {
    reconcileReport: new GetInvoiceReconcileReport({ uow }),
    reconcile: new ReconcileInvoice({ uow, ids }),
    invoiceQueue: new GetInvoiceQueue({ uow }),
    markOverdue: new MarkInvoicesOverdue({ uow, ids, orgs, systemAudit, jobs }),
    sendReminders: new SendInvoiceReminders({ uow, ids, orgs, systemAudit, jobs, messaging: billing.messaging, tokens: billing.tokens }),
  };
}
