/**
 * The rules about a booking's input that a schema cannot say: a window's end after its start and
 * not too far from it, an assignment change that names somebody, a cancellation's reason.
 */
import { AppError, type FieldError } from '../../errors/app-error.js';
import { MAX_BOOKING_MINUTES, type BookingStatus } from './booking.js';

/** The longest window a booking list may span (a client's year). */
export const MAX_BOOKING_LIST_DAYS = 366;

/** @throws validation.failed at /end unless `end` is after `start` and at most `maxHours` later. */
function assertWindow(start: Date, end: Date, maxHours: number): void {
  let fault: FieldError | null = null;
  if (end <= start) fault = { pointer: '/end', detail: 'must be after start' };
  else if (end.getTime() - start.getTime() > maxHours * 3_600_000) fault = { pointer: '/end', detail: `must be at most ${maxHours} hours after start` };
  if (fault !== null) throw AppError.validation([fault], `${fault.pointer} ${fault.detail}`);
}

/** A booking's time: the end after the start, at most 24 hours later. */
export function assertBookingWindow(start: Date, end: Date): void {
  assertWindow(start, end, MAX_BOOKING_MINUTES / 60);
}

/** A list's window: the end after the start, at most 366 days (8784 hours) later. */
export function assertBookingListWindow(start: Date, end: Date): void {
  assertWindow(start, end, MAX_BOOKING_LIST_DAYS * 24);
}

/** Adding or removing people must name somebody (replacing with nobody unassigns). */
export function assertAssignmentNamesSomebody(teamId: string | null | undefined, workerIds: readonly string[]): void {
  if (teamId == null && workerIds.length === 0) {
    throw AppError.validation([{ pointer: '/workerIds', detail: 'name a team or at least one worker' }], '/workerIds name a team or at least one worker');
  }
}

/** Cancelling needs a reason (it is shown to the people who planned the visit): absent, null or blank is refused. */
export function assertCancellationReason(status: BookingStatus, reason: string | null): void {
  if (status === 'cancelled' && reason === null) {
    throw AppError.validation([{ pointer: '/reason', detail: 'must not be empty' }], '/reason must not be empty');
  }
}
