/**
 * Storage of the schedule, bound (like every tenant repository) to one org's transaction.
 * Double booking is the store's job: inserting or updating a booking whose occupied time
 * overlaps another booking of one of its workers or of its team fails with
 * `booking.slot_unavailable` (see `slotUnavailable`), and leaves the transaction usable — the
 * failed write alone is undone — so a caller can go on (a series skips one clashing date).
 */
import type { Booking, BookingStatus, StartKey } from '../domain/scheduling/booking.js';
import type { BookingSeries } from '../domain/scheduling/booking-series.js';
import type { Blackout, RosterWorker, Service, Team, Worker } from '../domain/scheduling/workforce.js';
import type { LocalDate } from '../domain/scheduling/zoned-time.js';
import type { IdempotencyRecord } from '../domain/shared/idempotency.js';
import type { PostalAddress } from '../domain/shared/address.js';
import type { AuditEntry } from '../domain/audit/audit-entry.js';
import type { Client } from '../domain/clients/client.js';
import type { OrgSettings } from '../domain/orgs/org.js';
import type { NewOutboxEvent } from '../domain/outbox/outbox-event.js';

export interface TimeWindow {
  readonly from: Date;
  readonly to: Date;
}

export interface TeamRepository {
  insert(team: Team): Promise<void>;
  findById(id: string): Promise<Team | null>;
  /** `team.not_found` when absent. */
  update(team: Team): Promise<void>;
  /** Every team of the org (active and not), by name then id. */
  list(): Promise<readonly Team[]>;
}

export interface WorkerListQuery {
  readonly teamId: string | null;
  /** null = both. */
  readonly active: boolean | null;
}

export interface WorkerRepository {
  /** `worker.contact_taken` when the phone or email is another worker's of this org. */
  insert(worker: Worker): Promise<void>;
  findById(id: string, options?: { forUpdate?: boolean }): Promise<Worker | null>;
  /** The workers of these ids that the org has (unknown ids are left out), in no set order: one read for many. */
  findByIds(ids: readonly string[]): Promise<readonly Worker[]>;
  /** `worker.not_found` when absent; `worker.contact_taken` as for insert. */
  update(worker: Worker): Promise<void>;
  /** By name then id; every match (an org has hundreds of workers, not millions). */
  list(query: WorkerListQuery): Promise<readonly Worker[]>;
  /** Active workers by name then id, with only the fields dispatch ranks on. */
  listRoster(): Promise<readonly RosterWorker[]>;
  /** The worker whose (normalised) email or phone this is, for a portal sign-in. */
  findByLogin(login: { readonly email: string } | { readonly phone: string }): Promise<Worker | null>;
}

export interface ServiceRepository {
  insert(service: Service): Promise<void>;
  findById(id: string): Promise<Service | null>;
  /** `service.not_found` when absent. */
  update(service: Service): Promise<void>;
  /** By name then id. */
  list(query: { readonly active: boolean | null }): Promise<readonly Service[]>;
}

export interface BlackoutRepository {
  insert(blackout: Blackout): Promise<void>;
  findById(id: string): Promise<Blackout | null>;
  /** False when absent. */
  delete(id: string): Promise<boolean>;
  /**
   * Blackouts overlapping the window, by start then id: every org-wide one, plus team ones of
   * `teamIds` and worker ones of `workerIds` (null = of every team / worker).
   */
  listOverlapping(window: TimeWindow, filter: { readonly teamIds: readonly string[] | null; readonly workerIds: readonly string[] | null }): Promise<readonly Blackout[]>;
}

/** One worker's occupied time on one booking. */
export interface WorkerOccupancy {
  readonly bookingId: string;
  readonly workerId: string;
  readonly viaTeam: boolean;
  readonly startsAt: Date;
  readonly endsAt: Date;
}

/** One team's occupied time on one booking. */
export interface TeamOccupancy {
  readonly bookingId: string;
  readonly teamId: string;
  readonly startsAt: Date;
  readonly endsAt: Date;
}

export interface BookingListQuery {
  /** Bookings overlapping [from, to). */
  readonly window: TimeWindow;
  readonly statuses: readonly BookingStatus[] | null;
  /** Bookings with this worker among their workers. */
  readonly workerId: string | null;
  readonly teamId: string | null;
  readonly clientId: string | null;
  readonly seriesId: string | null;
  /** Only bookings with no team and no worker. */
  readonly unassignedOnly: boolean;
  readonly after: StartKey | null;
  readonly limit: number;
}

/** Bookings starting in a window, a page at a time (the reminder job's scan). */
export interface BookingStartQuery {
  /** Bookings starting in [from, to). */
  readonly window: TimeWindow;
  readonly statuses: readonly BookingStatus[];
  readonly after: StartKey | null;
  readonly limit: number;
}

