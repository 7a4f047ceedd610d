import { Type } from '@sinclair/typebox';
import { tenantContextFor, type SystemContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { Int } from '../../contracts/schema-vocabulary.js';
import { DEFAULT_LOCALE } from '../../domain/orgs/org.js';
import { renderMessage, type SenderContext } from '../../domain/outbox/message-templates.js';
import { retryDelayMs, sanitiseDeliveryError, type MessagePayload, type OutboxEvent, type OutboxKind } from '../../domain/outbox/outbox-event.js';
import { isAppError } from '../../errors/app-error.js';
import type { SystemAuditLog } from '../../ports/audit-log.port.js';
import type { Clock } from '../../ports/clock.port.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { SendReceipt } from '../../ports/message-channels.port.js';
import type { OrgDirectory } from '../../ports/org-directory.port.js';
import type { ClaimRequest, DeliveryAttemptRecord, DeliveryOutcome, OutboxDeliveryStore, OutboxObserver } from '../../ports/outbox.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { smsPhoneKey } from './enqueue-message.js';
import { deliverableKinds, type Messaging } from './messaging.js';

export interface DeliverOutboxDeps {
  readonly messaging: Messaging;
  readonly orgs: OrgDirectory;
  readonly uow: UnitOfWork;
  readonly systemAudit: SystemAuditLog;
  readonly ids: IdGenerator;
  readonly clock: Clock;
  readonly observer: OutboxObserver | null;
  /** [0, 1); jitter of retry delays (tests pin it). */
  readonly random?: () => number;
}

const contract = defineContract({
  name: 'DeliverOutbox',
  input: Type.Object(
    {
      maxRounds: Type.Optional(Int(1, 100_000, { description: 'Rounds (find due orgs, claim and deliver a batch in each) before returning; default until nothing is due' })),
    },
    { additionalProperties: false },
  ),
  output: Type.Object(
    {
      rounds: Type.Integer(),
      claimed: Type.Integer(),
      sent: Type.Integer(),
      retried: Type.Integer(),
      dead: Type.Integer(),
      /** Outcomes not recorded because the claim had moved on (its lease ran out). */
      superseded: Type.Integer(),
    },
    { additionalProperties: false },
  ),
});

export type DeliverOutboxInput = ContractInput<typeof contract>;
export type DeliverOutboxSummary = typeof contract.output.static;

/** Orgs taken per round; each gets its own claim transaction. */
const ORGS_PER_ROUND = 20;
/**
 * Orgs of a round delivered at once: each holds at most one pooled connection at a time (claim,
 * then outcomes) and `sendConcurrency` provider calls, so 4 keeps well inside a pool of 10 while
 * the database round trips of one org overlap another's sends (PB3, test/bench/README.md).
 */
export const ORGS_DELIVERED_AT_ONCE = 4;
/** Batches of one org per round before the round moves on (so a busy org cannot starve the rest). */
const BATCHES_PER_ORG = 4;
/** A run that never drains (new events keep arriving) still returns now and then. */
const DEFAULT_MAX_ROUNDS = 1_000;
/** One system audit row per this long at most: the deliverer runs continuously. */
const AUDIT_EVERY_MS = 60_000;
/** How long an org's name, zone and locale are reused between rounds. */
const SENDER_TTL_MS = 60_000;

/**
 * The `outbox-delivery` job (guide 000 "Outbox delivery + DLQ"): finds the orgs with due events,
 * and for each claims a batch (FOR UPDATE SKIP LOCKED, under a lease), delivers it through the
 * channels, and records each outcome under its claim: sent; retried later with exponential
 * backoff and jitter; or dead — at once when the provider refused the message for good, or after
 * OUTBOX_MAX_ATTEMPTS. Delivery is at least once: a host killed mid-batch leaves its events
 * `sending` until the lease ends, then another host sends them again with the same event id, which
 * every channel passes to the provider so the effect is deduplicated downstream.
 * @throws delivery.no_channel — this process has no delivery store.
 * @throws validation.failed — maxRounds out of range.
 */
export class DeliverOutbox {
  static readonly contract = contract;

  private lastAuditAt = 0;
  private readonly senders = new Map<string, { sender: SenderContext; until: number }>();

  constructor(private readonly deps: DeliverOutboxDeps) {}

  async execute(sys: SystemContext, input: DeliverOutboxInput = {}): Promise<DeliverOutboxSummary> {
    const { maxRounds = DEFAULT_MAX_ROUNDS } = checkInput(contract, input);
    const { messaging, clock } = this.deps;
    const store = messaging.delivery;
    const summary = { rounds: 0, claimed: 0, sent: 0, retried: 0, dead: 0, superseded: 0 };
    if (store === null) return summary;
    const kinds = deliverableKinds(messaging.channels);
    if (kinds.length === 0) return summary;
    await this.deliverDueOrgs(store, sys, kinds, maxRounds, summary);
    await this.auditNow(sys, summary);
    return summary;
  }

  /**
   * Keeps up to ORGS_DELIVERED_AT_ONCE orgs in flight. A round is one scan for due orgs; the next
   * scan happens as soon as the last round's orgs have all been started and a lane is free, so
   * the lanes never wait for a round's slowest org (orgs in flight are left out of a scan's
   * result: their next batches are theirs). Stops when nothing is due and nothing is in flight,
   * after `maxRounds` scans, or once a scan offers only orgs that had nothing to claim here since
   * the last progress (another host holds their events).
   */
  private async deliverDueOrgs(store: OutboxDeliveryStore, sys: SystemContext, kinds: readonly OutboxKind[], maxRounds: number, summary: DeliverOutboxSummary & Record<string, number>): Promise<void> {
    const inFlight = new Map<string, Promise<void>>();
    /** Orgs that claimed nothing although a scan said they were due (their rows locked by another host), since the last org that did. */
    const nothingToClaim = new Set<string>();
    let queue: string[] = [];
    let failure: { error: unknown } | null = null;
    const start = (orgId: string) => {
      const work = this.deliverOrg(store, sys, orgId, kinds, summary).then(
        (claimed) => {
          // Forgotten at the next progress: another host's claim holds an org's rows only briefly.
          if (claimed === 0) nothingToClaim.add(orgId);
          else nothingToClaim.clear();
        },
        (error: unknown) => {
          failure ??= { error };
        },
      );
      inFlight.set(
        orgId,
        work.finally(() => inFlight.delete(orgId)),
      );
    };
    for (;;) {
      if (failure === null && queue.length === 0 && summary.rounds < maxRounds) {
        const due = await store.dueOrgs(this.deps.clock.now(), kinds, ORGS_PER_ROUND);
        const fresh = due.filter((orgId) => !inFlight.has(orgId) && !nothingToClaim.has(orgId));
        if (fresh.length > 0) {
          summary.rounds += 1;
          queue = fresh;
        }
      }
      while (failure === null && inFlight.size < ORGS_DELIVERED_AT_ONCE && queue.length > 0) start(queue.shift()!);
      if (inFlight.size === 0) break;
      await Promise.race(inFlight.values());
    }
    if (failure !== null) throw (failure as { error: unknown }).error;
  }

  /**
   * Up to BATCHES_PER_ORG batches of one org: claim, send, then record the outcomes and claim the
   * next batch in one transaction; the last (or a short) batch's outcomes alone.
   */
  private async deliverOrg(store: OutboxDeliveryStore, sys: SystemContext, orgId: string, kinds: readonly OutboxKind[], summary: DeliverOutboxSummary & Record<string, number>): Promise<number> {
    const { messaging, clock, ids } = this.deps;
    const { batchSize, leaseSeconds, sendConcurrency } = messaging.options;
    const request = (): ClaimRequest => {
      const now = clock.now();
      return { orgId, now, kinds, limit: batchSize, leaseUntil: new Date(now.getTime() + leaseSeconds * 1000), claimToken: ids.next() };
    };
    let claim = request();
    let events = await store.claim(claim);
    let total = 0;
    for (let batch = 1; events.length > 0; batch++) {
      total += events.length;
      summary.claimed += events.length;
      const sender = await this.senderFor(sys, orgId);
      const token = claim.claimToken;
      const outcomes = await mapWithLimit(events, sendConcurrency, (event) => this.deliverOne(event, token, sender));
      for (const outcome of outcomes) {
        if (outcome.result === 'sent') summary.sent += 1;
        else if (outcome.result === 'retry') summary.retried += 1;
        else summary.dead += 1;
      }
      if (batch >= BATCHES_PER_ORG || events.length < batchSize) {
        summary.superseded += outcomes.length - (await store.complete(orgId, outcomes));
        break;
      }
      claim = request();
      const next = await store.completeAndClaim(outcomes, claim);
      summary.superseded += outcomes.length - next.recorded;
      events = next.claimed;
    }
    return total;
  }

  private async deliverOne(event: OutboxEvent, claimToken: string, sender: SenderContext): Promise<DeliveryOutcome> {
    const { messaging, clock, observer } = this.deps;
    const started = clock.now();
    let attempt: Omit<DeliveryAttemptRecord, 'status' | 'providerMessageId' | 'error'> | null = null;
    try {
      const { receipt, record } = await this.send(event, sender, (a) => (attempt = a));
      const at = clock.now();
      observer?.delivered(event.kind, 'sent', (at.getTime() - event.createdAt.getTime()) / 1000, (at.getTime() - started.getTime()) / 1000);
      return { eventId: event.id, claimToken, result: 'sent', at, attempt: record === null ? null : { ...record, status: 'sent', providerMessageId: receipt.providerMessageId, error: null } };
    } catch (err) {
      const at = clock.now();
      const reason = describe(err);
      const permanent = err instanceof PermanentFailure || (isAppError(err) && !err.retryable);
      const record = attempt === null ? null : { ...(attempt as DeliveryAttemptRecord), status: permanent ? ('rejected' as const) : ('failed' as const), providerMessageId: null, error: reason };
      if (permanent && isAppError(err) && err.details['reason'] === 'opted_out') await this.recordOptOut(event, at);
      const outOfAttempts = event.attempts >= messaging.options.retry.maxAttempts;
      if (permanent || outOfAttempts) {
        observer?.delivered(event.kind, 'dead', null, (at.getTime() - started.getTime()) / 1000);
        const error = permanent ? reason : sanitiseDeliveryError(`gave up after ${event.attempts} attempts: ${reason}`);
        return { eventId: event.id, claimToken, result: 'dead', at, error, attempt: record };
      }
      observer?.delivered(event.kind, 'retry', null, (at.getTime() - started.getTime()) / 1000);
      const delay = retryDelayMs(messaging.options.retry, event.attempts, (this.deps.random ?? Math.random)());
      return { eventId: event.id, claimToken, result: 'retry', at, nextAttemptAt: new Date(at.getTime() + delay), error: reason, attempt: record };
    }
  }

  /** Sends through the event's channel; `noteAttempt` learns the attempt's identity before the send, so a failure is recorded too. */
  private async send(
    event: OutboxEvent,
    sender: SenderContext,
    noteAttempt: (a: Omit<DeliveryAttemptRecord, 'status' | 'providerMessageId' | 'error'>) => void,
  ): Promise<{ receipt: SendReceipt; record: Omit<DeliveryAttemptRecord, 'status' | 'providerMessageId' | 'error'> | null }> {
    const { messaging, ids } = this.deps;
    const { channels } = messaging;
    const payload = event.payload;
    switch (payload.kind) {
      case 'email': {
        const mailer = channels.email;
        if (mailer === null) throw noChannel(event.kind);
        const message = payload.message;
        const rendered = renderMessage(message.template, message.data as never, sender, this.openSecret(message));
        const record = { id: ids.next(), channel: 'email' as const, provider: mailer.provider, recipient: message.to, template: message.template };
        noteAttempt(record);
        const receipt = await mailer.send({
          idempotencyId: event.id,
          orgId: event.orgId,
          to: message.to,
          toName: message.toName,
          fromName: messaging.options.fromName ?? sender.orgName,
          subject: rendered.subject,
          text: rendered.text,
          html: rendered.html,
          template: message.template,
        });
        return { receipt, record };
      }
      case 'sms': {
        const sms = channels.sms;
        if (sms === null) throw noChannel(event.kind);
        const message = payload.message;
        const record = { id: ids.next(), channel: 'sms' as const, provider: sms.provider, recipient: message.to, template: message.template };
        noteAttempt(record);
        if (messaging.smsOptOuts !== null && (await messaging.smsOptOuts.isOptedOut(smsPhoneKey(messaging.tokens, message.to)))) {
          throw new OptedOut();
        }
        const rendered = renderMessage(message.template, message.data as never, sender, this.openSecret(message));
        const receipt = await sms.send({ idempotencyId: event.id, orgId: event.orgId, to: message.to, body: rendered.sms });
        return { receipt, record };
      }
      case 'webhook': {
        const webhook = channels.webhook;
        if (webhook === null) throw noChannel(event.kind);
        const record = { id: ids.next(), channel: 'webhook' as const, provider: webhook.provider, recipient: safeHost(payload.webhook.url), template: payload.webhook.eventType };
        noteAttempt(record);
        const receipt = await webhook.send({ idempotencyId: event.id, orgId: event.orgId, url: payload.webhook.url, eventType: payload.webhook.eventType, body: payload.webhook.body });
        return { receipt, record };
      }
      case 'export':
        throw noChannel(event.kind);
    }
  }

  /** The message's token, or a permanent failure when it no longer opens (the sealing key changed). */
  private openSecret(message: MessagePayload): string | null {
    if (message.sealedSecret === null) return null;
    try {
      return this.deps.messaging.sealer.open(message.sealedSecret);
    } catch {
      throw new PermanentFailure('the message secret cannot be opened (was the sealing key rotated?)');
    }
  }

  private async recordOptOut(event: OutboxEvent, at: Date): Promise<void> {
    const { messaging } = this.deps;
    if (event.payload.kind !== 'sms' || messaging.smsOptOuts === null) return;
    await messaging.smsOptOuts.optOut(smsPhoneKey(messaging.tokens, event.payload.message.to), 'provider', at).catch(() => undefined);
  }

  /** The org's name, zone and locale, read once a minute at most (one tenant unit per org). */
  private async senderFor(sys: SystemContext, orgId: string): Promise<SenderContext> {
    const nowMs = this.deps.clock.now().getTime();
    const cached = this.senders.get(orgId);
    if (cached !== undefined && cached.until > nowMs) return cached.sender;
    const [org, settings] = await Promise.all([
      this.deps.orgs.findById(orgId),
      this.deps.uow.run(tenantContextFor(sys, orgId), (repos) => repos.orgSettings.get()),
    ]);
    const sender: SenderContext = {
      orgName: org?.name ?? 'CleanWithSnapshot',
      timeZone: settings?.timeZone ?? 'UTC',
      locale: settings?.locale ?? DEFAULT_LOCALE,
      publicBaseUrl: this.deps.messaging.options.publicBaseUrl,
    };
    if (this.senders.size > 10_000) this.senders.clear();
    this.senders.set(orgId, { sender, until: nowMs + SENDER_TTL_MS });
    return sender;
  }

  private async auditNow(sys: SystemContext, summary: DeliverOutboxSummary): Promise<void> {
    const nowMs = this.deps.clock.now().getTime();
    if (summary.claimed === 0 || nowMs - this.lastAuditAt < AUDIT_EVERY_MS) return;
    this.lastAuditAt = nowMs;
    await this.deps.systemAudit.append({
      id: this.deps.ids.next(),
      actorId: sys.actor.id,
      action: 'system.outbox_delivery',
      reason: sys.reason,
      metadata: { ...summary, note: 'at most one row a minute per deliverer; counts are of this run' },
      requestId: sys.requestId,
      createdAt: sys.now,
    });
  }
}

class PermanentFailure extends Error {}
class OptedOut extends PermanentFailure {
  constructor() {
    super('the number answered STOP');
  }
}

function noChannel(kind: OutboxKind): Error {
  // Claims only take kinds with a channel; a channel removed mid-run is a retry, not a loss.
  return new Error(`no channel for ${kind} messages in this process`);
}

/** A sanitised reason; permanent failures are those the adapters call rejected, or ours. */
function describe(err: unknown): string {
  if (err instanceof PermanentFailure) return err.message;
  if (isAppError(err)) return sanitiseDeliveryError(`${err.code}: ${err.message}`);
  return sanitiseDeliveryError(err instanceof Error ? `${err.name}: ${err.message}` : 'unknown failure');
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'invalid-url';
  }
}

/** Runs `work` over `items`, at most `limit` at once, keeping their order. */
async function mapWithLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(Math.max(limit, 1), items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  });
  await Promise.all(lanes);
  return results;
}
