import { expect } from 'chai';
import { InputChecks, ServiceAddressInput, checkSchema, schemaErrors, serviceAddressFrom } from '@cws/core';
import { normaliseEmail, normalisePhone } from '../../src/domain/shared/contact.js';

describe('normaliseEmail', () => {
  it('trims and lower-cases a valid address', () => {
    const checks = new InputChecks();
    expect(normaliseEmail(checks, '/email', '  Jo.Bloggs+Tag@Example.CO.UK ')).to.equal('jo.bloggs+tag@example.co.uk');
    expect(checks.errors).to.deep.equal([]);
  });

  it('passes undefined through and turns null or blank into null', () => {
    const checks = new InputChecks();
    expect(normaliseEmail(checks, '/email', undefined)).to.equal(undefined);
    expect(normaliseEmail(checks, '/email', null)).to.equal(null);
    expect(normaliseEmail(checks, '/email', '  ')).to.equal(null);
    expect(checks.errors).to.deep.equal([]);
  });

  it('fails text that is not an address, returning undefined', () => {
    for (const bad of ['plain', 'a@b', 'a b@example.com', '@example.com', 'a@@example.com']) {
      const checks = new InputChecks();
      expect(normaliseEmail(checks, '/e', bad), bad).to.equal(undefined);
      expect(checks.errors, bad).to.deep.equal([{ pointer: '/e', detail: 'must be an email address' }]);
    }
  });

  it('fails an address over 254 characters', () => {
    const checks = new InputChecks();
    normaliseEmail(checks, '/e', `${'a'.repeat(250)}@x.io`);
    expect(checks.errors[0]).to.deep.equal({ pointer: '/e', detail: 'must have at most 254 characters' });
  });
});

describe('normalisePhone', () => {
  it('drops spaces, dashes, dots and brackets and keeps a leading +', () => {
    const checks = new InputChecks();
    expect(normalisePhone(checks, '/p', ' +44 (0)20 7946-0958 ')).to.equal('+4402079460958');
    expect(normalisePhone(checks, '/p', '555.010.0199')).to.equal('5550100199');
    expect(checks.errors).to.deep.equal([]);
  });

  it('accepts 7 to 15 digits', () => {
    const checks = new InputChecks();
    expect(normalisePhone(checks, '/p', '1234567')).to.equal('1234567');
    expect(normalisePhone(checks, '/p', '+123456789012345')).to.equal('+123456789012345');
    expect(checks.errors).to.deep.equal([]);
  });

  it('fails too few or too many digits, letters and a + in the middle', () => {
    for (const bad of ['123456', '1234567890123456', '555-CALL-NOW', '12+3456789', 'ext 1234567']) {
      const checks = new InputChecks();
      expect(normalisePhone(checks, '/p', bad), bad).to.equal(undefined);
      expect(checks.errors, bad).to.deep.equal([{ pointer: '/p', detail: 'must be a phone number of 7 to 15 digits, optionally starting with +' }]);
    }
  });

  it('passes undefined through and turns null into null', () => {
    const checks = new InputChecks();
    expect(normalisePhone(checks, '/p', undefined)).to.equal(undefined);
    expect(normalisePhone(checks, '/p', null)).to.equal(null);
  });
});

describe('ServiceAddressInput', () => {
  const refused = (value: unknown) => schemaErrors(ServiceAddressInput, value).map((e) => e.pointer);

  it('trims every part, nulls blank optional parts and upper-cases the country', () => {
    const address = checkSchema(ServiceAddressInput, {
      line1: ' 1 High St ',
      line2: '',
      city: ' Leeds ',
      region: ' West Yorkshire ',
      postalCode: null,
      country: 'gb',
    });
    expect(serviceAddressFrom(address)).to.deep.equal({
      label: null,
      line1: '1 High St',
      line2: null,
      city: 'Leeds',
      region: 'West Yorkshire',
      postalCode: null,
      country: 'GB',
      accessNotes: null,
    });
  });

  it('requires line1 and city', () => {
    expect(schemaErrors(ServiceAddressInput, { line2: 'x' })).to.deep.equal([
      { pointer: '/line1', detail: 'is required' },
      { pointer: '/city', detail: 'is required' },
    ]);
  });

  it('refuses a non-object and a country that is not two letters', () => {
    expect(refused(['1 High St'])).to.deep.equal(['/']);
    expect(schemaErrors(ServiceAddressInput, { line1: 'x', city: 'y', country: 'U1' })).to.deep.equal([{ pointer: '/country', detail: 'must be an ISO 3166-1 alpha-2 code' }]);
  });

  it('refuses parts over their maximum length', () => {
    expect(refused({ line1: 'x'.repeat(201), city: 'c'.repeat(101), postalCode: 'p'.repeat(21) })).to.deep.equal(['/line1', '/city', '/postalCode']);
  });
});
