/**
 * The delivery job's side of the outbox (migration 0013):
 *  - `dueOrgs` and `backlog` call the scanner functions as the login role in the system scope
 *    (a plain pooled statement, no tenant settings): they cross orgs and see no payload;
 *  - `claim` and `complete` run in one tenant transaction of the org each, ONE statement apiece:
 *    claim locks due rows FOR UPDATE SKIP LOCKED and marks them in the same UPDATE; complete
 *    applies every outcome and writes the attempt records in one statement (data-modifying CTEs).
 *    Each transaction is ONE simple-protocol message (BEGIN + settings, the statement, COMMIT), so
 *    a batch costs three round trips whatever its size (the scan, the claim, the outcomes);
 *  - `waitForEvents` LISTENs on `cws_outbox` on a dedicated connection (the server), or polls.
 */
import {
  AppError,
  sanitiseDeliveryError,
  type ClaimRequest,
  type DeliveryOutcome,
  type OutboxBacklogRow,
  type OutboxDeliveryStore,
  type OutboxEvent,
  type OutboxKind,
  type OutboxStatus,
  type SmsOptOutStore,
} from '@cws/core';
import type { Knex } from 'knex';
import pg from 'pg';
import { translatingErrors } from './pg-errors.js';
import { onPooledConnection, tenantBeginStatement, type PgResult } from './tenant-transaction.js';

/**
 * The channel migration 0013's trigger notifies. Adapters may not import the migrations package
 * (layer rules), so it is repeated here; a test asserts both agree.
 */
export const OUTBOX_CHANNEL = 'cws_outbox';

type Row = Record<string, unknown>;

/**
 * `listen`: a dedicated connection LISTENs for new events (a PostgreSQL server). `poll`: waits
 * just run out their timeout (embedded PGlite, one shared session that must not be held by a
 * listener; or anywhere notifications are not wanted).
 */
export type OutboxNotifications = 'listen' | 'poll';

export interface OutboxDeliveryStoreOptions {
  readonly notifications: OutboxNotifications;
  /** The listener's connection; default: the knex instance's own connection settings. */
  readonly listenConnection?: pg.ClientConfig;
}

/**
 * A PostgreSQL array literal of plain words (kinds): knex expands an array binding into a list
 * of placeholders, so arrays travel as one text parameter cast to text[].
 */
function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/**
 * Text a column can hold: no NUL (PostgreSQL text refuses it) and no lone surrogate (JSON input
 * refuses it). A value the database refused would fail the outcome's whole batch, and its events
 * would be redelivered forever. Error texts go through `sanitiseDeliveryError` (which also keeps
 * them within the 500 characters the columns allow; it leaves sanitised text as it is).
 */
function storable(text: string | null): string | null {
  // Most texts hold neither a NUL nor any surrogate: one test of code units, no rewrite.
  // eslint-disable-next-line no-control-regex
  if (text === null || !/[\u0000\uD800-\uDFFF]/.test(text)) return text;
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u0000/g, ' ').replace(/\p{Cs}/gu, '\uFFFD');
}

/** Each event's first outcome only: a second one for the same claim would find the row no longer sending. */
function firstPerEvent(outcomes: readonly DeliveryOutcome[]): DeliveryOutcome[] {
  const seen = new Set<string>();
  return outcomes.filter((o) => (seen.has(o.eventId) ? false : (seen.add(o.eventId), true)));
}

/**
 * One outcome as the statement reads it: short keys, and a key left out when its value is null
 * (json_to_recordset reads a missing key as NULL), so a batch of 50 sent outcomes is ~10 kB of
 * JSON instead of ~25 kB. `json`, not `jsonb`: it is read once, so it is not converted first.
 */
const OUTCOME_RECORD = `i uuid, c uuid, r text, at timestamptz, n timestamptz, e text,
  a uuid, ch text, p text, to_ text, t text, s text, m text, ae text`;

/**
 * Every outcome in one statement: the guarded UPDATE (the row must still be sending under the
 * outcome's claim token), then the attempt records of the rows it changed, then the count.
 */
