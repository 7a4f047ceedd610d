/**
 * Valid inputs from a route's own JSON schemas (TypeBox emits plain JSON Schema): a fast-check
 * arbitrary per schema, so the fuzz follows the route table as it changes. Schema-valid is not
 * meaning-valid: ids, dates, zones and names are drawn from `hints` (rows the fuzz seeded, a
 * window around now) so most valid requests reach the use case and its storage, not just the
 * validator.
 */
import fc from 'fast-check';
import { ERROR_CODES, WEEKDAYS } from '@cws/core';

/** The subset of JSON Schema the route declarations use. */
export interface JsonSchema {
  readonly type?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly minProperties?: number;
  readonly patternProperties?: Readonly<Record<string, JsonSchema>>;
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly anyOf?: readonly JsonSchema[];
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
}

/** What the fuzz knows about the org it runs in, to make inputs that mean something. */
export interface ValueHints {
  /** Existing ids by what they name (`client`, `worker`, `booking`, ...). */
  readonly ids: Readonly<Record<string, readonly string[]>>;
  /** Slugs of existing orgs. */
  readonly slugs: readonly string[];
  /** Emails and phones of existing accounts and workers. */
  readonly logins: readonly string[];
  /** Valid dates are drawn around this instant. */
  readonly now: Date;
}

/** Which id pool a uuid field draws from, by its property name. */
export const ID_POOL_BY_FIELD: Readonly<Record<string, string>> = {
  // A path's own :id: the caller puts that route's pool under `id` (see idPoolOfPath).
  id: 'id',
  client_id: 'client',
  address_id: 'address',
  addressId: 'address',
  worker_id: 'worker',
  worker_ids: 'worker',
  team_id: 'team',
  service_id: 'service',
  booking_id: 'booking',
  series_id: 'series',
  user_id: 'user',
  org_id: 'org',
};

/** The pool of a path's `:id`, from the segment before it (`/v1/admin/leads/:id` → lead). */
export function idPoolOfPath(path: string): string | null {
  const m = /\/([a-z-]+)\/:id(?:\/|\.|$)/.exec(path);
  if (m === null) return null;
  const byCollection: Record<string, string> = {
    leads: 'lead',
    clients: 'client',
    workers: 'worker',
    teams: 'team',
    services: 'service',
    blackouts: 'blackout',
    bookings: 'booking',
    'booking-series': 'series',
    users: 'user',
    jobs: 'job',
    outbox: 'outboxEvent',
    invoices: 'invoice',
  };
  return byCollection[m[1]!] ?? null;
}

/** A password some fuzzed sign-ins send: the fuzz gives one worker and one member this password, so some succeed. */
export const KNOWN_PASSWORD = 'fz-Q7v2-Lm9x-Wk4r';

const MINUTE = 60_000;
const WORDS = ['deep-clean', 'windows', 'pets-ok', 'oven', 'carpet', 'office', 'spring', 'move-out', 'Ana', 'Bo', 'Zoë', 'Ørsted', '東京', 'Müller'];
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns', 'Asia/Kathmandu'];
const LOCAL_DATE = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';
const LOCAL_TIME = '^[0-9]{2}:[0-9]{2}$';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const hhmm = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

/** Well-formed text of at most `max` code points (ajv counts code points), from several alphabets. */
function text(min: number, max: number): fc.Arbitrary<string> {
  const cap = Math.min(max, 60);
  const lo = Math.min(min, cap);
  return fc
    .oneof(
      { weight: 3, arbitrary: fc.string({ minLength: lo, maxLength: cap }) },
      { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: lo, maxLength: cap }) },
      { weight: 2, arbitrary: fc.constantFrom(...WORDS) },
      { weight: 1, arbitrary: fc.constant('x'.repeat(Math.max(lo, max))) },
    )
    .map((s) => [...s].slice(0, max).join(''))
    .filter((s) => [...s].length >= min);
}

