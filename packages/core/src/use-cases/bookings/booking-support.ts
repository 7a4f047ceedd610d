/**
 * What the bookings use cases share: changing a booking under a row lock with its audit, the
 * status machine's step, the list window and cursor, and where an idempotency key's errors point.
 * Clashes are the store's to refuse (an exclusion constraint in PostgreSQL), so two concurrent
 * requests can never both take a worker's time; blackouts are checked here.
 */
import type { RequestContext } from '../../context.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import { BOOKING_TRANSITIONS, isPlannable, type Booking, type BookingStatus, type StartKey } from '../../domain/scheduling/booking.js';
import { assertBookingListWindow } from '../../domain/scheduling/booking-input.js';
import { addDays, localDateOf, localDayBounds } from '../../domain/scheduling/zoned-time.js';
import { decodeKeyCursor, encodeKeyCursor } from '../../domain/shared/pagination.js';
import { AppError } from '../../errors/app-error.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { BookingWriteContext, TimeWindow } from '../../ports/scheduling-repositories.port.js';
import type { TenantRepositories, UnitOfWork } from '../../ports/unit-of-work.port.js';
import type { Messaging } from '../outbox/messaging.js';
import { assertNotBlackedOut, notFound } from '../scheduling/scheduling-support.js';
import { bookingChangeMessages, type KnownRows } from './booking-notifications.js';
import { assertNotBlackedOutIn, workersOf } from './booking-write-context.js';

export interface BookingDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
  /** Where the messages a change sends are enqueued (in the change's unit of work). */
  readonly messaging: Messaging;
}

/** Where an idempotency key's errors point over HTTP: the `Idempotency-Key` header it comes in. */
export const IDEMPOTENCY_KEY_FIELD = { pointer: '/Idempotency-Key', in: 'header' } as const;

/** A list or board without start and end covers today and the next 6 days in the org's zone. */
export const DEFAULT_WINDOW_DAYS = 7;

export function encodeStartCursor(key: StartKey): string {
  return encodeKeyCursor(key.startsAt, key.id);
}

/** @throws validation.failed at /cursor for a cursor this API did not hand out. */
export function decodeStartCursor(cursor: string | undefined): StartKey | null {
  if (cursor === undefined) return null;
  const key = decodeKeyCursor(cursor);
  if (key === null) throw AppError.validation([{ pointer: '/cursor', detail: 'is not a cursor returned by this API' }], '/cursor is not a cursor returned by this API');
  return { startsAt: key.at, id: key.id };
}

/**
 * The window a booking list may leave out: neither bound gives the local days of `timeZone` from
 * today (7 of them, midnight to midnight, so a DST week keeps its local days); one bound gives
 * the other 7 × 24 h away; both must make a window of at most 366 days.
 * @throws validation.failed at /end for an end not after the start, or too far from it.
 */
export function bookingListWindow(now: Date, timeZone: string, given: { readonly start?: Date; readonly end?: Date }): TimeWindow {
  const span = DEFAULT_WINDOW_DAYS * 86_400_000;
  const { start, end } = given;
  if (start !== undefined && end !== undefined) {
    assertBookingListWindow(start, end);
    return { from: start, to: end };
  }
  if (start !== undefined) return { from: start, to: new Date(start.getTime() + span) };
  if (end !== undefined) return { from: new Date(end.getTime() - span), to: end };
  const today = localDateOf(now, timeZone);
  return { from: localDayBounds(today, timeZone).start, to: localDayBounds(addDays(today, DEFAULT_WINDOW_DAYS - 1), timeZone).end };
}

/**
 * What a change reads besides the booking, asked for before it runs, so that it is one read
 * (`BookingRepository.readWriteContext`): the booking's client, service and workers always, plus
 * these workers (by id) and this team (with its active members), and blackouts over `window`.
 */
export interface ChangeReads {
  readonly workerIds?: readonly string[];
  readonly teamId?: string | null;
  /** Where the booking will be; it must cover the changed booking's time. */
  readonly window: TimeWindow;
}

