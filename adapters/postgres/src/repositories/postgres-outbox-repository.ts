/**
 * Outbox rows of the unit's org. Enqueue is one statement: INSERT ... ON CONFLICT DO NOTHING on
 * (org_id, dedupe_key); a racing enqueue of the same key waits for the first to commit and then
 * inserts nothing, so the follow-up read finds the first event.
 */
import {
  AppError,
  MAX_DEDUPE_KEY_LENGTH,
  OUTBOX_KINDS,
  type DeadLetterKindsQuery,
  type OutboxKind,
  type DeadLetterQuery,
  type DeliveryAttempt,
  type EnqueueResult,
  type NewOutboxEvent,
  type OutboxEvent,
  type OutboxRepository,
} from '@cws/core';
import { translatingErrors } from '../pg-errors.js';
import type { TenantDb } from '../tenant-transaction.js';

type Row = Record<string, unknown>;

export const OUTBOX_COLUMNS =
  'id, org_id, kind, dedupe_key, payload, status, attempts, next_attempt_at, claim_token, last_error, created_at, updated_at, sent_at';

export function toOutboxEvent(r: Row): OutboxEvent {
  return {
    id: r['id'] as string,
    orgId: r['org_id'] as string,
    kind: r['kind'] as OutboxEvent['kind'],
    dedupeKey: r['dedupe_key'] as string,
    payload: r['payload'] as OutboxEvent['payload'],
    status: r['status'] as OutboxEvent['status'],
    attempts: Number(r['attempts']),
    nextAttemptAt: r['next_attempt_at'] as Date,
    claimToken: (r['claim_token'] as string | null) ?? null,
    lastError: (r['last_error'] as string | null) ?? null,
    createdAt: r['created_at'] as Date,
    updatedAt: r['updated_at'] as Date,
    sentAt: (r['sent_at'] as Date | null) ?? null,
  };
}

/**
 * A key the table holds as given, said before the statement: the length check would surface as
 * a 500 (a check violation), and the driver would store a lone surrogate as U+FFFD, so two keys
 * that differ only there would dedupe each other. NUL the database refuses itself (22021).
 */
export function checkDedupeKey(key: string): void {
  const length = [...key].length;
  if (length === 0 || length > MAX_DEDUPE_KEY_LENGTH || /\p{Cs}/u.test(key)) {
    throw new AppError('storage.value_refused', `A dedupe key must be 1 to ${MAX_DEDUPE_KEY_LENGTH} characters of well-formed text`);
  }
}

/** LIKE metacharacters in a literal prefix. */
const likePrefix = (prefix: string): string => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * A new event's row, as `enqueue` writes it (also written inside a booking's write statement,
 * with the same ON CONFLICT (org_id, dedupe_key) DO NOTHING); refuses another org's event and
 * a key the table would not hold as given.
 */
export function outboxRow(orgId: string, event: NewOutboxEvent) {
  if (event.orgId !== orgId) throw new AppError('tenant.cross_org_write', 'A row cannot be written into another organisation');
  checkDedupeKey(event.dedupeKey);
  return {
    id: event.id,
    org_id: event.orgId,
    kind: event.payload.kind,
    dedupe_key: event.dedupeKey,
    payload: JSON.stringify(event.payload),
    status: 'pending',
    attempts: 0,
    next_attempt_at: event.notBefore ?? event.createdAt,
    created_at: event.createdAt,
    updated_at: event.createdAt,
  };
}

export class PostgresOutboxRepository implements OutboxRepository {
  constructor(
    private readonly db: TenantDb,
    private readonly orgId: string,
  ) {}

  async enqueue(event: NewOutboxEvent): Promise<EnqueueResult> {
    if (event.orgId !== this.orgId) throw new AppError('tenant.cross_org_write', 'A row cannot be written into another organisation');
    checkDedupeKey(event.dedupeKey);
    const inserted = await translatingErrors(() =>
      this.db.raw(
        `INSERT INTO outbox_events (id, org_id, kind, dedupe_key, payload, status, attempts, next_attempt_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?::jsonb, 'pending', 0, ?, ?, ?)
         ON CONFLICT (org_id, dedupe_key) DO NOTHING
         RETURNING ${OUTBOX_COLUMNS}`,
        [event.id, event.orgId, event.payload.kind, event.dedupeKey, JSON.stringify(event.payload), event.notBefore ?? event.createdAt, event.createdAt, event.createdAt],
      ),
    );
    const row = inserted.rows[0] as Row | undefined;
    if (row !== undefined) return { event: toOutboxEvent(row), created: true };
    const existing = await translatingErrors(() =>
      this.db.raw(`SELECT ${OUTBOX_COLUMNS} FROM outbox_events WHERE org_id = ? AND dedupe_key = ?`, [this.orgId, event.dedupeKey]),
    );
    const first = existing.rows[0] as Row | undefined;
    if (first === undefined) throw new Error(`Outbox event with dedupe key ${event.dedupeKey} conflicted but cannot be read`);
    return { event: toOutboxEvent(first), created: false };
  }

  async findById(id: string): Promise<OutboxEvent | null> {
    const result = await translatingErrors(() => this.db.raw(`SELECT ${OUTBOX_COLUMNS} FROM outbox_events WHERE org_id = ? AND id = ?`, [this.orgId, id]));
    const row = result.rows[0] as Row | undefined;
    return row === undefined ? null : toOutboxEvent(row);
  }

