import { expect } from 'chai';
import { Type } from '@sinclair/typebox';
import {
  AppError,
  CalendarDate,
  ClearableEmail,
  ClearablePhone,
  ClockTime,
  Instant,
  Int,
  MAX_REPORTED_ERRORS,
  Nullable,
  NullableText,
  OneOf,
  Text,
  Uuid,
  checkInput,
  defineContract,
  schemaErrors,
} from '@cws/core';

const contract = defineContract({
  name: 'Example',
  input: Type.Object(
    {
      name: Text(5),
      note: Type.Optional(NullableText(10)),
      email: Type.Optional(ClearableEmail()),
      phone: Type.Optional(ClearablePhone()),
      at: Type.Optional(Instant()),
      day: Type.Optional(CalendarDate()),
      time: Type.Optional(ClockTime()),
      kind: Type.Optional(OneOf(['a', 'b'])),
      id: Type.Optional(Uuid()),
      count: Type.Optional(Int(1, 9)),
      nested: Type.Optional(Nullable(Type.Object({ line1: Text(3), city: Text(3) }, { additionalProperties: false }))),
      list: Type.Optional(Type.Array(Text(2), { maxItems: 3 })),
    },
    { additionalProperties: false },
  ),
  output: null,
});

function refused(input: unknown): Array<{ pointer: string; detail: string }> {
  try {
    checkInput(contract, input);
  } catch (err) {
    expect(err).to.be.instanceOf(AppError);
    expect((err as AppError).code).to.equal('validation.failed');
    return (err as AppError).errors.map((e) => ({ pointer: e.pointer, detail: e.detail }));
  }
  throw new Error(`accepted ${JSON.stringify(input)}`);
}

describe('use case contracts (checkInput)', () => {
  it('decodes what it accepts: trims text, blank optional text clears, emails lower-cased, phones compacted, instants as Date', () => {
    const checked = checkInput(contract, { name: ' Pat ', note: '   ', email: ' Pat@Example.COM ', phone: '(212) 555-0147', at: '2026-03-02T09:00:00+01:00', id: 'AAAAAAAA-AAAA-4AAA-8AAA-AAAAAAAAAAAA' });
    expect(checked).to.deep.include({ name: 'Pat', note: null, email: 'pat@example.com', phone: '2125550147', id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa' });
    expect(checked.at).to.be.instanceOf(Date);
    expect(checked.at!.toISOString()).to.equal('2026-03-02T08:00:00.000Z');
  });

  it('reports every refused field at once, in declaration order, in the API’s words', () => {
    expect(refused({ zzz: 1, count: 0, kind: 'c', name: '' })).to.deep.equal([
      { pointer: '/name', detail: 'must not be empty' },
      { pointer: '/kind', detail: 'must be one of: a, b' },
      { pointer: '/count', detail: 'must be an integer from 1 to 9' },
      { pointer: '/zzz', detail: 'is not a known field' },
    ]);
    expect(refused({})).to.deep.equal([{ pointer: '/name', detail: 'is required' }]);
    expect(refused('text')).to.deep.equal([{ pointer: '/', detail: 'must be an object' }]);
  });

  it('points into nested objects and lists, and into the branch a nullable value was meant for', () => {
    expect(refused({ name: 'A', nested: { line1: 5 } })).to.deep.equal([
      { pointer: '/nested/line1', detail: 'must be a string, not number' },
      { pointer: '/nested/city', detail: 'is required' },
    ]);
    expect(refused({ name: 'A', nested: 'Main St' })).to.deep.equal([{ pointer: '/nested', detail: 'must be an object' }]);
    expect(refused({ name: 'A', list: ['ok', 'too long'] })).to.deep.equal([{ pointer: '/list/1', detail: 'must have at most 2 characters' }]);
  });

  it('counts lengths in code points, as JSON Schema does: five emoji are five characters', () => {
    expect(checkInput(contract, { name: '😀😀😀😀😀' }).name).to.equal('😀😀😀😀😀');
    expect(refused({ name: '😀😀😀😀😀😀' })).to.deep.equal([{ pointer: '/name', detail: 'must have at most 5 characters' }]);
  });

  it('refuses text that cannot be stored (NUL, unpaired surrogates) in values and field names before anything else', () => {
    expect(refused({ name: 'a\u0000b' })[0]!.detail).to.match(/NUL/);
    expect(refused({ name: 'a\uD800b' })[0]!.detail).to.match(/unpaired surrogate/);
    expect(refused({ name: 'A', ['x\uDC00']: 1 })[0]!.detail).to.match(/field name/);
  });

  it('refuses impossible and out-of-range dates and times with the rule in words', () => {
    expect(refused({ name: 'A', at: '2026-02-30T09:00:00Z' })).to.deep.equal([{ pointer: '/at', detail: 'must be an RFC 3339 date-time' }]);
    expect(refused({ name: 'A', at: '0001-01-01T00:00:00Z' })[0]!.detail).to.match(/^must be from 1970/);
    expect(refused({ name: 'A', at: '9999-12-31T23:00:00Z' })[0]!.detail).to.match(/^must be from 1970/);
    expect(refused({ name: 'A', day: '2027-02-29' })[0]!.pointer).to.equal('/day');
    expect(refused({ name: 'A', day: '0001-01-01' })[0]!.pointer).to.equal('/day');
    expect(refused({ name: 'A', time: '24:00' })).to.deep.equal([{ pointer: '/time', detail: 'must be a time HH:MM from 00:00 to 23:59' }]);
    expect(checkInput(contract, { name: 'A', day: '2028-02-29', time: '23:59' })).to.deep.include({ day: '2028-02-29', time: '23:59' });
  });

  it('refuses malformed emails, phones and ids with what the form must be', () => {
    expect(refused({ name: 'A', email: 'not-an-email' })).to.deep.equal([{ pointer: '/email', detail: 'must be an email address' }]);
    expect(refused({ name: 'A', phone: '12-34' })).to.deep.equal([{ pointer: '/phone', detail: 'must be a phone number of 7 to 15 digits, optionally starting with +' }]);
    expect(refused({ name: 'A', id: 'not-a-uuid' })).to.deep.equal([{ pointer: '/id', detail: 'must be a UUID' }]);
  });

  it('reports at most MAX_REPORTED_ERRORS fields however many are wrong', () => {
    const wide = Type.Object(Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`f${i}`, Type.String()])), { additionalProperties: false });
    const errors = schemaErrors(wide, Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`f${i}`, i])));
    expect(errors).to.have.length(MAX_REPORTED_ERRORS);
  });

  it('survives a body nested thousands deep without recursion errors', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 20_000; i++) deep = { a: deep };
    expect(refused({ name: 'A', nested: deep })[0]!.pointer).to.match(/^\/nested/);
  });
});
