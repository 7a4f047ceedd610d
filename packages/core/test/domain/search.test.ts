import { expect } from 'chai';
import { InputChecks, SEARCH_FIELDS, matchesTextSearch, toTextSearch, type TextSearch } from '@cws/core';

const ALL = SEARCH_FIELDS;

describe('toTextSearch', () => {
  it('lower-cases and trims the text and keeps digits only when there are at least 3', () => {
    const checks = new InputChecks();
    expect(toTextSearch(checks, '/q', '  Ann SMITH ')).to.deep.equal({ text: 'ann smith', digits: null, fields: ALL });
    expect(toTextSearch(checks, '/q', '(020) 7946')).to.deep.equal({ text: '(020) 7946', digits: '0207946', fields: ALL });
    expect(toTextSearch(checks, '/q', 'flat 12')).to.deep.equal({ text: 'flat 12', digits: null, fields: ALL });
    expect(toTextSearch(checks, '/q', 'flat 123')).to.deep.equal({ text: 'flat 123', digits: '123', fields: ALL });
    expect(checks.errors).to.deep.equal([]);
  });

  it('keeps only the fields the caller may search, in a fixed order', () => {
    const checks = new InputChecks();
    expect(toTextSearch(checks, '/q', 'smith', ['name'])!.fields).to.deep.equal(['name']);
    expect(toTextSearch(checks, '/q', 'smith', ['phone', 'name'])!.fields).to.deep.equal(['name', 'phone']);
  });

  it('gives null for no search (absent, null or blank)', () => {
    const checks = new InputChecks();
    expect(toTextSearch(checks, '/q', undefined)).to.equal(null);
    expect(toTextSearch(checks, '/q', null)).to.equal(null);
    expect(toTextSearch(checks, '/q', '   ')).to.equal(null);
  });

  it('fails a search shorter than 3 characters (after trimming), over 100 characters, or not text', () => {
    const errorsOf = (value: unknown) => {
      const checks = new InputChecks();
      toTextSearch(checks, '/q', value);
      return checks.errors;
    };
    expect(errorsOf(' ab ')).to.deep.equal([{ pointer: '/q', detail: 'must be at least 3 characters: a shorter search cannot use the search index' }]);
    expect(errorsOf('x'.repeat(101)).map((e) => e.pointer)).to.deep.equal(['/q']);
    expect(errorsOf(12).map((e) => e.pointer)).to.deep.equal(['/q']);
  });

  it('counts characters, not UTF-16 units: three letters of any script are enough', () => {
    const checks = new InputChecks();
    expect(toTextSearch(checks, '/q', '王小明')!.text).to.equal('王小明');
    toTextSearch(checks, '/q', '𝒜𝒝');
    expect(checks.errors.map((e) => e.pointer)).to.deep.equal(['/q']);
  });
});

describe('matchesTextSearch', () => {
  const person = { name: 'Ann Smith', email: 'ann@Example.com', phone: '+44 20 7946 0958' };
  const search = (text: string, digits: string | null, fields: TextSearch['fields'] = ALL): TextSearch => ({ text, digits, fields });

  it('matches a substring of the name or email, case-insensitively', () => {
    expect(matchesTextSearch(search('smi', null), person)).to.equal(true);
    expect(matchesTextSearch(search('example.com', null), person)).to.equal(true);
    expect(matchesTextSearch(search('bob', null), person)).to.equal(false);
  });

  it('matches phone digits ignoring the phone’s separators', () => {
    expect(matchesTextSearch(search('7946-0958', '79460958'), person)).to.equal(true);
    expect(matchesTextSearch(search('7946-0959', '79460959'), person)).to.equal(false);
  });

  it('does not match the phone without digits, nor absent contact fields', () => {
    expect(matchesTextSearch(search('44', null), person)).to.equal(false);
    expect(matchesTextSearch(search('ann@', null), { name: 'Zed', email: null, phone: null })).to.equal(false);
    expect(matchesTextSearch(search('555', '555'), { name: 'Zed', email: null, phone: null })).to.equal(false);
  });

  it('matches only the fields it names', () => {
    expect(matchesTextSearch(search('example.com', null, ['name']), person)).to.equal(false);
    expect(matchesTextSearch(search('79460958', '79460958', ['name', 'email']), person)).to.equal(false);
    expect(matchesTextSearch(search('ann', null, ['name']), person)).to.equal(true);
    expect(matchesTextSearch(search('smith', null, ['email', 'phone']), person)).to.equal(false);
  });
});
