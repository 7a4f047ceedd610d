/**
 * The fields of a booking series as use cases take them, and a series as they answer it (JSON).
 * The recurrence rule is a choice of two shapes told apart by `freq`: weekly on chosen weekdays,
 * or monthly on a day of the month or the nth (or last) weekday. What a shape cannot say — a
 * monthly rule names exactly one of its two kinds of day — is checked when the rule is read.
 */
import { Type, type Static } from '@sinclair/typebox';
import { CalendarDate, ClockTime, FieldRefusal, InstantView, Int, Nullable, NullableText, OneOf, Uuid, withMessage } from '../../contracts/schema-vocabulary.js';
import { MAX_INTERVAL, MAX_SERIES_COUNT, type NthWeek, type RecurrenceRule } from './recurrence.js';
import { DEFAULT_SERIES_HORIZON_DAYS, MAX_SERIES_HORIZON_DAYS, UNASSIGNED_CODES } from './booking-series.js';
import { MAX_BOOKING_MINUTES } from './booking.js';
import { BookingView, LocalDateView } from './scheduling-views.js';
import { WEEKDAYS, type Weekday } from './zoned-time.js';

// Typed as their values: `OneOf`'s declared union decodes to never (TypeBox maps unions over tuples only).
const WeekdayChoice = Type.Unsafe<Weekday>(OneOf(WEEKDAYS, { description: 'mon … sun' }));
const NTH_WEEKS = [1, 2, 3, 4, -1] as const;
const NthWeekSchema = Type.Unsafe<NthWeek>(
  Type.Union(
    NTH_WEEKS.map((n) => Type.Literal(n)),
    { description: '1st to 4th, or -1 for the last' },
  ),
);

const WeeklyRuleInput = Type.Object(
  {
    freq: Type.Literal('weekly'),
    interval: Type.Optional(Int(1, MAX_INTERVAL.weekly, { description: `Every N weeks (at most ${MAX_INTERVAL.weekly}); default 1` })),
    weekdays: Type.Array(WeekdayChoice, { minItems: 1, maxItems: 7, description: 'The weekdays of each week it falls on' }),
  },
  { additionalProperties: false },
);

const MonthlyRuleInput = Type.Object(
  {
    freq: Type.Literal('monthly'),
    interval: Type.Optional(Int(1, MAX_INTERVAL.monthly, { description: `Every N months (at most ${MAX_INTERVAL.monthly}); default 1` })),
    monthDay: Type.Optional(Int(1, 31, { description: 'The day of the month (clamped to the month’s last); either this or nth_weekday' })),
    nthWeekday: Type.Optional(Type.Object({ n: NthWeekSchema, weekday: WeekdayChoice }, { additionalProperties: false, description: 'The nth (or last) weekday of the month; either this or month_day' })),
  },
  { additionalProperties: false },
);

type RuleWire = Static<typeof WeeklyRuleInput> | Static<typeof MonthlyRuleInput>;

/** The rule as the domain keeps it: interval filled in, weekdays in week order without repeats. */
function ruleFrom(input: RuleWire): RecurrenceRule {
  const interval = input.interval ?? 1;
  if (input.freq === 'weekly') return { freq: 'weekly', interval, weekdays: WEEKDAYS.filter((d) => input.weekdays.includes(d)) };
  if (input.monthDay !== undefined && input.nthWeekday !== undefined) throw new FieldRefusal('a monthly rule takes a day of the month or an nth weekday, not both');
  if (input.nthWeekday !== undefined) return { freq: 'monthly', interval, nthWeekday: { n: input.nthWeekday.n, weekday: input.nthWeekday.weekday } };
  if (input.monthDay === undefined) throw new FieldRefusal('a monthly rule needs a day of the month or an nth weekday');
  return { freq: 'monthly', interval, monthDay: input.monthDay };
}

function ruleWire(rule: RecurrenceRule): RuleWire {
  if (rule.freq === 'weekly') return { freq: 'weekly', interval: rule.interval, weekdays: [...rule.weekdays] };
  if ('monthDay' in rule) return { freq: 'monthly', interval: rule.interval, monthDay: rule.monthDay };
  return { freq: 'monthly', interval: rule.interval, nthWeekday: { ...rule.nthWeekday } };
}

/** A recurrence rule as callers send it; decodes to the domain's `RecurrenceRule`. */
export const RecurrenceRuleInput = Type.Transform(
  withMessage(
    Type.Union([WeeklyRuleInput, MonthlyRuleInput], {
      $id: 'RecurrenceRuleInput',
      description: 'weekly with weekdays, or monthly with month_day or nth_weekday',
    }),
    'must be a weekly rule (freq weekly, with weekdays) or a monthly one (freq monthly, with monthDay or nthWeekday)',
  ),
)
  .Decode(ruleFrom)
  .Encode(ruleWire);

