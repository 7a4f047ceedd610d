/**
 * The adapter's timestamptz parser (src/timestamp-parsing.ts) must answer exactly what node-pg's
 * default parser answers, for every text PostgreSQL writes and for text it never writes: the
 * same instant, the same Invalid Date, the same Infinity. First against the default parser on
 * generated text, then against the database's own output in several time zones.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import pg from 'pg';
import { parseTimestamptz } from '@cws/adapter-postgres';
import { availableTestDatabases } from '@cws/test-support';

const defaultParser = pg.types.getTypeParser(1184, 'text') as (text: string) => unknown;

/** A comparable form of a parser's answer (Dates by their time value; NaN as a string). */
function answer(value: unknown): unknown {
  if (value instanceof Date) return { date: Number.isNaN(value.getTime()) ? 'invalid' : value.getTime() };
  return { other: value };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

describe('timestamptz parsing', () => {
  it('agrees with the default parser on the shapes PostgreSQL writes (years 1–12000, fractions of 0–6 digits, zones to the second, BC)', () => {
    const text = fc
      .record({
        year: fc.oneof(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 12000 })),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 31 }),
        hour: fc.integer({ min: 0, max: 23 }),
        minute: fc.integer({ min: 0, max: 59 }),
        second: fc.integer({ min: 0, max: 59 }),
        fraction: fc.oneof(fc.constant(''), fc.integer({ min: 1, max: 6 }).chain((w) => fc.integer({ min: 0, max: 10 ** w - 1 }).map((f) => `.${pad(f, w)}`))),
        sign: fc.constantFrom('+', '-'),
        zoneHours: fc.integer({ min: 0, max: 15 }),
        zoneMinutes: fc.option(fc.integer({ min: 0, max: 59 }), { nil: null }),
        zoneSeconds: fc.option(fc.integer({ min: 0, max: 59 }), { nil: null }),
        bc: fc.boolean(),
      })
      .map((t) => {
        const zone = `${t.sign}${pad(t.zoneHours, 2)}` + (t.zoneMinutes === null ? '' : `:${pad(t.zoneMinutes, 2)}` + (t.zoneSeconds === null ? '' : `:${pad(t.zoneSeconds, 2)}`));
        return `${pad(t.year, 4)}-${pad(t.month, 2)}-${pad(t.day, 2)} ${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}${t.fraction}${zone}${t.bc ? ' BC' : ''}`;
      });
    fc.assert(
      fc.property(text, (t) => {
        expect(answer(parseTimestamptz(t)), t).to.deep.equal(answer(defaultParser(t)));
      }),
      { numRuns: 20_000 },
    );
  });

  it('agrees with the default parser on text PostgreSQL never writes: hostile, truncated, other styles', () => {
    const fixed = [
      '', 'infinity', '-infinity', '2026-12-06', '2026-12-06 23:17:08', '2026-12-06 23:17:08+', '2026-12-06 23:17:08+0', '2026-12-06 23:17:08.+00',
      '2026-12-06 23:17:08.1234567+00', '2026-12-06T23:17:08Z', '2026-12-06 23:17:08Z', '2026-13-40 25:61:61+00', '2026-12-06 23:17:08+00:3',
      '2026-12-06 23:17:08+00:30:1', '2026-12-06 23:17:08+00:30:15:00', '2026-12-06 23:17:08 +00', 'Sun Dec 06 23:17:08 2026 UTC', '0001-01-01 00:00:00+00',
      '0099-12-31 23:59:59.999+00', '10000-01-01 00:00:00+00', '2026-12-06 23:17:08+00\u0000', '２０２６-12-06 23:17:08+00', '2026-12-06 23:17:08.12a+00',
    ];
    for (const t of fixed) expect(answer(parseTimestamptz(t)), JSON.stringify(t)).to.deep.equal(answer(defaultParser(t)));
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (t) => {
        expect(answer(parseTimestamptz(t)), JSON.stringify(t)).to.deep.equal(answer(defaultParser(t)));
      }),
      { numRuns: 5_000 },
    );
  });
});

for (const kind of availableTestDatabases()) {
  describe(`timestamptz as the adapter's pool reads it (${kind.kind === 'embedded' ? 'PGlite' : 'server'})`, function () {
    it('is the instant the default parser reads from the same text, in UTC and in zones with odd offsets, at the edges of the range', async function () {
      if (kind.skipReason !== null) this.skip();
      const { knex } = await kind.open();
      const values = [
        '2026-12-06 23:17:08.621257+00', '2026-12-06 23:17:08+00', '2026-03-29 01:30:00+00', '1000-01-01 00:00:00+00', '0001-01-01 00:00:00+00',
        '2000-01-01 00:00:00+00 BC', '9999-12-31 23:59:59.999999+00', '10000-01-01 00:00:00+00', 'infinity', '-infinity', '1969-12-31 23:59:59.5+00',
      ];
      for (const zone of ['UTC', 'Asia/Kolkata', 'America/St_Johns', 'Europe/Amsterdam', 'Pacific/Chatham']) {
        const rows = await knex.transaction(async (trx) => {
          await trx.raw(`set local time zone '${zone}'`);
          return (await trx.raw('select v::timestamptz as parsed, v::timestamptz::text as text from unnest(?::text[]) as u(v)', [values])).rows as Array<{ parsed: unknown; text: string }>;
        });
        expect(rows).to.have.length(values.length);
        for (const row of rows) expect(answer(row.parsed), `${zone}: ${row.text}`).to.deep.equal(answer(defaultParser(row.text)));
        // And the instants themselves: 08:00 in Kolkata is 02:30 UTC.
        if (zone === 'UTC') expect((rows[0]!.parsed as Date).toISOString()).to.equal('2026-12-06T23:17:08.621Z');
      }
      const [kolkata] = (await knex.transaction(async (trx) => {
        await trx.raw(`set local time zone 'Asia/Kolkata'`);
        return (await trx.raw(`select '2026-12-06 02:30:00+00'::timestamptz as t, '2026-12-06 02:30:00+00'::timestamptz::text as text`)).rows;
      })) as Array<{ t: Date; text: string }>;
      expect(kolkata!.text).to.equal('2026-12-06 08:00:00+05:30');
      expect(kolkata!.t.toISOString()).to.equal('2026-12-06T02:30:00.000Z');
    });
  });
}
