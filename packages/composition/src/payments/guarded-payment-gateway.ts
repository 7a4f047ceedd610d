/**
 * The payment gateway behind a retry and a circuit breaker (cockatiel), like the message
 * channels' breakers (circuit-guarded-channels.ts) and reported in the same list, as
 * `payments:<provider>`.
 *
 * Retry: a retryable failure (`payment.unavailable`) is tried again a couple of times with
 * exponential backoff. That is safe for every call: reads are reads, and each mutating call
 * carries its idempotency key, so a retried checkout or refund is the same one at the processor.
 * Breaker: after N consecutive retryable failures calls fail fast with `payment.unavailable` for a
 * while, then one trial call decides. Declines (`payment.declined`) say nothing about the
 * processor's health: neither retried nor counted. Webhook verification is local (an HMAC) and
 * bypasses both.
 */
import {
  BrokenCircuitError,
  ConsecutiveBreaker,
  ExponentialBackoff,
  circuitBreaker,
  handleWhen,
  retry,
  wrap,
  type CircuitBreakerPolicy,
  type IPolicy,
} from 'cockatiel';
import { AppError, isAppError, type PaymentGateway } from '@cws/core';
import { breakerStatus, type BreakerStatus } from '../delivery/circuit-guarded-channels.js';

export interface PaymentGuardSettings {
  /** Consecutive retryable failures that open the circuit (STRIPE_CIRCUIT_FAILURE_THRESHOLD). */
  readonly failures: number;
  /** How long it stays open before one trial call (STRIPE_CIRCUIT_RESET_SECONDS). */
  readonly halfOpenAfterMs: number;
  /** Further attempts after a retryable failure (default 2). */
  readonly retries?: number;
  /** First backoff delay (default 250 ms), doubling, at most `maxDelayMs` (default 2 s). */
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
}

const retryable = (err: Error): boolean => isAppError(err) && err.retryable;
/** Anything but a refusal counts: a retryable AppError, or a programmer error nobody translated. */
const countsAgainstProvider = (err: Error): boolean => !isAppError(err) || err.retryable;

export class GuardedPaymentGateway implements PaymentGateway {
  readonly provider: string;
  /** `payments:stripe`: the name in circuit_breaker_state and /readyz. */
  readonly breakerName: string;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly policy: IPolicy;

  constructor(
    private readonly inner: PaymentGateway,
    settings: PaymentGuardSettings,
  ) {
    this.provider = inner.provider;
    this.breakerName = `payments:${inner.provider}`;
    this.breaker = circuitBreaker(handleWhen(countsAgainstProvider), { halfOpenAfter: settings.halfOpenAfterMs, breaker: new ConsecutiveBreaker(settings.failures) });
    // Retry outside the breaker: each attempt is counted, and an open circuit (BrokenCircuitError) is not retried.
    const again = retry(handleWhen(retryable), {
      maxAttempts: settings.retries ?? 2,
      backoff: new ExponentialBackoff({ initialDelay: settings.initialDelayMs ?? 250, maxDelay: settings.maxDelayMs ?? 2_000 }),
    });
    this.policy = wrap(again, this.breaker);
  }

  status(): BreakerStatus {
    return breakerStatus(this.breakerName, this.breaker);
  }

  createCheckoutSession: PaymentGateway['createCheckoutSession'] = (request) => this.run(() => this.inner.createCheckoutSession(request));
  refund: PaymentGateway['refund'] = (request) => this.run(() => this.inner.refund(request));
  ensureCustomer: PaymentGateway['ensureCustomer'] = (request) => this.run(() => this.inner.ensureCustomer(request));
  retrievePayment: PaymentGateway['retrievePayment'] = (reference) => this.run(() => this.inner.retrievePayment(reference));
  verifyWebhook: PaymentGateway['verifyWebhook'] = (rawBody, signatureHeader, now) => this.inner.verifyWebhook(rawBody, signatureHeader, now);

  private async run<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await this.policy.execute(call);
    } catch (err) {
      if (err instanceof BrokenCircuitError) {
        throw new AppError('payment.unavailable', `${this.breakerName} is failing; its circuit breaker is open`, { retryable: true, details: { provider: this.provider } });
      }
      throw err;
    }
  }
}
