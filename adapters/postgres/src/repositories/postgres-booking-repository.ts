/**
 * Bookings and the time they occupy. A booking row comes with one `booking_workers` row per
 * worker and a `booking_team_blocks` row when it has a team, each a copy of its time with
 * `active` = its status occupies time; the exclusion constraints over those rows (migration 0007)
 * are what refuses a double booking, even between two transactions racing for one slot.
 *
 * Each write is one statement (data-modifying CTEs: the booking row, its occupancy rows, and the
 * audit row and outbox rows the caller hands in) inside a SAVEPOINT: on a clash (SQLSTATE 23P01)
 * the repository rolls back to it, which undoes this write alone and leaves the caller's
 * transaction usable, as the port requires; then it reads which bookings hold the time and
 * raises `booking.slot_unavailable` naming them. Writes within one unit of work are sequential,
 * so one fixed savepoint name is enough. In the same statement, before its occupancy rows go in,
 * the write queues behind other writers of the same workers' and team's time (advisory locks), so
 * racing writers never deadlock.
 *
 * What a write needs to know (client, service, team and members, workers, settings, blackouts,
 * and the Idempotency-Key's claim) is one statement too: `readWriteContext` (issue 12 item 4).
 */
import {
  AppError,
  slotUnavailable,
  type Booking,
  type BookingListQuery,
  type BookingRepository,
  type BookingStartQuery,
  type BookingStatus,
  type BookingVisit,
  type BookingWorker,
  type BookingWriteContext,
  type BookingWriteContextQuery,
  type BookingWriteRecords,
  type ClientAddress,
  type IdempotencyRecord,
  type LocalDate,
  type SlotClash,
  type TeamOccupancy,
  type TimeWindow,
  type WorkerOccupancy,
  MAX_BOOKING_MINUTES,
  occupiesTime,
} from '@cws/core';
import type { Knex } from 'knex';
import { translatePgError } from '../pg-errors.js';
import type { TenantDb } from '../tenant-transaction.js';
import type { ClientAddressModel, ClientModel, OrgSettingsModel } from '../models.js';
import { auditRow } from './postgres-audit-log.js';
import { toAddress, toClient } from './postgres-client-repository.js';
import { toSettings } from './postgres-org-settings-repository.js';
import { outboxRow } from './postgres-outbox-repository.js';
import { toBlackout, toNumberOrNull, toService, toTeam, toWorker } from './postgres-workforce-repositories.js';

type Row = Record<string, unknown>;

const EXCLUSION_VIOLATION = '23P01';
const SAVEPOINT = 'cws_booking_write';
const DEADLOCK_DETECTED = '40P01';
const MAX_DEADLOCK_ATTEMPTS = 3;

/**
 * A booking's columns as read. Dates as 'YYYY-MM-DD' text (node-pg would turn a `date` into a JS
 * Date at local midnight); the workers in one sub-select, ordered by worker id, so a read is one
 * round trip.
 */
const BOOKING_COLUMNS = `b.org_id, b.id, b.client_id, b.address_id, b.service_id, b.series_id,
  to_char(b.occurrence_date, 'YYYY-MM-DD') AS occurrence_date, b.detached, b.starts_at, b.ends_at, b.time_zone, b.status,
  b.team_id, b.notes, b.price_estimate_minor, b.currency, b.cancellation_reason, b.started_at, b.completed_at,
  b.cancelled_at, b.created_at, b.updated_at,
  coalesce((SELECT json_agg(json_build_object('workerId', w.worker_id, 'viaTeam', w.via_team) ORDER BY w.worker_id)
              FROM booking_workers w WHERE w.org_id = b.org_id AND w.booking_id = b.id), '[]'::json) AS workers`;

/**
 * Overlap with [from, to) as two timestamptz comparisons rather than `tstzrange(…) && tstzrange(…)`:
 * the same test for the non-empty ranges stored here, but under RLS only leakproof operators may
 * become index conditions, and range `&&` is not leakproof (see migration 0007). It is also the
 * test the core's `overlaps` makes.
 */
