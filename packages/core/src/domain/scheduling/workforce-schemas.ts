/**
 * The workforce as use cases take it and answer it (JSON): teams, workers with skills and weekly
 * working hours, services with a price in minor units, blackouts. Rules between fields (spans in
 * order, an end after its start, who a blackout is for) are code in workforce-input.ts; a portal
 * password follows the staff password rule (domain/identity/identity-schemas.ts).
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { ClearableEmail, ClearablePhone, ClockTime, InstantView, Int, Nullable, OneOf, Text, Uuid, withMessage } from '../../contracts/schema-vocabulary.js';
import type { Worker } from './workforce.js';
import { MAX_SKILLS } from './workforce.js';

// ------------------------------------------------------------------ shared words

const Id = (description?: string) => Type.String({ format: 'uuid', ...(description === undefined ? {} : { description }) });

/** A whole list in one answer: `nextCursor` is always null (the shape of a page, for clients that page everything). */
export function WholeList<T extends TSchema>(item: T, $id: string) {
  return Type.Object(
    { items: Type.Array(item), nextCursor: Type.Null({ description: 'Always null: the whole list is one page' }) },
    { additionalProperties: false, $id },
  );
}

export const TeamName = Text(120);
export const WorkerName = Text(120);
export const ServiceName = Text(120);

// ------------------------------------------------------------------ working hours

