/**
 * The window a schedule query asks about, from checked instants: the rules between its bounds
 * that a schema cannot say (end after start, no longer than the query allows), and the window
 * taken when one or both bounds are left out.
 */
import { AppError } from '../../errors/app-error.js';
import type { TimeWindow } from '../../ports/scheduling-repositories.port.js';
import { addDays, localDateOf, localDayBounds } from './zoned-time.js';

/** How long a window conflicts and suggestions answer for: a week. */
export const MAX_CHECK_HOURS = 7 * 24;
/** The longest range a board shows. */
export const MAX_BOARD_DAYS = 14;
/** The most bookings a board answers with; a busier range must be narrowed. */
export const MAX_BOARD_BOOKINGS = 5000;
/** The assignments queue looks this many days ahead by default, and at most `MAX_QUEUE_DAYS`. */
export const DEFAULT_QUEUE_DAYS = 7;
export const MAX_QUEUE_DAYS = 30;
/** A list or board without start and end covers today and the next 6 days in the org's zone. */
export const DEFAULT_BOARD_DAYS = 7;

/**
 * [start, end) when end is after start and at most `maxHours` later.
 * @throws validation.failed at /end otherwise
 */
export function scheduleWindow(start: Date, end: Date, maxHours: number): TimeWindow {
  if (end <= start) throw AppError.validation([{ pointer: '/end', detail: 'must be after start' }]);
  if (end.getTime() - start.getTime() > maxHours * 3_600_000) throw AppError.validation([{ pointer: '/end', detail: `must be at most ${maxHours} hours after start` }]);
  return { from: start, to: end };
}

/**
 * A window that may be left out: neither bound gives the local days of `timeZone` from today
 * (`defaultDays` of them, midnight to midnight, so a DST week keeps its local days); one bound
 * gives the other `defaultDays` × 24 h away; both are checked as `scheduleWindow` does.
 * @throws validation.failed at /end when both are given and do not make a window
 */
export function scheduleWindowOrDefault(
  now: Date,
  timeZone: string,
  bounds: { readonly start?: Date | undefined; readonly end?: Date | undefined },
  limits: { readonly maxHours: number; readonly defaultDays: number },
): TimeWindow {
  const span = limits.defaultDays * 86_400_000;
  const { start, end } = bounds;
  if (start !== undefined && end !== undefined) return scheduleWindow(start, end, limits.maxHours);
  if (start !== undefined) return { from: start, to: new Date(start.getTime() + span) };
  if (end !== undefined) return { from: new Date(end.getTime() - span), to: end };
  const today = localDateOf(now, timeZone);
  return { from: localDayBounds(today, timeZone).start, to: localDayBounds(addDays(today, limits.defaultDays - 1), timeZone).end };
}
