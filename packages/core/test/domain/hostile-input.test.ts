/**
 * What the core refuses so that no embedder (createCore) and no host can hand storage a value it
 * cannot hold (issue 8, item 10): text with NUL or an unpaired surrogate, instants outside years
 * 1970-9999, local dates outside them, cursors a client forged. And the zoned-time arithmetic
 * behind them never throws and renders every accepted instant as the instant it is.
 */
import { expect } from 'chai';
import { Type } from '@sinclair/typebox';
import {
  AppError,
  EARLIEST_INSTANT,
  Instant,
  NullableText,
  Text,
  checkSchema,
  schemaErrors,
  LATEST_INSTANT,
  addDays,
  daysInMonth,
  decodeCursor,
  decodeKeyCursor,
  isLocalDate,
  localDateOf,
  textFault,
  toZonedIso,
  weekdayOf,
  zonedInstant,
} from '@cws/core';
import { coreFixture, expectInvalid } from '../support/core-fixture.js';

const UUID = '0190a4c2-0000-7000-8000-000000000001';
const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('hostile input in the core', () => {
  describe('text that cannot be stored', () => {
    const Texts = Type.Object({ name: Text(50), city: Text(50), notes: Type.Optional(NullableText(50)), line2: Type.Optional(NullableText(50)) });

    it('refuses NUL and unpaired surrogates, with the field pointer, in required and optional text', () => {
      expect(schemaErrors(Texts, { name: 'Ana\u0000Lopez', city: 'x\ud800', notes: '\udfffhello', line2: 'end \ud83d' })).to.have.deep.members([
        { pointer: '/name', detail: 'must not contain the NUL character (U+0000)' },
        { pointer: '/city', detail: 'must not contain an unpaired surrogate (U+D800-U+DFFF): send well-formed Unicode' },
        { pointer: '/notes', detail: 'must not contain an unpaired surrogate (U+D800-U+DFFF): send well-formed Unicode' },
        { pointer: '/line2', detail: 'must not contain an unpaired surrogate (U+D800-U+DFFF): send well-formed Unicode' },
      ]);
    });

    it('keeps well-formed text from every plane, paired surrogates (emoji) included', () => {
      const checked = checkSchema(Texts, { name: 'Zoë 東京 \ud83d\ude00 𝄞', city: 'X', notes: 'a\ufeff\u202e\uffff' });
      expect(checked.name).to.equal('Zoë 東京 😀 𝄞');
      expect(checked.notes).to.equal('a\ufeff\u202e\uffff');
      expect(textFault('plain')).to.equal(null);
    });
  });

  describe('instants', () => {
    it('accepts 1970-01-01T00:00Z to 9999-12-31T00:00Z and refuses what lies outside, naming the range', () => {
      const At = Type.Object({ at: Instant() });
      expect(checkSchema(At, { at: '1970-01-01T00:00:00Z' }).at.getTime()).to.equal(EARLIEST_INSTANT.getTime());
      expect(checkSchema(At, { at: '9999-12-31T00:00:00Z' }).at.getTime()).to.equal(LATEST_INSTANT.getTime());
      for (const iso of ['0001-01-01T00:00:00Z', '1969-12-31T23:59:59Z', '9999-12-31T00:00:01Z']) {
        expect(() => checkSchema(At, { at: iso }), iso).to.throw(AppError, 'must be from 1970-01-01T00:00:00.000Z to 9999-12-31T00:00:00.000Z');
      }
      // Outside RFC 3339 (six-digit years) the form itself is refused.
      for (const iso of ['-271821-04-20T00:00:00Z', '+275760-09-13T00:00:00Z']) {
        expect(schemaErrors(At, { at: iso }), iso).to.deep.equal([{ pointer: '/at', detail: 'must be an RFC 3339 date-time' }]);
      }
    });
  });

  describe('local dates', () => {
    it('accepts real dates of years 1970-9999 only', () => {
      expect(['1970-01-01', '2024-02-29', '9999-12-31'].map(isLocalDate)).to.deep.equal([true, true, true]);
      expect(['0001-01-01', '0000-00-00', '1969-12-31', '2026-02-29', '2026-02-30', '10000-01-01'].map(isLocalDate)).to.deep.equal([false, false, false, false, false, false]);
    });

    it('computes past year 9999 and before year 100 without throwing or jumping centuries', () => {
      expect(addDays('9999-12-31', 1)).to.equal('10000-01-01');
      expect(addDays('10000-01-01', 1)).to.equal('10000-01-02');
      expect(addDays('0001-01-01', 1)).to.equal('0001-01-02');
      expect(daysInMonth(1, 2)).to.equal(28);
      expect(daysInMonth(2000, 2)).to.equal(29);
      expect(weekdayOf('0001-01-01')).to.equal('mon');
      expect(zonedInstant('0050-06-01', '09:00', 'UTC').toISOString()).to.equal('0050-06-01T09:00:00.000Z');
      expect(localDateOf(new Date('0050-06-01T09:00:00Z'), 'UTC')).to.equal('0050-06-01');
    });
  });

  describe('rendering on the wall clock', () => {
    const cases: Array<[string, string, string]> = [
      // Before the fix year 0001 was read as 1901: "1-01-01T00:00:00+16663824:00".
      ['0001-01-01T00:00:00Z', 'UTC', '0001-01-01T00:00:00+00:00'],
      ['0099-12-31T23:00:00Z', 'UTC', '0099-12-31T23:00:00+00:00'],
      // Monrovia kept UTC-0:44:30 until 1972: the offset is rounded and the clock read at it.
      ['1970-01-01T00:00:00Z', 'Africa/Monrovia', '1969-12-31T23:16:00-00:44'],
      ['1970-01-01T00:00:00Z', 'Etc/GMT+12', '1969-12-31T12:00:00-12:00'],
      ['9999-12-31T00:00:00Z', 'Pacific/Kiritimati', '9999-12-31T14:00:00+14:00'],
      ['2026-03-08T07:30:00Z', 'America/New_York', '2026-03-08T03:30:00-04:00'],
    ];
    for (const [iso, zone, expected] of cases) {
      it(`renders ${iso} in ${zone} as ${expected}, the same instant`, () => {
        const rendered = toZonedIso(new Date(iso), zone);
        expect(rendered).to.equal(expected);
        expect(Date.parse(rendered)).to.equal(Date.parse(iso));
      });
    }

    it('names the same instant for every accepted instant in zones with odd offsets (sampled)', () => {
      const zones = ['Pacific/Chatham', 'Asia/Kathmandu', 'America/St_Johns', 'Australia/Lord_Howe', 'Pacific/Kiritimati', 'Etc/GMT+12', 'Africa/Monrovia'];
      const span = LATEST_INSTANT.getTime() - EARLIEST_INSTANT.getTime();
      for (let i = 0; i <= 400; i++) {
        const instant = new Date(EARLIEST_INSTANT.getTime() + Math.floor((span * i) / 400 / 1000) * 1000);
        for (const zone of zones) {
          const rendered = toZonedIso(instant, zone);
          expect(rendered, `${instant.toISOString()} in ${zone}`).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
          expect(Date.parse(rendered), `${rendered} for ${instant.toISOString()}`).to.equal(instant.getTime());
        }
      }
    });
  });

  describe('cursors', () => {
    const forged = [
      cursorOf(['-271821-04-20T00:00:00.000Z', UUID]),
      cursorOf(['+275760-09-13T00:00:00.000Z', UUID]),
      cursorOf(['0000-12-31T23:59:59.999Z', UUID]),
      cursorOf(['+010000-01-01T00:00:00.000Z', UUID]),
      cursorOf([1e308, UUID]),
      cursorOf(['2026-01-01T00:00:00.000Z', `${UUID}\u0000`]),
      cursorOf({ at: '2026-01-01T00:00:00.000Z', id: UUID }),
      '!!!',
    ];

    it('refuses a cursor naming an instant outside years 1-9999 (a year -271821 cursor once reached Postgres)', () => {
      for (const cursor of forged) {
        expect(decodeKeyCursor(cursor), cursor).to.equal(null);
        expect(() => decodeCursor(cursor)).to.throw(AppError).with.property('kind', 'validation');
      }
    });

    it('accepts the edges of that range', () => {
      expect(decodeKeyCursor(cursorOf(['0001-01-01T00:00:00.000Z', UUID]))?.at.toISOString()).to.equal('0001-01-01T00:00:00.000Z');
      expect(decodeKeyCursor(cursorOf(['9999-12-31T23:59:59.999Z', UUID.toUpperCase()]))).to.deep.equal({ at: new Date('9999-12-31T23:59:59.999Z'), id: UUID });
    });
  });

  describe('through createCore, as an embedder calls it', () => {
    it('answers validation errors with pointers, before any storage is touched', async () => {
      const fx = coreFixture();
      const orgId = await fx.newOrg('acme');
      const ctx = fx.ctx(orgId);
      await expectInvalid(fx.core.leads.create.execute(ctx, { name: 'Ana\u0000', email: 'ana@example.com' }), ['/name']);
      await expectInvalid(fx.core.workforce.createTeam.execute(ctx, { name: 'North \ud800' }), ['/name']);
      await expectInvalid(fx.core.leads.submitPublic.execute({ requestId: 'r', now: fx.clock.now() }, { orgSlug: 'acme', name: 'x', email: 'x@example.com', notes: '\udc00' }), ['/notes']);
      await expectInvalid(fx.core.bookings.list.execute(ctx, { start: '2026-03-02T00:00:00Z', end: '2026-03-03T00:00:00Z', cursor: cursorOf(['-271821-04-20T00:00:00.000Z', UUID]) }), ['/cursor']);
      await expectInvalid(fx.core.schedule.board.execute(ctx, { start: '0001-01-01T00:00:00Z', end: '0001-01-02T00:00:00Z' }), ['/start']);
      await expectInvalid(fx.core.leads.list.execute(ctx, { cursor: cursorOf(['+275760-09-13T00:00:00.000Z', UUID]) }), ['/cursor']);
    });
  });
});