/** The end of a working span: HH:MM, and 24:00 for the end of the day. */
export const SpanEnd = withMessage(
  Type.String({ pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$', examples: ['17:00'], description: 'HH:MM; 24:00 for the end of the day' }),
  'must be a time HH:MM from 00:00 to 24:00',
);

export const WorkingSpanInput = Type.Object({ start: ClockTime(), end: SpanEnd }, { additionalProperties: false });

const DaySpans = Type.Optional(Type.Array(WorkingSpanInput, { maxItems: 4, description: 'At most 4 spans, ends after starts, not overlapping' }));

/** Spans per weekday in the org's zone; a weekday not listed is a day off. */
export const WorkingHoursInput = Type.Object(
  { mon: DaySpans, tue: DaySpans, wed: DaySpans, thu: DaySpans, fri: DaySpans, sat: DaySpans, sun: DaySpans },
  {
    additionalProperties: false,
    $id: 'WorkingHoursInput',
    description: 'Spans per weekday (mon … sun) in the org’s zone; a weekday not listed is a day off. null: always available.',
  },
);

const SpanView = Type.Object({ start: Type.String({ description: 'HH:MM' }), end: Type.String({ description: 'HH:MM (24:00 for the end of the day)' }) }, { additionalProperties: false });
const DaySpansView = Type.Optional(Type.Array(SpanView));

export const WorkingHoursView = Type.Object(
  { mon: DaySpansView, tue: DaySpansView, wed: DaySpansView, thu: DaySpansView, fri: DaySpansView, sat: DaySpansView, sun: DaySpansView },
  { additionalProperties: false, $id: 'WorkingHours', description: 'Spans per weekday in the org’s zone, each day’s in order; a weekday not listed is a day off' },
);

// ------------------------------------------------------------------ skills

/** A skill tag as typed: trimmed and lower-cased. */
export const SkillTag = Type.Transform(
  withMessage(Type.String({ maxLength: 40, pattern: '^\\s*[A-Za-z0-9][A-Za-z0-9 _-]*\\s*$', examples: ['deep-clean'] }), 'must be 1-40 letters, digits, spaces, - or _'),
)
  .Decode((value) => value.trim().toLowerCase())
  .Encode((value) => value);

/** Skill tags, deduplicated and sorted. */
export const WorkerSkills = Type.Transform(
  Type.Array(SkillTag, { maxItems: MAX_SKILLS, description: `Tags such as deep-clean, windows, pets-ok (lower-cased, at most ${MAX_SKILLS})` }),
)
  .Decode((tags) => [...new Set(tags)].sort())
  .Encode((tags) => tags);

/** What a worker is created or changed with, besides the name (every one optional here). */
export const WorkerFields = {
  phone: Type.Optional(ClearablePhone({ description: 'A portal login: unique among the org’s workers; null or blank clears it' })),
  email: Type.Optional(ClearableEmail({ description: 'A portal login: unique among the org’s workers; null or blank clears it' })),
  skills: Type.Optional(WorkerSkills),
  active: Type.Optional(Type.Boolean({ description: 'false: no new bookings, portal sessions end; existing bookings stay' })),
  teamId: Type.Optional(Nullable(Uuid({ description: 'The home team (a booking given to a team occupies its active members)' }))),
  workingHours: Type.Optional(Nullable(WorkingHoursInput)),
};

// ------------------------------------------------------------------ prices and durations

export const PriceMinor = Int(0, 100_000_000, { description: 'Minor units of the org’s currency (cents)' });
/** A service's deposit rule (used when DEPOSITS_ENABLED): at most one of the two is set (workforce-input.ts checks). */
export const ServiceDepositPercentBasis = Nullable(Int(1, 10_000, { description: 'Deposit as a share of the booking’s price, in basis points (2500 = 25%); null: none' }));
export const ServiceDepositCents = Nullable(Int(1, 100_000_000, { description: 'Deposit as a fixed amount in minor units (capped at the booking’s price); null: none' }));
export const ServiceDuration = Int(15, 24 * 60, { description: 'The default length of a booking of it, in minutes (15 to 1440)' });

// ------------------------------------------------------------------ blackouts

export const BLACKOUT_SCOPES = ['org', 'team', 'worker'] as const;
export const BlackoutScopeSchema = OneOf(BLACKOUT_SCOPES, { description: 'Default org' });

// ------------------------------------------------------------------ views

export const TeamView = Type.Object(
  { id: Id(), orgId: Id(), name: Type.String(), active: Type.Boolean(), createdAt: InstantView(), updatedAt: InstantView() },
  { additionalProperties: false, $id: 'Team' },
);

/** A worker as staff see them: the portal password hash never leaves the core. */
export type WorkerView = Omit<Worker, 'portalPasswordHash'> & { readonly hasPortalPassword: boolean };

export function workerView(worker: Worker): WorkerView {
  const { portalPasswordHash, ...rest } = worker;
  return { ...rest, hasPortalPassword: portalPasswordHash !== null };
}

export const WorkerView = Type.Object(
  {
    id: Id(),
    name: Type.String(),
    phone: Nullable(Type.String({ description: 'Masked for viewers' })),
    email: Nullable(Type.String({ description: 'Masked for viewers' })),
    skills: Type.Array(Type.String()),
    teamId: Nullable(Id()),
    workingHours: Nullable(WorkingHoursView),
    orgId: Id(),
    active: Type.Boolean(),
    hasPortalPassword: Type.Boolean(),
    mustChangePortalPassword: Type.Boolean({ description: 'The portal password was set by staff and the worker has not chosen their own yet' }),
    createdAt: InstantView(),
    updatedAt: InstantView(),
  },
  { additionalProperties: false, $id: 'Worker' },
);

export const ServiceView = Type.Object(
  {
    id: Id(),
    orgId: Id(),
    name: Type.String(),
    durationMinutes: Type.Integer(),
    priceMinor: Type.Integer({ description: 'Minor units of the org’s currency' }),
    depositPercentBasis: Nullable(Type.Integer({ description: 'Deposit as a share of the booking’s price, in basis points' })),
    depositCents: Nullable(Type.Integer({ description: 'Deposit as a fixed amount in minor units' })),
    active: Type.Boolean(),
    createdAt: InstantView(),
    updatedAt: InstantView(),
  },
  { additionalProperties: false, $id: 'Service' },
);

export const BlackoutView = Type.Object(
  {
    id: Id(),
    orgId: Id(),
    scope: OneOf(BLACKOUT_SCOPES),
    teamId: Nullable(Id()),
    workerId: Nullable(Id()),
    startsAt: InstantView(),
    endsAt: InstantView(),
    reason: Type.String({ description: 'Withheld for viewers' }),
    createdAt: InstantView(),
  },
  { additionalProperties: false, $id: 'Blackout' },
);

export const WorkerPortalPasswordView = Type.Object(
  {
    worker: WorkerView,
    temporaryPassword: Nullable(Type.String({ description: 'Only when none was given: shown in this answer and nowhere else' })),
  },
  { additionalProperties: false, $id: 'WorkerPortalPassword' },
);