/** A booking with what a message about it names: who, where, what (read in one go, no workers). */
export interface BookingVisit {
  readonly id: string;
  readonly status: BookingStatus;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly timeZone: string;
  readonly client: { readonly id: string; readonly name: string; readonly email: string | null; readonly phone: string | null };
  /** The booking's address (one of the client's); null when it has none. */
  readonly address: PostalAddress | null;
  readonly serviceName: string | null;
}

/**
 * What a booking write needs to know, asked for at once so a store can answer in one round trip
 * (issue 12: a create was 14 statements). Each part is what the single-row ports would answer.
 */
export interface BookingWriteContextQuery {
  readonly clientId: string;
  readonly serviceId: string | null;
  /** The team, and its active members (as `WorkerRepository.list({ teamId, active: true })`). */
  readonly teamId: string | null;
  /** Workers by id (those that exist come back, in no particular order). */
  readonly workerIds: readonly string[];
  /** Every blackout overlapping this window (as `listOverlapping(window, { teamIds: null, workerIds: null })`); none when null. */
  readonly window: TimeWindow | null;
  /** An Idempotency-Key to claim first (as `IdempotencyRepository.claim`). */
  readonly claim: IdempotencyRecord | null;
}

export interface BookingWriteContext {
  readonly client: Client | null;
  readonly service: Service | null;
  readonly team: Team | null;
  readonly teamMembers: readonly Worker[];
  readonly workers: readonly Worker[];
  readonly settings: OrgSettings | null;
  readonly blackouts: readonly Blackout[];
  /** The live record that held the key (what `claim` answers); null when the key is now this write's, or none was asked. */
  readonly heldKey: IdempotencyRecord | null;
}

/**
 * Rows written with a booking, in the same write: its audit entry and the messages it sends
 * (outbox events, deduplicated by key as `OutboxRepository.enqueue`). A clash undoes them with it.
 */
export interface BookingWriteRecords {
  readonly audit: AuditEntry | null;
  readonly messages: readonly NewOutboxEvent[];
}

export interface BookingRepository {
  /** Stores the booking and the time it occupies (and `records`); `booking.slot_unavailable` on a clash. */
  insert(booking: Booking, records?: BookingWriteRecords): Promise<void>;
  findById(id: string, options?: { forUpdate?: boolean }): Promise<Booking | null>;
  /**
   * Replaces the booking and its occupied time (none once cancelled), and writes `records`;
   * `booking.not_found` when absent, `booking.slot_unavailable` on a clash.
   */
  update(booking: Booking, records?: BookingWriteRecords): Promise<void>;
  /** See BookingWriteContextQuery. */
  readWriteContext(query: BookingWriteContextQuery): Promise<BookingWriteContext>;
  /** By start then id, at most `limit`. */
  list(query: BookingListQuery): Promise<readonly Booking[]>;
  /** Bookings starting in the window with one of the statuses, by start then id, at most `limit`. */
  listStarting(query: BookingStartQuery): Promise<readonly BookingVisit[]>;
  /** A series' bookings with occurrence dates on or after `fromDate`, by date. */
  listSeriesOccurrences(seriesId: string, fromDate: LocalDate): Promise<readonly Booking[]>;
  /** Occupied worker time overlapping the window, by start; of `workerIds` only unless null. */
  workerOccupancy(window: TimeWindow, filter: { readonly workerIds: readonly string[] | null; readonly excludeBookingId: string | null }): Promise<readonly WorkerOccupancy[]>;
  /** Occupied team time overlapping the window, by start; of `teamIds` only unless null. */
  teamOccupancy(window: TimeWindow, filter: { readonly teamIds: readonly string[] | null; readonly excludeBookingId: string | null }): Promise<readonly TeamOccupancy[]>;
}

export interface BookingSeriesRepository {
  insert(series: BookingSeries): Promise<void>;
  findById(id: string, options?: { forUpdate?: boolean }): Promise<BookingSeries | null>;
  /** `series.not_found` when absent. */
  update(series: BookingSeries): Promise<void>;
  /** Series not ended whose occurrences are generated only up to a date before `through`. */
  listNeedingGeneration(through: LocalDate, limit: number): Promise<readonly BookingSeries[]>;
}

export interface IdempotencyRepository {
  /**
   * Records `record` unless a live (unexpired at record.createdAt) record holds the same scope
   * and key, and returns that one instead; null when this call now owns the key. A concurrent
   * claim of the same key waits for the first to commit or roll back.
   */
  claim(record: IdempotencyRecord): Promise<IdempotencyRecord | null>;
  /** Deletes up to `limit` records expired at `now` (expiresAt <= now); returns how many. */
  deleteExpired(now: Date, limit: number): Promise<number>;
}
