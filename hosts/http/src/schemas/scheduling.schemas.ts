/**
 * Schemas of the scheduling API: teams, workers, services, blackouts, bookings, series, the
 * dispatcher's queries and the worker portal. They check shape only (types, lengths, known
 * fields); the core checks meaning (windows, rules, transitions) and reports every field.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { BOOKING_STATUSES, WEEKDAYS } from '@cws/core';
import { AddressView } from './client.schemas.js';
import { DateTime, Nullable, PageQueryFields, Uuid, nullableText, text } from './common.schemas.js';

const literals = <T extends string | number>(values: readonly T[], description?: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    description === undefined ? {} : { description },
  );

export const LocalDateSchema = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'A local date YYYY-MM-DD (in the org’s time zone)' });
export const LocalTimeSchema = Type.String({ pattern: '^[0-9]{2}:[0-9]{2}$', description: 'A local wall-clock time HH:MM (in the org’s time zone)' });
export const WeekdaySchema = literals(WEEKDAYS, 'mon … sun');
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

// ------------------------------------------------------------------ series

const RuleFields = {
  freq: literals(['weekly', 'monthly'] as const),
  interval: Type.Optional(Type.Integer({ minimum: 1, maximum: 52, description: 'Every N weeks (at most 52) or months (at most 12); default 1' })),
  weekdays: Type.Optional(Type.Array(WeekdaySchema, { minItems: 1, maxItems: 7, description: 'Weekly rules' })),
  month_day: Type.Optional(Type.Integer({ minimum: 1, maximum: 31, description: 'Monthly rules: the day (clamped to the month’s last)' })),
  nth_weekday: Type.Optional(Obj({ n: literals([1, 2, 3, 4, -1] as const, '1st-4th, or -1 for the last'), weekday: WeekdaySchema })),
};
export const RecurrenceRuleInput = Obj(RuleFields, { description: 'weekly with weekdays, monthly with month_day or nth_weekday' });
export const RecurrenceRuleView = Type.Object({
  freq: Type.String(),
  interval: Type.Integer(),
  weekdays: Type.Optional(Type.Array(Type.String())),
  month_day: Type.Optional(Type.Integer()),
  nth_weekday: Type.Optional(Type.Object({ n: Type.Integer(), weekday: Type.String() })),
});

export const SeriesView = Type.Object(
  {
    id: Uuid,
    org_id: Uuid,
    client_id: Uuid,
    address_id: Nullable(Uuid),
    service_id: Nullable(Uuid),
    rule: RecurrenceRuleView,
    start_date: LocalDateSchema,
    time: LocalTimeSchema,
    duration_minutes: Type.Integer(),
    time_zone: Type.String({ description: 'The zone the time is read in (the org’s when the series was made)' }),
    count: Nullable(Type.Integer()),
    until: Nullable(LocalDateSchema),
    team_id: Nullable(Uuid),
    worker_ids: Type.Array(Uuid),
    notes: Nullable(Type.String({ description: 'Masked for viewers' })),
    price_estimate_minor: Nullable(Type.Integer()),
    currency: Type.String(),
    generated_through: Nullable(LocalDateSchema),
    ended_on: Nullable(LocalDateSchema),
    created_at: DateTime,
    updated_at: DateTime,
  },
);

export const UnassignedOccurrenceView = Type.Object({
  booking_id: Uuid,
  date: LocalDateSchema,
  code: Type.String({ description: 'Why its people could not take it: booking.slot_unavailable, booking.blacked_out, worker.inactive, team.inactive' }),
  reason: Type.String(),
  details: Type.Record(Type.String(), Type.Unknown()),
});

const seriesFields = {
  address_id: Type.Optional(Nullable(Uuid)),
  service_id: Type.Optional(Nullable(Uuid)),
  rule: Type.Optional(RecurrenceRuleInput),
  time: Type.Optional(LocalTimeSchema),
  duration_minutes: Type.Optional(Type.Integer({ minimum: 15, maximum: 1440 })),
  team_id: Type.Optional(Nullable(Uuid)),
  worker_ids: Type.Optional(Nullable(UuidList)),
  notes: Type.Optional(nullableText(4000)),
  price_estimate_minor: Type.Optional(Nullable(Money)),
  horizon_days: Type.Optional(Type.Integer({ minimum: 1, maximum: 366, description: 'How far ahead occurrences are made now (default 56)' })),
};

export const CreateSeriesBody = Obj({
  client_id: Uuid,
  ...seriesFields,
  rule: RecurrenceRuleInput,
  start_date: LocalDateSchema,
  time: LocalTimeSchema,
  count: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 500, description: 'End after this many occurrences' }))),
  until: Type.Optional(Nullable(LocalDateSchema)),
});
export const SeriesResultView = Type.Object({ series: SeriesView, created: Type.Array(BookingView), unassigned: Type.Array(UnassignedOccurrenceView) });
export const SeriesDetailView = Type.Object({ series: SeriesView, upcoming: Type.Array(BookingView, { description: 'Occurrences from today on, cancelled and skipped ones included' }) });
export const UpdateSeriesFromBody = Obj({ from_date: LocalDateSchema, ...seriesFields });
export const UpdateSeriesFromView = Type.Object({
  previous: SeriesView,
  series: SeriesView,
  created: Type.Array(BookingView),
  unassigned: Type.Array(UnassignedOccurrenceView),
});
export const SkipBody = Obj({ date: LocalDateSchema });
export const CancelSeriesBody = Obj({ from_date: LocalDateSchema, reason: text(500) });
export const CancelSeriesView = Type.Object({ series: SeriesView, cancelled: Type.Integer({ description: 'Occurrences cancelled' }) });

// ------------------------------------------------------------------ dispatcher queries

const WindowView = Type.Object({ start: DateTime, end: DateTime });

export const ConflictsQuery = Obj({ start: DateTime, end: DateTime, team_id: Type.Optional(Uuid), worker_id: Type.Optional(Uuid), booking_id: Type.Optional(Uuid) });
export const ConflictView = Type.Object({
  kind: literals(['booking', 'blackout', 'outside_working_hours', 'inactive'] as const),
  blocking: Type.Boolean({ description: 'false: a warning (outside working hours)' }),
  reason: Type.String(),
  booking_id: Nullable(Uuid),
  blackout_id: Nullable(Uuid),
  worker_id: Nullable(Uuid),
  team_id: Nullable(Uuid),
  starts_at: Nullable(DateTime),
  ends_at: Nullable(DateTime),
});
export const ConflictReportView = Type.Object({ window: WindowView, available: Type.Boolean(), conflicts: Type.Array(ConflictView) });

export const SuggestionsQuery = Obj({
  start: DateTime,
  end: DateTime,
  skill_tags: Type.Optional(Type.Array(Type.String({ maxLength: 400 }), { maxItems: 20, description: 'Comma-separated or repeated skill tags' })),
  booking_id: Type.Optional(Uuid),
});
export const SuggestionsView = Type.Object({
  window: WindowView,
  blocked_by: Type.Array(ConflictView, { description: 'Org-wide blackouts; when any, nobody is suggested' }),
  teams: Type.Array(Type.Object({ team: TeamView, member_ids: Type.Array(Uuid), load_minutes: Type.Integer(), rank: Type.Integer(), reasons: Type.Array(Type.String()) })),
  workers: Type.Array(
    Type.Object({
      worker: RosterWorkerView,
      skills_matched: Type.Array(Type.String()),
      skills_missing: Type.Array(Type.String()),
      within_working_hours: Type.Boolean(),
      load_minutes: Type.Integer(),
      rank: Type.Integer(),
      reasons: Type.Array(Type.String()),
    }),
  ),
});

export const BoardQuery = Obj({ ...OptionalWindowFields, team_id: Type.Optional(Uuid) });
/** Who a visit is for and where: the client's name, the address as the client's addresses show it. */
const visitProperties = {
  client: Type.Object({ id: Uuid, name: Type.String() }),
  address: Nullable(AddressView),
  service_name: Nullable(Type.String()),
};
export const BoardBookingView = Type.Composite([BookingView, Type.Object(visitProperties)]);
export const BoardView = Type.Object({
  window: WindowView,
  time_zone: Type.String({ description: 'The org’s zone; a default window is its local days' }),
  workers: Type.Array(Type.Object({ worker: WorkerView, bookings: Type.Array(BoardBookingView) })),
  unassigned: Type.Array(BoardBookingView),
});

export const BookingPageView = Type.Object({
  items: Type.Array(BookingView),
  next_cursor: Nullable(Type.String()),
  window: Type.Object({ start: DateTime, end: DateTime }, { description: 'The window listed: the one asked for, or the default' }),
  time_zone: Type.String({ description: 'The org’s zone, in which the default window is reckoned' }),
});

export const QueueQuery = Obj({ days: Type.Optional(Type.Integer({ minimum: 1, maximum: 30, description: 'Default 7' })), ...PageQueryFields });
export const QueueItemView = Type.Object({ booking: BookingView, urgent: Type.Boolean({ description: 'Starts within 24 hours' }) });
