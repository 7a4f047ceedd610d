/**
 * The card processor (Stripe in adapters/payments-stripe). No vendor type crosses this port:
 * amounts are integer minor units with an ISO 4217 code, times are Dates, and a webhook arrives
 * here as raw bytes and leaves as a `PaymentEvent` the core understands.
 *
 * Errors are translated at the port: `payment.declined` (the card or the request was refused for
 * good: a 402 or 4xx other than 408/409/429), `payment.unavailable` (retryable: 408/409/429/5xx,
 * timeouts, connection failures, our own credentials refused), `payment.webhook_invalid` (a
 * signature that does not match the raw body, or a timestamp outside the tolerance).
 */

/** What a Checkout Session collects. */
export type CheckoutPurpose = 'invoice_balance' | 'deposit';

export interface CheckoutRequest {
  readonly orgId: string;
  readonly purpose: CheckoutPurpose;
  /** The invoice a balance is paid on (purpose invoice_balance). */
  readonly invoiceId: string | null;
  /** The booking a deposit is taken for (purpose deposit). */
  readonly bookingId: string | null;
  readonly amountMinor: number;
  /** ISO 4217, upper case. */
  readonly currency: string;
  /** One line the payer sees (`Invoice INV-2026-000123`). */
  readonly description: string;
  readonly customerEmail: string | null;
  /** The processor's customer, when the client has one. */
  readonly customerId: string | null;
  readonly successUrl: string;
  readonly cancelUrl: string;
  /**
   * Same key, same session: the adapter sends it as the provider's idempotency key, so a retried
   * request (a timeout, a double click) never opens a second session for the same amount.
   */
  readonly idempotencyKey: string;
}

export interface CheckoutSession {
  readonly id: string;
  /** Where the payer is sent. */
  readonly url: string;
  readonly expiresAt: Date | null;
}

export interface RefundRequest {
  readonly orgId: string;
  /** The processor's id of the payment being refunded (a PaymentIntent). */
  readonly paymentReference: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly idempotencyKey: string;
}

export interface RefundResult {
  readonly id: string;
  readonly status: 'succeeded' | 'pending' | 'failed';
  readonly amountMinor: number;
}

export interface CustomerRequest {
  readonly orgId: string;
  readonly clientId: string;
  readonly name: string;
  readonly email: string | null;
  readonly idempotencyKey: string;
}

/** The payment's state as the processor holds it now (fetched when a webhook is older than what we stored). */
export interface PaymentState {
  /** The processor's id of the payment (a PaymentIntent id). */
  readonly reference: string;
  readonly status: 'pending' | 'succeeded' | 'failed' | 'canceled';
  readonly amountMinor: number;
  /** What was refunded of it so far (sum of its refunds). */
  readonly amountRefundedMinor: number;
  readonly currency: string;
  /** Our metadata set at checkout: org, invoice or booking, purpose. */
  readonly metadata: PaymentMetadata;
  /** The processor's last word on a failure (a decline message), sanitised by the adapter. */
  readonly failureMessage: string | null;
  readonly updatedAt: Date;
}

export interface PaymentMetadata {
  readonly orgId: string | null;
  readonly invoiceId: string | null;
  readonly bookingId: string | null;
  readonly purpose: CheckoutPurpose | null;
}

export const PAYMENT_EVENT_TYPES = [
  'checkout.session.completed',
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'charge.refunded',
  'invoice.payment_failed',
] as const;
export type KnownPaymentEventType = (typeof PAYMENT_EVENT_TYPES)[number];

/**
 * A verified webhook event, reduced to what the core acts on. `payment` is null for types the
 * core does not handle (they are acknowledged and ignored) and for objects that carry no payment.
 */
export interface PaymentEvent {
  /** The provider's event id (`evt_...`): each is processed once. */
  readonly id: string;
  readonly type: string;
  readonly createdAt: Date;
  readonly livemode: boolean;
  readonly metadata: PaymentMetadata;
  /** The payment the event is about, as the event's object shows it at `createdAt`. */
  readonly payment: PaymentState | null;
  /** The Checkout Session, for checkout.session.completed. */
  readonly checkoutSessionId: string | null;
}

export interface PaymentGateway {
  /** `stripe`: recorded on payments and metrics. */
  readonly provider: string;
  createCheckoutSession(request: CheckoutRequest): Promise<CheckoutSession>;
  refund(request: RefundRequest): Promise<RefundResult>;
  /** Finds the client's customer by our client id in its metadata, or creates it. */
  ensureCustomer(request: CustomerRequest): Promise<{ readonly id: string }>;
  /** Null when the processor has no such payment. */
  retrievePayment(reference: string): Promise<PaymentState | null>;
  /**
   * Verifies a webhook's signature over the raw bytes as received (never a re-serialised body)
   * and its timestamp (tolerance 300 s against `now`), then reduces the event.
   * @throws payment.webhook_invalid
   */
  verifyWebhook(rawBody: Uint8Array, signatureHeader: string, now: Date): PaymentEvent;
}