const COMPLETE_SQL = `WITH outcome AS (SELECT * FROM json_to_recordset(?::json) AS o(${OUTCOME_RECORD})),
changed AS (
  UPDATE outbox_events e SET
    status = CASE o.r WHEN 'sent' THEN 'sent' WHEN 'retry' THEN 'pending' ELSE 'dead' END,
    claim_token = NULL,
    sent_at = CASE WHEN o.r = 'sent' THEN o.at END,
    next_attempt_at = CASE WHEN o.r = 'retry' THEN o.n ELSE e.next_attempt_at END,
    last_error = CASE WHEN o.r = 'sent' THEN e.last_error ELSE o.e END,
    payload = CASE WHEN o.r = 'sent' AND jsonb_typeof(e.payload #> '{message,sealedSecret}') = 'string'
                   THEN jsonb_set(e.payload, '{message,sealedSecret}', 'null'::jsonb) ELSE e.payload END,
    updated_at = o.at
  FROM outcome o
  WHERE e.org_id = ? AND e.id = o.i AND e.status = 'sending' AND e.claim_token = o.c
  RETURNING e.id
),
attempts AS (
  INSERT INTO email_events (org_id, id, outbox_event_id, channel, provider, recipient, template, status, provider_message_id, error, created_at)
  SELECT ?::uuid, o.a, o.i, o.ch, o.p, o.to_, o.t, o.s, o.m, o.ae, o.at
    FROM outcome o JOIN changed c ON c.id = o.i
   WHERE o.a IS NOT NULL
)
SELECT count(*)::int AS changed FROM changed`;

/**
 * What `pg.escapeLiteral` returns (quotes doubled; with a backslash, backslashes doubled and an
 * E'' string), built by native replaces: pg's version appends one character at a time, which
 * was a tenth of a millisecond per batch of outcomes.
 */
function escapeLiteral(value: string): string {
  const quoted = `'${value.replace(/'/g, "''")}'`;
  return value.includes('\\') ? ` E${quoted.replace(/\\/g, '\\\\')}` : quoted;
}

/**
 * `sql` with each `?` replaced by its value as a literal (dates as ISO 8601, integers checked),
 * for a statement sent in a simple-protocol message, which takes no parameters. Only for this
 * file's statements, whose only `?` are placeholders.
 */
function withLiterals(sql: string, values: ReadonlyArray<string | number | Date>): string {
  let i = 0;
  const text = sql.replace(/\?/g, () => {
    const value = values[i++];
    if (value instanceof Date) return escapeLiteral(value.toISOString());
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value)) throw new Error(`Not an integer: ${value}`);
      return String(value);
    }
    if (typeof value !== 'string') throw new Error('A placeholder without its value');
    return escapeLiteral(value);
  });
  if (i !== values.length) throw new Error(`${values.length} values for ${i} placeholders`);
  return text;
}

/**
 * `statement` in a tenant transaction of `orgId` sent as one message: BEGIN and the settings
 * (`tenantBeginStatement`), the statement, COMMIT — one round trip instead of three. A failing
 * statement aborts the rest of the message (COMMIT included) and the connection is rolled back
 * before it returns to the pool, as in `inTenantTransaction`.
 */
async function inOneMessage(knex: Knex, orgId: string, ...statements: string[]): Promise<Row[][]> {
  const message = `${tenantBeginStatement(orgId)} ${statements.join('; ')}; COMMIT;`;
  return onPooledConnection(knex, async (connection) => {
    const results = (await connection.query(message)) as PgResult[];
    // BEGIN, the settings, the statements, COMMIT.
    return statements.map((_, i) => results[2 + i]!.rows as Row[]);
  });
}

/**
 * A claim in one statement: the due rows, locked (SKIP LOCKED passes over rows another claimer
 * holds instead of waiting for them), then marked, oldest due first. The inner select walks
 * outbox_events_org_due_idx (its predicate is this status filter). It returns only what the
 * UPDATE did not set itself (`claimedEvents` fills in status, due time, token and org from the
 * request): fewer columns to send and parse, one timestamp per row instead of five.
 * Bindings: org, now, kinds, limit, lease, token, now, org.
 */
