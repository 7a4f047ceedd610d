import { expect } from 'chai';
import type { TSchema } from '@sinclair/typebox';
import { AppError, Currency, OrgSlug, TimeZone, checkSchema, isValidTimeZone } from '@cws/core';

describe('isValidTimeZone', () => {
  it('accepts IANA zones', () => {
    for (const zone of ['UTC', 'Europe/London', 'America/Argentina/Buenos_Aires', 'Asia/Kolkata', 'Etc/GMT+5']) {
      expect(isValidTimeZone(zone), zone).to.equal(true);
    }
  });

  it('refuses unknown names and empty text', () => {
    for (const zone of ['Mars/Olympus', 'Europe/Londn', 'GMT+5', '']) expect(isValidTimeZone(zone), zone).to.equal(false);
  });
});

describe('org field schemas', () => {
  const refusals = (schema: TSchema, value: unknown) => {
    try {
      checkSchema(schema, value);
    } catch (err) {
      if (err instanceof AppError) return err.errors;
      throw err;
    }
    return [];
  };

  it('OrgSlug trims, lower-cases and enforces letters, digits and inner hyphens', () => {
    expect(checkSchema(OrgSlug, ' Acme-2 ')).to.equal('acme-2');
    expect(checkSchema(OrgSlug, 'a')).to.equal('a');
    expect(checkSchema(OrgSlug, 'a'.repeat(63))).to.equal('a'.repeat(63));
    for (const bad of ['-a', 'a-', 'a_b', 'a.b', 'é', '', ' ']) {
      expect(refusals(OrgSlug, bad), bad).to.deep.equal([{ pointer: '/', detail: 'must be lower-case letters, digits and inner hyphens (at most 63)' }]);
    }
    expect(refusals(OrgSlug, 'a'.repeat(64))).to.deep.equal([{ pointer: '/', detail: 'must have at most 63 characters' }]);
  });

  it('TimeZone keeps a valid zone and refuses an unknown one', () => {
    expect(checkSchema(TimeZone, ' Europe/Paris ')).to.equal('Europe/Paris');
    expect(refusals(TimeZone, 'Europe/Atlantis')).to.deep.equal([{ pointer: '/', detail: 'must be an IANA time zone such as Europe/London' }]);
    expect(refusals(TimeZone, ' ')).to.deep.equal([{ pointer: '/', detail: 'must not be empty' }]);
  });

  it('Currency upper-cases three letters and refuses anything else', () => {
    expect(checkSchema(Currency, 'chf')).to.equal('CHF');
    for (const bad of ['C1F', '', 'US', ' EU']) {
      expect(refusals(Currency, bad), bad).to.deep.equal([{ pointer: '/', detail: 'must be an ISO 4217 code such as USD' }]);
    }
    expect(refusals(Currency, 'EURO')).to.deep.equal([{ pointer: '/', detail: 'must have at most 3 characters' }]);
  });

  it('TimeZone stores the canonical IANA name whatever the case typed', () => {
    expect(checkSchema(TimeZone, 'europe/london')).to.equal('Europe/London');
    expect(checkSchema(TimeZone, 'utc')).to.equal('UTC');
  });
});
