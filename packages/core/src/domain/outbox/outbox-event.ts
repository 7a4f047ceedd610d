/**
 * The transactional outbox (guide 000 "Outbox delivery + DLQ"): everything that leaves the system
 * — mail, text messages, webhooks, exports — is first an `outbox_events` row written in the same
 * unit of work as the business change it announces, then delivered at least once by the
 * `outbox-delivery` job. A row never exists without its change, nor the change without its row.
 *
 * Payloads are typed and hold no usable secret: a single-use token a message must carry is kept
 * sealed (`sealedSecret`, opened only at delivery) and dropped once the message is sent.
 */
import type { MessageTemplateName, TemplateData } from './message-templates.js';

export const OUTBOX_KINDS = ['email', 'sms', 'webhook', 'export'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

/** pending → sending (claimed under a lease) → sent | pending again (retry later) | dead. */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'dead'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** A mail or text message: rendered from its template at delivery, in the org's zone and locale. */
export interface MessagePayload<T extends MessageTemplateName = MessageTemplateName> {
  readonly template: T;
  /** An email address (kind email) or an E.164 phone number (kind sms). */
  readonly to: string;
  readonly toName: string | null;
  readonly data: TemplateData<T>;
  /** A token the message carries (an invitation or reset link), sealed; null once sent. */
  readonly sealedSecret: string | null;
}

/** A JSON document POSTed to a URL the org configured, with the event id as `Idempotency-Key`. */
export interface WebhookPayload {
  readonly url: string;
  readonly eventType: string;
  readonly body: Readonly<Record<string, unknown>>;
}

/** A finished export announced to its destination (filled in by the exports issue). */
export interface ExportPayload {
  readonly exportId: string;
  readonly destination: string;
}

export type OutboxPayload =
  | { readonly kind: 'email'; readonly message: MessagePayload }
  | { readonly kind: 'sms'; readonly message: MessagePayload }
  | { readonly kind: 'webhook'; readonly webhook: WebhookPayload }
  | { readonly kind: 'export'; readonly export: ExportPayload };

export interface OutboxEvent {
  readonly id: string;
  readonly orgId: string;
  readonly kind: OutboxKind;
  /**
   * Unique per org: a second enqueue with the same key returns the first event. Structured as
   * `<subject>:<id>:<what>` (`booking:<id>:confirmed`), so a timeline finds its events by prefix.
   */
  readonly dedupeKey: string;
  readonly payload: OutboxPayload;
  readonly status: OutboxStatus;
  /** Delivery attempts started (a claim counts one). */
  readonly attempts: number;
  /** When the event is next due (pending), or when its claim's lease ends (sending). */
  readonly nextAttemptAt: Date;
  /** Identifies the current claim; a delivery outcome is recorded only under the claim it came from. */
  readonly claimToken: string | null;
  /** Sanitised: no addresses, tokens or provider payloads. */
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly sentAt: Date | null;
}

/** What a use case asks to send; id, status and times are the outbox's. */
export interface NewOutboxEvent {
  readonly id: string;
  readonly orgId: string;
  readonly dedupeKey: string;
  readonly payload: OutboxPayload;
  readonly createdAt: Date;
  /** Earliest delivery (default `createdAt`). */
  readonly notBefore?: Date;
}

export const MAX_DEDUPE_KEY_LENGTH = 200;
export const MAX_LAST_ERROR_LENGTH = 500;

/** Delivery settings; the defaults reach past 3 days before an event is dead (as Stripe and graphile-worker retry). */
export interface OutboxRetryPolicy {
  /** First retry delay; each later one doubles (OUTBOX_BASE_BACKOFF_SECONDS). */
  readonly baseBackoffSeconds: number;
  /** Attempts before an event is dead (OUTBOX_MAX_ATTEMPTS). */
  readonly maxAttempts: number;
  /** Longest single delay, so late retries stay a few hours apart rather than days. */
  readonly maxBackoffSeconds: number;
}

/**
 * 60 s doubling, capped at 6 h, 25 attempts (graphile-worker's count): the last attempt comes
 * 3.3 to 4.1 days after the first, so a provider outage over a long weekend loses nothing.
 */
export const DEFAULT_OUTBOX_RETRY_POLICY: OutboxRetryPolicy = { baseBackoffSeconds: 60, maxAttempts: 25, maxBackoffSeconds: 6 * 3600 };

/**
 * Delay before the attempt after `attempts` failed ones: base × 2^(attempts-1), capped, less up
 * to 20 % of jitter (so a burst of failures does not retry in lockstep, yet the horizon stays
 * predictable). `random` is in [0, 1].
 */
export function retryDelayMs(policy: OutboxRetryPolicy, attempts: number, random: number): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 40);
  const ceiling = Math.min(policy.baseBackoffSeconds * 2 ** exponent, policy.maxBackoffSeconds) * 1000;
  return Math.round(ceiling * (0.8 + 0.2 * Math.min(Math.max(random, 0), 1)));
}

/** The earliest and latest a whole retry schedule can take, first attempt to the last (for docs and tests). */
export function retryHorizonMs(policy: OutboxRetryPolicy): { readonly min: number; readonly max: number } {
  let min = 0;
  let max = 0;
  for (let attempts = 1; attempts < policy.maxAttempts; attempts++) {
    min += retryDelayMs(policy, attempts, 0);
    max += retryDelayMs(policy, attempts, 1);
  }
  return { min, max };
}

/**
 * An error text fit to store and show operators: control characters and anything that looks like
 * an address, a phone number, a bearer/API key or a URL query is replaced; at most 500 characters.
 */
export function sanitiseDeliveryError(text: string): string {
  const cleaned = text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/[\uD800-\uDFFF]/g, '\uFFFD')
    .replace(/[^\s@<>"']+@[^\s@<>"']+/g, '[address]')
    .replace(/\b(SG|AC|SK|sk|pk|rk|whsec)[._-][A-Za-z0-9._-]{6,}/g, '[key]')
    .replace(/(bearer|basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [credential]')
    .replace(/\?[^\s]*/g, '?[query]')
    .replace(/\+?\d[\d\s().-]{7,}\d/g, '[number]')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned.length > MAX_LAST_ERROR_LENGTH ? `${cleaned.slice(0, MAX_LAST_ERROR_LENGTH - 1)}…` : cleaned;
}
