import { expect } from 'chai';
import {
  AppError,
  RecurrenceRuleInput,
  addDays,
  checkSchema,
  workingHoursFrom,
  describeRule,
  isLocalDate,
  localDayBounds,
  toZonedIso,
  occurrencesBetween,
  schemaErrors,
  seriesEnd,
  toZoned,
  weekdayOf,
  withinWorkingHours,
  zonedInstant,
  type RecurrenceRule,
  type Weekday,
} from '@cws/core';

const NY = 'America/New_York';

describe('zoned time', () => {
  it('reads a wall-clock time in its zone on both sides of a DST change', () => {
    // New York leaves EST (UTC-5) for EDT (UTC-4) on 2026-03-08.
    expect(zonedInstant('2026-03-07', '09:00', NY).toISOString()).to.equal('2026-03-07T14:00:00.000Z');
    expect(zonedInstant('2026-03-09', '09:00', NY).toISOString()).to.equal('2026-03-09T13:00:00.000Z');
    expect(zonedInstant('2026-03-28', '09:00', 'Europe/London').toISOString()).to.equal('2026-03-28T09:00:00.000Z');
    expect(zonedInstant('2026-03-30', '09:00', 'Europe/London').toISOString()).to.equal('2026-03-30T08:00:00.000Z');
    expect(zonedInstant('2026-06-01', '09:00', 'Asia/Kolkata').toISOString()).to.equal('2026-06-01T03:30:00.000Z');
  });

  it('moves a time skipped by spring-forward ahead by the gap (RFC 5545)', () => {
    expect(zonedInstant('2026-03-08', '02:30', NY).toISOString()).to.equal('2026-03-08T07:30:00.000Z');
    expect(toZoned(zonedInstant('2026-03-08', '02:30', NY), NY)).to.deep.equal({ date: '2026-03-08', time: '03:30' });
  });

  it('reads a time repeated by fall-back as its first occurrence', () => {
    // 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST) on 2026-11-01.
    expect(zonedInstant('2026-11-01', '01:30', NY).toISOString()).to.equal('2026-11-01T05:30:00.000Z');
    expect(toZoned(new Date('2026-11-01T06:30:00Z'), NY)).to.deep.equal({ date: '2026-11-01', time: '01:30' });
  });

  it('writes an instant on the zone\'s wall clock with its offset', () => {
    expect(toZonedIso(new Date('2026-03-07T14:00:00Z'), NY)).to.equal('2026-03-07T09:00:00-05:00');
    expect(toZonedIso(new Date('2026-03-09T13:00:00Z'), NY)).to.equal('2026-03-09T09:00:00-04:00');
    expect(toZonedIso(new Date('2026-06-01T03:30:45Z'), 'Asia/Kolkata')).to.equal('2026-06-01T09:00:45+05:30');
    expect(toZonedIso(new Date('2026-06-01T03:30:00Z'), 'UTC')).to.equal('2026-06-01T03:30:00+00:00');
  });

  it('gives a local day 23 or 25 hours when the clocks change', () => {
    const spring = localDayBounds('2026-03-08', NY);
    expect((spring.end.getTime() - spring.start.getTime()) / 3_600_000).to.equal(23);
    const autumn = localDayBounds('2026-11-01', NY);
    expect((autumn.end.getTime() - autumn.start.getTime()) / 3_600_000).to.equal(25);
  });

  it('does calendar arithmetic on local dates', () => {
    expect(addDays('2026-02-28', 1)).to.equal('2026-03-01');
    expect(addDays('2028-02-28', 1)).to.equal('2028-02-29');
    expect(addDays('2026-01-01', -1)).to.equal('2025-12-31');
    expect(weekdayOf('2026-03-02')).to.equal('mon');
    expect(weekdayOf('2026-03-08')).to.equal('sun');
    expect(isLocalDate('2026-02-29')).to.equal(false);
    expect(isLocalDate('2028-02-29')).to.equal(true);
    expect(isLocalDate('2026-3-1')).to.equal(false);
  });
});

