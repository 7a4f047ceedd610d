import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import { formatInvoiceNumber, outstandingCents, type Invoice } from '../../domain/billing/invoice.js';
import { IssuedInvoiceView } from '../../domain/billing/invoice-schemas.js';
import { addDays } from '../../domain/scheduling/zoned-time.js';
import { AppError } from '../../errors/app-error.js';
import { enqueueMessage } from '../outbox/enqueue-message.js';
import { loadInvoice, orgToday, settleInvoice, type BillingDeps } from './billing-support.js';
import { createInvoiceLink } from './invoice-links.js';
import { totalsOf, withClient, type InvoiceDetails } from './invoice-support.js';

const contract = defineContract({ name: 'IssueInvoice', input: Type.Object({ invoiceId: Uuid() }, { additionalProperties: false }), output: IssuedInvoiceView });

export type IssueInvoiceInput = ContractInput<typeof contract>;

/** Whether the invoice_sent mail was queued (see InvoiceDelivery). */
export type InvoiceMailDelivery = 'queued' | 'no_mail_transport' | 'no_address';

export interface IssuedInvoice extends InvoiceDetails {
  readonly delivery: InvoiceMailDelivery;
}

/**
 * Sends a draft: DRAFT → SENT with the org's next number for the year of the issue date
 * (`INV-2026-000123`, taken under the sequence's row lock in this unit, so concurrent issues get
 * consecutive numbers and a failed issue gives its number back), issue date today in the org's
 * zone, due date issue + payment terms, and a public link whose token is mailed to the client
 * (invoice_sent, enqueued in this unit, dedupe `invoice:{id}:sent`). The money it already has
 * (deposits applied to the draft) settles it at once: covered → PAID, part → PARTIAL. An invoice
 * of total 0 is therefore PAID as soon as it is issued — there is nothing to pay, and it still
 * gets a number and its mail, so the books show the work was billed. Audited as invoice.issued.
 * @throws validation.failed — the id is not a UUID.
 * @throws invoice.not_found — also for another org's invoice.
 * @throws invoice.invalid_transition — not a draft (already issued, or void).
 */
export class IssueInvoice {
  static readonly contract = contract;

  constructor(private readonly deps: BillingDeps) {}

  async execute(ctx: RequestContext, input: IssueInvoiceInput): Promise<IssuedInvoice> {
    const { invoiceId } = checkInput(contract, input);
    return this.deps.uow.run(ctx, async (repos) => {
      const draft = await loadInvoice(repos, invoiceId, { forUpdate: true });
      if (draft.status !== 'DRAFT') {
        throw new AppError('invoice.invalid_transition', `Invoice ${draft.id} is ${draft.status}; only a draft can be issued`, { details: { invoice_id: draft.id, status: draft.status, to: 'SENT' } });
      }
      const { today } = await orgToday(repos, ctx);
      const sequence = await repos.invoices.nextNumber(Number(today.slice(0, 4)));
      const sent: Invoice = {
        ...draft,
        number: formatInvoiceNumber(Number(today.slice(0, 4)), sequence),
        status: 'SENT',
        issueDate: today,
        dueDate: addDays(today, draft.paymentTermsDays),
        sentAt: ctx.now,
        updatedAt: ctx.now,
      };
      await repos.invoices.update(sent);
      const { after } = await settleInvoice(ctx, this.deps, repos, sent, today, { cause: 'issued' });
      const { link, token } = await createInvoiceLink(ctx, this.deps, repos, after.id);
      const details = await withClient(repos, after);
      const outcome = await enqueueMessage(this.deps, repos, ctx, {
        channel: 'email',
        dedupeKey: `invoice:${after.id}:sent`,
        template: 'invoice_sent',
        to: details.client.email,
        toName: details.client.name,
        data: {
          invoiceId: after.id,
          invoiceNumber: after.number!,
          recipientName: details.client.name,
          totalCents: after.totalCents,
          outstandingCents: outstandingCents(after),
          currency: after.currency,
          dueDate: after.dueDate,
        },
        secret: token,
      });
      const delivery: InvoiceMailDelivery = outcome.queued ? 'queued' : outcome.reason === 'no_address' ? 'no_address' : 'no_mail_transport';
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: 'invoice.issued',
          resourceType: 'invoice',
          resourceId: after.id,
          before: { status: draft.status, number: null },
          after: { status: after.status, number: after.number, issue_date: after.issueDate, due_date: after.dueDate, paid_cents: after.paidCents, ...totalsOf(after) },
          metadata: { link_id: link.id, delivery },
        }),
      );
      return { ...details, delivery };
    });
  }
}
