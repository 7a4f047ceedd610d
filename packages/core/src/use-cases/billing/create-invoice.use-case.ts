import { createHash } from 'node:crypto';
import { claimIdempotencyKey } from '../shared/idempotency-claim.js';
import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type CheckedInput, type ContractInput } from '../../contracts/use-case-contract.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import type { Invoice } from '../../domain/billing/invoice.js';
import { InvoiceBookingIds, InvoiceLines, InvoiceNotes, InvoiceView, PaymentTermsDays } from '../../domain/billing/invoice-schemas.js';
import { IdempotencyKey } from '../../domain/scheduling/booking-schemas.js';
import { AppError } from '../../errors/app-error.js';
import type { TenantRepositories } from '../../ports/unit-of-work.port.js';
import { assertClientActive, clientNotFound } from '../clients/client-errors.js';
import { orgToday, settleInvoice, type BillingDeps } from './billing-support.js';
import { applyDeposits, assertLineBookings, bookingLines, clientOf, invoiceableBookings, priceLines, totalsOf, withClient, type InvoiceDetails, type LineRequest } from './invoice-support.js';

const contract = defineContract({
  name: 'CreateInvoice',
  input: Type.Object(
    {
      clientId: Uuid(),
      lines: Type.Optional(InvoiceLines),
      bookingIds: Type.Optional(InvoiceBookingIds),
      notes: Type.Optional(InvoiceNotes),
      paymentTermsDays: Type.Optional(PaymentTermsDays),
      idempotencyKey: Type.Optional(IdempotencyKey),
    },
    { additionalProperties: false },
  ),
  output: InvoiceView,
});

export type CreateInvoiceInput = ContractInput<typeof contract>;

export interface CreateInvoiceResult extends InvoiceDetails {
  /** True when an earlier call with the same idempotency key made this invoice. */
  readonly replayed: boolean;
}

interface InvoicePlan {
  readonly clientId: string;
  readonly lines: readonly LineRequest[];
  readonly bookingIds: readonly string[];
  readonly notes: string | null;
  readonly paymentTermsDays: number;
}

function fingerprint(plan: InvoicePlan): string {
  return createHash('sha256').update(JSON.stringify(plan)).digest('hex');
}

/** What the invoice is built from, with defaults filled in (and its order fixed: it is the idempotency fingerprint). */
function planOf(input: CheckedInput<typeof contract>, defaultTerms: number): InvoicePlan {
  const lines = (input.lines ?? []).map((l) => ({ description: l.description, quantity: l.quantity, unitPriceCents: l.unitPriceCents, taxRateBasis: l.taxRateBasis, bookingId: l.bookingId ?? null }));
  const bookingIds = input.bookingIds ?? [];
  assertLineBookings(lines, bookingIds);
  if (lines.length === 0 && bookingIds.length === 0) throw AppError.validation([{ pointer: '/lines', detail: 'must have at least one line (or bookings to bill)' }]);
  return { clientId: input.clientId, lines, bookingIds, notes: input.notes ?? null, paymentTermsDays: input.paymentTermsDays ?? defaultTerms };
}

/**
 * Builds and stores a draft in the caller's unit; shared with batch invoicing. The draft's
 * bookings must be invoiceable; their deposits are applied to it.
 */
export async function insertDraft(ctx: RequestContext, deps: Pick<BillingDeps, 'ids'>, repos: TenantRepositories, id: string, plan: InvoicePlan, metadata: Record<string, unknown> = {}): Promise<InvoiceDetails> {
  const client = await repos.clients.findById(plan.clientId);
  if (client === null) throw clientNotFound(plan.clientId);
  assertClientActive(client);
  const { today, settings } = await orgToday(repos, ctx);
  const currency = settings.currency;
  const bookings = await invoiceableBookings(repos, plan.clientId, plan.bookingIds, currency);
  const requests = [...plan.lines, ...(await bookingLines(repos, bookings, plan.lines))];
  const { lines, totals } = priceLines(deps.ids, requests);
  const invoice: Invoice = {
    id,
    orgId: ctx.orgId,
    clientId: plan.clientId,
    number: null,
    status: 'DRAFT',
    currency,
    issueDate: null,
    dueDate: null,
    paymentTermsDays: plan.paymentTermsDays,
    notes: plan.notes,
    lines,
    bookingIds: plan.bookingIds,
    ...totals,
    paidCents: 0,
    sentAt: null,
    paidAt: null,
    voidedAt: null,
    voidReason: null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  await repos.invoices.insert(invoice);
  const deposits = await applyDeposits(ctx, repos, id, plan.bookingIds);
  await repos.audit.append(
    auditEntry(ctx, deps.ids, {
      action: 'invoice.created',
      resourceType: 'invoice',
      resourceId: id,
      after: { status: invoice.status, client_id: invoice.clientId, booking_ids: invoice.bookingIds, line_count: lines.length, payment_terms_days: invoice.paymentTermsDays, ...totalsOf(invoice) },
      metadata: { ...metadata, ...(deposits.length === 0 ? {} : { deposits_applied: deposits }) },
    }),
  );
  const { after } = deposits.length === 0 ? { after: invoice } : await settleInvoice(ctx, deps, repos, invoice, today, { cause: 'deposits_applied', payment_ids: deposits });
  return { invoice: after, client: clientOf(client) };
}

/**
 * A draft invoice for a client of the org: lines as given, plus one for each booking billed that
 * no line names (its service and agreed price; see invoice-support.ts). In the org's currency;
 * no number until issued. Deposits its bookings already took are applied to it. Audited as
 * invoice.created. With an idempotency key, a retry with the same input returns the invoice the
 * first call made.
 * @throws validation.failed — a field the contract refuses (a quantity with more than 3 decimals,
 *   a negative price, a rate above 10000, more than 100 lines), no line and no booking, a line
 *   naming a booking not in booking_ids, a total above the cap.
 * @throws client.not_found, client.archived, booking.not_found
 * @throws invoice.booking_not_invoiceable — a booking not completed, another client's, or already on a live invoice.
 * @throws invoice.currency_mismatch — a booking in another currency than the org's.
 * @throws idempotency.key_reused — the key was used for a different input.
 */
export class CreateInvoice {
  static readonly contract = contract;

  constructor(private readonly deps: BillingDeps) {}

  async execute(ctx: RequestContext, input: CreateInvoiceInput): Promise<CreateInvoiceResult> {
    const checked = checkInput(contract, input);
    const plan = planOf(checked, this.deps.options.defaultPaymentTermsDays);
    const key = checked.idempotencyKey ?? null;
    const id = this.deps.ids.next();
    return this.deps.uow.run(ctx, async (repos) => {
      if (key !== null) {
        const heldId = await claimIdempotencyKey(repos, ctx, { scope: 'invoice.create', key, fingerprint: fingerprint(plan), resourceId: id, what: 'invoice' });
        if (heldId !== null) {
          const earlier = await repos.invoices.findById(heldId);
          if (earlier === null) throw new AppError('invoice.not_found', `No invoice ${heldId} in this organisation`);
          return { ...(await withClient(repos, earlier)), replayed: true };
        }
      }
      const made = await insertDraft(ctx, this.deps, repos, id, plan, key === null ? {} : { idempotency_key: key });
      return { ...made, replayed: false };
    });
  }
}
