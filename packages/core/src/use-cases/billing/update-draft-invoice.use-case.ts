import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import type { Invoice } from '../../domain/billing/invoice.js';
import { InvoiceNotes, ReplacementInvoiceLines, InvoiceView, PaymentTermsDays } from '../../domain/billing/invoice-schemas.js';
import { AppError } from '../../errors/app-error.js';
import { loadInvoice, type BillingDeps } from './billing-support.js';
import { assertLineBookings, priceLines, totalsOf, withClient, type InvoiceDetails } from './invoice-support.js';

const contract = defineContract({
  name: 'UpdateDraftInvoice',
  input: Type.Object(
    {
      invoiceId: Uuid(),
      lines: Type.Optional(ReplacementInvoiceLines),
      notes: Type.Optional(InvoiceNotes),
      paymentTermsDays: Type.Optional(PaymentTermsDays),
    },
    { additionalProperties: false },
  ),
  output: InvoiceView,
});

export type UpdateDraftInvoiceInput = ContractInput<typeof contract>;

/**
 * Edits a draft: `lines` replaces every line (guide 000's `recalculate_totals`: the snapshot
 * figures are computed again from them, here and nowhere else), `notes` and `payment_terms_days`
 * replace theirs; absent fields keep their value. The bookings the draft bills stay on it; a line
 * may name one of them. Audited as invoice.updated with the figures before and after.
 * @throws validation.failed — a field the contract refuses, a line naming a booking not on the invoice, a total above the cap.
 * @throws invoice.not_found — also for another org's invoice.
 * @throws invoice.not_draft — the invoice was issued or voided.
 */
export class UpdateDraftInvoice {
  static readonly contract = contract;

  constructor(private readonly deps: BillingDeps) {}

  async execute(ctx: RequestContext, input: UpdateDraftInvoiceInput): Promise<InvoiceDetails> {
    const checked = checkInput(contract, input);
    return this.deps.uow.run(ctx, async (repos) => {
      const before = await loadInvoice(repos, checked.invoiceId, { forUpdate: true });
      if (before.status !== 'DRAFT') throw new AppError('invoice.not_draft', `Invoice ${before.id} is ${before.status}; only a draft can be edited`, { details: { invoice_id: before.id, status: before.status } });
      let after: Invoice = {
        ...before,
        notes: checked.notes === undefined ? before.notes : checked.notes,
        paymentTermsDays: checked.paymentTermsDays ?? before.paymentTermsDays,
        updatedAt: ctx.now,
      };
      if (checked.lines !== undefined) {
        const requests = checked.lines.map((l) => ({ ...l, bookingId: l.bookingId ?? null }));
        assertLineBookings(requests, before.bookingIds);
        const { lines, totals } = priceLines(this.deps.ids, requests);
        after = { ...after, lines, ...totals };
      }
      await repos.invoices.update(after);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: 'invoice.updated',
          resourceType: 'invoice',
          resourceId: before.id,
          before: { ...totalsOf(before), line_count: before.lines.length, payment_terms_days: before.paymentTermsDays },
          after: { ...totalsOf(after), line_count: after.lines.length, payment_terms_days: after.paymentTermsDays },
          metadata: { lines_replaced: checked.lines !== undefined, notes_changed: checked.notes !== undefined },
        }),
      );
      return withClient(repos, after);
    });
  }
}