/** Minor units of the org's currency. */
const Money = Int(0, 100_000_000, { description: 'Minor units of the org’s currency (cents)' });

/** The wall-clock time of each occurrence. */
export const SeriesTime = ClockTime({ description: 'A local wall-clock time HH:MM (in the org’s time zone)' });
export const SeriesDuration = Int(15, MAX_BOOKING_MINUTES, { description: 'Minutes; default: the service’s duration' });
export const SeriesCount = Int(1, MAX_SERIES_COUNT, { description: 'End after this many occurrences' });
export const HorizonDays = Int(1, MAX_SERIES_HORIZON_DAYS, { description: `How far ahead occurrences are made now (default ${DEFAULT_SERIES_HORIZON_DAYS})` });

/** A local date of a series (in the org's zone). */
export const SeriesDate = (description: string) => CalendarDate({ description });

/** Where, what and who of a series (every one optional; a change keeps what it leaves out). */
export const SeriesVisitFields = {
  addressId: Type.Optional(Nullable(Uuid({ description: 'One of the client’s addresses; left out when created: the primary one; null: none' }))),
  serviceId: Type.Optional(Nullable(Uuid())),
  teamId: Type.Optional(Nullable(Uuid())),
  workerIds: Type.Optional(
    Nullable(Type.Array(Uuid(), { maxItems: 20, uniqueItems: true, description: 'Workers named on every occurrence (the team’s active members are added per occurrence); null: none' })),
  ),
  notes: Type.Optional(NullableText(4000)),
  priceEstimateMinor: Type.Optional(Nullable(Money)),
};

// ---- Answers ----

const Id = () => Type.String({ format: 'uuid' });

const WeeklyRuleView = Type.Object({ freq: Type.Literal('weekly'), interval: Type.Integer(), weekdays: Type.Array(OneOf(WEEKDAYS)) }, { additionalProperties: false });
const MonthDayRuleView = Type.Object({ freq: Type.Literal('monthly'), interval: Type.Integer(), monthDay: Type.Integer() }, { additionalProperties: false });
const NthWeekdayRuleView = Type.Object(
  { freq: Type.Literal('monthly'), interval: Type.Integer(), nthWeekday: Type.Object({ n: NthWeekSchema, weekday: OneOf(WEEKDAYS) }, { additionalProperties: false }) },
  { additionalProperties: false },
);

export const RecurrenceRuleView = Type.Union([WeeklyRuleView, MonthDayRuleView, NthWeekdayRuleView], { $id: 'RecurrenceRule' });

export const SeriesView = Type.Object(
  {
    id: Id(),
    orgId: Id(),
    clientId: Id(),
    addressId: Nullable(Id()),
    serviceId: Nullable(Id()),
    rule: RecurrenceRuleView,
    startDate: LocalDateView(),
    time: Type.String({ description: 'A local wall-clock time HH:MM (in the series’ time zone)' }),
    durationMinutes: Type.Integer(),
    timeZone: Type.String({ description: 'The zone the time is read in (the org’s when the series was made)' }),
    count: Nullable(Type.Integer()),
    until: Nullable(LocalDateView()),
    teamId: Nullable(Id()),
    workerIds: Type.Array(Id()),
    notes: Nullable(Type.String({ description: 'Masked for viewers' })),
    priceEstimateMinor: Nullable(Type.Integer()),
    currency: Type.String(),
    generatedThrough: Nullable(LocalDateView('Occurrences are made for every date of the rule up to this one')),
    endedOn: Nullable(LocalDateView('No occurrence on or after this date belongs to the series (it was cancelled or continued as another)')),
    createdAt: InstantView(),
    updatedAt: InstantView(),
  },
  { additionalProperties: false, $id: 'BookingSeries' },
);

export const UnassignedOccurrenceView = Type.Object(
  {
    bookingId: Id(),
    date: LocalDateView(),
    code: OneOf(UNASSIGNED_CODES, { description: 'Why its people could not take it' }),
    reason: Type.String(),
    details: Type.Record(Type.String(), Type.Unknown()),
  },
  { additionalProperties: false, $id: 'UnassignedOccurrence' },
);

export const SeriesResultView = Type.Object(
  {
    series: SeriesView,
    created: Type.Array(BookingView, { description: 'The occurrences made by this call, by date' }),
    unassigned: Type.Array(UnassignedOccurrenceView, { description: 'Occurrences made without their people, and why' }),
  },
  { additionalProperties: false, $id: 'BookingSeriesResult' },
);
