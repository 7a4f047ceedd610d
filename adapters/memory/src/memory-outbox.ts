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
  type DeadLetterQuery,
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
const newestFirst = (a: OutboxEvent, b: OutboxEvent): number => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

export class MemoryOutboxRepository implements OutboxRepository {
  constructor(private readonly orgId: string, private readonly t: TenantTables) {}

  private own(): OutboxEvent[] {
    return [...this.t.outbox.values()].filter((e) => e.orgId === this.orgId);
  }

  async enqueue(event: NewOutboxEvent): Promise<EnqueueResult> {
    if (event.orgId !== this.orgId) throw new AppError('tenant.cross_org_write', 'A row cannot be written into another organisation');
    if (event.dedupeKey.length === 0 || event.dedupeKey.length > MAX_DEDUPE_KEY_LENGTH) {
      throw new AppError('storage.value_refused', 'A dedupe key must be 1 to 200 characters');
    }
    const existing = this.own().find((e) => e.dedupeKey === event.dedupeKey);
    if (existing !== undefined) return { event: copy(existing), created: false };
    if (this.t.outbox.has(event.id)) throw new AppError('storage.conflict', `Outbox event ${event.id} exists`);
    const row: OutboxEvent = {
      id: event.id,
      orgId: event.orgId,
      kind: event.payload.kind,
      dedupeKey: event.dedupeKey,
      payload: copy(event.payload),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: event.notBefore ?? event.createdAt,
      claimToken: null,
      lastError: null,
      createdAt: event.createdAt,
      updatedAt: event.createdAt,
      sentAt: null,
    };
    this.t.outbox.set(row.id, row);
    return { event: copy(row), created: true };
  }

  async findById(id: string): Promise<OutboxEvent | null> {
    const e = this.t.outbox.get(id);
    return e === undefined || e.orgId !== this.orgId ? null : copy(e);
  }

  async listByDedupePrefix(prefix: string, limit: number): Promise<readonly OutboxEvent[]> {
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
    return { items: dead.slice(q.offset, q.offset + q.limit).map(copy), total: dead.length };
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
}

export class MemoryOutboxDeliveryStore implements OutboxDeliveryStore {
  private readonly waiters = new Set<() => void>();

  constructor(private readonly state: MemoryState) {}

  async dueOrgs(now: Date, kinds: readonly OutboxKind[], limit: number): Promise<readonly string[]> {
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
      const due = [...this.state.tables.outbox.values()]
        .filter((e) => e.orgId === r.orgId && r.kinds.includes(e.kind) && isDue(e, r.now))
        .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || (a.id < b.id ? -1 : 1))
        .slice(0, r.limit);
      const claimed = due.map((e): OutboxEvent => ({ ...e, status: 'sending', attempts: e.attempts + 1, nextAttemptAt: r.leaseUntil, claimToken: r.claimToken, updatedAt: r.now }));
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
              ? { ...e, status: 'pending', claimToken: null, nextAttemptAt: o.nextAttemptAt, lastError: o.error, updatedAt: o.at }
              : { ...e, status: 'dead', claimToken: null, lastError: o.error, updatedAt: o.at };
        this.state.tables.outbox.set(e.id, next);
        if (o.attempt !== null) this.state.tables.emailEvents.push({ ...o.attempt, orgId, outboxEventId: e.id, createdAt: o.at });
        changed++;
      }
      return changed;
    });
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
    if (signal.aborted) return Promise.resolve('aborted');
    return new Promise((resolve) => {
      const finish = (how: 'notified' | 'timeout' | 'aborted') => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.waiters.delete(onNotify);
        resolve(how);
      };
      const onAbort = () => finish('aborted');
      const onNotify = () => finish('notified');
      const timer = setTimeout(() => finish('timeout'), timeoutMs);
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(onNotify);
    });
  }

  /** Wakes every waiter (what a committed enqueue does on the PostgreSQL server). */
  notify(): void {
    for (const wake of [...this.waiters]) wake();
  }

  async close(): Promise<void> {
    for (const wake of [...this.waiters]) wake();
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
    return this.state.smsOptOuts.has(phoneKey);
  }

  async optOut(phoneKey: string, source: 'keyword' | 'provider', at: Date): Promise<void> {
    if (!this.state.smsOptOuts.has(phoneKey)) this.state.smsOptOuts.set(phoneKey, { source, createdAt: at });
  }

  async optIn(phoneKey: string): Promise<boolean> {
    return this.state.smsOptOuts.delete(phoneKey);
  }
}

/** Send attempts recorded for an event (the memory store's view of `email_events`). */
export function memoryDeliveryAttempts(state: MemoryState, orgId: string, eventId: string) {
  return state.tables.emailEvents.filter((r) => r.orgId === orgId && r.outboxEventId === eventId).map(copy);
}