function fromPool(pool: readonly string[] | undefined, fallback: fc.Arbitrary<string>): fc.Arbitrary<string> {
  if (pool === undefined || pool.length === 0) return fallback;
  return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...pool) }, { weight: 1, arbitrary: fallback });
}

/** Instants from a month ago to two months ahead, on the quarter hour, and the edges of what is accepted. */
function dateTime(hints: ValueHints): fc.Arbitrary<string> {
  const base = Math.floor(hints.now.getTime() / (15 * MINUTE)) * 15 * MINUTE;
  return fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: -30 * 96, max: 60 * 96 }).map((q) => new Date(base + q * 15 * MINUTE).toISOString()) },
    { weight: 1, arbitrary: fc.integer({ min: -24 * 60, max: 24 * 60 }).map((m) => new Date(base + m * MINUTE).toISOString().replace('.000Z', '+00:00')) },
    { weight: 1, arbitrary: fc.constantFrom('1970-01-01T00:00:00Z', '2000-02-29T12:00:00Z', '9999-12-30T00:00:00Z', '2026-03-08T02:30:00-05:00', '2026-10-25T01:30:00+01:00') },
  );
}

function localDate(hints: ValueHints): fc.Arbitrary<string> {
  const today = Date.UTC(hints.now.getUTCFullYear(), hints.now.getUTCMonth(), hints.now.getUTCDate());
  return fc.integer({ min: -7, max: 90 }).map((d) => new Date(today + d * 86_400_000).toISOString().slice(0, 10));
}

/** Values for string fields whose name says what they hold. */
function namedString(name: string, schema: JsonSchema, hints: ValueHints): fc.Arbitrary<string> | null {
  const max = schema.maxLength ?? 200;
  switch (name) {
    case 'org_slug':
    case 'org':
      return fromPool(hints.slugs, text(1, max));
    case 'login':
    case 'email':
      return fromPool(hints.logins, fc.emailAddress().filter((e) => e.length <= max));
    case 'phone':
      return fc.integer({ min: 1_000_000, max: 9_999_999 }).map((n) => `+1555${n}`);
    case 'country':
      return fc.constantFrom('US', 'DE', 'jp', 'GB');
    case 'time_zone':
      return fc.constantFrom(...ZONES);
    case 'currency':
      return fc.constantFrom('USD', 'EUR', 'JPY');
    case 'totp_code':
    case 'code':
      return fc.integer({ min: 0, max: 999_999 }).map((n) => pad(n, 6));
    case 'password':
    case 'new_password':
    case 'current_password':
      return fc.oneof(fc.constant(KNOWN_PASSWORD), fc.string({ minLength: 12, maxLength: 40 }));
    case 'q':
      return fc.oneof(fc.constantFrom('ana', 'example', '555', 'Zoë', 'secret'), text(0, max));
    case 'start':
    case 'end':
      // Working-hours spans (HH:MM, at most 5 characters); date-time fields carry a format.
      return max <= 5 ? fc.integer({ min: 0, max: 96 }).map((q) => (q === 96 ? '24:00' : hhmm(q * 15))) : null;
    case 'area':
      return fc.constantFrom(...Object.keys(ERROR_CODES).map((code) => code.split('.')[0]!));
    case 'reason':
      return fc.constantFrom(...Object.keys(ERROR_CODES).map((code) => code.split('.')[1]!));
    case 'cursor':
      return fc.tuple(dateTime(hints), fc.uuid()).map(([at, id]) => Buffer.from(JSON.stringify([new Date(at).toISOString(), id])).toString('base64url'));
    default:
      return null;
  }
}

function stringValue(name: string, schema: JsonSchema, hints: ValueHints): fc.Arbitrary<string> {
  switch (schema.format) {
    case 'uuid':
      return fromPool(hints.ids[ID_POOL_BY_FIELD[name] ?? ''], fc.uuid());
    case 'date-time':
      return dateTime(hints);
    case 'email':
      return fc.emailAddress();
    case 'uri':
      return fc.webUrl();
    default:
      break;
  }
  if (schema.pattern === LOCAL_DATE) return localDate(hints);
  if (schema.pattern === LOCAL_TIME) return fc.integer({ min: 24, max: 80 }).map((q) => hhmm(q * 15));
  const named = namedString(name, schema, hints);
  if (named !== null) return named;
  if (schema.pattern !== undefined) return fc.stringMatching(new RegExp(schema.pattern));
  return text(schema.minLength ?? 0, schema.maxLength ?? 200);
}

