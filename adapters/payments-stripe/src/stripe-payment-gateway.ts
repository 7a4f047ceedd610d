/**
 * The PaymentGateway port on Stripe, through the official SDK (one client per gateway, never a
 * shared singleton). Amounts stay integer minor units end to end: Stripe's `unit_amount` is the
 * currency's smallest unit already (JPY 500 is ¥500, BHD 1500 is 1.500 BD), so nothing is scaled.
 *
 * Failures are translated at the port (see payment-gateway.port.ts). SDK errors carry the raw
 * response and request headers, our key's prefix included, so none is passed on as a cause, and
 * messages are sanitised (no card numbers, addresses or keys) before they leave.
 */
import Stripe from 'stripe';
import {
  AppError,
  isAppError,
  sanitiseDeliveryError,
  type CheckoutPurpose,
  type CheckoutRequest,
  type CheckoutSession,
  type CustomerRequest,
  type PaymentEvent,
  type PaymentGateway,
  type PaymentMetadata,
  type PaymentState,
  type RefundRequest,
  type RefundResult,
} from '@cws/core';

export interface StripePaymentGatewayOptions {
  /** STRIPE_SECRET_KEY (`sk_live_…`/`sk_test_…`/`rk_…`); never put in an error. */
  readonly secretKey: string;
  /** STRIPE_WEBHOOK_SECRET (`whsec_…`) of the endpoint the events arrive on. */
  readonly webhookSecret: string;
  /** Tests only: a local server playing Stripe's API (`http://127.0.0.1:PORT`). */
  readonly apiBaseUrl?: string;
  /** Longest wait for one API request (default 20 s). */
  readonly timeoutMs?: number;
  /** The SDK's own retries of 409/5xx/connection failures, same idempotency key each time (default 2). */
  readonly maxNetworkRetries?: number;
  /** When retrievePayment's state was read (default the system clock). */
  readonly now?: () => Date;
}

export const DEFAULT_STRIPE_TIMEOUT_MS = 20_000;
export const DEFAULT_STRIPE_MAX_NETWORK_RETRIES = 2;
/** Stripe's own default: a signed header older than this is a replay. */
export const STRIPE_WEBHOOK_TOLERANCE_SECONDS = 300;
const MAX_FAILURE_MESSAGE_LENGTH = 200;
const PURPOSES: readonly CheckoutPurpose[] = ['invoice_balance', 'deposit'];

type Loose = Record<string, unknown>;

export class StripePaymentGateway implements PaymentGateway {
  readonly provider = 'stripe';
  private readonly stripe: Stripe;

  constructor(private readonly options: StripePaymentGatewayOptions) {
    if (options.secretKey.trim() === '') throw new Error('STRIPE_SECRET_KEY is empty');
    if (options.webhookSecret.trim() === '') throw new Error('STRIPE_WEBHOOK_SECRET is empty');
    this.stripe = new Stripe(options.secretKey, {
      maxNetworkRetries: options.maxNetworkRetries ?? DEFAULT_STRIPE_MAX_NETWORK_RETRIES,
      timeout: options.timeoutMs ?? DEFAULT_STRIPE_TIMEOUT_MS,
      // Request timings would go to Stripe on the next request: nothing of ours needs to.
      telemetry: false,
      ...(options.apiBaseUrl === undefined ? {} : apiTarget(options.apiBaseUrl)),
    });
  }

