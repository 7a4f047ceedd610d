/**
 * The outbox, in two halves:
 *  - `OutboxRepository`, a tenant repository: use cases enqueue in the same unit of work as their
 *    change, and operators read the dead letters and replay them — one org's rows only;
 *  - `OutboxDeliveryStore`, used by the `outbox-delivery` job: finds which orgs have due events
 *    (that step alone crosses orgs, and sees no payload), then claims, and records outcomes, in
 *    one tenant transaction per org's batch.
 */
import type { OutboxEvent, OutboxKind, OutboxStatus, NewOutboxEvent } from '../domain/outbox/outbox-event.js';

export interface EnqueueResult {
  readonly event: OutboxEvent;
  /** False when an event with the same dedupe key already existed: nothing was added. */
  readonly created: boolean;
}

export interface DeadLetterQuery {
  readonly kind: OutboxKind | null;
  readonly limit: number;
  readonly offset: number;
}

/** A page of the dead-letter queue: dead events whose kind is one of `kinds` (never empty). */
export interface DeadLetterKindsQuery {
  readonly kinds: readonly OutboxKind[];
  readonly limit: number;
  readonly offset: number;
}

export interface OutboxRepository {
  /** Adds the event unless the org has one with its dedupe key; then returns that one unchanged. */
  enqueue(event: NewOutboxEvent): Promise<EnqueueResult>;
  findById(id: string): Promise<OutboxEvent | null>;
  /** The events whose dedupe key starts with `prefix` (a booking's, an invoice's), newest first. */
  listByDedupePrefix(prefix: string, limit: number): Promise<readonly OutboxEvent[]>;
  /** Dead events, newest first, with the count of all that match. */
  listDead(query: DeadLetterQuery): Promise<{ readonly items: readonly OutboxEvent[]; readonly total: number }>;
  /**
   * A dead event back to pending, due at `now`, attempts reset to 0; null when the event is not
   * dead (any more). Atomic: two replays of one event make one delivery.
   */
  replay(id: string, now: Date): Promise<OutboxEvent | null>;
  /** Dead events of any of `kinds`, newest first, the page cut in the store, with the count of all that match. */
  listDeadOfKinds(query: DeadLetterKindsQuery): Promise<{ readonly items: readonly OutboxEvent[]; readonly total: number }>;
  /** The org's dead events counted per kind (a kind with none counts 0). */
  countDeadByKind(): Promise<Readonly<Record<OutboxKind, number>>>;
  /** The send attempts recorded for one of the org's events (`email_events`), oldest first. */
  listAttempts(eventId: string): Promise<readonly DeliveryAttempt[]>;
}

/** One claimed event's fate, recorded under the claim it was delivered from. */
export type DeliveryOutcome =
  | { readonly eventId: string; readonly claimToken: string; readonly result: 'sent'; readonly at: Date; readonly attempt: DeliveryAttemptRecord | null }
  | {
      readonly eventId: string;
      readonly claimToken: string;
      readonly result: 'retry';
      readonly at: Date;
      readonly nextAttemptAt: Date;
      readonly error: string;
      readonly attempt: DeliveryAttemptRecord | null;
    }
  | { readonly eventId: string; readonly claimToken: string; readonly result: 'dead'; readonly at: Date; readonly error: string; readonly attempt: DeliveryAttemptRecord | null };

/** One send attempt of a mail (`email_events`), for the timeline. */
export interface DeliveryAttemptRecord {
  readonly id: string;
  readonly channel: 'email' | 'sms' | 'webhook';
  /** sendgrid, smtp, log, twilio, http. */
  readonly provider: string;
  readonly recipient: string;
  readonly template: string | null;
  readonly status: 'sent' | 'failed' | 'rejected';
  readonly providerMessageId: string | null;
  readonly error: string | null;
}

/** A recorded attempt: the record, its event and when it was made (the outcome's `at`). */
export interface DeliveryAttempt extends DeliveryAttemptRecord {
  readonly eventId: string;
  readonly at: Date;
}

export interface ClaimRequest {
  readonly orgId: string;
  readonly now: Date;
  /** Only these kinds (those the host has a channel for). */
  readonly kinds: readonly OutboxKind[];
  readonly limit: number;
  /** The claim's lease: unfinished events become due again at this instant. */
  readonly leaseUntil: Date;
  /** Fresh per claim; stored on each claimed row. */
  readonly claimToken: string;
}

export interface OutboxBacklogRow {
  readonly kind: OutboxKind;
  readonly status: OutboxStatus;
  readonly count: number;
  /** Oldest `created_at` among them (null when none). */
  readonly oldestCreatedAt: Date | null;
}

export interface OutboxDeliveryStore {
  /**
   * Orgs with at least one event of `kinds` due at `now` (pending and due, or sending with its
   * lease ended), the org of the most overdue first. Reads no payload.
   */
  dueOrgs(now: Date, kinds: readonly OutboxKind[], limit: number): Promise<readonly string[]>;
  /**
   * In one tenant transaction of the org: up to `limit` due events, oldest due first, locked with
   * FOR UPDATE SKIP LOCKED (so several hosts never claim one event), marked sending with the
   * lease and claim token, attempts + 1. Returns them as claimed.
   */
  claim(request: ClaimRequest): Promise<readonly OutboxEvent[]>;
  /**
   * In one tenant transaction of the org: each outcome applied only when the row still carries
   * its claim token (a host whose lease ran out must not overwrite a later claim's result); sent
   * rows drop their sealed secret; attempt records are written. Returns how many rows changed.
   */
  complete(orgId: string, outcomes: readonly DeliveryOutcome[]): Promise<number>;
  /**
   * `complete` and then `claim` of the same org in ONE tenant transaction: the outcomes of a batch
   * and the next batch of that org, one commit instead of two (the claim sees the outcomes just
   * applied, so nothing retried or sent is claimed again).
   */
  completeAndClaim(outcomes: readonly DeliveryOutcome[], next: ClaimRequest): Promise<{ readonly recorded: number; readonly claimed: readonly OutboxEvent[] }>;
  /** Counts by kind and status across orgs, for metrics and /v1/admin/queue/dlq totals. */
  backlog(): Promise<readonly OutboxBacklogRow[]>;
  /**
   * Resolves when new events may be due (a notification from the database), or after
   * `timeoutMs`, or when `signal` aborts — whichever comes first. Stores without notifications
   * (memory, embedded) just wait out the timeout: they poll.
   */
  waitForEvents(timeoutMs: number, signal: AbortSignal): Promise<'notified' | 'timeout' | 'aborted'>;
  /** Stops listening (closes the dedicated connection, if any). */
  close(): Promise<void>;
}

/** What the deliverer reports per event, for metrics (hosts map it to Prometheus). */
export interface OutboxObserver {
  /**
   * `latencySeconds`: enqueue to delivered (sent only); `sendSeconds`: the channel call itself.
   */
  delivered(kind: OutboxKind, result: 'sent' | 'retry' | 'dead', latencySeconds: number | null, sendSeconds: number): void;
}