/** Recurrence rules as a dispatcher writes them (the schema alone allows contradictory ones). */
const recurrenceRule = fc.oneof(
  fc.record({ freq: fc.constant('weekly'), interval: fc.integer({ min: 1, max: 4 }), weekdays: fc.uniqueArray(fc.constantFrom(...WEEKDAYS), { minLength: 1, maxLength: 3 }) }),
  fc.record({ freq: fc.constant('monthly'), month_day: fc.integer({ min: 1, max: 31 }) }),
  fc.record({ freq: fc.constant('monthly'), interval: fc.integer({ min: 1, max: 12 }), nth_weekday: fc.record({ n: fc.constantFrom(1, 2, 3, 4, -1), weekday: fc.constantFrom(...WEEKDAYS) }) }),
);

/** Keeps start < end (a window, a created range) in most inputs, and a series ending one way, as a caller would. */
function orderWindow(value: Record<string, unknown>, hours: number): Record<string, unknown> {
  if ('count' in value && 'until' in value) delete value[hours % 2 === 0 ? 'count' : 'until'];
  for (const [from, to] of [
    ['start', 'end'],
    ['created_from', 'created_to'],
  ] as const) {
    const a = value[from];
    if (typeof a === 'string' && typeof value[to] === 'string' && !Number.isNaN(Date.parse(a)) && a.length > 5) {
      value[to] = new Date(Date.parse(a) + hours * 3_600_000).toISOString();
    }
  }
  return value;
}

/** An arbitrary of values valid against `schema`; `name` is the property it is the value of. */
export function valueOf(schema: JsonSchema, hints: ValueHints, name = ''): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (name === 'rule' && schema.type === 'object') return fc.oneof({ weight: 4, arbitrary: recurrenceRule }, { weight: 1, arbitrary: valueOf({ ...schema }, hints, 'rule-as-declared') });
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
  if (schema.anyOf !== undefined) {
    const options = schema.anyOf.map((s) => ({ weight: s.type === 'null' ? 1 : 4, arbitrary: valueOf(s, hints, name) }));
    return fc.oneof(...options);
  }
  switch (schema.type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: Math.max(schema.minimum ?? -1_000_000, Number.MIN_SAFE_INTEGER), max: Math.min(schema.maximum ?? 1_000_000, Number.MAX_SAFE_INTEGER) });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true });
    case 'string':
      return stringValue(name, schema, hints);
    case 'array': {
      const item = valueOf(schema.items ?? {}, hints, name);
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 5, 5));
      return schema.uniqueItems === true ? fc.uniqueArray(item, { minLength, maxLength, selector: (v) => JSON.stringify(v) }) : fc.array(item, { minLength, maxLength });
    }
    case 'object': {
      const properties = schema.properties ?? {};
      const shape = Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, valueOf(s, hints, key)]));
      const record = fc.record(shape, { requiredKeys: (schema.required ?? []) as never[] }) as fc.Arbitrary<Record<string, unknown>>;
      const min = schema.minProperties ?? 0;
      return fc.tuple(record, fc.integer({ min: 1, max: 8 }), fc.boolean()).map(([value, hours, ordered]) => {
        const out = ordered ? orderWindow({ ...value }, hours) : { ...value };
        // Fill up to minProperties with the first optional fields (a filter would starve).
        for (const key of Object.keys(properties)) {
          if (Object.keys(out).length >= min) break;
          if (!(key in out)) out[key] = fc.sample(valueOf(properties[key]!, hints, key), { numRuns: 1, seed: hours })[0];
        }
        return out;
      });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}
