/**
 * The outbox in memory, with PostgreSQL's semantics: dedupe per org, claims that never hand one
 * event to two callers (they take turns on the state's lock, as row locks and SKIP LOCKED make
 * claims exclusive there), outcomes recorded only under their own claim token.
 */
import {
  AppError,
  MAX_DEDUPE_KEY_LENGTH,
  OUTBOX_KINDS,
  type ClaimRequest,
  type DeadLetterKindsQuery,
  sanitiseDeliveryError,
  type DeadLetterQuery,
  type DeliveryAttempt,
  type DeliveryOutcome,
  type EnqueueResult,
  type NewOutboxEvent,
  type OutboxBacklogRow,
  type OutboxDeliveryStore,
  type OutboxEvent,
  type OutboxKind,
  type OutboxRepository,
  type OutboxStatus,
  type SmsOptOutStore,
} from '@cws/core';
import { copy, type MemoryState, type TenantTables } from './memory-state.js';

const isDue = (e: OutboxEvent, now: Date): boolean => (e.status === 'pending' || e.status === 'sending') && e.nextAttemptAt.getTime() <= now.getTime();
/**
 * What PostgreSQL refuses or alters, refused here too so both stores agree: a key of 1 to 200
 * characters (code points, as char_length counts), and no NUL or lone surrogate in the key or
 * in any text of the payload (text and jsonb cannot hold them).
 */
function checkStorable(event: NewOutboxEvent): void {
  const length = [...event.dedupeKey].length;
  if (length === 0 || length > MAX_DEDUPE_KEY_LENGTH || !holdable(event.dedupeKey)) {
    throw new AppError('storage.value_refused', `A dedupe key must be 1 to ${MAX_DEDUPE_KEY_LENGTH} characters of well-formed text`);
  }
  if (!holdable(event.payload)) {
    throw new AppError('storage.value_refused', 'A value of the request cannot be stored: check text for NUL characters', {
      errors: [{ pointer: '/', detail: 'holds a value the database refused' }],
    });
  }
}

function holdable(value: unknown): boolean {
  if (typeof value === 'string') return !/[\u0000\p{Cs}]/u.test(value);
  if (Array.isArray(value)) return value.every(holdable);
  if (value !== null && typeof value === 'object') return Object.entries(value).every(([k, v]) => holdable(k) && holdable(v));
  return true;
}

const newestFirst = (a: OutboxEvent, b: OutboxEvent): number => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

export class MemoryOutboxRepository implements OutboxRepository {
  constructor(private readonly orgId: string, private readonly t: TenantTables) {}

  private own(): OutboxEvent[] {
    return [...this.t.outbox.values()].filter((e) => e.orgId === this.orgId);
  }

  async enqueue(event: NewOutboxEvent): Promise<EnqueueResult> {
    if (event.orgId !== this.orgId) throw new AppError('tenant.cross_org_write', 'A row cannot be written into another organisation');
    checkStorable(event);
    const existing = this.own().find((e) => e.dedupeKey === event.dedupeKey);
    if (existing !== undefined) return { event: copy(existing), created: false };
    if (this.t.outbox.has(event.id)) throw new AppError('storage.conflict', `Outbox event ${event.id} exists`);
    const row: OutboxEvent = copy({
      id: event.id,
      orgId: event.orgId,
      kind: event.payload.kind,
      dedupeKey: event.dedupeKey,
      payload: event.payload,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: event.notBefore ?? event.createdAt,
      claimToken: null,
      lastError: null,
      createdAt: event.createdAt,
      updatedAt: event.createdAt,
      sentAt: null,
    });
    this.t.outbox.set(row.id, row);
    return { event: copy(row), created: true };
  }

  async findById(id: string): Promise<OutboxEvent | null> {
    const e = this.t.outbox.get(id);
    return e === undefined || e.orgId !== this.orgId ? null : copy(e);
  }

  async listByDedupePrefix(prefix: string, limit: number): Promise<readonly OutboxEvent[]> {
    // slice(0, -n) would drop from the end instead of taking nothing.
    if (limit <= 0) return [];
    return this.own()
      .filter((e) => e.dedupeKey.startsWith(prefix))
      .sort(newestFirst)
      .slice(0, limit)
      .map(copy);
  }