const OVERLAPS = (alias: string) => `${alias}.starts_at < ? AND ${alias}.ends_at > ? AND ${alias}.starts_at > ?`;

/**
 * The bindings of OVERLAPS: the window, and the earliest start an overlapping booking can have
 * (bookings last at most MAX_BOOKING_MINUTES, checked by the table), which turns the scan into a
 * bounded range on a (…, starts_at) btree instead of everything before `to`.
 */
function overlapBindings(window: TimeWindow): Knex.RawBinding[] {
  return [window.to, window.from, new Date(window.from.getTime() - MAX_BOOKING_MINUTES * 60_000)];
}

export interface SqlQuery {
  readonly sql: string;
  readonly bindings: Knex.RawBinding[];
}

/**
 * Active worker time overlapping the window, through the (org_id, worker_id, starts_at) or the
 * (org_id, starts_at) partial btree. `active` in the WHERE lets the planner use them.
 */
export function workerOccupancyQuery(
  orgId: string,
  window: TimeWindow,
  filter: { readonly workerIds: readonly string[] | null; readonly excludeBookingId: string | null },
): SqlQuery {
  const where = ['w.org_id = ?', 'w.active', OVERLAPS('w')];
  const bindings: Knex.RawBinding[] = [orgId, ...overlapBindings(window)];
  if (filter.workerIds !== null) {
    where.push('w.worker_id = ANY(?::uuid[])');
    bindings.push([...filter.workerIds]);
  }
  if (filter.excludeBookingId !== null) {
    where.push('w.booking_id <> ?');
    bindings.push(filter.excludeBookingId);
  }
  return {
    sql: `SELECT w.booking_id, w.worker_id, w.via_team, w.starts_at, w.ends_at FROM booking_workers w
           WHERE ${where.join(' AND ')} ORDER BY w.starts_at, w.booking_id, w.worker_id`,
    bindings,
  };
}

/** Active team time overlapping the window; indexes as for workers. */
export function teamOccupancyQuery(
  orgId: string,
  window: TimeWindow,
  filter: { readonly teamIds: readonly string[] | null; readonly excludeBookingId: string | null },
): SqlQuery {
  const where = ['t.org_id = ?', 't.active', OVERLAPS('t')];
  const bindings: Knex.RawBinding[] = [orgId, ...overlapBindings(window)];
  if (filter.teamIds !== null) {
    where.push('t.team_id = ANY(?::uuid[])');
    bindings.push([...filter.teamIds]);
  }
  if (filter.excludeBookingId !== null) {
    where.push('t.booking_id <> ?');
    bindings.push(filter.excludeBookingId);
  }
  return {
    sql: `SELECT t.booking_id, t.team_id, t.starts_at, t.ends_at FROM booking_team_blocks t
           WHERE ${where.join(' AND ')} ORDER BY t.starts_at, t.booking_id`,
    bindings,
  };
}

/**
 * Bookings starting in the window, a page from a (starts_at, id) key: a range on the
 * (org_id, starts_at, id) btree, so a page costs its own rows whatever the day holds. Client,
 * address and service come by primary key in the same statement (no per-booking reads).
 */
export function bookingStartQuery(orgId: string, q: BookingStartQuery): SqlQuery {
  const where = ['b.org_id = ?', 'b.starts_at >= ?', 'b.starts_at < ?', 'b.status = ANY(?::text[])'];
  const bindings: Knex.RawBinding[] = [orgId, q.window.from, q.window.to, [...q.statuses]];
  if (q.after !== null) {
    where.push('(b.starts_at, b.id) > (?, ?::uuid)');
    bindings.push(q.after.startsAt, q.after.id);
  }
  return {
    sql: `SELECT b.id, b.status, b.starts_at, b.ends_at, b.time_zone,
                 c.id AS client_id, c.name AS client_name, c.email AS client_email, c.phone AS client_phone,
                 a.id AS address_id, a.line1, a.line2, a.city, a.region, a.postal_code, a.country,
                 s.name AS service_name
            FROM bookings b
            JOIN clients c ON c.org_id = b.org_id AND c.id = b.client_id
            LEFT JOIN client_addresses a ON a.org_id = b.org_id AND a.id = b.address_id
            LEFT JOIN services s ON s.org_id = b.org_id AND s.id = b.service_id
           WHERE ${where.join(' AND ')}
           ORDER BY b.starts_at, b.id LIMIT ?`,
    bindings: [...bindings, q.limit],
  };
}

