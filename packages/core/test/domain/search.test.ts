import { expect } from 'chai';
import { InputChecks, matchesTextSearch, toTextSearch } from '@cws/core';

describe('toTextSearch', () => {
  it('lower-cases and trims the text and keeps digits only when there are at least 3', () => {
    const checks = new InputChecks();
    expect(toTextSearch(checks, '/q', '  Ann SMITH ')).to.deep.equal({ text: 'ann smith', digits: null });
    expect(toTextSearch(checks, '/q', '(020) 7946')).to.deep.equal({ text: '(020) 7946', digits: '0207946' });
    expect(toTextSearch(checks, '/q', 'flat 12')).to.deep.equal({ text: 'flat 12', digits: null });
    expect(toTextSearch(checks, '/q', 'flat 123')).to.deep.equal({ text: 'flat 123', digits: '123' });
    expect(checks.errors).to.deep.equal([]);
  });

  it('gives null for no search (absent, null or blank)', () => {
    const checks = new InputChecks();
    expect(toTextSearch(checks, '/q', undefined)).to.equal(null);
    expect(toTextSearch(checks, '/q', null)).to.equal(null);
    expect(toTextSearch(checks, '/q', '   ')).to.equal(null);
  });

  it('fails a search over 100 characters or not text', () => {
    const checks = new InputChecks();
    toTextSearch(checks, '/q', 'x'.repeat(101));
    toTextSearch(checks, '/search', 12);
    expect(checks.errors.map((e) => e.pointer)).to.deep.equal(['/q', '/search']);
  });
});

describe('matchesTextSearch', () => {
  const person = { name: 'Ann Smith', email: 'ann@Example.com', phone: '+44 20 7946 0958' };

  it('matches a substring of the name or email, case-insensitively', () => {
    expect(matchesTextSearch({ text: 'smi', digits: null }, person)).to.equal(true);
    expect(matchesTextSearch({ text: 'example.com', digits: null }, person)).to.equal(true);
    expect(matchesTextSearch({ text: 'bob', digits: null }, person)).to.equal(false);
  });

  it('matches phone digits ignoring the phone’s separators', () => {
    expect(matchesTextSearch({ text: '7946-0958', digits: '79460958' }, person)).to.equal(true);
    expect(matchesTextSearch({ text: '7946-0959', digits: '79460959' }, person)).to.equal(false);
  });

  it('does not match the phone without digits, nor absent contact fields', () => {
    expect(matchesTextSearch({ text: '44', digits: null }, person)).to.equal(false);
    expect(matchesTextSearch({ text: 'ann@', digits: null }, { name: 'Zed', email: null, phone: null })).to.equal(false);
    expect(matchesTextSearch({ text: '555', digits: '555' }, { name: 'Zed', email: null, phone: null })).to.equal(false);
  });
});