  async listDead(q: DeadLetterQuery): Promise<{ items: readonly OutboxEvent[]; total: number }> {
    const dead = this.own()
      .filter((e) => e.status === 'dead' && (q.kind === null || e.kind === q.kind))
      .sort(newestFirst);
    const items = q.limit <= 0 ? [] : dead.slice(Math.max(0, q.offset), Math.max(0, q.offset) + q.limit);
    return { items: items.map(copy), total: dead.length };
  }

  async replay(id: string, now: Date): Promise<OutboxEvent | null> {
    const e = this.t.outbox.get(id);
    if (e === undefined || e.orgId !== this.orgId || e.status !== 'dead') return null;
    const replayed: OutboxEvent = { ...e, status: 'pending', attempts: 0, nextAttemptAt: now, claimToken: null, updatedAt: now };
    this.t.outbox.set(id, replayed);
    return copy(replayed);
  }

  async listDeadOfKinds(q: DeadLetterKindsQuery): Promise<{ items: readonly OutboxEvent[]; total: number }> {
    const dead = this.own()
      .filter((e) => e.status === 'dead' && q.kinds.includes(e.kind))
      .sort(newestFirst);
    return { items: dead.slice(q.offset, q.offset + q.limit).map(copy), total: dead.length };
  }

  async countDeadByKind(): Promise<Record<OutboxKind, number>> {
    const counts = Object.fromEntries(OUTBOX_KINDS.map((k) => [k, 0])) as Record<OutboxKind, number>;
    for (const e of this.own()) if (e.status === 'dead') counts[e.kind]++;
    return counts;
  }

  async listAttempts(eventId: string): Promise<readonly DeliveryAttempt[]> {
    return this.t.emailEvents
      .filter((r) => r.orgId === this.orgId && r.outboxEventId === eventId)
      .map(({ orgId: _org, outboxEventId, createdAt, ...record }) => copy({ ...record, eventId: outboxEventId, at: createdAt }));
  }
}

export class MemoryOutboxDeliveryStore implements OutboxDeliveryStore {
  private readonly waiters = new Set<() => void>();
  private readonly aborters = new Set<() => void>();
  private closed = false;

  constructor(private readonly state: MemoryState) {}