function toBooking(r: Row): Booking {
  return {
    id: r['id'] as string,
    orgId: r['org_id'] as string,
    clientId: r['client_id'] as string,
    addressId: r['address_id'] as string | null,
    serviceId: r['service_id'] as string | null,
    seriesId: r['series_id'] as string | null,
    occurrenceDate: r['occurrence_date'] as LocalDate | null,
    detached: r['detached'] as boolean,
    startsAt: r['starts_at'] as Date,
    endsAt: r['ends_at'] as Date,
    timeZone: r['time_zone'] as string,
    status: r['status'] as BookingStatus,
    teamId: r['team_id'] as string | null,
    workers: r['workers'] as BookingWorker[],
    notes: r['notes'] as string | null,
    priceEstimateMinor: toNumberOrNull(r['price_estimate_minor']),
    currency: r['currency'] as string,
    cancellationReason: r['cancellation_reason'] as string | null,
    startedAt: r['started_at'] as Date | null,
    completedAt: r['completed_at'] as Date | null,
    cancelledAt: r['cancelled_at'] as Date | null,
    createdAt: r['created_at'] as Date,
    updatedAt: r['updated_at'] as Date,
  };
}

function bookingColumns(b: Booking) {
  return {
    client_id: b.clientId,
    address_id: b.addressId,
    service_id: b.serviceId,
    series_id: b.seriesId,
    occurrence_date: b.occurrenceDate,
    detached: b.detached,
    starts_at: b.startsAt,
    ends_at: b.endsAt,
    time_zone: b.timeZone,
    status: b.status,
    team_id: b.teamId,
    notes: b.notes,
    price_estimate_minor: b.priceEstimateMinor,
    currency: b.currency,
    cancellation_reason: b.cancellationReason,
    started_at: b.startedAt,
    completed_at: b.completedAt,
    cancelled_at: b.cancelledAt,
    updated_at: b.updatedAt,
  };
}

/** `row` (from JSON) with the named timestamp columns as Dates. */
function dated(row: Row, columns: readonly string[]): Row {
  const out: Row = { ...row };
  for (const c of columns) if (typeof out[c] === 'string') out[c] = new Date(out[c] as string);
  return out;
}

/** The claim's answer: the record that holds the key after the statement, unless it is `claim` itself. */
function heldRecord(r: Row, claim: IdempotencyRecord): IdempotencyRecord | null {
  if (r['resource_id'] === claim.resourceId) return null;
  return {
    scope: r['scope'] as string,
    key: r['key'] as string,
    fingerprint: r['fingerprint'] as string,
    resourceId: r['resource_id'] as string,
    createdAt: r['created_at'] as Date,
    expiresAt: r['expires_at'] as Date,
  };
}

/**
 * One statement for everything a booking write reads. The claim (when asked) is a data-modifying
 * CTE that always returns the row holding the key after it: a new or expired key is taken over
 * (its resource id becomes the claim's), a live one is "updated" to itself, which locks it and
 * returns its values as committed — also when it was inserted by a transaction this one waited
 * for, which a plain SELECT in the same statement (older snapshot) would not see. Workers named
 * and the team's active members come from one scan of `workers`; each sub-select reads its own
 * table once. Rows come as JSON (one round trip, one row).
 */
