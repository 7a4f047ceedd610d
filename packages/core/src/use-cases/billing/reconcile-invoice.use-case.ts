import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { OneOf, Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import { INVOICE_STATUSES } from '../../domain/billing/invoice.js';
import { AppError } from '../../errors/app-error.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { booksOf, loadInvoice, orgToday, settleInvoice, type BooksSnapshot } from './billing-support.js';

export interface ReconcileInvoiceDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
}

const BooksView = Type.Object(
  {
    status: OneOf(INVOICE_STATUSES),
    paidCents: Type.Integer(),
    outstandingCents: Type.Integer({ minimum: 0 }),
    succeededCount: Type.Integer({ minimum: 0, description: 'Succeeded (or later refunded) payments' }),
  },
  { additionalProperties: false, $id: 'InvoiceBooks' },
);

const contract = defineContract({
  name: 'ReconcileInvoice',
  input: Type.Object({ id: Uuid({ description: 'The invoice' }) }, { additionalProperties: false }),
  output: Type.Object(
    {
      invoiceId: Type.String({ format: 'uuid' }),
      changed: Type.Boolean({ description: 'Whether the stored paid or status changed (false: the books already agreed)' }),
      before: BooksView,
      after: BooksView,
    },
    { additionalProperties: false, $id: 'InvoiceReconciliation' },
  ),
});

export type ReconcileInvoiceInput = ContractInput<typeof contract>;

export interface InvoiceReconciliation {
  readonly invoiceId: string;
  readonly changed: boolean;
  readonly before: BooksSnapshot;
  readonly after: BooksSnapshot;
}

/**
 * Repairs one invoice's books (guide 000 "How to reconcile an invoice safely"): locks the invoice
 * row, recomputes paid from its succeeded manual and Stripe payments (`settleInvoice`, the same
 * rule every payment change uses) and sets PAID / PARTIAL / SENT / OVERDUE from that sum on the
 * org's today. It never creates, changes or fetches a payment: with no succeeded payment the
 * invoice simply reopens. Idempotent: a repeat changes nothing. Every call — also one that
 * changes nothing — writes one audit row `invoice.reconciled` with the books before and after
 * and `changed`, and settling then writes no `invoice.settled` row of its own, so an effective
 * change has exactly one row.
 * Drafts have no books and void invoices are final: both are refused, nothing written.
 * @throws validation.failed — id is not a UUID.
 * @throws invoice.not_found — no such invoice in this org (also another org's id).
 * @throws invoice.invalid_transition — the invoice is a DRAFT or VOID.
 * @throws org.not_found — the org has no settings.
 */
export class ReconcileInvoice {
  static readonly contract = contract;

  constructor(private readonly deps: ReconcileInvoiceDeps) {}

  async execute(ctx: RequestContext, input: ReconcileInvoiceInput): Promise<InvoiceReconciliation> {
    const { id } = checkInput(contract, input);
    return this.deps.uow.run(ctx, async (repos) => {
      const { today } = await orgToday(repos, ctx);
      // The lock comes first: payments written concurrently settle after (or before) this, never interleaved.
      const invoice = await loadInvoice(repos, id, { forUpdate: true });
      if (invoice.status === 'DRAFT' || invoice.status === 'VOID') {
        throw new AppError('invoice.invalid_transition', `A ${invoice.status} invoice has no books to reconcile`, { details: { status: invoice.status } });
      }
      const settlement = await settleInvoice(ctx, this.deps, repos, invoice, today, { reason: 'reconcile' }, { audit: false });
      const before = booksOf(settlement.before, settlement.succeededCount);
      const after = booksOf(settlement.after, settlement.succeededCount);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: 'invoice.reconciled',
          resourceType: 'invoice',
          resourceId: invoice.id,
          before: { ...before },
          after: { ...after },
          metadata: { changed: settlement.changed },
        }),
      );
      return { invoiceId: invoice.id, changed: settlement.changed, before, after };
    });
  }
}
