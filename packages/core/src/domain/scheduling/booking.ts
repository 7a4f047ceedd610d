/**
 * A booking: one visit to a client's address at a time, with a status that moves only along
 * allowed transitions, and the team and workers it occupies.
 */
import { AppError } from '../../errors/app-error.js';
import type { LocalDate } from './zoned-time.js';

export const BOOKING_STATUSES = ['pending', 'confirmed', 'in_progress', 'completed', 'cancelled', 'no_show'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** The statuses each status may move to. Completed, cancelled and no-show are final. */
export const BOOKING_TRANSITIONS: Readonly<Record<BookingStatus, readonly BookingStatus[]>> = {
  pending: ['confirmed', 'cancelled'],
  confirmed: ['in_progress', 'cancelled', 'no_show'],
  in_progress: ['completed'],
  completed: [],
  cancelled: [],
  no_show: [],
};

/**
 * The longest a booking may last. Stores rely on it: anything overlapping a window starts at
 * most this long before the window, which bounds range scans from both sides.
 */
export const MAX_BOOKING_MINUTES = 24 * 60;

/** Statuses whose time still occupies its workers and team (all but cancelled). */
export function occupiesTime(status: BookingStatus): boolean {
  return status !== 'cancelled';
}

/** Statuses in which time, place and people may still change. */
export function isPlannable(status: BookingStatus): boolean {
  return status === 'pending' || status === 'confirmed';
}

export interface BookingWorker {
  readonly workerId: string;
  /** True when the worker is on the booking because their team is. */
  readonly viaTeam: boolean;
}

export interface Booking {
  readonly id: string;
  readonly orgId: string;
  readonly clientId: string;
  readonly addressId: string | null;
  readonly serviceId: string | null;
  /** The series this booking is an occurrence of, and the local date it stands for. */
  readonly seriesId: string | null;
  readonly occurrenceDate: LocalDate | null;
  /** An occurrence edited on its own: later changes to the series leave it alone. */
  readonly detached: boolean;
  readonly startsAt: Date;
  readonly endsAt: Date;
  /** The IANA zone the booking is shown in: the org's when it was made (a series' own zone). */
  readonly timeZone: string;
  readonly status: BookingStatus;
  readonly teamId: string | null;
  /** Ordered by worker id. */
  readonly workers: readonly BookingWorker[];
  readonly notes: string | null;
  readonly priceEstimateMinor: number | null;
  readonly currency: string;
  readonly cancellationReason: string | null;
  readonly startedAt: Date | null;
  readonly completedAt: Date | null;
  readonly cancelledAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** One worker or team whose time the requested booking would overlap. */
export interface SlotClash {
  readonly bookingId: string;
  readonly workerId: string | null;
  /** The worker's name, so a dispatcher reading the refusal knows who without a lookup. */
  readonly workerName: string | null;
  readonly teamId: string | null;
  readonly teamName: string | null;
  readonly startsAt: Date;
  readonly endsAt: Date;
}

/**
 * The error for a lost race or a taken slot. Adapters raise it from the database's exclusion
 * constraint, naming the booking that holds the time and who (by name and id) it holds.
 */
export function slotUnavailable(clashes: readonly SlotClash[]): AppError {
  const first = clashes[0];
  const named = (name: string | null, id: string | null, what: string) => (name === null ? `${what} ${id}` : `${name} (${what.toLowerCase()} ${id})`);
  const who = first === undefined ? 'A worker or team' : first.workerId !== null ? named(first.workerName, first.workerId, 'Worker') : named(first.teamName, first.teamId, 'Team');
  return new AppError('booking.slot_unavailable', `${who} is already booked${first ? ` by booking ${first.bookingId}` : ''} at that time`, {
    details: {
      conflicting_booking_id: first?.bookingId ?? null,
      conflicts: clashes.map((c) => ({
        booking_id: c.bookingId,
        worker_id: c.workerId,
        worker_name: c.workerName,
        team_id: c.teamId,
        team_name: c.teamName,
        starts_at: c.startsAt.toISOString(),
        ends_at: c.endsAt.toISOString(),
      })),
    },
  });
}

export function sortWorkers(workers: readonly BookingWorker[]): BookingWorker[] {
  const byId = new Map<string, BookingWorker>();
  // Named explicitly wins over "via team" when a worker is both.
  for (const w of workers) if (!byId.has(w.workerId) || !w.viaTeam) byId.set(w.workerId, w);
  return [...byId.values()].sort((a, b) => (a.workerId < b.workerId ? -1 : a.workerId > b.workerId ? 1 : 0));
}

export function overlaps(a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }): boolean {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}

/** Order of booking lists: by start, then id. */
export function compareByStart(a: { startsAt: Date; id: string }, b: { startsAt: Date; id: string }): number {
  const t = a.startsAt.getTime() - b.startsAt.getTime();
  if (t !== 0) return t;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Keyset position in a by-start list. */
export interface StartKey {
  readonly startsAt: Date;
  readonly id: string;
}

export function isAfterStartKey(row: StartKey, key: StartKey): boolean {
  return compareByStart(row, key) > 0;
}
