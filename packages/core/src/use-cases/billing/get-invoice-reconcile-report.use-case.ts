import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { InstantView, Nullable, OneOf } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { INVOICE_STATUSES, isMismatch, type InvoiceStatus } from '../../domain/billing/invoice.js';
import type { LocalDate } from '../../domain/scheduling/zoned-time.js';
import type { InvoiceReconcileRow } from '../../ports/billing-repositories.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { orgToday } from './billing-support.js';
import { FinancePageFields, FinancePageInfo, financePage } from './finance-support.js';

export interface GetInvoiceReconcileReportDeps {
  readonly uow: UnitOfWork;
}

const Cents = (description: string) => Type.Integer({ description });

export const InvoiceReconcileRowView = Type.Object(
  {
    invoiceId: Type.String({ format: 'uuid' }),
    number: Nullable(Type.String()),
    status: OneOf(INVOICE_STATUSES),
    currency: Type.String({ description: 'ISO 4217; amounts are minor units of it' }),
    dueDate: Nullable(Type.String({ format: 'date' })),
    totalCents: Cents('The invoice total (its snapshot)'),
    paidCents: Cents('Paid as stored on the invoice'),
    settledCents: Cents('What its succeeded balance and deposit payments settle now (amount less refunds; tips excluded)'),
    outstandingCents: Cents('Left to pay by its payments (total less settled, never negative; 0 when void): what a reconcile stores'),
    paymentCount: Type.Integer({ minimum: 0, description: 'Payments of any status' }),
    succeededPaymentCount: Type.Integer({ minimum: 0, description: 'Succeeded (or later refunded) payments' }),
    lastPaymentAt: Nullable(InstantView({ description: 'When the newest payment arrived (or was recorded)' })),
    mismatch: Type.Boolean({ description: 'The stored paid or status disagrees with the payments' }),
    quickAction: Type.Object(
      { method: Type.Literal('POST'), href: Type.String({ description: 'The reconcile action of this invoice' }) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false, $id: 'InvoiceReconcileRow' },
);

const contract = defineContract({
  name: 'GetInvoiceReconcileReport',
  input: Type.Object(
    {
      status: Type.Optional(OneOf(['mismatch', 'all'], { description: 'mismatch (default): only invoices whose books disagree with their payments; all: every issued invoice' })),
      ...FinancePageFields,
    },
    { additionalProperties: false },
  ),
  output: Type.Object({ items: Type.Array(InvoiceReconcileRowView), ...FinancePageInfo }, { additionalProperties: false, $id: 'InvoiceReconcileReport' }),
});

export type GetInvoiceReconcileReportInput = ContractInput<typeof contract>;

export interface InvoiceReconcileReportRow {
  readonly invoiceId: string;
  readonly number: string | null;
  readonly status: InvoiceStatus;
  readonly currency: string;
  readonly dueDate: LocalDate | null;
  readonly totalCents: number;
  readonly paidCents: number;
  readonly settledCents: number;
  readonly outstandingCents: number;
  readonly paymentCount: number;
  readonly succeededPaymentCount: number;
  readonly lastPaymentAt: Date | null;
  readonly mismatch: boolean;
  readonly quickAction: { readonly method: 'POST'; readonly href: string };
}

export interface InvoiceReconcileReport {
  readonly items: readonly InvoiceReconcileReportRow[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

/** The route that repairs one invoice (guide 000: the report's quick action points at it). */
export const reconcileHref = (invoiceId: string) => `/v1/admin/finance/invoices/${invoiceId}/reconcile`;

export function reconcileReportRow(row: InvoiceReconcileRow, today: LocalDate): InvoiceReconcileReportRow {
  const { invoice } = row;
  return {
    invoiceId: invoice.id,
    number: invoice.number,
    status: invoice.status,
    currency: invoice.currency,
    dueDate: invoice.dueDate,
    totalCents: invoice.totalCents,
    paidCents: invoice.paidCents,
    settledCents: row.settledCents,
    outstandingCents: invoice.status === 'VOID' ? 0 : Math.max(0, invoice.totalCents - row.settledCents),
    paymentCount: row.paymentCount,
    succeededPaymentCount: row.succeededPaymentCount,
    lastPaymentAt: row.lastPaymentAt,
    mismatch: isMismatch(invoice, row.settledCents, today),
    quickAction: { method: 'POST', href: reconcileHref(invoice.id) },
  };
}

/**
 * Invoices whose books and payments disagree (guide 000 "How to detect invoice mismatches"):
 * the stored paid differs from what the payments settle, or the status is not the one that sum
 * gives on the org's today (a SENT invoice past due counts: reconcile or the overdue job moves it).
 * `status=all` lists every issued invoice (drafts have no books). Newest first; limit/offset with
 * the total. Read-only; each row points at its reconcile action.
 * @throws validation.failed — unknown status, limit outside 1–200, offset outside 0–100000.
 * @throws org.not_found — the org has no settings.
 */
export class GetInvoiceReconcileReport {
  static readonly contract = contract;

  constructor(private readonly deps: GetInvoiceReconcileReportDeps) {}

  async execute(ctx: RequestContext, input: GetInvoiceReconcileReportInput = {}): Promise<InvoiceReconcileReport> {
    const checked = checkInput(contract, input);
    const { limit, offset } = financePage(checked);
    return this.deps.uow.run(ctx, async (repos) => {
      const { today } = await orgToday(repos, ctx);
      const { rows, total } = await repos.invoices.reconcileReport({ mismatchOnly: (checked.status ?? 'mismatch') === 'mismatch', today, limit, offset });
      return { items: rows.map((r) => reconcileReportRow(r, today)), total, limit, offset };
    });
  }
}