  async listByDedupePrefix(prefix: string, limit: number): Promise<readonly OutboxEvent[]> {
    const result = await translatingErrors(() =>
      this.db.raw(
        `SELECT ${OUTBOX_COLUMNS} FROM outbox_events WHERE org_id = ? AND dedupe_key LIKE ? ESCAPE '\\' ORDER BY created_at DESC, id DESC LIMIT ?`,
        [this.orgId, likePrefix(prefix), limit],
      ),
    );
    return (result.rows as Row[]).map(toOutboxEvent);
  }

  async listDead(q: DeadLetterQuery): Promise<{ items: readonly OutboxEvent[]; total: number }> {
    const kind = q.kind === null ? '' : ' AND kind = ?';
    const kindBinding = q.kind === null ? [] : [q.kind];
    // The page and the total in one statement: the window count runs over the same filtered rows.
    const result = await translatingErrors(() =>
      this.db.raw(
        `SELECT ${OUTBOX_COLUMNS}, count(*) OVER () AS total FROM outbox_events
         WHERE org_id = ? AND status = 'dead'${kind}
         ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`,
        [this.orgId, ...kindBinding, q.limit, q.offset],
      ),
    );
    const rows = result.rows as Row[];
    if (rows.length > 0 || q.offset === 0) return { items: rows.map(toOutboxEvent), total: rows.length === 0 ? 0 : Number(rows[0]!['total']) };
    // Past the end: the window had no row to count on.
    const counted = await translatingErrors(() =>
      this.db.raw(`SELECT count(*)::int AS total FROM outbox_events WHERE org_id = ? AND status = 'dead'${kind}`, [this.orgId, ...kindBinding]),
    );
    return { items: [], total: Number((counted.rows[0] as Row)['total']) };
  }

  async replay(id: string, now: Date): Promise<OutboxEvent | null> {
    // One guarded statement: of two racing replays only one finds the row dead.
    const result = await translatingErrors(() =>
      this.db.raw(
        `UPDATE outbox_events SET status = 'pending', attempts = 0, next_attempt_at = ?, claim_token = NULL, updated_at = ?
         WHERE org_id = ? AND id = ? AND status = 'dead'
         RETURNING ${OUTBOX_COLUMNS}`,
        [now, now, this.orgId, id],
      ),
    );
    const row = result.rows[0] as Row | undefined;
    return row === undefined ? null : toOutboxEvent(row);
  }

  async listDeadOfKinds(q: DeadLetterKindsQuery): Promise<{ items: readonly OutboxEvent[]; total: number }> {
    if (q.kinds.length === 0) return { items: [], total: 0 };
    const kinds = q.kinds.map(() => '?').join(', ');
    // The matching rows are one named set, so the exports issue can add its export_events rows
    // with a UNION ALL inside it; paging and the total stay one statement over the set.
    const result = await translatingErrors(() =>
      this.db.raw(
        `WITH dead_letters AS (SELECT ${OUTBOX_COLUMNS} FROM outbox_events WHERE org_id = ? AND status = 'dead' AND kind IN (${kinds}))
         SELECT *, count(*) OVER () AS total FROM dead_letters ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`,
        [this.orgId, ...q.kinds, q.limit, q.offset],
      ),
    );
    const rows = result.rows as Row[];
    if (rows.length > 0 || q.offset === 0) return { items: rows.map(toOutboxEvent), total: rows.length === 0 ? 0 : Number(rows[0]!['total']) };
    // Past the end the window has no row to count on: count separately.
    const counts = await this.countDeadByKind();
    return { items: [], total: q.kinds.reduce((sum, k) => sum + counts[k], 0) };
  }

  async countDeadByKind(): Promise<Record<OutboxKind, number>> {
    const result = await translatingErrors(() =>
      this.db.raw(`SELECT kind, count(*)::int AS n FROM outbox_events WHERE org_id = ? AND status = 'dead' GROUP BY kind`, [this.orgId]),
    );
    const counts = Object.fromEntries(OUTBOX_KINDS.map((k) => [k, 0])) as Record<OutboxKind, number>;
    for (const row of result.rows as Row[]) counts[row['kind'] as OutboxKind] = Number(row['n']);
    return counts;
  }

  async listAttempts(eventId: string): Promise<readonly DeliveryAttempt[]> {
    const result = await translatingErrors(() =>
      this.db.raw(
        `SELECT id, outbox_event_id, channel, provider, recipient, template, status, provider_message_id, error, created_at
           FROM email_events WHERE org_id = ? AND outbox_event_id = ? ORDER BY created_at, id`,
        [this.orgId, eventId],
      ),
    );
    return (result.rows as Row[]).map((r) => ({
      id: r['id'] as string,
      eventId: r['outbox_event_id'] as string,
      channel: r['channel'] as DeliveryAttempt['channel'],
      provider: r['provider'] as string,
      recipient: r['recipient'] as string,
      template: (r['template'] as string | null) ?? null,
      status: r['status'] as DeliveryAttempt['status'],
      providerMessageId: (r['provider_message_id'] as string | null) ?? null,
      error: (r['error'] as string | null) ?? null,
      at: r['created_at'] as Date,
    }));
  }
}