  async dueOrgs(now: Date, kinds: readonly OutboxKind[], limit: number): Promise<readonly string[]> {
    if (limit <= 0) return [];
    const earliest = new Map<string, number>();
    for (const e of this.state.tables.outbox.values()) {
      if (!kinds.includes(e.kind) || !isDue(e, now)) continue;
      const at = e.nextAttemptAt.getTime();
      if (!earliest.has(e.orgId) || at < earliest.get(e.orgId)!) earliest.set(e.orgId, at);
    }
    return [...earliest.entries()]
      .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, limit)
      .map(([org]) => org);
  }

  claim(r: ClaimRequest): Promise<readonly OutboxEvent[]> {
    return this.state.serial(async () => {
      if (r.limit <= 0) return [];
      const due = [...this.state.tables.outbox.values()]
        .filter((e) => e.orgId === r.orgId && r.kinds.includes(e.kind) && isDue(e, r.now))
        .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || (a.id < b.id ? -1 : 1))
        .slice(0, r.limit);
      const claimed = due.map((e): OutboxEvent => copy({ ...e, status: 'sending', attempts: e.attempts + 1, nextAttemptAt: r.leaseUntil, claimToken: r.claimToken, updatedAt: r.now }));
      for (const e of claimed) this.state.tables.outbox.set(e.id, e);
      return claimed.map(copy);
    });
  }

  complete(orgId: string, outcomes: readonly DeliveryOutcome[]): Promise<number> {
    return this.state.serial(async () => {
      let changed = 0;
      for (const o of outcomes) {
        const e = this.state.tables.outbox.get(o.eventId);
        if (e === undefined || e.orgId !== orgId || e.status !== 'sending' || e.claimToken !== o.claimToken) continue;
        const next: OutboxEvent =
          o.result === 'sent'
            ? { ...e, status: 'sent', claimToken: null, sentAt: o.at, updatedAt: o.at, payload: withoutSecret(e) }
            : o.result === 'retry'
              ? { ...e, status: 'pending', claimToken: null, nextAttemptAt: o.nextAttemptAt, lastError: sanitiseDeliveryError(o.error), updatedAt: o.at }
              : { ...e, status: 'dead', claimToken: null, lastError: sanitiseDeliveryError(o.error), updatedAt: o.at };
        this.state.tables.outbox.set(e.id, next);
        if (o.attempt !== null) {
          const error = o.attempt.error === null ? null : sanitiseDeliveryError(o.attempt.error);
          this.state.tables.emailEvents.push(copy({ ...o.attempt, error, orgId, outboxEventId: e.id, createdAt: o.at }));
        }
        changed++;
      }
      return changed;
    });
  }

  async completeAndClaim(outcomes: readonly DeliveryOutcome[], next: ClaimRequest): Promise<{ recorded: number; claimed: readonly OutboxEvent[] }> {
    // Two turns on the lock where PostgreSQL takes one transaction: nothing can come between
    // them that matters here (a claim by another caller takes other rows either way).
    const recorded = await this.complete(next.orgId, outcomes);
    return { recorded, claimed: await this.claim(next) };
  }

  async backlog(): Promise<readonly OutboxBacklogRow[]> {
    const rows = new Map<string, { kind: OutboxKind; status: OutboxStatus; count: number; oldestCreatedAt: Date | null }>();
    for (const e of this.state.tables.outbox.values()) {
      const key = `${e.kind}/${e.status}`;
      const row = rows.get(key) ?? { kind: e.kind, status: e.status, count: 0, oldestCreatedAt: null };
      row.count++;
      if (row.oldestCreatedAt === null || e.createdAt < row.oldestCreatedAt) row.oldestCreatedAt = e.createdAt;
      rows.set(key, row);
    }
    return [...rows.values()];
  }

  /** In memory nothing notifies across processes; `notify()` wakes waiters of this process (tests, embedding). */
  waitForEvents(timeoutMs: number, signal: AbortSignal): Promise<'notified' | 'timeout' | 'aborted'> {
    if (signal.aborted || this.closed) return Promise.resolve('aborted');
    return new Promise((resolve) => {
      const finish = (how: 'notified' | 'timeout' | 'aborted') => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.waiters.delete(onNotify);
        this.aborters.delete(onAbort);
        resolve(how);
      };
      const onAbort = () => finish('aborted');
      const onNotify = () => finish('notified');
      const timer = setTimeout(() => finish('timeout'), timeoutMs);
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(onNotify);
      this.aborters.add(onAbort);
    });
  }

  /** Wakes every waiter (what a committed enqueue does on the PostgreSQL server). */
  notify(): void {
    for (const wake of [...this.waiters]) wake();
  }

  /** Pending waits end as 'aborted': the caller is shutting down, not called to claim. */
  async close(): Promise<void> {
    this.closed = true;
    for (const abort of [...this.aborters]) abort();
  }
}

/** A sent message keeps no sealed secret. */
function withoutSecret(e: OutboxEvent): OutboxEvent['payload'] {
  const p = e.payload;
  return p.kind === 'email' || p.kind === 'sms' ? { ...p, message: { ...p.message, sealedSecret: null } } : p;
}

export class MemorySmsOptOutStore implements SmsOptOutStore {
  constructor(private readonly state: MemoryState) {}

  async isOptedOut(phoneKey: string): Promise<boolean> {
    checkPhoneKey(phoneKey);
    return this.state.smsOptOuts.has(phoneKey);
  }

  async optOut(phoneKey: string, source: 'keyword' | 'provider', at: Date): Promise<void> {
    checkPhoneKey(phoneKey);
    if (!this.state.smsOptOuts.has(phoneKey)) this.state.smsOptOuts.set(phoneKey, { source, createdAt: at });
  }

  async optIn(phoneKey: string): Promise<boolean> {
    checkPhoneKey(phoneKey);
    return this.state.smsOptOuts.delete(phoneKey);
  }
}

/** The PostgreSQL table's check: a keyed hash, 16 to 128 characters. */
function checkPhoneKey(phoneKey: string): void {
  if (phoneKey.length < 16 || phoneKey.length > 128 || phoneKey.includes('\u0000')) {
    throw new AppError('storage.value_refused', 'A phone key must be a keyed hash of 16 to 128 characters');
  }
}
