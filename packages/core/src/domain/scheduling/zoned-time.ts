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

export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const m = DATE_PATTERN.exec(value);
  if (m === null) return false;
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

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parseDate(date: LocalDate): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function formatDate(epochDayMs: number): LocalDate {
  return new Date(epochDayMs).toISOString().slice(0, 10);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const [y, m, d] = parseDate(date);
  return formatDate(Date.UTC(y, m - 1, d) + days * DAY_MS);
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  const [ya, ma, da] = parseDate(a);
  const [yb, mb, db] = parseDate(b);
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / DAY_MS);
}

export function weekdayOf(date: LocalDate): Weekday {
  const [y, m, d] = parseDate(date);
  return WEEKDAYS[(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7]!;
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
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(day, daysInMonth(year, month))).padStart(2, '0')}`;
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
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
    asUtcMs: Date.UTC(y, mo - 1, d, h, mi, s),
  };
}

/** The zone's offset from UTC at `instant`, in milliseconds (whole seconds). */
function offsetAt(epochMs: number, zone: string): number {
  const floored = Math.floor(epochMs / 1000) * 1000;
  return wallClock(new Date(floored), zone).asUtcMs - floored;
}

/** `instant` as RFC 3339 on the zone's wall clock with its offset: 2026-03-09T09:00:00-04:00. */
export function toZonedIso(instant: Date, zone: string): string {
  const clock = wallClock(instant, zone);
  const offsetMinutes = Math.round((clock.asUtcMs - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const seconds = new Date(clock.asUtcMs).toISOString().slice(17, 19);
  return `${clock.date}T${clock.time}:${seconds}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
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
  const wall = Date.UTC(y, m - 1, d, Number(time.slice(0, 2)), Number(time.slice(3, 5)));
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
