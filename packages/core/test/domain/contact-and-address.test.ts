import { expect } from 'chai';
import { Type } from '@sinclair/typebox';
import { ClearableEmail, ClearablePhone, ServiceAddressInput, checkSchema, schemaErrors, serviceAddressFrom } from '@cws/core';

const Email = Type.Object({ e: Type.Optional(ClearableEmail()) });
const PhoneField = Type.Object({ p: Type.Optional(ClearablePhone()) });

describe('ClearableEmail', () => {
  it('trims and lower-cases a valid address', () => {
    expect(checkSchema(Email, { e: '  Jo.Bloggs+Tag@Example.CO.UK ' }).e).to.equal('jo.bloggs+tag@example.co.uk');
  });

  it('leaves an absent field absent and turns null or blank into null (cleared)', () => {
    expect(checkSchema(Email, {})).to.deep.equal({});
    expect(checkSchema(Email, { e: null }).e).to.equal(null);
    expect(checkSchema(Email, { e: '  ' }).e).to.equal(null);
  });

  it('refuses text that is not an address', () => {
    for (const bad of ['plain', 'a@b', 'a b@example.com', '@example.com', 'a@@example.com']) {
      expect(schemaErrors(Email, { e: bad }), bad).to.deep.equal([{ pointer: '/e', detail: 'must be an email address' }]);
    }
  });

  it('refuses an address over 254 characters', () => {
    expect(schemaErrors(Email, { e: `${'a'.repeat(250)}@x.io` })).to.deep.equal([{ pointer: '/e', detail: 'must have at most 254 characters' }]);
  });
});

describe('ClearablePhone', () => {
  it('drops spaces, dashes, dots and brackets and keeps a leading +', () => {
    expect(checkSchema(PhoneField, { p: ' +44 (0)20 7946-0958 ' }).p).to.equal('+4402079460958');
    expect(checkSchema(PhoneField, { p: '555.010.0199' }).p).to.equal('5550100199');
  });

  it('accepts 7 to 15 digits', () => {
    expect(checkSchema(PhoneField, { p: '1234567' }).p).to.equal('1234567');
    expect(checkSchema(PhoneField, { p: '+123456789012345' }).p).to.equal('+123456789012345');
  });

  it('refuses too few or too many digits, letters and a + in the middle', () => {
    for (const bad of ['123456', '1234567890123456', '555-CALL-NOW', '12+3456789', 'ext 1234567']) {
      expect(schemaErrors(PhoneField, { p: bad }), bad).to.deep.equal([{ pointer: '/p', detail: 'must be a phone number of 7 to 15 digits, optionally starting with +' }]);
    }
  });

  it('turns null and blank into null', () => {
    expect(checkSchema(PhoneField, { p: null }).p).to.equal(null);
    expect(checkSchema(PhoneField, { p: ' ' }).p).to.equal(null);
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
