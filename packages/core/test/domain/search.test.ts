import { expect } from 'chai';
import { Type } from '@sinclair/typebox';
import { ListFilterFields, SEARCH_FIELDS, checkSchema, matchesTextSearch, schemaErrors, searchFor, type TextSearch } from '@cws/core';

const ALL = SEARCH_FIELDS;
const Query = Type.Object({ q: ListFilterFields.q });
const q = (value: unknown) => checkSchema(Query, { q: value }).q;

describe('searchFor', () => {
  it('lower-cases the text and keeps digits only when there are at least 3', () => {
    expect(searchFor('ann smith')).to.deep.equal({ text: 'ann smith', digits: null, fields: ALL });
    expect(searchFor('(020) 7946')).to.deep.equal({ text: '(020) 7946', digits: '0207946', fields: ALL });
    expect(searchFor('flat 12')).to.deep.equal({ text: 'flat 12', digits: null, fields: ALL });
    expect(searchFor('flat 123')).to.deep.equal({ text: 'flat 123', digits: '123', fields: ALL });
  });

  it('keeps only the fields the caller may search, in a fixed order', () => {
    expect(searchFor('smith', ['name']).fields).to.deep.equal(['name']);
    expect(searchFor('smith', ['phone', 'name']).fields).to.deep.equal(['name', 'phone']);
  });
});

describe('the q filter of lists', () => {
  it('trims, and means no search when blank', () => {
    expect(q('  Ann SMITH ')).to.equal('Ann SMITH');
    expect(q('   ')).to.equal(null);
  });

  it('refuses a search shorter than 3 characters (after trimming), over 100 characters, or not text', () => {
    const errorsOf = (value: unknown) => {
      try {
        q(value);
        return [];
      } catch (err) {
        return (err as { errors: Array<{ pointer: string; detail: string }> }).errors;
      }
    };
    expect(errorsOf(' ab ')).to.deep.equal([{ pointer: '/q', detail: 'must be at least 3 characters: a shorter search cannot use the search index' }]);
    expect(schemaErrors(Query, { q: 'x'.repeat(101) }).map((e) => e.pointer)).to.deep.equal(['/q']);
    expect(schemaErrors(Query, { q: 12 }).map((e) => e.pointer)).to.deep.equal(['/q']);
  });

  it('counts characters, not UTF-16 units: three letters of any script are enough', () => {
    expect(q('王小明')).to.equal('王小明');
    expect(schemaErrors(Query, { q: '𝒜𝒝' }).map((e) => e.pointer)).to.deep.equal(['/q']);
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
