/**
 * Bookings, teams and workers as the series and schedule answers show them (JSON, camelCase; the
 * HTTP host spells them in snake_case). They are the things the bookings and workforce areas
 * answer, under the same `$id`s: once those areas declare their views, these become re-exports
 * of theirs (the document refuses two different schemas with one `$id`). The roster worker (a
 * suggestion's) is this area's own.
 */
import { Type } from '@sinclair/typebox';
import { InstantView, Nullable, OneOf } from '../../contracts/schema-vocabulary.js';
import { BOOKING_STATUSES } from './booking.js';
import { WEEKDAYS } from './zoned-time.js';

const Id = () => Type.String({ format: 'uuid' });

/** A local calendar date in the zone of what it belongs to. */
export const LocalDateView = (description = 'A local date YYYY-MM-DD (in the org’s time zone)') => Type.String({ format: 'date', description });

export const BookingView = Type.Object(
  {
    id: Id(),
    orgId: Id(),
    clientId: Id(),
    addressId: Nullable(Id()),
    serviceId: Nullable(Id()),
    seriesId: Nullable(Id()),
    occurrenceDate: Nullable(LocalDateView('The local date of its series this occurrence stands for')),
    detached: Type.Boolean({ description: 'An occurrence edited on its own: changes to its series leave it alone' }),
    startsAt: InstantView(),
    endsAt: InstantView(),
    timeZone: Type.String({ description: 'IANA zone the booking is shown in: the org’s when it was made (a series’ own)' }),
    localStartsAt: Type.String({ format: 'date-time', description: 'starts_at on the booking’s wall clock, with its offset (2026-03-09T09:00:00-04:00)' }),
    localEndsAt: Type.String({ format: 'date-time', description: 'ends_at on the booking’s wall clock, with its offset' }),
    status: OneOf(BOOKING_STATUSES),
    teamId: Nullable(Id()),
    workers: Type.Array(Type.Object({ workerId: Id(), viaTeam: Type.Boolean() }, { additionalProperties: false })),
    notes: Nullable(Type.String({ description: 'Masked for viewers' })),
    priceEstimateMinor: Nullable(Type.Integer()),
    currency: Type.String(),
    cancellationReason: Nullable(Type.String({ description: 'Masked for viewers' })),
    startedAt: Nullable(InstantView()),
    completedAt: Nullable(InstantView()),
    cancelledAt: Nullable(InstantView()),
    createdAt: InstantView(),
    updatedAt: InstantView(),
  },
  { additionalProperties: false, $id: 'Booking' },
);

export const TeamView = Type.Object(
  { id: Id(), orgId: Id(), name: Type.String(), active: Type.Boolean(), createdAt: InstantView(), updatedAt: InstantView() },
  { additionalProperties: false, $id: 'Team' },
);

const TimeSpanView = Type.Object(
  { start: Type.String({ description: 'HH:MM' }), end: Type.String({ description: 'HH:MM (24:00 for the end of the day)' }) },
  { additionalProperties: false },
);

export const WorkingHoursView = Type.Object(Object.fromEntries(WEEKDAYS.map((d) => [d, Type.Optional(Type.Array(TimeSpanView))])), {
  additionalProperties: false,
  $id: 'WorkingHours',
  description: 'Spans per weekday in the org’s zone, each day’s in order; a weekday not listed is a day off',
});

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

export const WorkerRecordView = Type.Object(
  {
    ...rosterWorkerFields,
    orgId: Id(),
    active: Type.Boolean(),
    hasPortalPassword: Type.Boolean(),
    mustChangePortalPassword: Type.Boolean({ description: 'The portal password was set by staff and the worker has not chosen their own yet' }),
    createdAt: InstantView(),
    updatedAt: InstantView(),
  },
  { additionalProperties: false, $id: 'Worker' },
);
