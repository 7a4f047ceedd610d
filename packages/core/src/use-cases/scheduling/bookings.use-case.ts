/**
 * Forwarding only: the bookings use cases live in use-cases/bookings/ (one file each, with their
 * contracts). This file stays while core index.ts and the series, worker portal and schedule
 * query files still import these names from here; delete it once they import from
 * use-cases/bookings/ (and call ListBookings with its contract's input).
 */
import type { RequestContext } from '../../context.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { ListBookings as ContractListBookings, type BookingPage } from '../bookings/list-bookings.use-case.js';

export type { BookingPage, ListBookingsInput } from '../bookings/list-bookings.use-case.js';
export type { CreateBookingInput, CreateBookingResult } from '../bookings/create-booking.use-case.js';
export type { AssignmentMode } from '../bookings/change-booking-assignment.use-case.js';
export { DEFAULT_WINDOW_DAYS, encodeStartCursor, transition } from '../bookings/booking-support.js';

/**
 * ListBookings taking the input it took before its contract (instants as Date, statuses
 * comma-separated), for the assignment queue until it is converted.
 */
export class ListBookings {
  private readonly list: ContractListBookings;

  constructor(deps: { readonly uow: UnitOfWork }) {
    this.list = new ContractListBookings(deps);
  }

  execute(ctx: RequestContext, input: { start: Date; end: Date; status: string; unassigned: boolean; cursor: unknown; limit: number }): Promise<BookingPage> {
    return this.list.execute(ctx, {
      start: input.start.toISOString(),
      end: input.end.toISOString(),
      status: [input.status],
      unassigned: input.unassigned,
      ...(input.cursor === undefined ? {} : { cursor: input.cursor as string }),
      limit: input.limit,
    });
  }
}
