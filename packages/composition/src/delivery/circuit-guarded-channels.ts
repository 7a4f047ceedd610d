/**
 * A circuit breaker (cockatiel) around each provider: after 5 consecutive retryable failures the
 * channel stops calling the provider for 30 s and fails fast with `delivery.unavailable` — the
 * outbox then retries those messages with its backoff, nothing is lost — and one trial send
 * decides whether it closes again. Permanent refusals (a bad address) say nothing about the
 * provider's health and do not count. States are read by /metrics and /readyz.
 */
import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, circuitBreaker, handleWhen, type CircuitBreakerPolicy } from 'cockatiel';
import { AppError, isAppError, type Mailer, type MessageChannels, type SmsSender, type WebhookSender } from '@cws/core';

/** 0 closed, 1 half-open, 2 open — the `circuit_breaker_state` gauge's values. */
export type BreakerLevel = 0 | 1 | 2;

export interface BreakerStatus {
  /** `email:sendgrid`, `sms:twilio`, `webhook:http`, `payments:stripe`. */
  readonly name: string;
  readonly state: 'closed' | 'half_open' | 'open';
  readonly level: BreakerLevel;
}

export interface BreakerSettings {
  /** Consecutive retryable failures that open the circuit. */
  readonly failures: number;
  /** How long it stays open before one trial send. */
  readonly halfOpenAfterMs: number;
}

export const DEFAULT_BREAKER_SETTINGS: BreakerSettings = { failures: 5, halfOpenAfterMs: 30_000 };

const countsAgainstProvider = (err: Error): boolean => !isAppError(err) || err.retryable;

/** A cockatiel breaker's state as reported (also used by the payment gateway's guard). */
export function breakerStatus(name: string, policy: CircuitBreakerPolicy): BreakerStatus {
  switch (policy.state) {
    case CircuitState.Closed:
      return { name, state: 'closed', level: 0 };
    case CircuitState.HalfOpen:
      return { name, state: 'half_open', level: 1 };
    default:
      return { name, state: 'open', level: 2 };
  }
}

export class GuardedChannels {
  private readonly breakers = new Map<string, CircuitBreakerPolicy>();

  constructor(private readonly settings: BreakerSettings = DEFAULT_BREAKER_SETTINGS) {}

  /** The channels, each send going through its provider's breaker. */
  guard(channels: MessageChannels): MessageChannels {
    return {
      email: channels.email === null ? null : this.guardMailer(channels.email),
      sms: channels.sms === null ? null : this.guardSms(channels.sms),
      webhook: channels.webhook === null ? null : this.guardWebhook(channels.webhook),
    };
  }

  statuses(): BreakerStatus[] {
    return [...this.breakers.entries()].map(([name, policy]) => breakerStatus(name, policy));
  }

  private breaker(name: string): <T>(send: () => Promise<T>) => Promise<T> {
    const policy = circuitBreaker(handleWhen(countsAgainstProvider), {
      halfOpenAfter: this.settings.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(this.settings.failures),
    });
    this.breakers.set(name, policy);
    return async (send) => {
      try {
        return await policy.execute(send);
      } catch (err) {
        if (err instanceof BrokenCircuitError) {
          throw new AppError('delivery.unavailable', `${name} is failing; its circuit breaker is open`, { retryable: true });
        }
        throw err;
      }
    };
  }

  private guardMailer(mailer: Mailer): Mailer {
    const run = this.breaker(`email:${mailer.provider}`);
    return {
      provider: mailer.provider,
      send: (email) => run(() => mailer.send(email)),
      ...(mailer.close === undefined ? {} : { close: () => mailer.close!() }),
    };
  }

  private guardSms(sms: SmsSender): SmsSender {
    const run = this.breaker(`sms:${sms.provider}`);
    return { provider: sms.provider, send: (message) => run(() => sms.send(message)) };
  }

  private guardWebhook(webhook: WebhookSender): WebhookSender {
    const run = this.breaker(`webhook:${webhook.provider}`);
    return { provider: webhook.provider, send: (message) => run(() => webhook.send(message)) };
  }
}