/**
 * Loads a booking for change under a row lock, applies `change`, refuses blackouts when time or
 * people changed, and stores it (the store refuses clashes) with its before/after audit entry
 * and what the change tells the client and the workers (booking-notifications.ts), all in one
 * unit. With `reads`, what the change, the blackout check and the messages need is read in one
 * statement and handed to `change`; without, each is read when needed.
 */
export async function changeBooking(
  ctx: RequestContext,
  deps: BookingDeps,
  id: string,
  action: string,
  change: (before: Booking, repos: TenantRepositories, rows: BookingWriteContext | null) => Promise<Booking>,
  metadata: Record<string, unknown> = {},
  reads: ((before: Booking) => ChangeReads) | null = null,
): Promise<Booking> {
  return deps.uow.run(ctx, async (repos) => {
    const before = await repos.bookings.findById(id, { forUpdate: true });
    if (before === null) throw notFound.booking(id);
    const wanted = reads === null ? null : reads(before);
    const rows =
      wanted === null
        ? null
        : await repos.bookings.readWriteContext({
            clientId: before.clientId,
            serviceId: before.serviceId,
            teamId: wanted.teamId ?? null,
            workerIds: [...new Set([...before.workers.map((w) => w.workerId), ...(wanted.workerIds ?? [])])],
            window: wanted.window,
            claim: null,
          });
    const changed = await change(before, repos, rows);
    const after: Booking = { ...changed, updatedAt: ctx.now };
    const movedOrReassigned =
      after.startsAt.getTime() !== before.startsAt.getTime() ||
      after.endsAt.getTime() !== before.endsAt.getTime() ||
      after.teamId !== before.teamId ||
      JSON.stringify(after.workers) !== JSON.stringify(before.workers);
    if (movedOrReassigned) {
      if (rows !== null && wanted !== null) assertNotBlackedOutIn(rows, wanted.window, after);
      else await assertNotBlackedOut(repos, after);
    }
    const audit = auditEntry(ctx, deps.ids, { action, resourceType: 'booking', resourceId: id, before: snapshot(before), after: snapshot(after), metadata });
    // The client and service read are the booking's before the change: reused while they still are.
    const known: KnownRows =
      rows === null
        ? {}
        : {
            settings: rows.settings,
            workers: workersOf(rows),
            ...(rows.client !== null && after.clientId === before.clientId ? { client: rows.client } : {}),
            ...(after.serviceId === before.serviceId ? { service: rows.service } : {}),
          };
    const messages = await bookingChangeMessages(deps, repos, ctx, before, after, known);
    await repos.bookings.update(after, { audit, messages });
    return after;
  });
}

/** @throws booking.not_plannable once a booking has started or ended. */
export function assertPlannable(booking: Booking): void {
  if (!isPlannable(booking.status)) {
    throw new AppError('booking.not_plannable', `Booking ${booking.id} is ${booking.status} and can no longer be changed`, {
      details: { booking_id: booking.id, status: booking.status },
    });
  }
}

/** The booking after moving to `status` at `now`, or booking.invalid_transition. */
export function transition(booking: Booking, status: BookingStatus, now: Date, reason: string | null): Booking {
  if (!BOOKING_TRANSITIONS[booking.status].includes(status)) {
    throw new AppError('booking.invalid_transition', `A ${booking.status} booking cannot become ${status}`, {
      details: { booking_id: booking.id, from: booking.status, to: status, allowed: BOOKING_TRANSITIONS[booking.status] },
    });
  }
  return {
    ...booking,
    status,
    ...(status === 'in_progress' ? { startedAt: now } : {}),
    ...(status === 'completed' ? { completedAt: now } : {}),
    ...(status === 'cancelled' ? { cancelledAt: now, cancellationReason: reason } : {}),
  };
}

/** Moves a booking along its status machine, audited as booking.status.<status> (with the reason). */
export function changeStatus(ctx: RequestContext, deps: BookingDeps, id: string, status: BookingStatus, reason: string | null): Promise<Booking> {
  return changeBooking(ctx, deps, id, `booking.status.${status}`, async (before) => transition(before, status, ctx.now, reason), reason === null ? {} : { reason });
}