describe('recurrence rules', () => {
  const weekly = (interval: number, weekdays: Weekday[]): RecurrenceRule => ({ freq: 'weekly', interval, weekdays });

  it('makes every-other-week dates on chosen weekdays, counted from the start', () => {
    const dates = occurrencesBetween(weekly(2, ['mon', 'thu']), '2026-03-05', { count: 5, until: null }, '2026-01-01', '2026-12-31');
    expect(dates).to.deep.equal([
      { date: '2026-03-05', index: 0 },
      { date: '2026-03-16', index: 1 },
      { date: '2026-03-19', index: 2 },
      { date: '2026-03-30', index: 3 },
      { date: '2026-04-02', index: 4 },
    ]);
  });

  it('keeps the count anchored at the start when asked for a later range', () => {
    const later = occurrencesBetween(weekly(1, ['wed']), '2026-03-04', { count: 4, until: null }, '2026-03-18', '2026-12-31');
    expect(later).to.deep.equal([
      { date: '2026-03-18', index: 2 },
      { date: '2026-03-25', index: 3 },
    ]);
  });

  it('stops at until (inclusive)', () => {
    const dates = occurrencesBetween(weekly(1, ['fri']), '2026-03-06', { count: null, until: '2026-03-20' }, '2026-03-01', '2026-12-31');
    expect(dates.map((d) => d.date)).to.deep.equal(['2026-03-06', '2026-03-13', '2026-03-20']);
  });

  it('places a monthly day-of-month on the last day of shorter months', () => {
    const dates = occurrencesBetween({ freq: 'monthly', interval: 1, monthDay: 31 }, '2026-01-31', { count: 4, until: null }, '2026-01-01', '2026-12-31');
    expect(dates.map((d) => d.date)).to.deep.equal(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
  });

  it('finds the nth and the last weekday of a month, every N months', () => {
    const second = occurrencesBetween({ freq: 'monthly', interval: 2, nthWeekday: { n: 2, weekday: 'tue' } }, '2026-01-01', { count: 3, until: null }, '2026-01-01', '2026-12-31');
    expect(second.map((d) => d.date)).to.deep.equal(['2026-01-13', '2026-03-10', '2026-05-12']);
    const last = occurrencesBetween({ freq: 'monthly', interval: 1, nthWeekday: { n: -1, weekday: 'fri' } }, '2026-01-01', { count: 3, until: null }, '2026-01-01', '2026-12-31');
    expect(last.map((d) => d.date)).to.deep.equal(['2026-01-30', '2026-02-27', '2026-03-27']);
  });

  it('starts at the first rule date on or after the start date', () => {
    // The first Monday of March 2026 (the 2nd) is before the start, so April's is the first.
    const dates = occurrencesBetween({ freq: 'monthly', interval: 1, nthWeekday: { n: 1, weekday: 'mon' } }, '2026-03-03', { count: 2, until: null }, '2026-01-01', '2026-12-31');
    expect(dates.map((d) => d.date)).to.deep.equal(['2026-04-06', '2026-05-04']);
  });

  it('reads rules by their schema: interval filled in, weekdays in week order without repeats', () => {
    expect(checkSchema(RecurrenceRuleInput, { freq: 'weekly', weekdays: ['thu', 'mon', 'thu'] })).to.deep.equal({ freq: 'weekly', interval: 1, weekdays: ['mon', 'thu'] });
    expect(checkSchema(RecurrenceRuleInput, { freq: 'monthly', interval: 3, nthWeekday: { n: -1, weekday: 'sat' } })).to.deep.equal({
      freq: 'monthly',
      interval: 3,
      nthWeekday: { n: -1, weekday: 'sat' },
    });
    expect(checkSchema(RecurrenceRuleInput, { freq: 'monthly', monthDay: 31 })).to.deep.equal({ freq: 'monthly', interval: 1, monthDay: 31 });
  });

  it('refuses malformed rules, naming the field of the shape its freq names', () => {
    const refused = (rule: unknown) => schemaErrors(RecurrenceRuleInput, rule).map((e) => `${e.pointer} ${e.detail}`);
    expect(refused({ freq: 'weekly', weekdays: [] })).to.deep.equal(['/weekdays must have at least 1 item']);
    expect(refused({ freq: 'weekly', weekdays: ['mon'], interval: 53 })).to.deep.equal(['/interval must be an integer from 1 to 52']);
    expect(refused({ freq: 'monthly', monthDay: 1, interval: 13 })).to.deep.equal(['/interval must be an integer from 1 to 12']);
    expect(refused({ freq: 'monthly', monthDay: 32 })).to.deep.equal(['/monthDay must be an integer from 1 to 31']);
    expect(refused({ freq: 'monthly', nthWeekday: { n: 5, weekday: 'mon' } })).to.deep.equal(['/nthWeekday/n must be one of: 1, 2, 3, 4, -1']);
    expect(refused({ freq: 'monthly', weekdays: ['mon'] })).to.deep.equal(['/weekdays is not a known field']);
    expect(refused({ freq: 'daily' })).to.have.length(1).and.to.match(/^\/ must be a weekly rule/);
  });

  it('asks a monthly rule for exactly one of monthDay and nthWeekday', () => {
    const detail = (rule: unknown) => {
      try {
        checkSchema(RecurrenceRuleInput, rule);
        return null;
      } catch (err) {
        return (err as AppError).errors.map((e) => `${e.pointer} ${e.detail}`);
      }
    };
    expect(detail({ freq: 'monthly', monthDay: 3, nthWeekday: { n: 1, weekday: 'mon' } })).to.deep.equal(['/ a monthly rule takes a day of the month or an nth weekday, not both']);
    expect(detail({ freq: 'monthly' })).to.deep.equal(['/ a monthly rule needs a day of the month or an nth weekday']);
  });

  it('ends a series after a count or on a date, not both, and not before it starts', () => {
    expect(seriesEnd(3, undefined, '2026-03-01')).to.deep.equal({ count: 3, until: null });
    expect(seriesEnd(null, '2026-03-01', '2026-03-01')).to.deep.equal({ count: null, until: '2026-03-01' });
    const refused = (count: number | null, until: string | null) => {
      try {
        seriesEnd(count, until, '2026-03-01');
        return null;
      } catch (err) {
        return (err as AppError).errors.map((e) => e.pointer);
      }
    };
    expect(refused(3, '2026-04-01')).to.deep.equal(['/']);
    expect(refused(null, '2026-02-01')).to.deep.equal(['/until']);
  });

  it('describes rules for people', () => {
    expect(describeRule({ freq: 'weekly', interval: 2, weekdays: ['mon', 'thu'] })).to.equal('every 2 weeks on mon, thu');
    expect(describeRule({ freq: 'monthly', interval: 1, nthWeekday: { n: -1, weekday: 'fri' } })).to.equal('every month on the last fri');
  });
});

describe('working hours', () => {
  it('orders spans per weekday and answers whether a window fits one', () => {
    const hours = workingHoursFrom({ mon: [{ start: '13:00', end: '17:00' }, { start: '08:00', end: '12:00' }], sat: [{ start: '20:00', end: '24:00' }] }, '/h');
    expect(hours!.mon!.map((s) => s.start)).to.deep.equal(['08:00', '13:00']);
    expect(withinWorkingHours(hours, 'mon', 8 * 60, 12 * 60)).to.equal(true);
    expect(withinWorkingHours(hours, 'mon', 11 * 60, 14 * 60)).to.equal(false);
    expect(withinWorkingHours(hours, 'tue', 9 * 60, 10 * 60)).to.equal(false);
    expect(withinWorkingHours(hours, 'sat', 22 * 60, 1440)).to.equal(true);
    expect(withinWorkingHours(null, 'sun', 0, 60)).to.equal(true);
    expect(workingHoursFrom(null)).to.equal(null);
  });

  it('refuses overlapping or inverted spans, naming each (unknown days are the schema’s to refuse)', () => {
    let refused: { code?: string; errors?: Array<{ pointer: string; detail: string }> } = {};
    try {
      workingHoursFrom({ mon: [{ start: '08:00', end: '12:00' }, { start: '11:00', end: '13:00' }], tue: [{ start: '10:00', end: '09:00' }] }, '/h');
    } catch (err) {
      refused = err as typeof refused;
    }
    expect(refused.code).to.equal('validation.failed');
    expect(refused.errors).to.deep.equal([
      { pointer: '/h/mon', detail: 'spans must not overlap' },
      { pointer: '/h/tue/0/end', detail: 'must be after start' },
    ]);
  });
});