  async createCheckoutSession(request: CheckoutRequest): Promise<CheckoutSession> {
    const metadata = metadataParams(request);
    const params: Stripe.Checkout.SessionCreateParams = {
      mode: 'payment',
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: request.currency.toLowerCase(),
            unit_amount: request.amountMinor,
            product_data: { name: request.description },
          },
        },
      ],
      success_url: request.successUrl,
      cancel_url: request.cancelUrl,
      metadata,
      // payment_intent.* and charge.* events carry the intent's metadata, not the session's.
      payment_intent_data: { metadata },
      client_reference_id: request.invoiceId ?? request.bookingId ?? undefined,
      ...(request.customerId !== null ? { customer: request.customerId } : request.customerEmail !== null ? { customer_email: request.customerEmail } : {}),
    };
    const session = await this.call(() => this.stripe.checkout.sessions.create(params, { idempotencyKey: request.idempotencyKey }));
    if (typeof session.url !== 'string' || session.url === '') {
      throw new AppError('payment.unavailable', 'Stripe answered a Checkout Session without a URL', { retryable: true, details: { provider: this.provider } });
    }
    return { id: session.id, url: session.url, expiresAt: typeof session.expires_at === 'number' ? new Date(session.expires_at * 1000) : null };
  }

  async refund(request: RefundRequest): Promise<RefundResult> {
    const refund = await this.call(() =>
      this.stripe.refunds.create({ payment_intent: request.paymentReference, amount: request.amountMinor, metadata: { org_id: request.orgId } }, { idempotencyKey: request.idempotencyKey }),
    );
    const status = refund.status === 'succeeded' ? 'succeeded' : refund.status === 'failed' || refund.status === 'canceled' ? 'failed' : 'pending';
    return { id: refund.id, status, amountMinor: refund.amount };
  }

  /**
   * By email the list is read-after-write consistent; the search API (used when there is no
   * email) may miss a customer created in the last minute, which the create's idempotency key
   * then covers for retries of the same request.
   */
  async ensureCustomer(request: CustomerRequest): Promise<{ readonly id: string }> {
    const ours = (c: Stripe.Customer) => c.metadata?.['client_id'] === request.clientId && c.metadata?.['org_id'] === request.orgId;
    const found = await this.call(async () => {
      if (request.email !== null) {
        const list = await this.stripe.customers.list({ email: request.email, limit: 100 });
        return list.data.find(ours) ?? null;
      }
      const result = await this.stripe.customers.search({
        query: `metadata['client_id']:'${searchLiteral(request.clientId)}' AND metadata['org_id']:'${searchLiteral(request.orgId)}'`,
        limit: 10,
      });
      return result.data.find(ours) ?? null;
    });
    if (found !== null) return { id: found.id };
    const created = await this.call(() =>
      this.stripe.customers.create(
        { name: request.name, ...(request.email === null ? {} : { email: request.email }), metadata: { org_id: request.orgId, client_id: request.clientId } },
        { idempotencyKey: request.idempotencyKey },
      ),
    );
    return { id: created.id };
  }

  async retrievePayment(reference: string): Promise<PaymentState | null> {
    let intent: Stripe.PaymentIntent;
    try {
      intent = await this.stripe.paymentIntents.retrieve(reference, { expand: ['latest_charge'] });
    } catch (err) {
      const e = err as { statusCode?: unknown; code?: unknown };
      if (typeof err === 'object' && err !== null && e.statusCode === 404) return null;
      throw this.translate(err);
    }
    return intentState(intent as unknown as Loose, (this.options.now ?? (() => new Date()))());
  }

  verifyWebhook(rawBody: Uint8Array, signatureHeader: string, now: Date): PaymentEvent {
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(
        Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength),
        signatureHeader,
        this.options.webhookSecret,
        STRIPE_WEBHOOK_TOLERANCE_SECONDS,
        undefined,
        now.getTime(),
      );
    } catch (err) {
      const reason = typeof (err as { message?: unknown })?.message === 'string' ? (err as Error).message : 'unreadable';
      throw new AppError('payment.webhook_invalid', this.clean(`The Stripe webhook was refused: ${reason}`), { details: { provider: this.provider } });
    }
    return reduceEvent(event as unknown as Loose);
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (err) {
      throw this.translate(err);
    }
  }

  /** A Stripe failure as the port's AppError, by the SDK's error type and HTTP status. */
  private translate(err: unknown): AppError {
    if (isAppError(err)) return err;
    const e = (typeof err === 'object' && err !== null ? err : {}) as { type?: unknown; statusCode?: unknown; code?: unknown; decline_code?: unknown; message?: unknown; headers?: unknown };
    const type = typeof e.type === 'string' ? e.type : 'unknown';
    const status = typeof e.statusCode === 'number' ? e.statusCode : null;
    const code = typeof e.code === 'string' ? e.code : null;
    const details: Record<string, unknown> = { provider: this.provider, ...(status === null ? {} : { status }), ...(code === null ? {} : { code }) };
    const message = typeof e.message === 'string' ? e.message : '';
    if (type === 'StripeAuthenticationError' || type === 'StripePermissionError' || status === 401 || status === 403) {
      // Our settings, not this payment: retried (the breaker stops the hammering) while an operator fixes STRIPE_SECRET_KEY.
      return new AppError('payment.unavailable', `Stripe refused our API key (STRIPE_SECRET_KEY): ${this.clean(message)}`, { retryable: true, details });
    }
    if (status === null || type === 'StripeConnectionError' || status === 408 || status === 409 || status === 429 || status >= 500) {
      const retryAfterSeconds = retryAfter(e.headers);
      const what = status === null ? `Stripe could not be reached (${type})` : `Stripe answered ${status}`;
      return new AppError('payment.unavailable', this.clean(`${what}: ${message}`), {
        retryable: true,
        details,
        ...(retryAfterSeconds === null ? {} : { retryAfterSeconds }),
      });
    }
    const decline = typeof e.decline_code === 'string' ? { declineCode: e.decline_code } : {};
    return new AppError('payment.declined', this.clean(`Stripe refused the request (${status}): ${message}`), { retryable: false, details: { ...details, ...decline } });
  }

  private clean(text: string): string {
    let out = text;
    for (const secret of [this.options.secretKey, this.options.webhookSecret]) if (secret.length >= 4) out = out.split(secret).join('[key]');
    return truncate(sanitiseDeliveryError(out));
  }
}

