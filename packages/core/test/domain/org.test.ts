import { expect } from 'chai';
import { InputChecks, checkCurrency, checkSlug, checkTimeZone, isValidTimeZone } from '@cws/core';

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

describe('org field checks', () => {
  it('checkSlug lower-cases and enforces letters, digits and inner hyphens', () => {
    const checks = new InputChecks();
    expect(checkSlug(checks, '/slug', ' Acme-2 ')).to.equal('acme-2');
    expect(checkSlug(checks, '/slug', 'a')).to.equal('a');
    expect(checkSlug(checks, '/slug', 'a'.repeat(63))).to.equal('a'.repeat(63));
    expect(checks.errors).to.deep.equal([]);
    for (const bad of ['-a', 'a-', 'a_b', 'a.b', 'é']) {
      const c = new InputChecks();
      checkSlug(c, '/slug', bad);
      expect(c.errors, bad).to.deep.equal([{ pointer: '/slug', detail: 'must be lower-case letters, digits and inner hyphens (at most 63)' }]);
    }
  });

  it('checkTimeZone keeps a valid zone and fails an unknown one', () => {
    const checks = new InputChecks();
    expect(checkTimeZone(checks, '/tz', ' Europe/Paris ')).to.equal('Europe/Paris');
    checkTimeZone(checks, '/tz', 'Europe/Atlantis');
    expect(checks.errors).to.deep.equal([{ pointer: '/tz', detail: 'must be an IANA time zone such as Europe/London' }]);
  });

  it('checkCurrency upper-cases three letters and fails anything else', () => {
    const checks = new InputChecks();
    expect(checkCurrency(checks, '/c', ' chf ')).to.equal('CHF');
    checkCurrency(checks, '/c', 'C1F');
    checkCurrency(checks, '/d', '');
    expect(checks.errors).to.deep.equal([
      { pointer: '/c', detail: 'must be an ISO 4217 code such as USD' },
      { pointer: '/d', detail: 'must not be empty' },
    ]);
  });

  it('checkTimeZone stores the canonical IANA name whatever the case typed', () => {
    const checks = new InputChecks();
    expect(checkTimeZone(checks, '/z', 'europe/london')).to.equal('Europe/London');
    expect(checkTimeZone(checks, '/z', 'utc')).to.equal('UTC');
    expect(checks.errors).to.deep.equal([]);
  });
});