export const CLAIM_SQL = `WITH due AS (
  SELECT id, next_attempt_at AS due_at FROM outbox_events
   WHERE org_id = ? AND status IN ('pending', 'sending') AND next_attempt_at <= ? AND kind = ANY (?::text[])
   ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED),
claimed AS (
  UPDATE outbox_events e SET status = 'sending', attempts = e.attempts + 1, next_attempt_at = ?, claim_token = ?, updated_at = ?
    FROM due WHERE e.org_id = ? AND e.id = due.id
  RETURNING e.id, e.kind, e.dedupe_key, e.payload, e.attempts, e.last_error, e.created_at, due.due_at)
SELECT id, kind, dedupe_key, payload, attempts, last_error, created_at FROM claimed ORDER BY due_at, id`;

/** One outcome in COMPLETE_SQL's shape; null values are left out. */
const outcomeRecord = (o: DeliveryOutcome) => ({
  i: o.eventId,
  c: o.claimToken,
  r: o.result,
  at: o.at.toISOString(),
  n: o.result === 'retry' ? o.nextAttemptAt.toISOString() : undefined,
  e: o.result === 'sent' ? undefined : sanitiseDeliveryError(o.error),
  a: o.attempt?.id,
  ch: o.attempt?.channel,
  p: storable(o.attempt?.provider ?? null) ?? undefined,
  to_: storable(o.attempt?.recipient ?? null) ?? undefined,
  t: storable(o.attempt?.template ?? null) ?? undefined,
  s: o.attempt?.status,
  m: storable(o.attempt?.providerMessageId ?? null) ?? undefined,
  ae: o.attempt?.error == null ? undefined : sanitiseDeliveryError(o.attempt.error),
});

function claimStatement(r: ClaimRequest): string {
  return withLiterals(CLAIM_SQL, [r.orgId, r.now, textArray(r.kinds), r.limit, r.leaseUntil, r.claimToken, r.now, r.orgId]);
}

/** The claimed rows (oldest due first) as events: what the claim set is taken from its request. */
function claimedEvents(r: ClaimRequest, rows: Row[]): OutboxEvent[] {
  return rows.map((row) => ({
    id: row['id'] as string,
    orgId: r.orgId,
    kind: row['kind'] as OutboxKind,
    dedupeKey: row['dedupe_key'] as string,
    payload: row['payload'] as OutboxEvent['payload'],
    status: 'sending',
    attempts: Number(row['attempts']),
    nextAttemptAt: r.leaseUntil,
    claimToken: r.claimToken,
    lastError: (row['last_error'] as string | null) ?? null,
    createdAt: row['created_at'] as Date,
    updatedAt: r.now,
    sentAt: null,
  }));
}

function completeStatement(orgId: string, outcomes: readonly DeliveryOutcome[]): string {
  return withLiterals(COMPLETE_SQL, [JSON.stringify(firstPerEvent(outcomes).map(outcomeRecord)), orgId, orgId]);
}

export class PostgresOutboxDeliveryStore implements OutboxDeliveryStore {
  private readonly listener: OutboxListener | null;
  /** Aborts every wait, pending or later, once the store is closed. */
  private readonly closing = new AbortController();

  constructor(
    private readonly knex: Knex,
    options: OutboxDeliveryStoreOptions = { notifications: 'poll' },
  ) {
    this.listener = options.notifications === 'listen' ? new OutboxListener(options.listenConnection ?? knexConnection(knex)) : null;
  }

  async dueOrgs(now: Date, kinds: readonly OutboxKind[], limit: number): Promise<readonly string[]> {
    if (kinds.length === 0 || limit <= 0) return [];
    // The system scope: the scanner's policy shows it rows only outside any tenant or user scope.
    const result = await translatingErrors(() => this.knex.raw('SELECT org_id FROM cws_outbox_due_orgs(?, ?::text[], ?)', [now, textArray(kinds), limit]));
    return (result.rows as Row[]).map((r) => r['org_id'] as string);
  }