export function writeContextQuery(orgId: string, q: BookingWriteContextQuery): SqlQuery {
  const bindings: Knex.RawBinding[] = [];
  let claimCte = '';
  if (q.claim !== null) {
    const c = q.claim;
    claimCte = `WITH claim AS (
      INSERT INTO idempotency_keys AS k (org_id, scope, key, fingerprint, resource_id, created_at, expires_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (org_id, scope, key) DO UPDATE SET
        fingerprint = CASE WHEN k.expires_at <= EXCLUDED.created_at THEN EXCLUDED.fingerprint ELSE k.fingerprint END,
        resource_id = CASE WHEN k.expires_at <= EXCLUDED.created_at THEN EXCLUDED.resource_id ELSE k.resource_id END,
        created_at = CASE WHEN k.expires_at <= EXCLUDED.created_at THEN EXCLUDED.created_at ELSE k.created_at END,
        expires_at = CASE WHEN k.expires_at <= EXCLUDED.created_at THEN EXCLUDED.expires_at ELSE k.expires_at END
      RETURNING k.scope, k.key, k.fingerprint, k.resource_id, k.created_at, k.expires_at)
    `;
    bindings.push(orgId, c.scope, c.key, c.fingerprint, c.resourceId, c.createdAt, c.expiresAt);
  }
  const select: string[] = [];
  select.push(`(SELECT row_to_json(c) FROM clients c WHERE c.org_id = ? AND c.id = ?) AS client`);
  bindings.push(orgId, q.clientId);
  select.push(`(SELECT json_agg(a) FROM client_addresses a WHERE a.org_id = ? AND a.client_id = ?) AS addresses`);
  bindings.push(orgId, q.clientId);
  if (q.serviceId !== null) {
    select.push(`(SELECT row_to_json(s) FROM services s WHERE s.org_id = ? AND s.id = ?) AS service`);
    bindings.push(orgId, q.serviceId);
  }
  if (q.teamId !== null) {
    select.push(`(SELECT row_to_json(t) FROM teams t WHERE t.org_id = ? AND t.id = ?) AS team`);
    bindings.push(orgId, q.teamId);
  }
  if (q.workerIds.length > 0 || q.teamId !== null) {
    // Members in the order WorkerRepository.list gives them.
    select.push(`(SELECT json_agg(w ORDER BY w.name COLLATE "C", w.id) FROM workers w
                   WHERE w.org_id = ? AND (w.id = ANY(?::uuid[]) OR (w.team_id = ? AND w.active))) AS workers`);
    bindings.push(orgId, [...q.workerIds], q.teamId);
  }
  select.push(`(SELECT json_agg(o) FROM (SELECT * FROM org_settings LIMIT 2) o) AS settings`);
  if (q.window !== null) {
    select.push(`(SELECT json_agg(b ORDER BY b.starts_at, b.id) FROM blackouts b WHERE b.org_id = ? AND b.starts_at < ? AND b.ends_at > ?) AS blackouts`);
    bindings.push(orgId, q.window.to, q.window.from);
  }
  if (q.claim !== null) select.push(`(SELECT row_to_json(k) FROM claim k) AS claim`);
  return { sql: `${claimCte}SELECT ${select.join(',\n       ')}`, bindings };
}

/**
 * A booking's write as one statement: the advisory locks (see below), the booking row (`row`:
 * its INSERT, or its UPDATE for `replacing`), for an update the old occupancy rows out, the new
 * occupancy rows in, and `records` (audit, outbox). The occupancy inserts select FROM a CTE that
 * counts the locks (and, for an update, the deleted rows), so they run only after every lock is
 * held and the old rows are gone: CTEs otherwise run in no set order. A booking's own old rows,
 * deleted by this transaction, no longer count for the exclusion constraint or the key.
 *
 * The locks: a transaction advisory lock per worker and team whose time the booking occupies, in
 * one fixed order. Racing writers of one worker's time then wait for each other to commit instead
 * of each finding the other's uncommitted index entry and deadlocking (which the exclusion
 * constraint alone does under load: PostgreSQL breaks the cycle after deadlock_timeout). The
 * constraint stays the guard; the locks only order the writers. unnest keeps the array's order.
 */
