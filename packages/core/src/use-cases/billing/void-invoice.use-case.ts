import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { Text, Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import type { Invoice } from '../../domain/billing/invoice.js';
import { InvoiceView, MAX_VOID_REASON } from '../../domain/billing/invoice-schemas.js';
import { AppError } from '../../errors/app-error.js';
import { booksOf, loadInvoice, type BillingDeps } from './billing-support.js';
import { withClient, type InvoiceDetails } from './invoice-support.js';

const contract = defineContract({
  name: 'VoidInvoice',
  input: Type.Object({ invoiceId: Uuid(), reason: Text(MAX_VOID_REASON, { description: 'Why the invoice is void (kept on it and in the audit log)' }) }, { additionalProperties: false }),
  output: InvoiceView,
});

export type VoidInvoiceInput = ContractInput<typeof contract>;

const VOIDABLE = ['DRAFT', 'SENT', 'OVERDUE'] as const;

/**
 * Voids an invoice that holds no money of its own: a draft, or a SENT / OVERDUE invoice with no
 * succeeded balance or tip payment (refund those first). Deposits applied from its bookings go
 * back to those bookings (not applied to any invoice), and the bookings are released, so a new
 * invoice can bill them and take their deposits again. Its public links stop working. VOID is
 * final. Audited as invoice.voided with the reason.
 * @throws validation.failed — no reason, or the id is not a UUID.
 * @throws invoice.not_found — also for another org's invoice.
 * @throws invoice.invalid_transition — PAID, PARTIAL or already VOID, or money was paid on it (refund first).
 */
export class VoidInvoice {
  static readonly contract = contract;

  constructor(private readonly deps: BillingDeps) {}

  async execute(ctx: RequestContext, input: VoidInvoiceInput): Promise<InvoiceDetails> {
    const { invoiceId, reason } = checkInput(contract, input);
    return this.deps.uow.run(ctx, async (repos) => {
      const before = await loadInvoice(repos, invoiceId, { forUpdate: true });
      if (!(VOIDABLE as readonly string[]).includes(before.status)) {
        const detail = before.status === 'VOID' ? 'it is already void' : `it is ${before.status}: refund its payments first`;
        throw new AppError('invoice.invalid_transition', `Invoice ${before.id} cannot be voided: ${detail}`, { details: { invoice_id: before.id, status: before.status, to: 'VOID' } });
      }
      const payments = await repos.payments.listByInvoice(before.id);
      const paid = payments.filter((p) => p.purpose !== 'deposit' && p.status === 'succeeded');
      if (paid.length > 0) {
        throw new AppError('invoice.invalid_transition', `Invoice ${before.id} has ${paid.length} succeeded payment(s): refund them first, then void it`, {
          details: { invoice_id: before.id, status: before.status, to: 'VOID', payment_ids: paid.map((p) => p.id) },
        });
      }
      const released: string[] = [];
      for (const deposit of payments.filter((p) => p.purpose === 'deposit')) {
        await repos.payments.update({ ...deposit, invoiceId: null, updatedAt: ctx.now });
        released.push(deposit.id);
      }
      const after: Invoice = { ...before, status: 'VOID', paidCents: 0, paidAt: null, voidedAt: ctx.now, voidReason: reason, updatedAt: ctx.now };
      await repos.invoices.update(after);
      const revoked = await repos.invoiceLinks.revokeForInvoice(before.id, ctx.now);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: 'invoice.voided',
          resourceType: 'invoice',
          resourceId: before.id,
          before: { ...booksOf(before, 0) },
          after: { ...booksOf(after, 0) },
          metadata: { reason, released_booking_ids: before.bookingIds, deposits_released: released, links_revoked: revoked },
        }),
      );
      return withClient(repos, after);
    });
  }
}