  async claim(r: ClaimRequest): Promise<readonly OutboxEvent[]> {
    if (r.kinds.length === 0 || r.limit <= 0) return [];
    const [rows] = await inOneMessage(this.knex, r.orgId, claimStatement(r));
    return claimedEvents(r, rows!);
  }

  async complete(orgId: string, outcomes: readonly DeliveryOutcome[]): Promise<number> {
    if (outcomes.length === 0) return 0;
    const [rows] = await inOneMessage(this.knex, orgId, completeStatement(orgId, outcomes));
    return Number(rows![0]!['changed']);
  }

  async completeAndClaim(outcomes: readonly DeliveryOutcome[], next: ClaimRequest): Promise<{ recorded: number; claimed: readonly OutboxEvent[] }> {
    if (outcomes.length === 0) return { recorded: 0, claimed: await this.claim(next) };
    if (next.kinds.length === 0 || next.limit <= 0) return { recorded: await this.complete(next.orgId, outcomes), claimed: [] };
    const [completed, claimed] = await inOneMessage(this.knex, next.orgId, completeStatement(next.orgId, outcomes), claimStatement(next));
    return { recorded: Number(completed![0]!['changed']), claimed: claimedEvents(next, claimed!) };
  }

  async backlog(): Promise<readonly OutboxBacklogRow[]> {
    const result = await translatingErrors(() => this.knex.raw('SELECT kind, status, events, oldest_created_at FROM cws_outbox_backlog()'));
    return (result.rows as Row[]).map((r) => ({
      kind: r['kind'] as OutboxKind,
      status: r['status'] as OutboxStatus,
      count: Number(r['events']),
      oldestCreatedAt: (r['oldest_created_at'] as Date | null) ?? null,
    }));
  }

  waitForEvents(timeoutMs: number, signal: AbortSignal): Promise<'notified' | 'timeout' | 'aborted'> {
    const either = AbortSignal.any([signal, this.closing.signal]);
    return this.listener === null ? sleep(timeoutMs, either) : this.listener.wait(timeoutMs, either);
  }

  async close(): Promise<void> {
    this.closing.abort();
    await this.listener?.close();
  }
}

/** The connection settings knex was created with (connection string, application name, timeouts). */
function knexConnection(knex: Knex): pg.ClientConfig {
  const connection = (knex.client as { config: { connection?: unknown } }).config.connection;
  const settings = (typeof connection === 'string' ? { connectionString: connection } : { ...(connection as pg.ClientConfig) }) as pg.ClientConfig;
  const name = settings.application_name ?? 'cleanwithsnapshot';
  // keepAlive: a dead peer is noticed even while nothing is sent; the connect timeout bounds a retry.
  return { connectionTimeoutMillis: 10_000, ...settings, application_name: `${name}-outbox-listen`, keepAlive: true };
}

/** Waits out `timeoutMs` unless `signal` aborts first. */
function sleep(timeoutMs: number, signal: AbortSignal): Promise<'timeout' | 'aborted'> {
  if (signal.aborted) return Promise.resolve('aborted');
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve('aborted');
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve('timeout');
    }, timeoutMs);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

type Wake = (how: 'notified' | 'timeout' | 'aborted') => void;

/**
 * One LISTEN connection, opened on the first wait and reopened on the wait after it failed. A
 * notification that arrives while nobody waits is kept, so the next wait returns at once (the
 * caller may have finished its scan just before the commit). A lost connection wakes the waiters
 * with 'timeout' (they poll: a notification may have been missed), and is never an unhandled
 * error: a terminated backend must not take the process down.
 */
class OutboxListener {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private readonly waiters = new Set<Wake>();
  private missed = false;
  private listenedBefore = false;
  private closed = false;

  constructor(private readonly config: pg.ClientConfig) {}

