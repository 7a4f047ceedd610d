/**
 * The words every contract is written in: JSON Schema built with TypeBox, so one declaration is
 * the core's validation, the HTTP host's validation, the OpenAPI document and the static type.
 * Normalisation that belongs to a field (trimming, lower-casing an email, compacting a phone)
 * is a TypeBox transform on that field: the schema describes the wire form, `Decode` gives the
 * value the domain works with.
 *
 * Error wording: a schema may carry its own message (`withMessage`) for a pattern, so a
 * refusal explains the rule instead of printing a regular expression.
 */
import { FormatRegistry, Type, type SchemaOptions, type StringOptions, type TSchema, type TUnsafe } from '@sinclair/typebox';
import { EARLIEST_INSTANT, LATEST_INSTANT, isUuid } from '../domain/shared/input-limits.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../domain/shared/pagination.js';

/** Where a schema keeps its own error message (a symbol: it never reaches the JSON document). */
export const SCHEMA_MESSAGE = Symbol.for('cws.schema-message');

/** Attaches the message a failed pattern or format check reports. */
export function withMessage<T extends TSchema>(schema: T, message: string): T {
  (schema as unknown as Record<symbol, string>)[SCHEMA_MESSAGE] = message;
  return schema;
}

/** Thrown by a field's decoder when a value has the right form but not an allowed value. */
export class FieldRefusal extends Error {}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real day of the Gregorian calendar (no 2026-02-30). */
function realDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

