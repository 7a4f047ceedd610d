/**
 * Bookings, teams and workers as the series and schedule answers show them: the bookings and
 * workforce areas' views (one declaration each), and the roster worker a suggestion shows, which
 * is this area's own.
 */
import { Type } from '@sinclair/typebox';
import { WorkerView } from './workforce-schemas.js';

/** A local calendar date in the zone of what it belongs to. */
export const LocalDateView = (description = 'A local date YYYY-MM-DD (in the org’s time zone)') => Type.String({ format: 'date', description });

/** The bookings area's view of a booking. */
export { BookingView } from './booking-schemas.js';

/** The workforce area's views of a team, a worker and working hours. */
export { TeamView, WorkingHoursView, WorkerView as WorkerRecordView } from './workforce-schemas.js';

// The roster is the worker record's first fields: one declaration of each.
const { id, name, phone, email, skills, teamId, workingHours } = WorkerView.properties;
const rosterWorkerFields = { id, name, phone, email, skills, teamId, workingHours };

export const RosterWorkerView = Type.Object(rosterWorkerFields, {
  additionalProperties: false,
  $id: 'RosterWorker',
  description: 'An active worker as suggestions rank them; GET /v1/admin/workers/{id} has the whole record',
});