/** `http://127.0.0.1:12111` as the SDK's host/port/protocol settings. */
function apiTarget(baseUrl: string): { host: string; port: number; protocol: 'http' | 'https' } {
  const url = new URL(baseUrl);
  const protocol = url.protocol === 'http:' ? 'http' : url.protocol === 'https:' ? 'https' : null;
  if (protocol === null) throw new Error('The Stripe API base URL must be http(s)');
  const port = url.port === '' ? (protocol === 'http' ? 80 : 443) : Number(url.port);
  // URL keeps IPv6 literals bracketed; the HTTP client wants them bare.
  return { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port, protocol };
}

function metadataParams(request: CheckoutRequest): Record<string, string> {
  return {
    org_id: request.orgId,
    invoice_id: request.invoiceId ?? '',
    booking_id: request.bookingId ?? '',
    purpose: request.purpose,
  };
}

/** A value inside a search query's single quotes: quotes and backslashes escaped as the query language wants. */
function searchLiteral(value: string): string {
  return value.replace(/[\\']/g, (c) => `\\${c}`);
}

function truncate(text: string): string {
  return text.length > MAX_FAILURE_MESSAGE_LENGTH ? `${text.slice(0, MAX_FAILURE_MESSAGE_LENGTH - 1)}…` : text;
}

function retryAfter(headers: unknown): number | null {
  if (typeof headers !== 'object' || headers === null) return null;
  const value = (headers as Record<string, unknown>)['retry-after'];
  if (typeof value !== 'string' || !/^\d+$/.test(value.trim())) return null;
  return Math.min(Math.max(Number(value.trim()), 1), 86_400);
}

const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const int = (value: unknown): number => (typeof value === 'number' && Number.isSafeInteger(value) ? value : 0);
/** An expandable field's id: the string, or the expanded object's `id`. */
const idOf = (value: unknown): string | null => (typeof value === 'string' ? str(value) : isObject(value) ? str(value['id']) : null);

const NO_METADATA: PaymentMetadata = { orgId: null, invoiceId: null, bookingId: null, purpose: null };

function readMetadata(value: unknown): PaymentMetadata {
  if (!isObject(value)) return NO_METADATA;
  const purpose = str(value['purpose']);
  return {
    orgId: str(value['org_id']),
    invoiceId: str(value['invoice_id']),
    bookingId: str(value['booking_id']),
    purpose: purpose !== null && (PURPOSES as readonly string[]).includes(purpose) ? (purpose as CheckoutPurpose) : null,
  };
}

const hasAny = (m: PaymentMetadata) => m.orgId !== null || m.invoiceId !== null || m.bookingId !== null || m.purpose !== null;

function failureMessage(value: unknown): string | null {
  const message = str(value);
  // Decline texts may quote the card's last digits or the payer's address; sanitising removes them.
  return message === null ? null : truncate(sanitiseDeliveryError(message));
}

function intentStatus(intent: Loose): PaymentState['status'] {
  switch (intent['status']) {
    case 'succeeded':
      return 'succeeded';
    case 'canceled':
      return 'canceled';
    case 'requires_payment_method':
      // The state a new intent starts in too: only a recorded error makes it a failure.
      return isObject(intent['last_payment_error']) ? 'failed' : 'pending';
    default:
      return 'pending';
  }
}

function intentState(intent: Loose, at: Date): PaymentState | null {
  const reference = str(intent['id']);
  if (reference === null) return null;
  const received = int(intent['amount_received']);
  const charge = intent['latest_charge'];
  const error = intent['last_payment_error'];
  return {
    reference,
    status: intentStatus(intent),
    amountMinor: received > 0 ? received : int(intent['amount']),
    amountRefundedMinor: isObject(charge) ? int(charge['amount_refunded']) : 0,
    currency: (str(intent['currency']) ?? '').toUpperCase(),
    metadata: readMetadata(intent['metadata']),
    failureMessage: isObject(error) ? failureMessage(error['message']) : null,
    updatedAt: at,
  };
}

/** A verified event reduced to the port's terms; nothing of the payload beyond them is kept. */
function reduceEvent(event: Loose): PaymentEvent {
  const id = str(event['id']);
  const type = str(event['type']);
  const data = event['data'];
  const object = isObject(data) && isObject(data['object']) ? data['object'] : null;
  if (id === null || type === null || object === null) {
    throw new AppError('payment.webhook_invalid', 'The Stripe webhook is not an event (no id, type or object)', { details: { provider: 'stripe' } });
  }
  const created = typeof event['created'] === 'number' ? new Date(event['created'] * 1000) : new Date(0);
  const base = { id, type, createdAt: created, livemode: event['livemode'] === true };
  const metadata = readMetadata(object['metadata']);
  switch (type) {
    case 'payment_intent.succeeded':
    case 'payment_intent.payment_failed':
      return { ...base, metadata, payment: intentState(object, created), checkoutSessionId: null };
    case 'checkout.session.completed': {
      const reference = idOf(object['payment_intent']);
      const payment: PaymentState | null =
        reference === null
          ? null
          : {
              reference,
              status: object['payment_status'] === 'paid' ? 'succeeded' : 'pending',
              amountMinor: int(object['amount_total']),
              amountRefundedMinor: 0,
              currency: (str(object['currency']) ?? '').toUpperCase(),
              metadata,
              failureMessage: null,
              updatedAt: created,
            };
      return { ...base, metadata, payment, checkoutSessionId: str(object['id']) };
    }
    case 'charge.refunded': {
      const intent = object['payment_intent'];
      // Charges do not always copy the intent's metadata; an expanded intent carries it.
      const chargeMetadata = hasAny(metadata) ? metadata : isObject(intent) ? readMetadata(intent['metadata']) : metadata;
      const reference = idOf(intent);
      const status = object['status'] === 'succeeded' ? 'succeeded' : object['status'] === 'failed' ? 'failed' : 'pending';
      const payment: PaymentState | null =
        reference === null
          ? null
          : {
              reference,
              status,
              amountMinor: int(object['amount']),
              amountRefundedMinor: int(object['amount_refunded']),
              currency: (str(object['currency']) ?? '').toUpperCase(),
              metadata: chargeMetadata,
              failureMessage: failureMessage(object['failure_message']),
              updatedAt: created,
            };
      return { ...base, metadata: chargeMetadata, payment, checkoutSessionId: null };
    }
    case 'invoice.payment_failed': {
      // A Stripe Billing invoice; older API versions name its intent, newer ones do not.
      const reference = idOf(object['payment_intent']);
      const payment: PaymentState | null =
        reference === null
          ? null
          : {
              reference,
              status: 'failed',
              amountMinor: int(object['amount_due']),
              amountRefundedMinor: 0,
              currency: (str(object['currency']) ?? '').toUpperCase(),
              metadata,
              failureMessage: null,
              updatedAt: created,
            };
      return { ...base, metadata, payment, checkoutSessionId: null };
    }
    default:
      return { ...base, metadata, payment: null, checkoutSessionId: null };
  }
}
