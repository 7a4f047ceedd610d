/**
 * What an attacker sends instead of a valid value: the inputs that broke the API before
 * (NUL, lone surrogates, dates Postgres or Intl cannot hold, forged cursors) and the usual
 * suspects (huge strings and numbers, wrong types, deep nesting, unknown fields).
 */
import fc from 'fast-check';

const UUID = '0190a4c2-0000-7000-8000-000000000001';
const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

export const HOSTILE_STRINGS: readonly string[] = [
  '\u0000',
  'Ana\u0000Lopez',
  '\ud800',
  'x\udfffy',
  '\ud83d',
  'ok \ud83d\ude00 then \udc00',
  '\uffff\ufffe',
  '\ufeff\u202e\u200b',
  '',
  ' ',
  '\t\r\n',
  'A'.repeat(100_000),
  '\ud83d\ude00'.repeat(3_000),
  "'; DROP TABLE leads; --",
  '%00',
  '${jndi:ldap://x}',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  'null',
  '-1',
  '1e309',
  'NaN',
];

/** Date-times that parse but name instants outside what a calendar, Intl or Postgres holds. */
export const HOSTILE_DATES: readonly string[] = [
  '0001-01-01T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '0099-12-31T23:00:00Z',
  '1969-12-31T23:59:59Z',
  '1900-01-01T00:00:00+14:00',
  '9999-12-31T23:59:59Z',
  '9999-12-31T23:59:59-12:00',
  '-271821-04-20T00:00:00Z',
  '+275760-09-13T00:00:00Z',
  '2026-02-30T09:00:00Z',
  '2026-01-01T24:00:00Z',
  '2026-01-01T09:00:00+25:00',
  '2026-01-01T09:00:60Z',
  '2026-13-01T09:00:00Z',
];

export const HOSTILE_LOCAL: readonly string[] = ['0001-01-01', '0000-00-00', '9999-12-31', '1969-12-31', '2026-02-29', '2026-02-30', '24:00', '23:60', '99:99', '-1:00'];

/** Cursors a client could forge: well-formed base64 of keys the API never hands out. */
export const FORGED_CURSORS: readonly string[] = [
  cursorOf(['-271821-04-20T00:00:00.000Z', UUID]),
  cursorOf(['+275760-09-13T00:00:00.000Z', UUID]),
  cursorOf(['0001-01-01T00:00:00.000Z', UUID]),
  cursorOf(['9999-12-31T23:59:59.999Z', UUID]),
  cursorOf(['-004713-11-24T00:00:00.000Z', UUID]),
  cursorOf(['2026-01-01T00:00:00.000Z', `${UUID}\u0000`]),
  cursorOf(['2026-01-01T00:00:00.000Z\u0000', UUID]),
  cursorOf(['2026-01-01T00:00:00.000Z', '\ud800']),
  cursorOf([1e308, UUID]),
  cursorOf({ createdAt: 1, id: 2 }),
  cursorOf([[[[[]]]]]),
  Buffer.from('\u0000\u0000').toString('base64url'),
  '!!!not-base64!!!',
  'A'.repeat(200),
];

export const HOSTILE_NUMBERS: readonly number[] = [0, -1, 1.5, -0, 1e308, -1e308, 2 ** 31, 2 ** 53 + 2, 2 ** 64, Number.MIN_VALUE, 99_999_999_999];

export const HOSTILE_JSON: readonly unknown[] = [null, true, false, [], {}, [null], { a: { b: { c: [] } } }, ['\u0000'], { '\u0000': 1 }, JSON.parse('{"__proto__":{"admin":true}}'), { constructor: { prototype: { polluted: true } } }];

/** Any hostile value a JSON field could receive. */
export const hostileJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<unknown>(...HOSTILE_STRINGS) },
  { weight: 3, arbitrary: fc.constantFrom<unknown>(...HOSTILE_DATES, ...HOSTILE_LOCAL) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(...FORGED_CURSORS) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(...HOSTILE_NUMBERS) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(...HOSTILE_JSON) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
);

/** Any hostile text a query or path parameter could receive (sent percent-encoded as UTF-8 or raw). */
export const hostileParamValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.length < 20_000)) },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_DATES, ...HOSTILE_LOCAL) },
  { weight: 2, arbitrary: fc.constantFrom(...FORGED_CURSORS) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS.map(String), '1e400', '99999999999999999999999', '0x1F', '', 'true', 'yes') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
);

/** Raw (already encoded) query or path text: bad percent escapes, encoded surrogates, overlong UTF-8. */
export const RAW_ENCODINGS: readonly string[] = ['%', '%zz', '%E0%A4%A', '%ED%A0%80', '%C0%80', '%00', '%FF%FE', '%uD800', '%25%00', '%F4%90%80%80'];

/** A body nested `depth` levels deep, as raw JSON text (parsers and validators recurse). */
export function deeplyNested(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

export const deeplyNestedArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
