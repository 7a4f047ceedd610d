/** The bookings area: each use case (with its contract), the helpers they share, their wiring, and the schemas and rules of a booking's input. */
export * from './create-booking.use-case.js';
export * from './get-booking.use-case.js';
export * from './list-bookings.use-case.js';
export * from './update-booking-details.use-case.js';
export * from './change-booking-assignment.use-case.js';
export * from './reschedule-booking.use-case.js';
export * from './change-booking-status.use-case.js';
export * from './cancel-booking.use-case.js';
export * from './get-booking-history.use-case.js';
export * from './send-booking-reminders.use-case.js';
export * from './booking-notifications.js';
export * from './booking-use-cases.js';
export * from '../../domain/scheduling/booking-schemas.js';
export * from '../../domain/scheduling/booking-input.js';
