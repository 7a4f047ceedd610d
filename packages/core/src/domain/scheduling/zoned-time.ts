/**
 * Wall-clock time in an org's IANA zone, without a date library: the core has no run-time
 * dependencies, and Intl (full ICU in Node) knows every zone's offsets. Local dates are
 * 'YYYY-MM-DD' strings and local times 'HH:MM', compared as strings.
 */
export type LocalDate = string;
export type LocalTime = string;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The local dates the core accepts as input, the same years as its instants (see EARLIEST_INSTANT). */
export const EARLIEST_LOCAL_DATE: LocalDate = '1970-01-01';
export const LATEST_LOCAL_DATE: LocalDate = '9999-12-31';
export const LOCAL_DATE_DETAIL = `must be a date (YYYY-MM-DD) from ${EARLIEST_LOCAL_DATE} to ${LATEST_LOCAL_DATE}`;

/** A real calendar date 'YYYY-MM-DD' from EARLIEST_LOCAL_DATE to LATEST_LOCAL_DATE. */
export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const m = DATE_PATTERN.exec(value);
  if (m === null || value < EARLIEST_LOCAL_DATE) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function isLocalTime(value: unknown): value is LocalTime {
  return typeof value === 'string' && TIME_PATTERN.test(value);
}

/** Minutes since local midnight of an 'HH:MM' time. */
export function minutesOfDay(time: LocalTime): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/**
 * Date.UTC for any year: Date.UTC reads years 0-99 as 1900-1999, which put year-0001 instants
 * 1900 years off (and their offsets at +16663824:00).
 */
function utcMs(year: number, month: number, day: number, hours = 0, minutes = 0, seconds = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  date.setUTCHours(hours, minutes, seconds, 0);
  return date.getTime();
}

export function daysInMonth(year: number, month: number): number {
  return new Date(utcMs(year, month, 0)).getUTCDate();
}

/** Years of any width (a date past 9999 reached by adding days still splits right). */
function parseDate(date: LocalDate): [number, number, number] {
  const [y, m, d] = date.split(/-(?=\d\d-\d\d$)|-(?=\d\d$)/);
  return [Number(y), Number(m), Number(d)];
}

/** The UTC date of an epoch as 'YYYY-MM-DD', four digits at least (toISOString would write '+010000-01-01'). */
function formatDate(epochDayMs: number): LocalDate {
  const d = new Date(epochDayMs);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const [y, m, d] = parseDate(date);
  return formatDate(utcMs(y, m - 1, d) + days * DAY_MS);
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  const [ya, ma, da] = parseDate(a);
  const [yb, mb, db] = parseDate(b);
  return Math.round((utcMs(yb, mb - 1, db) - utcMs(ya, ma - 1, da)) / DAY_MS);
}

export function weekdayOf(date: LocalDate): Weekday {
  const [y, m, d] = parseDate(date);
  return WEEKDAYS[(new Date(utcMs(y, m - 1, d)).getUTCDay() + 6) % 7]!;
}

/** The Monday of the ISO week holding `date`. */
export function mondayOf(date: LocalDate): LocalDate {
  return addDays(date, -WEEKDAYS.indexOf(weekdayOf(date)));
}

/** The date of `day` (1-based, clamped to the month's last day) in the month `months` after `date`'s. */
export function monthDate(date: LocalDate, months: number, day: number): LocalDate {
  const [y, m] = parseDate(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return formatDate(utcMs(year, month - 1, Math.min(day, daysInMonth(year, month))));
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

interface WallClock {
  readonly date: LocalDate;
  readonly time: LocalTime;
  /** Milliseconds of the wall clock read as if it were UTC. */
  readonly asUtcMs: number;
}

function wallClock(instant: Date, zone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const p of formatter(zone).formatToParts(instant)) parts[p.type] = p.value;
  const [y, mo, d, h, mi, s] = [parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second].map(Number) as [number, number, number, number, number, number];
  return {
    date: `${parts.year!.padStart(4, '0')}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
    asUtcMs: utcMs(y, mo - 1, d, h, mi, s),
  };
}

/** The zone's offset from UTC at `instant`, in milliseconds (whole seconds). */
function offsetAt(epochMs: number, zone: string): number {
  const floored = Math.floor(epochMs / 1000) * 1000;
  return wallClock(new Date(floored), zone).asUtcMs - floored;
}

/**
 * `instant` as RFC 3339 on the zone's wall clock with its offset: 2026-03-09T09:00:00-04:00.
 * RFC 3339 offsets are whole minutes; the few offsets with seconds (local mean time, Monrovia
 * until 1972) are rounded and the clock read at that offset, so the text always names `instant`.
 */
export function toZonedIso(instant: Date, zone: string): string {
  const seconds = Math.floor(instant.getTime() / 1000) * 1000;
  const offsetMinutes = Math.round((wallClock(instant, zone).asUtcMs - seconds) / 60_000);
  const local = new Date(seconds + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${formatDate(local.getTime())}T${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

/** The local date and time of `instant` in `zone`. */
export function toZoned(instant: Date, zone: string): { date: LocalDate; time: LocalTime } {
  const { date, time } = wallClock(instant, zone);
  return { date, time };
}

export function localDateOf(instant: Date, zone: string): LocalDate {
  return wallClock(instant, zone).date;
}

/**
 * The instant a wall-clock time in `zone` names. A time that occurs twice (clocks going back)
 * is its first occurrence; a time skipped by clocks going forward is read with the offset before
 * the gap, so 02:30 on a spring-forward night is 03:30 — the RFC 5545 rule calendars follow.
 */
export function zonedInstant(date: LocalDate, time: LocalTime, zone: string): Date {
  const [y, m, d] = parseDate(date);
  const wall = utcMs(y, m - 1, d, Number(time.slice(0, 2)), Number(time.slice(3, 5)));
  // Offsets a day either side: no zone changes its offset twice within 48 hours.
  const before = offsetAt(wall - DAY_MS, zone);
  const after = offsetAt(wall + DAY_MS, zone);
  const valid = [...new Set([before, after])].map((o) => wall - o).filter((t) => offsetAt(t, zone) === wall - t);
  if (valid.length > 0) return new Date(Math.min(...valid));
  return new Date(wall - before);
}

/** The instants at which the local day `date` begins and the next one begins. */
export function localDayBounds(date: LocalDate, zone: string): { start: Date; end: Date } {
  return { start: zonedInstant(date, '00:00', zone), end: zonedInstant(addDays(date, 1), '00:00', zone) };
}
