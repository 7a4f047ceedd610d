import { Type } from '@sinclair/typebox';
import { systemActor, tenantContextFor, type RequestContext, type SystemContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import { outstandingCents, type Invoice, type InvoicePayment, type PaymentPurpose, type PaymentStatus, type StripeEventRecord, type StripeEventStatus } from '../../domain/billing/invoice.js';
import { sanitiseDeliveryError } from '../../domain/outbox/outbox-event.js';
import { isUuid } from '../../domain/shared/input-limits.js';
import { AppError, isAppError } from '../../errors/app-error.js';
import type { OrgDirectory } from '../../ports/org-directory.port.js';
import type { PaymentEvent, PaymentMetadata, PaymentState } from '../../ports/payment-gateway.port.js';
import type { TenantRepositories } from '../../ports/unit-of-work.port.js';
import { enqueueMessage } from '../outbox/enqueue-message.js';
import { loadInvoice, orgToday, settleInvoice, type BillingDeps } from './billing-support.js';
import { createInvoiceLink } from './invoice-links.js';

export interface HandlePaymentWebhookDeps {
  readonly billing: BillingDeps;
  /** Where the org an event names is checked to exist (outside any tenant transaction). */
  readonly orgs: OrgDirectory;
}

/** Stripe sends events of a few kB; anything near this is not one of ours. */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;
const MAX_LAST_ERROR = 200;
const MAX_EVENT_TYPE = 100;
const MAX_CONFLICT_RETRIES = 2;

export const PAYMENT_WEBHOOK_OUTCOMES = ['processed', 'ignored', 'failed', 'duplicate', 'unknown_org'] as const;
export type PaymentWebhookOutcome = (typeof PAYMENT_WEBHOOK_OUTCOMES)[number];

const contract = defineContract({
  name: 'HandlePaymentWebhook',
  input: Type.Object(
    {
      rawBody: Type.Uint8Array({ maxByteLength: MAX_WEBHOOK_BODY_BYTES, description: 'The request body exactly as received (the signature covers these bytes)' }),
      signature: Type.String({ minLength: 1, maxLength: 4096, description: 'The Stripe-Signature header' }),
    },
    { additionalProperties: false },
  ),
  output: Type.Object(
    {
      received: Type.Literal(true),
      eventId: Type.String(),
      type: Type.String(),
      outcome: Type.Union(PAYMENT_WEBHOOK_OUTCOMES.map((o) => Type.Literal(o))),
      orgId: Type.Union([Type.String(), Type.Null()]),
    },
    { additionalProperties: false, $id: 'PaymentWebhookReceipt' },
  ),
});

export type HandlePaymentWebhookInput = ContractInput<typeof contract>;
export interface PaymentWebhookReceipt {
  readonly received: true;
  readonly eventId: string;
  readonly type: string;
  readonly outcome: PaymentWebhookOutcome;
  /** The org the event was processed in; null when it named none we have. */
  readonly orgId: string | null;
}

/** Processing the event found a reason not to apply it: stored as failed with this (short, sanitised) reason. */
class EventRefused extends Error {}

interface Done {
  readonly kind: 'done';
  readonly status: Exclude<StripeEventStatus, 'received'>;
  readonly lastError: string | null;
  readonly invoiceId: string | null;
  readonly bookingId: string | null;
}
/** The event is older than the payment we hold: fetch the processor's current state, then run again. */
interface Stale {
  readonly kind: 'stale';
  readonly reference: string;
}
type Processing = Done | Stale | { readonly kind: 'duplicate' };

const SUCCEEDED_TYPES = new Set(['checkout.session.completed', 'payment_intent.succeeded']);
const FAILED_TYPES = new Set(['payment_intent.payment_failed', 'invoice.payment_failed']);

/** Order of a payment's states: a merge never moves down (a success is never undone by a late failure). */
const RANK: Readonly<Record<Exclude<PaymentStatus, 'refunded'>, number>> = { pending: 0, failed: 1, succeeded: 2 };

/**
 * Stripe's webhook (`POST /v1/payments/stripe/webhook`, issue 11 item 5). The signature is checked
 * over the raw bytes first; the org comes only from the verified event's metadata and must exist.
 * Then one unit of work in that org stores the event once by id (metadata only, never the
 * payload) and applies it — or, when the stored row says it was already processed or ignored,
 * does nothing (a retry, or the same event delivered 5× at once: `record` locks the row, so the
 * later deliveries wait and see the first one's result).
 *
 * Effects, each derived from the object's state and merged monotonically (a success never goes
 * back to pending or failed, refunds never decrease), so any order of events ends the same:
 * - checkout.session.completed / payment_intent.succeeded: the Stripe payment (by PaymentIntent
 *   id) recorded or updated as succeeded, the invoice settled, a receipt mailed once;
 * - payment_intent.payment_failed / invoice.payment_failed: the payment recorded as failed (unless
 *   it already succeeded) and one dunning mail per invoice with a fresh pay link;
 * - charge.refunded: refunded amount raised to the charge's (the rise clears as much of a refund
 *   still pending on our side), status refunded when it is all, the invoice settled (a PAID
 *   invoice reopens);
 * - any other type: stored as ignored.
 * An event older than what the payment row holds is not trusted: the payment's current state is
 * fetched from the processor (outside the transaction) and applied instead.
 * A currency that is not the invoice's, an invoice or booking the org does not have, or metadata
 * that is not ours: stored as failed with a short reason, nothing else written.
 * @throws payment.not_configured — no payment processor in this process.
 * @throws payment.webhook_invalid — signature or timestamp refused (nothing is written).
 * @throws payment.unavailable — the re-fetch of a stale event's payment failed (retry later).
 * @throws validation.failed — body over 1 MB, signature header empty or too long.
 */
export class HandlePaymentWebhook {
  static readonly contract = contract;

  constructor(private readonly deps: HandlePaymentWebhookDeps) {}

  async execute(sys: SystemContext, input: HandlePaymentWebhookInput): Promise<PaymentWebhookReceipt> {
    const { rawBody, signature } = checkInput(contract, input);
    const gateway = this.deps.billing.payments;
    if (gateway === null) throw new AppError('payment.not_configured', 'No payment processor is configured (STRIPE_SECRET_KEY)');
    const event = gateway.verifyWebhook(rawBody, signature, sys.now);
    const type = event.type.slice(0, MAX_EVENT_TYPE);
    const orgId = event.metadata.orgId ?? event.payment?.metadata.orgId ?? null;
    if (orgId === null || !isUuid(orgId) || (await this.deps.orgs.findById(orgId.toLowerCase())) === null) {
      return { received: true, eventId: event.id, type, outcome: 'unknown_org', orgId: null };
    }
    const ctx: RequestContext = tenantContextFor({ ...sys, actor: systemActor('stripe-webhook') }, orgId.toLowerCase());
    // The processor's current state once an event turned out stale (null: it has no such payment).
    let refetched: { readonly state: PaymentState | null } | null = null;
    let conflicts = 0;
    for (;;) {
      let result: Processing;
      try {
        result = await this.deps.billing.uow.run(ctx, (repos) => this.process(ctx, repos, event, type, refetched));
      } catch (err) {
        // Two events of one new deposit inserting its payment at once: the loser runs again and merges.
        if (isAppError(err) && err.code === 'storage.conflict' && conflicts < MAX_CONFLICT_RETRIES) {
          conflicts += 1;
          continue;
        }
        throw err;
      }
      if (result.kind === 'stale') {
        // Outside the transaction: no row stays locked while the processor answers.
        refetched = { state: await gateway.retrievePayment(result.reference) };
        continue;
      }
      const outcome: PaymentWebhookOutcome = result.kind === 'duplicate' ? 'duplicate' : result.status;
      return { received: true, eventId: event.id, type, outcome, orgId: ctx.orgId };
    }
  }

  private async process(ctx: RequestContext, repos: TenantRepositories, event: PaymentEvent, type: string, refetched: { readonly state: PaymentState | null } | null): Promise<Processing> {
    const metadata = mergedMetadata(event);
    const record: StripeEventRecord = {
      eventId: event.id,
      orgId: ctx.orgId,
      type,
      invoiceId: uuidOrNull(metadata.invoiceId),
      bookingId: uuidOrNull(metadata.bookingId),
      processedStatus: 'received',
      lastError: null,
      createdAt: event.createdAt,
      receivedAt: ctx.now,
      processedAt: null,
    };
    if ((await repos.stripeEvents.record(record)) === 'existing') {
      const stored = await repos.stripeEvents.findById(event.id);
      // null: the id is stored in another org (ids are global); it is not ours to touch.
      if (stored === null || stored.processedStatus === 'processed' || stored.processedStatus === 'ignored') return { kind: 'duplicate' };
    }
    let done: Done;
    try {
      const applied = await this.apply(ctx, repos, event, metadata, refetched);
      if (applied.kind === 'stale') return applied;
      done = applied;
    } catch (err) {
      if (!(err instanceof EventRefused)) throw err;
      done = { kind: 'done', status: 'failed', lastError: shortError(err.message), invoiceId: record.invoiceId, bookingId: record.bookingId };
    }
    await repos.stripeEvents.update({ ...record, processedStatus: done.status, lastError: done.lastError, invoiceId: done.invoiceId, bookingId: done.bookingId, processedAt: ctx.now });
    return done;
  }

  /**
   * Applies the event. Checks that can refuse it run before anything is written, so a refused
   * event leaves only its own failed row behind.
   */
  private async apply(ctx: RequestContext, repos: TenantRepositories, event: PaymentEvent, metadata: PaymentMetadata, refetched: { readonly state: PaymentState | null } | null): Promise<Done | Stale> {
    const ignored = (reason: string | null = null): Done => ({ kind: 'done', status: 'ignored', lastError: reason, invoiceId: uuidOrNull(metadata.invoiceId), bookingId: uuidOrNull(metadata.bookingId) });
    const known = SUCCEEDED_TYPES.has(event.type) || FAILED_TYPES.has(event.type) || event.type === 'charge.refunded';
    if (!known) return ignored();
    if (metadata.invoiceId !== null && !isUuid(metadata.invoiceId)) throw new EventRefused('metadata invoice_id is not one of our ids');
    if (metadata.bookingId !== null && !isUuid(metadata.bookingId)) throw new EventRefused('metadata booking_id is not one of our ids');
    const invoiceId = metadata.invoiceId?.toLowerCase() ?? null;
    const bookingId = metadata.bookingId?.toLowerCase() ?? null;
    const state = refetched?.state ?? event.payment;

    if (state === null) {
      // A Stripe Billing invoice without a PaymentIntent (newer API versions): dunning only.
      if (event.type === 'invoice.payment_failed' && invoiceId !== null) {
        const invoice = await lockInvoice(repos, invoiceId);
        await this.dun(ctx, repos, invoice);
        return { kind: 'done', status: 'processed', lastError: null, invoiceId, bookingId };
      }
      return ignored('the event carries no payment');
    }

    const purpose = purposeOf(metadata, invoiceId, bookingId);
    // Lock order: the invoice row first, then the payment (see settleInvoice). The payment read
    // unlocked first only tells which invoice an existing payment (an applied deposit) belongs to.
    const unlocked = await repos.payments.findByProviderReference(state.reference);
    const targetInvoiceId = unlocked !== null ? unlocked.invoiceId : purpose === 'balance' ? invoiceId : null;
    if (unlocked === null && purpose === null) throw new EventRefused('metadata names no invoice or booking');
    const invoice = targetInvoiceId === null ? null : await lockInvoice(repos, targetInvoiceId);
    const existing = await repos.payments.findByProviderReference(state.reference, { forUpdate: true });
    if (existing !== null && existing.invoiceId !== targetInvoiceId) {
      // Applied to an invoice between our two reads: run again with the right lock order.
      throw new AppError('storage.conflict', 'The payment moved to an invoice while the webhook ran; retry');
    }
    if (existing !== null && refetched === null && existing.providerUpdatedAt !== null && event.createdAt < existing.providerUpdatedAt) {
      return { kind: 'stale', reference: state.reference };
    }

    let clientId: string;
    if (existing !== null) {
      if (existing.currency !== state.currency) throw new EventRefused(`currency ${state.currency || 'none'} is not the payment's ${existing.currency}`);
      clientId = existing.clientId;
    } else if (invoice !== null) {
      if (invoice.currency !== state.currency) throw new EventRefused(`currency ${state.currency || 'none'} is not the invoice's ${invoice.currency}`);
      clientId = invoice.clientId;
    } else {
      if (bookingId === null) throw new EventRefused('a deposit without a booking_id in its metadata');
      const booking = await repos.bookings.findById(bookingId);
      if (booking === null) throw new EventRefused('the booking named in metadata is not in this organisation');
      const { settings } = await orgToday(repos, ctx);
      if (settings.currency !== state.currency) throw new EventRefused(`currency ${state.currency || 'none'} is not the organisation's ${settings.currency}`);
      clientId = booking.clientId;
    }
    if (!Number.isSafeInteger(state.amountMinor) || state.amountMinor <= 0) throw new EventRefused('the payment has no positive amount');

    const incoming = incomingPayment(ctx, this.deps.billing.ids.next(), event, state, {
      invoiceId: purpose === 'balance' ? invoiceId : null,
      bookingId: purpose === 'deposit' ? bookingId : null,
      clientId,
      purpose: purpose ?? 'balance',
    });
    const after = existing === null ? incoming : merge(existing, incoming, ctx.now);
    const changed = existing === null || !samePayment(existing, after);
    if (changed) {
      if (existing === null) await repos.payments.insert(after);
      else await repos.payments.update(after);
      await repos.audit.append(
        auditEntry(ctx, this.deps.billing.ids, {
          action: existing === null ? 'payment.stripe_recorded' : 'payment.stripe_updated',
          resourceType: 'payment',
          resourceId: after.id,
          before: existing === null ? null : paymentFacts(existing),
          after: paymentFacts(after),
          metadata: { eventId: event.id, eventType: event.type, invoiceId: after.invoiceId, bookingId: after.bookingId, refetched: refetched !== null },
        }),
      );
    }

    let settled: Invoice | null = invoice;
    if (invoice !== null) {
      const { today } = await orgToday(repos, ctx);
      settled = (await settleInvoice(ctx, this.deps.billing, repos, invoice, today, { cause: 'stripe_webhook', eventId: event.id, eventType: event.type, paymentId: after.id })).after;
    }
    const becameSucceeded = isSettled(after.status) && (existing === null || !isSettled(existing.status));
    if (becameSucceeded && settled !== null && after.purpose !== 'tip') await this.receipt(ctx, repos, settled, after);
    if (FAILED_TYPES.has(event.type) && after.status === 'failed' && settled !== null) await this.dun(ctx, repos, settled);
    return { kind: 'done', status: 'processed', lastError: null, invoiceId: after.invoiceId ?? invoiceId, bookingId: after.bookingId ?? bookingId };
  }

  /** Thank-you mail for a payment that just succeeded, once per payment. */
  private async receipt(ctx: RequestContext, repos: TenantRepositories, invoice: Invoice, payment: InvoicePayment): Promise<void> {
    const [client] = await repos.clients.findContacts([invoice.clientId]);
    if (client === undefined || invoice.number === null) return;
    await enqueueMessage(this.deps.billing, repos, ctx, {
      channel: 'email',
      dedupeKey: `invoice:${invoice.id}:receipt:${payment.id}`,
      template: 'payment_receipt',
      to: client.email,
      toName: client.name,
      data: { ...invoiceData(invoice, client.name), paidCents: payment.amountCents, tipCents: 0 },
    });
  }

  /**
   * Dunning (issue 11 item 8): one mail per invoice on a card payment failure, with a fresh pay
   * link, the amount and the number — nothing of Stripe's payload. Not for an invoice nothing is
   * owed on, a draft or a void one.
   */
  private async dun(ctx: RequestContext, repos: TenantRepositories, invoice: Invoice): Promise<void> {
    if (invoice.number === null || invoice.status === 'DRAFT' || invoice.status === 'VOID' || outstandingCents(invoice) === 0) return;
    const dedupeKey = `invoice:${invoice.id}:dunning:payment_failed`;
    // Sent once ever: look first, so repeated failures do not mint links nobody receives.
    if ((await repos.outbox.listByDedupePrefix(dedupeKey, 1)).some((e) => e.dedupeKey === dedupeKey)) return;
    const [client] = await repos.clients.findContacts([invoice.clientId]);
    if (client === undefined || client.email === null) return;
    const { token } = await createInvoiceLink(ctx, this.deps.billing, repos, invoice.id);
    await enqueueMessage(this.deps.billing, repos, ctx, {
      channel: 'email',
      dedupeKey,
      template: 'invoice_payment_failed',
      to: client.email,
      toName: client.name,
      data: invoiceData(invoice, client.name),
      secret: token,
    });
  }
}

function invoiceData(invoice: Invoice, recipientName: string) {
  return {
    invoiceId: invoice.id,
    invoiceNumber: invoice.number ?? '',
    recipientName,
    totalCents: invoice.totalCents,
    outstandingCents: outstandingCents(invoice),
    currency: invoice.currency,
    dueDate: invoice.dueDate,
  };
}

/** The invoice under its row lock; an id this org does not have refuses the event (it names another org's, or none). */
async function lockInvoice(repos: TenantRepositories, id: string): Promise<Invoice> {
  try {
    return await loadInvoice(repos, id, { forUpdate: true });
  } catch (err) {
    if (isAppError(err) && err.code === 'invoice.not_found') throw new EventRefused('the invoice named in metadata is not in this organisation');
    throw err;
  }
}

/** The event's metadata, completed from its payment's (charges and intents may carry it on either). */
function mergedMetadata(event: PaymentEvent): PaymentMetadata {
  const p = event.payment?.metadata;
  const m = event.metadata;
  return { orgId: m.orgId ?? p?.orgId ?? null, invoiceId: m.invoiceId ?? p?.invoiceId ?? null, bookingId: m.bookingId ?? p?.bookingId ?? null, purpose: m.purpose ?? p?.purpose ?? null };
}

function purposeOf(metadata: PaymentMetadata, invoiceId: string | null, bookingId: string | null): PaymentPurpose | null {
  if (metadata.purpose === 'invoice_balance') return invoiceId === null ? null : 'balance';
  if (metadata.purpose === 'deposit') return bookingId === null ? null : 'deposit';
  return invoiceId !== null ? 'balance' : bookingId !== null ? 'deposit' : null;
}

const uuidOrNull = (value: string | null): string | null => (value !== null && isUuid(value) ? value.toLowerCase() : null);
const isSettled = (status: PaymentStatus) => status === 'succeeded' || status === 'refunded';
const baseOf = (status: PaymentStatus): Exclude<PaymentStatus, 'refunded'> => (status === 'refunded' ? 'succeeded' : status);

function shortError(message: string): string {
  const clean = sanitiseDeliveryError(message);
  return clean.length > MAX_LAST_ERROR ? `${clean.slice(0, MAX_LAST_ERROR - 1)}…` : clean;
}

/** The processor's status as ours: a charge being refunded was a success. */
function statusOf(type: string, state: PaymentState): Exclude<PaymentStatus, 'refunded'> {
  if (state.status === 'succeeded') return 'succeeded';
  if (state.status === 'failed' || state.status === 'canceled') return 'failed';
  if (type === 'charge.refunded' && state.amountRefundedMinor > 0) return 'succeeded';
  return 'pending';
}

function withRefundStatus(payment: InvoicePayment): InvoicePayment {
  const base = baseOf(payment.status);
  const status: PaymentStatus = base === 'succeeded' && payment.refundedCents >= payment.amountCents ? 'refunded' : base;
  return status === payment.status ? payment : { ...payment, status };
}

function incomingPayment(
  ctx: RequestContext,
  id: string,
  event: PaymentEvent,
  state: PaymentState,
  link: { invoiceId: string | null; bookingId: string | null; clientId: string; purpose: PaymentPurpose },
): InvoicePayment {
  const status = statusOf(event.type, state);
  return withRefundStatus({
    id,
    orgId: ctx.orgId,
    invoiceId: link.invoiceId,
    bookingId: link.bookingId,
    clientId: link.clientId,
    provider: 'stripe',
    method: 'card',
    purpose: link.purpose,
    status,
    amountCents: state.amountMinor,
    refundedCents: Math.min(Math.max(0, state.amountRefundedMinor), state.amountMinor),
    refundPendingCents: 0,
    refundPendingKey: null,
    currency: state.currency,
    reference: null,
    providerReference: state.reference,
    checkoutSessionId: event.checkoutSessionId,
    failureMessage: status === 'failed' ? state.failureMessage : null,
    receivedAt: status === 'succeeded' ? event.createdAt : null,
    providerUpdatedAt: state.updatedAt,
    recordedBy: null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
}

/**
 * The stored payment moved only forward by what an event says: status by rank (pending < failed <
 * succeeded), refunds never decrease, the earliest receipt time and the newest processor time
 * kept. Commutative, so the order events arrive in does not change the result.
 */
function merge(existing: InvoicePayment, incoming: InvoicePayment, now: Date): InvoicePayment {
  const oldBase = baseOf(existing.status);
  const newBase = baseOf(incoming.status);
  const base = RANK[newBase] > RANK[oldBase] ? newBase : oldBase;
  // Both sides agree on the amount once it succeeded (the session's total is the intent's amount); max keeps it order-free.
  const amountCents = base === 'succeeded' && oldBase === 'succeeded' && newBase === 'succeeded' ? Math.max(existing.amountCents, incoming.amountCents) : base === newBase ? incoming.amountCents : existing.amountCents;
  const refundedCents = Math.min(Math.max(existing.refundedCents, incoming.refundedCents), amountCents);
  // The processor confirms refunds we may still hold as pending (a refund call that timed out or
  // died mid-way): what it reports beyond what we had stored clears that much of the pending part.
  const confirmed = Math.max(0, refundedCents - existing.refundedCents);
  const refundPendingCents = Math.min(Math.max(0, existing.refundPendingCents - confirmed), amountCents - refundedCents);
  const receivedAt = base !== 'succeeded' ? null : earliest(oldBase === 'succeeded' ? existing.receivedAt : null, newBase === 'succeeded' ? incoming.receivedAt : null);
  const providerUpdatedAt = latest(existing.providerUpdatedAt, incoming.providerUpdatedAt);
  const merged: InvoicePayment = withRefundStatus({
    ...existing,
    status: base,
    amountCents,
    refundedCents,
    refundPendingCents,
    refundPendingKey: refundPendingCents === 0 ? null : existing.refundPendingKey,
    checkoutSessionId: existing.checkoutSessionId ?? incoming.checkoutSessionId,
    failureMessage: base === 'failed' ? (incoming.failureMessage ?? existing.failureMessage) : existing.failureMessage,
    receivedAt,
    providerUpdatedAt,
  });
  return samePayment(existing, merged) ? existing : { ...merged, updatedAt: now };
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (a === null) return b;
  if (b === null) return a;
  return a <= b ? a : b;
}

function latest(a: Date | null, b: Date | null): Date | null {
  if (a === null) return b;
  if (b === null) return a;
  return a >= b ? a : b;
}

const time = (d: Date | null) => (d === null ? null : d.getTime());

function samePayment(a: InvoicePayment, b: InvoicePayment): boolean {
  return (
    a.status === b.status &&
    a.amountCents === b.amountCents &&
    a.refundedCents === b.refundedCents &&
    a.refundPendingCents === b.refundPendingCents &&
    a.refundPendingKey === b.refundPendingKey &&
    a.checkoutSessionId === b.checkoutSessionId &&
    a.failureMessage === b.failureMessage &&
    time(a.receivedAt) === time(b.receivedAt) &&
    time(a.providerUpdatedAt) === time(b.providerUpdatedAt)
  );
}

function paymentFacts(p: InvoicePayment): Record<string, unknown> {
  return { status: p.status, amountCents: p.amountCents, refundedCents: p.refundedCents, currency: p.currency, purpose: p.purpose, providerReference: p.providerReference };
}
