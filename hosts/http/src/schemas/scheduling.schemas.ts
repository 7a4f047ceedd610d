/**
 * Schemas of the scheduling API: teams, workers, services, blackouts and the worker portal
 * (bookings, series and the dispatcher's queries take their contracts from the core). They check
 * shape only (types, lengths, known fields); the core checks meaning (windows, rules,
 * transitions) and reports every field.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { BOOKING_STATUSES, WEEKDAYS } from '@cws/core';
import { AddressView } from './client.schemas.js';
import { DateTime, Nullable, Uuid, nullableText, text } from './common.schemas.js';

const literals = <T extends string | number>(values: readonly T[], description?: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    description === undefined ? {} : { description },
  );

export const LocalDateSchema = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'A local date YYYY-MM-DD (in the org’s time zone)' });
export const BookingStatusSchema = literals(BOOKING_STATUSES);
const Money = Type.Integer({ minimum: 0, maximum: 100_000_000, description: 'Minor units of the org’s currency (cents)' });
const Skills = Type.Array(Type.String({ maxLength: 40 }), { maxItems: 30, description: 'Tags such as deep-clean, windows, pets-ok (lower-cased)' });

const Obj = <T extends Record<string, TSchema>>(properties: T, extra: { minProperties?: number; description?: string } = {}) =>
  Type.Object(properties, { additionalProperties: false, ...extra });

// ------------------------------------------------------------------ teams

export const TeamView = Type.Object({ id: Uuid, org_id: Uuid, name: Type.String(), active: Type.Boolean(), created_at: DateTime, updated_at: DateTime });
export const CreateTeamBody = Obj({ name: text(120) });
export const UpdateTeamBody = Obj({ name: Type.Optional(text(120)), active: Type.Optional(Type.Boolean()) }, { minProperties: 1 });

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

const workerFields = {
  phone: Type.Optional(nullableText(32)),
  email: Type.Optional(nullableText(254)),
  skills: Type.Optional(Skills),
  active: Type.Optional(Type.Boolean()),
  team_id: Type.Optional(Nullable(Uuid)),
  working_hours: Type.Optional(Nullable(WorkingHoursSchema)),
};
export const CreateWorkerBody = Obj({ name: text(120), ...workerFields });
export const UpdateWorkerBody = Obj({ name: Type.Optional(text(120)), ...workerFields }, { minProperties: 1 });
export const ListWorkersQuery = Obj({ team_id: Type.Optional(Uuid), active: Type.Optional(Type.Boolean()) });
export const PortalPasswordBody = Obj({
  password: Type.Optional(Nullable(Type.String({ maxLength: 1024, description: 'Omit for a generated one, shown once. Either way the worker must change it at first sign-in' }))),
});
export const PortalPasswordView = Type.Object({
  worker: WorkerView,
  temporary_password: Nullable(Type.String({ description: 'Only when none was given: shown in this response and nowhere else' })),
});

// ------------------------------------------------------------------ services

export const ServiceView = Type.Object(
  { id: Uuid, org_id: Uuid, name: Type.String(), duration_minutes: Type.Integer(), price_minor: Type.Integer(), active: Type.Boolean(), created_at: DateTime, updated_at: DateTime },
);
export const CreateServiceBody = Obj({ name: text(120), duration_minutes: Type.Integer({ minimum: 15, maximum: 1440 }), price_minor: Money, active: Type.Optional(Type.Boolean()) });
export const UpdateServiceBody = Obj(
  { name: Type.Optional(text(120)), duration_minutes: Type.Optional(Type.Integer({ minimum: 15, maximum: 1440 })), price_minor: Type.Optional(Money), active: Type.Optional(Type.Boolean()) },
  { minProperties: 1 },
);
export const ListServicesQuery = Obj({ active: Type.Optional(Type.Boolean()) });

// ------------------------------------------------------------------ blackouts

export const BlackoutView = Type.Object(
  {
    id: Uuid,
    org_id: Uuid,
    scope: literals(['org', 'team', 'worker'] as const),
    team_id: Nullable(Uuid),
    worker_id: Nullable(Uuid),
    starts_at: DateTime,
    ends_at: DateTime,
    reason: Type.String(),
    created_at: DateTime,
  },
);
export const CreateBlackoutBody = Obj({
  scope: Type.Optional(literals(['org', 'team', 'worker'] as const, 'Default org')),
  team_id: Type.Optional(Nullable(Uuid)),
  worker_id: Type.Optional(Nullable(Uuid)),
  start: DateTime,
  end: DateTime,
  reason: text(500),
});
export const WindowQuery = Obj({ start: DateTime, end: DateTime });

// ------------------------------------------------------------------ worker portal

export const WorkerLoginBody = Obj({
  org: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'The org’s slug; without it, DEFAULT_ORG_ID (or the only org)' })),
  login: Type.String({ minLength: 1, maxLength: 254, description: 'The worker’s phone or email' }),
  password: Type.String({ maxLength: 1024 }),
});
const MustChangePassword = Type.Boolean({
  description: 'true: the password was set by staff; until POST /v1/worker/portal/change-password only me, change-password and logout answer (others: 403 auth.password_change_required)',
});
export const WorkerSelfView = Type.Object({
  id: Uuid,
  org_id: Uuid,
  name: Type.String(),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  skills: Type.Array(Type.String()),
  team_id: Nullable(Uuid),
  working_hours: Nullable(WorkingHoursSchema),
  must_change_password: MustChangePassword,
});
export const WorkerTokenView = Type.Object({
  access_token: Type.String({ description: 'Send as Authorization: Bearer <access_token> to /v1/worker/portal/*' }),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer({ description: 'Seconds (12 hours)' }),
  expires_at: DateTime,
  must_change_password: MustChangePassword,
  worker: WorkerSelfView,
});
export const WorkerChangePasswordBody = Obj({
  current_password: Type.String({ maxLength: 1024 }),
  new_password: Type.String({ maxLength: 1024, description: 'The same rule as staff passwords' }),
});
export const WorkerJobsQuery = Obj({
  scope: Type.Optional(literals(['today', 'upcoming'] as const, 'today: the org’s local day; upcoming (default): from now, `days` ahead')),
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 60, description: 'Default 14' })),
});
export const WorkerActionSchema = literals(['start', 'complete'] as const);
export const WorkerJobView = Type.Object({
  id: Uuid,
  status: BookingStatusSchema,
  starts_at: DateTime,
  ends_at: DateTime,
  time_zone: Type.String({ description: 'IANA zone of the job’s wall clock' }),
  local_starts_at: Type.String({ format: 'date-time', description: 'starts_at on the job’s wall clock, with its offset' }),
  local_ends_at: Type.String({ format: 'date-time', description: 'ends_at on the job’s wall clock, with its offset' }),
  allowed_actions: Type.Array(WorkerActionSchema, {
    description: 'What you may do now: start (a confirmed job, from can_start_from on: WORKER_JOB_START_WINDOW_MINUTES before its start) or complete (a started one)',
  }),
  can_start_from: Nullable(DateTime),
  service_name: Nullable(Type.String()),
  notes: Nullable(Type.String()),
  client: Type.Object({ name: Type.String(), phone: Nullable(Type.String()) }),
  address: Nullable(AddressView),
  team_id: Nullable(Uuid),
  workers: Type.Array(Type.Object({ worker_id: Uuid, via_team: Type.Boolean() })),
  series_id: Nullable(Uuid),
  occurrence_date: Nullable(LocalDateSchema),
  started_at: Nullable(DateTime),
  completed_at: Nullable(DateTime),
});