function writeStatement(b: Booking, row: SqlQuery, replacing: string | null, records: readonly SqlQuery[]): SqlQuery {
  const active = occupiesTime(b.status);
  const keys = active ? [...b.workers.map((w) => `${b.orgId}:worker:${w.workerId}`), ...(b.teamId === null ? [] : [`${b.orgId}:team:${b.teamId}`])].sort(compareText) : [];
  const ctes: string[] = [];
  const bindings: Knex.RawBinding[] = [];
  ctes.push(`locked AS (SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0))) AS n FROM unnest(?::text[]) AS k)`);
  bindings.push(keys);
  ctes.push(`written AS (${row.sql} RETURNING 1)`);
  bindings.push(...row.bindings);
  if (replacing !== null) {
    // Replaced wholesale: simpler than a diff, and the old rows must not clash with the new ones.
    ctes.push(`gone_teams AS (DELETE FROM booking_team_blocks WHERE org_id = ? AND booking_id = ? RETURNING 1)`);
    ctes.push(`gone_workers AS (DELETE FROM booking_workers WHERE org_id = ? AND booking_id = ? RETURNING 1)`);
    bindings.push(b.orgId, replacing, b.orgId, replacing);
    ctes.push(`ready AS (SELECT (SELECT n FROM locked) + (SELECT count(*) FROM gone_teams) + (SELECT count(*) FROM gone_workers) AS n, (SELECT count(*) FROM written) AS found)`);
  } else {
    ctes.push(`ready AS (SELECT n, 1 AS found FROM locked)`);
  }
  // Workers in id order, then the team: two transactions waiting on each other's rows take them in one order.
  const workers = [...b.workers].sort((x, y) => compareText(x.workerId, y.workerId));
  if (workers.length > 0) {
    ctes.push(`occupied AS (INSERT INTO booking_workers (org_id, booking_id, worker_id, via_team, starts_at, ends_at, active)
      SELECT ?::uuid, ?::uuid, w.worker_id, w.via_team, ?::timestamptz, ?::timestamptz, ?::boolean
        FROM ready, unnest(?::uuid[], ?::boolean[]) AS w(worker_id, via_team) WHERE ready.n >= 0 AND ready.found > 0 RETURNING 1)`);
    bindings.push(b.orgId, b.id, b.startsAt, b.endsAt, active, workers.map((w) => w.workerId), workers.map((w) => w.viaTeam));
  }
  if (b.teamId !== null) {
    ctes.push(`blocked AS (INSERT INTO booking_team_blocks (org_id, booking_id, team_id, starts_at, ends_at, active)
      SELECT ?::uuid, ?::uuid, ?::uuid, ?::timestamptz, ?::timestamptz, ?::boolean FROM ready WHERE ready.n >= 0 AND ready.found > 0 RETURNING 1)`);
    bindings.push(b.orgId, b.id, b.teamId, b.startsAt, b.endsAt, active);
  }
  records.forEach((r, i) => {
    ctes.push(`record_${i} AS (${r.sql} RETURNING 1)`);
    bindings.push(...r.bindings);
  });
  return { sql: `WITH ${ctes.join(',\n')}\nSELECT (SELECT count(*) FROM written)::int AS written`, bindings };
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const notFound = (id: string) => new AppError('booking.not_found', `No booking ${id} in this organisation`, { details: { booking_id: id } });

export class PostgresBookingRepository implements BookingRepository {
  constructor(
    private readonly db: TenantDb,
    /** The unit's org, named in reads besides RLS: the planner estimates rows better for a constant than for the setting. */
    private readonly orgId: string,
  ) {}

  private async rows(sql: string, bindings: readonly Knex.RawBinding[]): Promise<Row[]> {
    try {
      return (await this.db.raw(sql, bindings)).rows as Row[];
    } catch (err) {
      throw translatePgError(err);
    }
  }

  async insert(booking: Booking, records?: BookingWriteRecords): Promise<void> {
    const row = this.db.table('bookings').insert({ org_id: booking.orgId, id: booking.id, created_at: booking.createdAt, ...bookingColumns(booking) }).toSQL();
    const write = writeStatement(booking, { sql: row.sql, bindings: [...row.bindings] }, null, this.recordCtes(records));
    // Untranslated errors inside `writing`: it tells a clash (23P01) and a deadlock by their codes.
    await this.writing(booking, async () => {
      await this.db.raw(write.sql, write.bindings);
    });
  }

  async update(booking: Booking, records?: BookingWriteRecords): Promise<void> {
    const row = this.db.table('bookings').where({ org_id: booking.orgId, id: booking.id }).update(bookingColumns(booking)).toSQL();
    const write = writeStatement(booking, { sql: row.sql, bindings: [...row.bindings] }, booking.id, this.recordCtes(records));
    await this.writing(booking, async () => {
      const result = (await this.db.raw(write.sql, write.bindings)).rows as Row[];
      if (Number(result[0]?.['written'] ?? 0) === 0) throw notFound(booking.id);
    });
  }

  /** The audit row and outbox rows a write carries, as CTEs of its statement (checked here, before it runs). */
  private recordCtes(records: BookingWriteRecords | undefined): SqlQuery[] {
    if (records === undefined) return [];
    const ctes: SqlQuery[] = [];
    if (records.audit !== null) {
      const audit = this.db.table('admin_audit_logs').insert(auditRow(records.audit)).toSQL();
      ctes.push({ sql: audit.sql, bindings: [...audit.bindings] });
    }
    if (records.messages.length > 0) {
      const rows = records.messages.map((m) => outboxRow(this.orgId, m));
      const outbox = this.db.table('outbox_events').insert(rows).onConflict(['org_id', 'dedupe_key']).ignore().toSQL();
      ctes.push({ sql: outbox.sql, bindings: [...outbox.bindings] });
    }
    return ctes;
  }

  /**
   * Runs one booking write under a savepoint; see the file comment. Two transactions whose new
   * rows overlap can each find the other's uncommitted row and wait on it — a deadlock the
   * server breaks by failing one (40P01). That write alone is undone and tried again: it then
   * waits for the survivor and ends in a clash (or succeeds if the survivor rolled back).
   */
  private async writing(booking: Booking, write: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      await this.rows(`SAVEPOINT ${SAVEPOINT}`, []);
      try {
        await write();
        await this.rows(`RELEASE SAVEPOINT ${SAVEPOINT}`, []);
        return;
      } catch (err) {
        // Undo this write only. If even that fails the connection is gone; report the first error.
        try {
          await this.db.raw(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
          await this.db.raw(`RELEASE SAVEPOINT ${SAVEPOINT}`);
        } catch {
          throw translatePgError(err);
        }
        const code = (err as { code?: string }).code;
        if (code === EXCLUSION_VIOLATION) throw slotUnavailable(await this.clashesWith(booking));
        if (code === DEADLOCK_DETECTED && attempt < MAX_DEADLOCK_ATTEMPTS) continue;
        throw translatePgError(err);
      }
    }
  }

  async readWriteContext(q: BookingWriteContextQuery): Promise<BookingWriteContext> {
    const { sql, bindings } = writeContextQuery(this.orgId, q);
    const [r] = await this.rows(sql, bindings);
    if (r === undefined) throw new Error('The booking write context read returned no row');
    const settings = (r['settings'] as Row[] | null) ?? [];
    // No org filter on settings on purpose (as PostgresOrgSettingsRepository): the policy is the filter.
    if (settings.length > 1) throw new Error('org_settings returned rows of several orgs: row level security is not in force');
    // A part not asked for is no column at all (undefined): read as none.
    const client = (r['client'] as Row | undefined) ?? null;
    const addresses = ((r['addresses'] as Row[] | null) ?? []).map((a) => toAddress(dated(a, ['created_at', 'updated_at']) as unknown as ClientAddressModel));
    const workers = ((r['workers'] as Row[] | null) ?? []).map((w) => toWorker(dated(w, ['credentials_changed_at', 'created_at', 'updated_at'])));
    const named = new Set(q.workerIds);
    const service = (r['service'] as Row | undefined) ?? null;
    const team = (r['team'] as Row | undefined) ?? null;
    const held = (r['claim'] as Row | undefined) ?? null;
    return {
      client: client === null ? null : toClient(dated(client, ['archived_at', 'created_at', 'updated_at']) as unknown as ClientModel, addresses as ClientAddress[]),
      service: service === null ? null : toService(dated(service, ['created_at', 'updated_at'])),
      team: team === null ? null : toTeam(dated(team, ['created_at', 'updated_at'])),
      // One scan for both: a member also named is one row, read once.
      teamMembers: q.teamId === null ? [] : workers.filter((w) => w.teamId === q.teamId && w.active),
      workers: workers.filter((w) => named.has(w.id)),
      settings: settings[0] === undefined ? null : toSettings(dated(settings[0], ['updated_at']) as unknown as OrgSettingsModel),
      blackouts: ((r['blackouts'] as Row[] | null) ?? []).map((b) => toBlackout(dated(b, ['starts_at', 'ends_at', 'created_at']))),
      heldKey: held === null || q.claim === null ? null : heldRecord(dated(held, ['created_at', 'expires_at']), q.claim),
    };
  }

  /** Who holds the time `booking` wanted: the other bookings' active rows of its workers and team. */
  private async clashesWith(booking: Booking): Promise<SlotClash[]> {
    const window = { from: booking.startsAt, to: booking.endsAt };
    const workers =
      booking.workers.length === 0
        ? []
        : await this.occupancy(workerOccupancyQuery(booking.orgId, window, { workerIds: booking.workers.map((w) => w.workerId), excludeBookingId: booking.id }));
    const teams =
      booking.teamId === null ? [] : await this.occupancy(teamOccupancyQuery(booking.orgId, window, { teamIds: [booking.teamId], excludeBookingId: booking.id }));
    const names = await this.namesOf(
      'workers',
      workers.map((r) => r['worker_id'] as string),
    );
    const teamNames = await this.namesOf(
      'teams',
      teams.map((r) => r['team_id'] as string),
    );
    const clashes: SlotClash[] = [
      ...workers.map((r) => ({
        bookingId: r['booking_id'] as string,
        workerId: r['worker_id'] as string,
        workerName: names.get(r['worker_id'] as string) ?? null,
        teamId: null,
        teamName: null,
        startsAt: r['starts_at'] as Date,
        endsAt: r['ends_at'] as Date,
      })),
      ...teams.map((r) => ({
        bookingId: r['booking_id'] as string,
        workerId: null,
        workerName: null,
        teamId: r['team_id'] as string,
        teamName: teamNames.get(r['team_id'] as string) ?? null,
        startsAt: r['starts_at'] as Date,
        endsAt: r['ends_at'] as Date,
      })),
    ];
    // By the holding booking (start, then id); within one, its workers by id, then its team.
    return clashes.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || compareText(a.bookingId, b.bookingId) || Number(a.workerId === null) - Number(b.workerId === null));
  }

  /** Names of the org's workers or teams by id (a refusal names who holds the time). */
  private async namesOf(table: 'workers' | 'teams', ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.rows(`SELECT id, name FROM ${table} WHERE org_id = ? AND id = ANY(?::uuid[])`, [this.orgId, [...new Set(ids)]]);
    return new Map(rows.map((r) => [r['id'] as string, r['name'] as string]));
  }

  private occupancy(query: SqlQuery): Promise<Row[]> {
    return this.rows(query.sql, query.bindings);
  }

  async findById(id: string, options: { forUpdate?: boolean } = {}): Promise<Booking | null> {
    const rows = await this.rows(`SELECT ${BOOKING_COLUMNS} FROM bookings b WHERE b.org_id = ? AND b.id = ?${options.forUpdate ? ' FOR UPDATE OF b' : ''}`, [
      this.orgId,
      id,
    ]);
    return rows.length === 0 ? null : toBooking(rows[0]!);
  }

  async list(q: BookingListQuery): Promise<readonly Booking[]> {
    const where = ['b.org_id = ?', OVERLAPS('b')];
    const bindings: Knex.RawBinding[] = [this.orgId, ...overlapBindings(q.window)];
    const add = (condition: string, ...values: Knex.RawBinding[]) => {
      where.push(condition);
      bindings.push(...values);
    };
    if (q.statuses !== null) add('b.status = ANY(?::text[])', [...q.statuses]);
    // Any assignment row counts, so a cancelled booking still lists under its workers.
    if (q.workerId !== null) add('EXISTS (SELECT 1 FROM booking_workers w WHERE w.org_id = b.org_id AND w.booking_id = b.id AND w.worker_id = ?)', q.workerId);
    if (q.teamId !== null) add('b.team_id = ?', q.teamId);
    if (q.clientId !== null) add('b.client_id = ?', q.clientId);
    if (q.seriesId !== null) add('b.series_id = ?', q.seriesId);
    if (q.unassignedOnly) add('b.team_id IS NULL AND NOT EXISTS (SELECT 1 FROM booking_workers w WHERE w.org_id = b.org_id AND w.booking_id = b.id)');
    if (q.after !== null) add('(b.starts_at, b.id) > (?, ?::uuid)', q.after.startsAt, q.after.id);
    const rows = await this.rows(`SELECT ${BOOKING_COLUMNS} FROM bookings b WHERE ${where.join(' AND ')} ORDER BY b.starts_at, b.id LIMIT ?`, [...bindings, q.limit]);
    return rows.map(toBooking);
  }

  async listStarting(q: BookingStartQuery): Promise<readonly BookingVisit[]> {
    const { sql, bindings } = bookingStartQuery(this.orgId, q);
    const rows = await this.rows(sql, bindings);
    return rows.map((r) => ({
      id: r['id'] as string,
      status: r['status'] as BookingStatus,
      startsAt: r['starts_at'] as Date,
      endsAt: r['ends_at'] as Date,
      timeZone: r['time_zone'] as string,
      client: { id: r['client_id'] as string, name: r['client_name'] as string, email: r['client_email'] as string | null, phone: r['client_phone'] as string | null },
      address:
        r['address_id'] === null
          ? null
          : {
              line1: r['line1'] as string,
              line2: r['line2'] as string | null,
              city: r['city'] as string,
              region: r['region'] as string | null,
              postalCode: r['postal_code'] as string | null,
              country: r['country'] as string | null,
            },
      serviceName: r['service_name'] as string | null,
    }));
  }

  async listSeriesOccurrences(seriesId: string, fromDate: LocalDate): Promise<readonly Booking[]> {
    const rows = await this.rows(
      `SELECT ${BOOKING_COLUMNS} FROM bookings b
        WHERE b.org_id = ? AND b.series_id = ? AND b.occurrence_date >= ?::date
        ORDER BY b.occurrence_date, b.id`,
      [this.orgId, seriesId, fromDate],
    );
    return rows.map(toBooking);
  }

  async workerOccupancy(window: TimeWindow, filter: { readonly workerIds: readonly string[] | null; readonly excludeBookingId: string | null }): Promise<readonly WorkerOccupancy[]> {
    const rows = await this.occupancy(workerOccupancyQuery(this.orgId, window, filter));
    return rows.map((r) => ({
      bookingId: r['booking_id'] as string,
      workerId: r['worker_id'] as string,
      viaTeam: r['via_team'] as boolean,
      startsAt: r['starts_at'] as Date,
      endsAt: r['ends_at'] as Date,
    }));
  }

  async teamOccupancy(window: TimeWindow, filter: { readonly teamIds: readonly string[] | null; readonly excludeBookingId: string | null }): Promise<readonly TeamOccupancy[]> {
    const rows = await this.occupancy(teamOccupancyQuery(this.orgId, window, filter));
    return rows.map((r) => ({
      bookingId: r['booking_id'] as string,
      teamId: r['team_id'] as string,
      startsAt: r['starts_at'] as Date,
      endsAt: r['ends_at'] as Date,
    }));
  }
}
