/** The payment gateway this configuration names (Stripe when STRIPE_SECRET_KEY is set), behind its guard. */
import { StripePaymentGateway } from '@cws/adapter-payments-stripe';
import type { PaymentGateway } from '@cws/core';
import type { Config } from '../config/index.js';
import type { BreakerStatus } from '../delivery/circuit-guarded-channels.js';
import { GuardedPaymentGateway, type PaymentGuardSettings } from './guarded-payment-gateway.js';

export interface PaymentsWiring {
  /** Null when no processor is configured (the core answers payment.not_configured). */
  readonly gateway: PaymentGateway | null;
  /** The gateway's breaker, reported with the message channels' (empty without a gateway). */
  breakers(): BreakerStatus[];
}

export function paymentsFromConfig(config: Config, guard: Partial<PaymentGuardSettings> = {}): PaymentsWiring {
  const { secretKey, webhookSecret, apiBaseUrl } = config.stripe;
  if (secretKey === null) return { gateway: null, breakers: () => [] };
  // Config checks refuse a key without a webhook secret; an embedder's hand-made Config may not have run them.
  if (webhookSecret === null) throw new Error('STRIPE_SECRET_KEY is set without STRIPE_WEBHOOK_SECRET');
  // Checkout is created inside an API request: the SDK's one retry and the guard's one keep the
  // worst case (4 requests of at most 10 s) near HTTP_REQUEST_TIMEOUT_MS rather than minutes.
  const stripe = new StripePaymentGateway({ secretKey, webhookSecret, timeoutMs: 10_000, maxNetworkRetries: 1, ...(apiBaseUrl === null ? {} : { apiBaseUrl }) });
  const guarded = new GuardedPaymentGateway(stripe, {
    failures: config.stripe.circuitFailureThreshold,
    halfOpenAfterMs: config.stripe.circuitResetSeconds * 1000,
    retries: 1,
    ...guard,
  });
  return { gateway: guarded, breakers: () => [guarded.status()] };
}
