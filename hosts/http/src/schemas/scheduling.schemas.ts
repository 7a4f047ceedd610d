/**
 * Schemas of the scheduling API: teams, workers, services, blackouts, bookings and the worker
 * portal (series and the dispatcher's queries take their contracts from the core). They check shape only (types, lengths, known
 * fields); the core checks meaning (windows, rules, transitions) and reports every field.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { BOOKING_STATUSES, WEEKDAYS } from '@cws/core';
import { DateTime, Nullable, PageQueryFields, Uuid, nullableText, text } from './common.schemas.js';

const literals = <T extends string | number>(values: readonly T[], description?: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    description === undefined ? {} : { description },
  );

export const LocalDateSchema = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'A local date YYYY-MM-DD (in the org’s time zone)' });
export const BookingStatusSchema = literals(BOOKING_STATUSES);
const Money = Type.Integer({ minimum: 0, maximum: 100_000_000, description: 'Minor units of the org’s currency (cents)' });
const UuidList = Type.Array(Uuid, { maxItems: 20, uniqueItems: true });

const Obj = <T extends Record<string, TSchema>>(properties: T, extra: { minProperties?: number; description?: string } = {}) =>
  Type.Object(properties, { additionalProperties: false, ...extra });

// ------------------------------------------------------------------ teams

export const TeamView = Type.Object({ id: Uuid, org_id: Uuid, name: Type.String(), active: Type.Boolean(), created_at: DateTime, updated_at: DateTime });

// ------------------------------------------------------------------ workers

const TimeSpan = Obj({ start: Type.String({ maxLength: 5, description: 'HH:MM' }), end: Type.String({ maxLength: 5, description: 'HH:MM (24:00 for the end of the day)' }) });
export const WorkingHoursSchema = Type.Object(Object.fromEntries(WEEKDAYS.map((d) => [d, Type.Optional(Type.Array(TimeSpan, { maxItems: 4 }))])), {
  additionalProperties: false,
  description: 'Spans per weekday in the org’s zone; a weekday not listed is a day off. null: always available.',
});

const rosterWorkerProperties = {
  id: Uuid,
  name: Type.String(),
  phone: Nullable(Type.String({ description: 'Masked for viewers' })),
  email: Nullable(Type.String({ description: 'Masked for viewers' })),
  skills: Type.Array(Type.String()),
  team_id: Nullable(Uuid),
  working_hours: Nullable(WorkingHoursSchema),
};

export const RosterWorkerView = Type.Object(rosterWorkerProperties, {
  description: 'An active worker as suggestions rank them; GET /v1/admin/workers/{id} has the whole record',
});

export const WorkerView = Type.Object({
  ...rosterWorkerProperties,
  org_id: Uuid,
  active: Type.Boolean(),
  has_portal_password: Type.Boolean(),
  must_change_portal_password: Type.Boolean({ description: 'The portal password was set by staff and the worker has not chosen their own yet' }),
  created_at: DateTime,
  updated_at: DateTime,
});

// ------------------------------------------------------------------ bookings

export const BookingView = Type.Object(
  {
    id: Uuid,
    org_id: Uuid,
    client_id: Uuid,
    address_id: Nullable(Uuid),
    service_id: Nullable(Uuid),
    series_id: Nullable(Uuid),
    occurrence_date: Nullable(LocalDateSchema),
    detached: Type.Boolean({ description: 'An occurrence edited on its own: changes to its series leave it alone' }),
    starts_at: DateTime,
    ends_at: DateTime,
    time_zone: Type.String({ description: 'IANA zone the booking is shown in: the org’s when it was made (a series’ own)' }),
    local_starts_at: Type.String({ format: 'date-time', description: 'starts_at on the booking’s wall clock, with its offset (2026-03-09T09:00:00-04:00)' }),
    local_ends_at: Type.String({ format: 'date-time', description: 'ends_at on the booking’s wall clock, with its offset' }),
    status: BookingStatusSchema,
    team_id: Nullable(Uuid),
    workers: Type.Array(Type.Object({ worker_id: Uuid, via_team: Type.Boolean() })),
    notes: Nullable(Type.String({ description: 'Masked for viewers' })),
    price_estimate_minor: Nullable(Type.Integer()),
    currency: Type.String(),
    cancellation_reason: Nullable(Type.String()),
    started_at: Nullable(DateTime),
    completed_at: Nullable(DateTime),
    cancelled_at: Nullable(DateTime),
    created_at: DateTime,
    updated_at: DateTime,
  },
);

export const CreateBookingBody = Obj({
  client_id: Uuid,
  address_id: Type.Optional(Nullable(Uuid)),
  service_id: Type.Optional(Nullable(Uuid)),
  start: DateTime,
  end: Type.Optional(Nullable(DateTime)),
  status: Type.Optional(literals(['pending', 'confirmed'] as const, 'Default pending')),
  team_id: Type.Optional(Nullable(Uuid)),
  worker_ids: Type.Optional(Nullable(UuidList)),
  notes: Type.Optional(nullableText(4000)),
  price_estimate_minor: Type.Optional(Nullable(Money)),
});

/** Both may be left out: the route's description says which window it then takes. */
const OptionalWindowFields = { start: Type.Optional(DateTime), end: Type.Optional(DateTime) };

export const ListBookingsQuery = Obj({
  ...OptionalWindowFields,
  status: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 6, description: 'Comma-separated or repeated: pending, confirmed, in_progress, completed, cancelled, no_show' })),
  worker_id: Type.Optional(Uuid),
  team_id: Type.Optional(Uuid),
  client_id: Type.Optional(Uuid),
  series_id: Type.Optional(Uuid),
  unassigned: Type.Optional(Type.Boolean({ description: 'Only bookings with no team and no worker' })),
  ...PageQueryFields,
});

export const UpdateBookingBody = Obj(
  { notes: Type.Optional(nullableText(4000)), service_id: Type.Optional(Nullable(Uuid)), address_id: Type.Optional(Nullable(Uuid)), price_estimate_minor: Type.Optional(Nullable(Money)) },
  { minProperties: 1 },
);
export const AssignmentBody = Obj({ team_id: Type.Optional(Nullable(Uuid)), worker_ids: Type.Optional(Nullable(UuidList)) });
export const RescheduleBody = Obj({ start: DateTime, end: Type.Optional(Nullable(DateTime)) });
export const StatusBody = Obj({ status: BookingStatusSchema, reason: Type.Optional(Nullable(Type.String({ maxLength: 500 }))) });
export const CancelBody = Obj({ reason: text(500) });

export const BookingPageView = Type.Object({
  items: Type.Array(BookingView),
  next_cursor: Nullable(Type.String()),
  window: Type.Object({ start: DateTime, end: DateTime }, { description: 'The window listed: the one asked for, or the default' }),
  time_zone: Type.String({ description: 'The org’s zone, in which the default window is reckoned' }),
});
