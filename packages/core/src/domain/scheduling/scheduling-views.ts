/**
 * Bookings, teams and workers as the series and schedule answers show them: the bookings and
 * workforce areas' views (one declaration each), and the roster worker a suggestion shows, which
 * is this area's own.
 */
import { Type } from '@sinclair/typebox';
import { Nullable } from '../../contracts/schema-vocabulary.js';
import { WorkingHoursView } from './workforce-schemas.js';

const Id = () => Type.String({ format: 'uuid' });

/** A local calendar date in the zone of what it belongs to. */
export const LocalDateView = (description = 'A local date YYYY-MM-DD (in the org’s time zone)') => Type.String({ format: 'date', description });

/** The bookings area's view of a booking. */
export { BookingView } from './booking-schemas.js';

/** The workforce area's views of a team, a worker and working hours. */
export { TeamView, WorkingHoursView, WorkerView as WorkerRecordView } from './workforce-schemas.js';

const rosterWorkerFields = {
  id: Id(),
  name: Type.String(),
  phone: Nullable(Type.String({ description: 'Masked for viewers' })),
  email: Nullable(Type.String({ description: 'Masked for viewers' })),
  skills: Type.Array(Type.String()),
  teamId: Nullable(Id()),
  workingHours: Nullable(WorkingHoursView),
};

export const RosterWorkerView = Type.Object(rosterWorkerFields, {
  additionalProperties: false,
  $id: 'RosterWorker',
  description: 'An active worker as suggestions rank them; GET /v1/admin/workers/{id} has the whole record',
});
