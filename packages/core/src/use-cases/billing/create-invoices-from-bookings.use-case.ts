import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { CalendarDate } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { InvoiceBatchView, PaymentTermsDays } from '../../domain/billing/invoice-schemas.js';
import { MAX_INVOICE_LINES } from '../../domain/billing/invoice-totals.js';
import type { Booking, StartKey } from '../../domain/scheduling/booking.js';
import { daysBetween, localDayBounds } from '../../domain/scheduling/zoned-time.js';
import { AppError } from '../../errors/app-error.js';
import { orgToday, type BillingDeps } from './billing-support.js';
import { insertDraft } from './create-invoice.use-case.js';
import type { InvoiceDetails } from './invoice-support.js';

/** The longest period one batch covers (a quarter). */
export const MAX_BATCH_PERIOD_DAYS = 92;
const PAGE = 500;

const contract = defineContract({
  name: 'CreateInvoicesFromBookings',
  input: Type.Object(
    {
      from: CalendarDate({ description: 'First local day (in the org’s zone) whose completed bookings are billed' }),
      to: CalendarDate({ description: `Last local day, inclusive; at most ${MAX_BATCH_PERIOD_DAYS} days after from` }),
      paymentTermsDays: Type.Optional(PaymentTermsDays),
    },
    { additionalProperties: false },
  ),
  output: InvoiceBatchView,
});

export type CreateInvoicesFromBookingsInput = ContractInput<typeof contract>;

export interface InvoiceBatch {
  readonly created: readonly InvoiceDetails[];
  /** Completed bookings of the period left out: already invoiced (also by a concurrent call), an archived client's, or in another currency. */
  readonly skipped: number;
}

/**
 * Batch invoicing: every completed booking that starts in [from, to] (local days in the org's
 * zone) and is on no live invoice gets billed, one draft per client (a client with more than 100
 * such bookings gets several), each with a line per booking as CreateInvoice makes them. Each
 * draft is its own unit of work, so a booking a concurrent call invoices first is skipped
 * (the store's rule that a booking is on one live invoice decides), never billed twice; a
 * second run over the same period therefore creates nothing.
 * @throws validation.failed — bad dates, to before from, a period longer than 92 days.
 */
export class CreateInvoicesFromBookings {
  static readonly contract = contract;

  constructor(private readonly deps: BillingDeps) {}

  async execute(ctx: RequestContext, input: CreateInvoicesFromBookingsInput): Promise<InvoiceBatch> {
    const { from, to, paymentTermsDays } = checkInput(contract, input);
    const span = daysBetween(from, to);
    if (span < 0) throw AppError.validation([{ pointer: '/to', detail: 'must not be before from' }]);
    if (span >= MAX_BATCH_PERIOD_DAYS) throw AppError.validation([{ pointer: '/to', detail: `must be within ${MAX_BATCH_PERIOD_DAYS} days of from (inclusive)` }]);
    const terms = paymentTermsDays ?? this.deps.options.defaultPaymentTermsDays;

    const { candidates, currency } = await this.deps.uow.run(ctx, async (repos) => {
      const { settings } = await orgToday(repos, ctx);
      const window = { from: localDayBounds(from, settings.timeZone).start, to: localDayBounds(to, settings.timeZone).end };
      const found: Booking[] = [];
      let after: StartKey | null = null;
      for (;;) {
        const page = await repos.bookings.list({ window, statuses: ['completed'], workerId: null, teamId: null, clientId: null, seriesId: null, unassignedOnly: false, after, limit: PAGE });
        // The list is of bookings overlapping the window; the batch bills those that start in it.
        found.push(...page.filter((b) => b.startsAt >= window.from && b.startsAt < window.to));
        if (page.length < PAGE) break;
        const last = page[page.length - 1]!;
        after = { startsAt: last.startsAt, id: last.id };
      }
      return { candidates: found, currency: settings.currency };
    });

    let skipped = candidates.filter((b) => b.currency !== currency).length;
    const byClient = new Map<string, string[]>();
    for (const b of candidates) {
      if (b.currency !== currency) continue;
      byClient.set(b.clientId, [...(byClient.get(b.clientId) ?? []), b.id]);
    }
    const created: InvoiceDetails[] = [];
    for (const [clientId, bookingIds] of byClient) {
      const outcome = await this.invoiceClient(ctx, clientId, bookingIds, terms);
      created.push(...outcome.created);
      skipped += outcome.skipped;
    }
    return { created, skipped };
  }

  /** The client's bookings not yet invoiced, in drafts of at most 100; a lost race is re-read once. */
  private async invoiceClient(ctx: RequestContext, clientId: string, bookingIds: readonly string[], terms: number): Promise<{ created: InvoiceDetails[]; skipped: number }> {
    const created: InvoiceDetails[] = [];
    let skipped = 0;
    for (let start = 0; start < bookingIds.length; start += MAX_INVOICE_LINES) {
      const chunk = bookingIds.slice(start, start + MAX_INVOICE_LINES);
      for (let attempt = 0; ; attempt += 1) {
        try {
          const made = await this.deps.uow.run(ctx, async (repos) => {
            const client = await repos.clients.findById(clientId);
            if (client === null || client.archivedAt !== null) return { details: null, left: chunk.length };
            const taken = await repos.invoices.invoicedBookingIds(chunk);
            const free = chunk.filter((id) => !taken.has(id));
            if (free.length === 0) return { details: null, left: chunk.length };
            const details = await insertDraft(ctx, this.deps, repos, this.deps.ids.next(), { clientId, lines: [], bookingIds: free, notes: null, paymentTermsDays: terms }, { batch: true });
            return { details, left: chunk.length - free.length };
          });
          if (made.details !== null) created.push(made.details);
          skipped += made.left;
          break;
        } catch (err) {
          // Another call invoiced one of these bookings between the read and the insert: read again.
          const raced = err instanceof AppError && (err.code === 'invoice.booking_not_invoiceable' || err.code === 'storage.conflict');
          if (!raced || attempt >= 2) {
            if (raced) {
              skipped += chunk.length;
              break;
            }
            throw err;
          }
        }
      }
    }
    return { created, skipped };
  }
}
