/**
 * Bookings, teams and workers as the series and schedule answers show them: the bookings and
 * workforce areas' views (one declaration each).
 */
import { Type } from '@sinclair/typebox';

/** A local calendar date in the zone of what it belongs to. */
export const LocalDateView = (description = 'A local date YYYY-MM-DD (in the org’s time zone)') => Type.String({ format: 'date', description });

/** The bookings area's view of a booking. */
export { BookingView } from './booking-schemas.js';

/** The workforce area's views of a team, a worker and working hours. */
export { TeamView, WorkingHoursView, WorkerView as WorkerRecordView } from './workforce-schemas.js';
