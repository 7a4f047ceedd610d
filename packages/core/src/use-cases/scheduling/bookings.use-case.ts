/**
 * Moved to use-cases/bookings/ (one file per use case). This re-export remains only because the
 * package index and the worker portal and series files (not this area's) still name this path:
 * delete it once they import from use-cases/bookings/.
 */
export type { BookingPage, ListBookingsInput } from '../bookings/list-bookings.use-case.js';
export type { CreateBookingInput, CreateBookingResult } from '../bookings/create-booking.use-case.js';
export type { AssignmentMode } from '../bookings/change-booking-assignment.use-case.js';
export { DEFAULT_WINDOW_DAYS, encodeStartCursor, transition } from '../bookings/booking-support.js';