FormatRegistry.Set('uuid', (value) => isUuid(value));
FormatRegistry.Set('date', (value) => {
  const m = CALENDAR_DATE.exec(value);
  return m !== null && realDay(Number(m[1]), Number(m[2]), Number(m[3]));
});
FormatRegistry.Set('date-time', (value) => {
  const m = RFC3339.exec(value);
  if (m === null || !realDay(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  const [hh, mm, ss] = [Number(m[4]), Number(m[5]), Number(m[6])];
  const offsetOk = m[9] === undefined || (Number(m[9]) <= 23 && Number(m[10]) <= 59);
  return hh <= 23 && mm <= 59 && ss <= 60 && offsetOk;
});

const NOT_BLANK = '\\S';

/** Required text: trimmed, 1 to `max` characters (code points). */
export function Text(max: number, options: StringOptions = {}) {
  return Type.Transform(withMessage(Type.String({ minLength: 1, maxLength: max, pattern: NOT_BLANK, ...options }), 'must not be empty'))
    .Decode((value) => value.trim())
    .Encode((value) => value);
}

/** `schema` or null. */
export function Nullable<T extends TSchema>(schema: T, options: SchemaOptions = {}) {
  return Type.Union([schema, Type.Null()], options);
}

/** Optional text: null or blank clears the field (decodes to null), otherwise trimmed. */
export function NullableText(max: number, options: StringOptions = {}) {
  return Type.Transform(Nullable(Type.String({ maxLength: max, ...options })))
    .Decode((value) => (value === null || value.trim() === '' ? null : value.trim()))
    .Encode((value) => value);
}

/** One of the given strings (a union of literals: its static type is the union of the strings, encoded and decoded). */
export function OneOf<const T extends readonly string[]>(values: T, options: SchemaOptions = {}): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>(
    Type.Union(
      values.map((v) => Type.Literal(v)),
      options,
    ),
  );
}

// Deliberately permissive (RFC 5322 is wider still); the mail provider is the final judge.
const EMAIL = '[^\\s@]+@[^\\s@]+\\.[^\\s@]+';
const PHONE_SEPARATORS = '[\\s().-]*';
const PHONE = `${PHONE_SEPARATORS}(\\+${PHONE_SEPARATORS})?([0-9]${PHONE_SEPARATORS}){7,15}`;
const EMAIL_MESSAGE = 'must be an email address';
const PHONE_MESSAGE = 'must be a phone number of 7 to 15 digits, optionally starting with +';

/** Phones are kept as `+` and digits so search and dedupe compare like with like. */
export const compactPhone = (value: string) => value.replace(/[\s().-]/g, '');

/** An email address, lower-cased; null or blank clears it. */
export function ClearableEmail(options: StringOptions = {}) {
  return Type.Transform(Nullable(withMessage(Type.String({ maxLength: 254, pattern: `^\\s*(${EMAIL})?\\s*$`, examples: ['pat@example.com'], ...options }), EMAIL_MESSAGE)))
    .Decode((value) => (value === null || value.trim() === '' ? null : value.trim().toLowerCase()))
    .Encode((value) => value);
}

/** A required email address, lower-cased. */
export function Email(options: StringOptions = {}) {
  return Type.Transform(withMessage(Type.String({ minLength: 3, maxLength: 254, pattern: `^\\s*${EMAIL}\\s*$`, examples: ['pat@example.com'], ...options }), EMAIL_MESSAGE))
    .Decode((value) => value.trim().toLowerCase())
    .Encode((value) => value);
}

/** A phone number as people type it (spaces, dashes, dots, brackets dropped); null or blank clears it. */
export function ClearablePhone(options: StringOptions = {}) {
  return Type.Transform(Nullable(withMessage(Type.String({ maxLength: 32, pattern: `^\\s*$|^${PHONE}$`, examples: ['+1 212 555 0147'], ...options }), PHONE_MESSAGE)))
    .Decode((value) => (value === null || value.trim() === '' ? null : compactPhone(value)))
    .Encode((value) => value);
}

/** A required phone number, compacted. */
export function Phone(options: StringOptions = {}) {
  return Type.Transform(withMessage(Type.String({ minLength: 7, maxLength: 32, pattern: `^${PHONE}$`, examples: ['+1 212 555 0147'], ...options }), PHONE_MESSAGE))
    .Decode(compactPhone)
    .Encode((value) => value);
}

/** A UUID, lower-cased. */
export function Uuid(options: StringOptions = {}) {
  return Type.Transform(withMessage(Type.String({ format: 'uuid', minLength: 36, maxLength: 36, ...options }), 'must be a UUID'))
    .Decode((value) => value.toLowerCase())
    .Encode((value) => value);
}

/**
 * An instant (RFC 3339 with an offset) from 1970-01-01T00:00Z to 9999-12-31T00:00Z, so its wall
 * clock in every zone has a four-digit year that RFC 3339, Intl and PostgreSQL all hold.
 */
export function Instant(options: StringOptions = {}) {
  return Type.Transform(
    withMessage(
      Type.String({ format: 'date-time', minLength: 20, maxLength: 40, examples: ['2026-03-02T09:00:00Z'], description: 'RFC 3339 date-time from 1970-01-01T00:00:00Z to 9999-12-31T00:00:00Z', ...options }),
      'must be an RFC 3339 date-time',
    ),
  )
    .Decode((value) => {
      const date = new Date(value);
      if (date < EARLIEST_INSTANT || date > LATEST_INSTANT) throw new FieldRefusal(`must be from ${EARLIEST_INSTANT.toISOString()} to ${LATEST_INSTANT.toISOString()}`);
      return date;
    })
    .Encode((value) => value.toISOString());
}

/** A calendar date (YYYY-MM-DD, a real day, years 1970 to 9999). */
export function CalendarDate(options: StringOptions = {}) {
  return withMessage(
    Type.String({ format: 'date', pattern: '^(19[7-9][0-9]|[2-9][0-9]{3})-', examples: ['2026-03-02'], description: 'Calendar date YYYY-MM-DD (years 1970 to 9999)', ...options }),
    'must be a date YYYY-MM-DD from 1970-01-01 to 9999-12-31',
  );
}

/** A wall-clock time HH:MM (00:00 to 23:59). */
export function ClockTime(options: StringOptions = {}) {
  return withMessage(Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', examples: ['09:00'], ...options }), 'must be a time HH:MM from 00:00 to 23:59');
}

/** An integer from `minimum` to `maximum`. */
export function Int(minimum: number, maximum: number, options: SchemaOptions = {}) {
  return Type.Integer({ minimum, maximum, ...options });
}

/** Page window fields every list takes. */
export const PageFields = {
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'next_cursor of the previous page' })),
  limit: Type.Optional(Int(1, MAX_PAGE_SIZE, { description: `Page size (default ${DEFAULT_PAGE_SIZE})` })),
};

/** A page of `item`s: `nextCursor` is null on the last page. */
export function PageOf<T extends TSchema>(item: T, options: SchemaOptions = {}) {
  return Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()) }, { additionalProperties: false, ...options });
}

/** An instant as the API shows it (output schemas: always UTC, ISO 8601). */
export const InstantView = (options: StringOptions = {}) => Type.String({ format: 'date-time', ...options });
