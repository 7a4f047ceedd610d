import { expect } from 'chai';
import { AppError, InputChecks, isUuid } from '@cws/core';

describe('InputChecks', () => {
  let checks: InputChecks;

  beforeEach(() => {
    checks = new InputChecks();
  });

  describe('text', () => {
    it('returns the trimmed text', () => {
      expect(checks.text('/n', '  hi  ', { max: 5 })).to.equal('hi');
      expect(checks.errors).to.deep.equal([]);
    });

    it('fails a non-string, an empty string and one over max', () => {
      expect(checks.text('/a', 3, { max: 5 })).to.equal('');
      checks.text('/b', '   ', { max: 5 });
      checks.text('/c', 'abcdef', { max: 5 });
      expect(checks.errors).to.deep.equal([
        { pointer: '/a', detail: 'must be a string' },
        { pointer: '/b', detail: 'must not be empty' },
        { pointer: '/c', detail: 'must have at most 5 characters' },
      ]);
    });

    it('applies a custom minimum to the trimmed length', () => {
      checks.text('/p', ' ab ', { min: 3, max: 10 });
      expect(checks.text('/q', 'abc', { min: 3, max: 10 })).to.equal('abc');
      expect(checks.errors).to.deep.equal([{ pointer: '/p', detail: 'must have at least 3 characters' }]);
    });
  });

  describe('optionalText', () => {
    it('keeps undefined (not given), turns null and blank into null (cleared), trims the rest', () => {
      expect(checks.optionalText('/x', undefined, { max: 3 })).to.equal(undefined);
      expect(checks.optionalText('/x', null, { max: 3 })).to.equal(null);
      expect(checks.optionalText('/x', ' \t ', { max: 3 })).to.equal(null);
      expect(checks.optionalText('/x', ' ab ', { max: 3 })).to.equal('ab');
      expect(checks.errors).to.deep.equal([]);
    });

    it('fails a non-string and text over max', () => {
      expect(checks.optionalText('/a', 5, { max: 3 })).to.equal(undefined);
      checks.optionalText('/b', 'abcd', { max: 3 });
      expect(checks.errors).to.deep.equal([
        { pointer: '/a', detail: 'must be a string or null' },
        { pointer: '/b', detail: 'must have at most 3 characters' },
      ]);
    });
  });

  it('oneOf accepts only listed strings, case-sensitively', () => {
    expect(checks.oneOf('/s', 'b', ['a', 'b'] as const)).to.equal('b');
    expect(checks.oneOf('/s', 'B', ['a', 'b'] as const)).to.equal(undefined);
    expect(checks.oneOf('/t', 1, ['a', 'b'] as const)).to.equal(undefined);
    expect(checks.errors).to.deep.equal([
      { pointer: '/s', detail: 'must be one of: a, b' },
      { pointer: '/t', detail: 'must be one of: a, b' },
    ]);
  });

  it('uuid lower-cases a UUID and fails anything else', () => {
    expect(checks.uuid('/id', 'ABCDEF01-2345-4678-9ABC-DEF012345678')).to.equal('abcdef01-2345-4678-9abc-def012345678');
    expect(checks.uuid('/id', 'abcdef01-2345-4678-9abc-def01234567')).to.equal('');
    checks.uuid('/id2', 42);
    expect(checks.errors.map((e) => e.pointer)).to.deep.equal(['/id', '/id2']);
    expect(isUuid('00000000-0000-4000-8000-000000000001')).to.equal(true);
    expect(isUuid('{00000000-0000-4000-8000-000000000001}')).to.equal(false);
  });

  it('date parses strings and Dates, keeps undefined, and fails the rest', () => {
    expect(checks.date('/d', '2026-03-02T09:30:00Z')).to.deep.equal(new Date('2026-03-02T09:30:00.000Z'));
    const at = new Date('2026-01-01T00:00:00Z');
    expect(checks.date('/d', at)).to.equal(at);
    expect(checks.date('/d', undefined)).to.equal(undefined);
    expect(checks.date('/bad1', 'tomorrow')).to.equal(undefined);
    checks.date('/bad2', 1_700_000_000_000);
    checks.date('/bad3', new Date('nope'));
    expect(checks.errors).to.deep.equal([
      { pointer: '/bad1', detail: 'must be an RFC 3339 date-time' },
      { pointer: '/bad2', detail: 'must be an RFC 3339 date-time' },
      { pointer: '/bad3', detail: 'must be an RFC 3339 date-time' },
    ]);
  });

  it('integer keeps undefined and accepts whole numbers within bounds only', () => {
    expect(checks.integer('/i', undefined, { min: 1, max: 3 })).to.equal(undefined);
    expect(checks.integer('/i', 1, { min: 1, max: 3 })).to.equal(1);
    expect(checks.integer('/i', 3, { min: 1, max: 3 })).to.equal(3);
    expect(checks.errors).to.deep.equal([]);
    [0, 4, 1.5, '2', null, Number.NaN].forEach((bad, n) => expect(checks.integer(`/i${n}`, bad, { min: 1, max: 3 })).to.equal(undefined));
    expect(checks.errors).to.have.length(6);
    expect(checks.errors[0]).to.deep.equal({ pointer: '/i0', detail: 'must be an integer from 1 to 3' });
  });

  it('keeps only the first failure of a field, so one mistake reads as one error', () => {
    checks.fail('/email', 'must be an email address');
    checks.fail('/email', 'an email or a phone is required');
    checks.fail('/phone', 'must be a phone number');
    expect(checks.errors).to.deep.equal([
      { pointer: '/email', detail: 'must be an email address' },
      { pointer: '/phone', detail: 'must be a phone number' },
    ]);
  });

  it('object accepts plain objects only', () => {
    const value = { a: 1 };
    expect(checks.object('/o', value)).to.equal(value);
    expect(checks.object('/n', null)).to.deep.equal({});
    checks.object('/arr', [1]);
    checks.object('/s', 'x');
    expect(checks.errors.map((e) => [e.pointer, e.detail])).to.deep.equal([
      ['/n', 'must be an object'],
      ['/arr', 'must be an object'],
      ['/s', 'must be an object'],
    ]);
  });

  it('throwIfAny is silent without errors and otherwise throws one validation error listing all of them', () => {
    checks.throwIfAny();
    checks.fail('/a', 'one');
    checks.fail('/b', 'two');
    try {
      checks.throwIfAny();
      expect.fail('throwIfAny did not throw');
    } catch (err) {
      expect(err).to.be.instanceOf(AppError);
      const appErr = err as AppError;
      expect([appErr.code, appErr.kind, appErr.retryable]).to.deep.equal(['validation.failed', 'validation', false]);
      expect(appErr.errors).to.deep.equal([
        { pointer: '/a', detail: 'one' },
        { pointer: '/b', detail: 'two' },
      ]);
    }
  });
});
