/**
 * Recurrence rules of booking series: weekly on chosen weekdays every N weeks, monthly on a day
 * of the month, or monthly on the nth (or last) weekday. Occurrences are local dates in the
 * series' zone; the series' wall-clock time is applied to each date separately, so a 09:00
 * clean stays at 09:00 across DST changes.
 */
import { AppError, type FieldError } from '../../errors/app-error.js';
import { WEEKDAYS, addDays, daysInMonth, mondayOf, monthDate, weekdayOf, type LocalDate, type Weekday } from './zoned-time.js';

export type RecurrenceRule =
  | { readonly freq: 'weekly'; readonly interval: number; readonly weekdays: readonly Weekday[] }
  | { readonly freq: 'monthly'; readonly interval: number; readonly monthDay: number }
  | { readonly freq: 'monthly'; readonly interval: number; readonly nthWeekday: { readonly n: NthWeek; readonly weekday: Weekday } };

/** 1st to 4th, or -1 for the last such weekday of the month. */
export type NthWeek = 1 | 2 | 3 | 4 | -1;

/** Where a series stops: after `count` occurrences, after the date `until` (inclusive), or never. */
export interface SeriesEnd {
  readonly count: number | null;
  readonly until: LocalDate | null;
}

export const MAX_INTERVAL = { weekly: 52, monthly: 12 } as const;
export const MAX_SERIES_COUNT = 500;

/**
 * Where a series stops, from checked `count` and `until`: the rule between them and the start
 * date that a schema cannot say.
 * @throws validation.failed — both given, or `until` before `start`.
 */
export function seriesEnd(count: number | null | undefined, until: LocalDate | null | undefined, start: LocalDate): SeriesEnd {
  const errors: FieldError[] = [];
  if (until != null && until < start) errors.push({ pointer: '/until', detail: 'must not be before the start date' });
  else if (count != null && until != null) errors.push({ pointer: '/', detail: 'give either count or until, not both' });
  if (errors.length > 0) throw AppError.validation(errors);
  return { count: count ?? null, until: until ?? null };
}

/** The nth (or last, n = -1) `weekday` of the month `months` after `anchor`'s month. */
function nthWeekdayDate(anchor: LocalDate, months: number, n: NthWeek, weekday: Weekday): LocalDate | null {
  const first = monthDate(anchor, months, 1);
  const offset = (WEEKDAYS.indexOf(weekday) - WEEKDAYS.indexOf(weekdayOf(first)) + 7) % 7;
  const [y, m] = [Number(first.slice(0, 4)), Number(first.slice(5, 7))];
  if (n === -1) {
    const lastDay = 1 + offset + 7 * Math.floor((daysInMonth(y, m) - 1 - offset) / 7);
    return addDays(first, lastDay - 1);
  }
  const day = 1 + offset + 7 * (n - 1);
  return day <= daysInMonth(y, m) ? addDays(first, day - 1) : null;
}

/**
 * Every occurrence date of the rule from `start` that lies in [from, to] (inclusive), honouring
 * the series end, each with its 0-based position in the series. Counting always starts at
 * `start`, so a count-limited series ends at the same date however it is paged.
 */
export function occurrencesBetween(
  rule: RecurrenceRule,
  start: LocalDate,
  end: SeriesEnd,
  from: LocalDate,
  to: LocalDate,
): Array<{ date: LocalDate; index: number }> {
  const out: Array<{ date: LocalDate; index: number }> = [];
  const last = end.until !== null && end.until < to ? end.until : to;
  let index = 0;
  const take = (date: LocalDate): boolean => {
    if (date < start) return true;
    if (date > last || (end.count !== null && index >= end.count)) return false;
    if (date >= from) out.push({ date, index });
    index += 1;
    return true;
  };
  if (rule.freq === 'weekly') {
    const firstMonday = mondayOf(start);
    for (let week = 0; ; week += rule.interval) {
      const monday = addDays(firstMonday, week * 7);
      if (monday > last) break;
      let going = true;
      for (const day of rule.weekdays) {
        going = take(addDays(monday, WEEKDAYS.indexOf(day)));
        if (!going) break;
      }
      if (!going) break;
    }
    return out;
  }
  for (let months = 0; ; months += rule.interval) {
    if (monthDate(start, months, 1) > last) break;
    const date = 'monthDay' in rule ? monthDate(start, months, rule.monthDay) : nthWeekdayDate(start, months, rule.nthWeekday.n, rule.nthWeekday.weekday);
    if (date !== null && !take(date)) break;
  }
  return out;
}

/** A readable statement of the rule, for audit rows and UIs ("every 2 weeks on mon, thu"). */
export function describeRule(rule: RecurrenceRule): string {
  const every = (unit: string) => (rule.interval === 1 ? `every ${unit}` : `every ${rule.interval} ${unit}s`);
  if (rule.freq === 'weekly') return `${every('week')} on ${rule.weekdays.join(', ')}`;
  if ('monthDay' in rule) return `${every('month')} on day ${rule.monthDay}`;
  const nth = rule.nthWeekday.n === -1 ? 'last' : ['1st', '2nd', '3rd', '4th'][rule.nthWeekday.n - 1];
  return `${every('month')} on the ${nth} ${rule.nthWeekday.weekday}`;
}