  async wait(timeoutMs: number, signal: AbortSignal): Promise<'notified' | 'timeout' | 'aborted'> {
    if (signal.aborted || this.closed) return 'aborted';
    if (this.missed) {
      this.missed = false;
      return 'notified';
    }
    const deadline = Date.now() + timeoutMs;
    // A connection that takes longer than the wait (an unreachable host) must not stretch it.
    const racing = new AbortController();
    const ready = await Promise.race([
      this.connect().then(
        () => 'ready' as const,
        () => 'failed' as const,
      ),
      sleep(timeoutMs, AbortSignal.any([signal, racing.signal])),
    ]);
    racing.abort();
    if (ready === 'timeout') return 'timeout';
    if (signal.aborted || this.closed) return 'aborted';
    // No listener now: this wait polls; the next one tries again.
    if (ready === 'failed') return sleep(Math.max(0, deadline - Date.now()), signal);
    if (this.missed) {
      this.missed = false;
      return 'notified';
    }
    if (signal.aborted || this.closed) return 'aborted';
    return new Promise((resolve) => {
      const finish: Wake = (how) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.waiters.delete(finish);
        resolve(how);
      };
      const onAbort = () => finish('aborted');
      const timer = setTimeout(() => finish('timeout'), Math.max(0, deadline - Date.now()));
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(finish);
    });
  }

  private connect(): Promise<pg.Client> {
    if (this.client !== null) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new pg.Client(this.config);
      // Attached before anything can fail, and never removed: pg emits 'error' on a client whose
      // backend went away, and an 'error' without a listener would crash the process.
      client.on('error', () => this.lost(client));
      client.on('end', () => this.lost(client));
      client.on('notification', (n) => {
        if (n.channel === OUTBOX_CHANNEL) this.wake('notified');
      });
      try {
        await client.connect();
        await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      } catch (err) {
        await client.end().catch(() => undefined);
        throw err;
      }
      if (this.closed) {
        await client.end().catch(() => undefined);
        throw new Error('closed');
      }
      // Listening again after a loss: events committed in between notified nobody, so the
      // wait returns at once and its caller polls.
      if (this.listenedBefore) this.missed = true;
      this.listenedBefore = true;
      this.client = client;
      return client;
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private wake(how: 'notified' | 'timeout'): void {
    if (this.waiters.size === 0) {
      if (how === 'notified') this.missed = true;
      return;
    }
    for (const finish of [...this.waiters]) finish(how);
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    client.end().catch(() => undefined);
    this.wake('timeout');
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const finish of [...this.waiters]) finish('aborted');
    await this.connecting?.catch(() => undefined);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}

/** Opted-out numbers' keyed hashes (`sms_opt_outs`): a global table, used in the system scope. */
export class PostgresSmsOptOutStore implements SmsOptOutStore {
  constructor(private readonly knex: Knex) {}

  async isOptedOut(phoneKey: string): Promise<boolean> {
    checkPhoneKey(phoneKey);
    const result = await translatingErrors(() => this.knex.raw('SELECT 1 FROM sms_opt_outs WHERE phone_key = ?', [phoneKey]));
    return result.rows.length > 0;
  }

  async optOut(phoneKey: string, source: 'keyword' | 'provider', at: Date): Promise<void> {
    checkPhoneKey(phoneKey);
    await translatingErrors(() =>
      this.knex.raw('INSERT INTO sms_opt_outs (phone_key, source, created_at) VALUES (?, ?, ?) ON CONFLICT (phone_key) DO NOTHING', [phoneKey, source, at]),
    );
  }

  async optIn(phoneKey: string): Promise<boolean> {
    checkPhoneKey(phoneKey);
    const result = await translatingErrors(() => this.knex.raw('DELETE FROM sms_opt_outs WHERE phone_key = ?', [phoneKey]));
    return (result.rowCount ?? 0) > 0;
  }
}

/** The table's check constraint, said before the statement (a violation would surface as a 500). */
function checkPhoneKey(phoneKey: string): void {
  if (phoneKey.length < 16 || phoneKey.length > 128 || phoneKey.includes('\u0000')) {
    throw new AppError('storage.value_refused', 'A phone key must be a keyed hash of 16 to 128 characters');
  }
}
