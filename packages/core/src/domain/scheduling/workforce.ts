/** Who does the work and when they can: teams, workers with skills and working hours, blackouts, services. */
import { minutesOfDay, type LocalTime, type Weekday } from './zoned-time.js';

export interface Team {
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
  readonly active: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface TimeSpan {
  readonly start: LocalTime;
  readonly end: LocalTime;
}

/** Spans per weekday in the org's zone; a day not listed is a day off. */
export type WorkingHours = { readonly [day in Weekday]?: readonly TimeSpan[] };

export interface Worker {
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
  /** E.164-style, unique among the org's workers (a portal login). */
  readonly phone: string | null;
  /** Lower-case, unique among the org's workers (a portal login). */
  readonly email: string | null;
  /** Lower-case tags ("deep-clean", "windows", "pets-ok"), sorted. */
  readonly skills: readonly string[];
  readonly active: boolean;
  /** The home team; a booking given to a team occupies its active members. */
  readonly teamId: string | null;
  /** Null when no hours are set: the worker is treated as always available. */
  readonly workingHours: WorkingHours | null;
  /** Worker portal password (PasswordHasher output); null until one is set. */
  readonly portalPasswordHash: string | null;
  /**
   * Set when staff set the portal password (they know it): until the worker changes it, the
   * portal lets them only see themselves, change it and sign out.
   */
  readonly mustChangePortalPassword: boolean;
  /** Portal sessions issued before this are no longer accepted. */
  readonly credentialsChangedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/**
 * Name, then id, by UTF-16 code unit: the one order of teams and workers everywhere (lists sort
 * with COLLATE "C" in SQL); rankings use it too, rather than a locale's order.
 */
export function compareByNameThenId(a: { readonly name: string; readonly id: string }, b: { readonly name: string; readonly id: string }): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * What dispatch ranks an active worker on: who, skills, team and hours. Suggestions keep it per
 * org for a few seconds (ADR 22), so it leaves out contact details and credentials, and the
 * bookkeeping timestamps whose parsing once cost a 500-worker read a fifth of its time (PB4).
 */
export type RosterWorker = Pick<Worker, 'id' | 'name' | 'skills' | 'teamId' | 'workingHours'>;

export type BlackoutScope = 'org' | 'team' | 'worker';

/** A time range in which the org, a team or a worker takes no bookings (holiday, training, leave). */
export interface Blackout {
  readonly id: string;
  readonly orgId: string;
  readonly scope: BlackoutScope;
  readonly teamId: string | null;
  readonly workerId: string | null;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly reason: string;
  readonly createdAt: Date;
}

/** What the org sells: a default duration and price for bookings of it. */
export interface Service {
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
  readonly durationMinutes: number;
  /** In minor units of the org's currency. */
  readonly priceMinor: number;
  /**
   * The deposit its bookings ask (when DEPOSITS_ENABLED): a share of the booking's price in basis
   * points, or a fixed amount in minor units; at most one is set, neither means no deposit.
   */
  readonly depositPercentBasis: number | null;
  readonly depositCents: number | null;
  readonly active: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** At most this many skill tags per worker (workforce-schemas.ts checks them). */
export const MAX_SKILLS = 30;

/** End-of-span minutes; '24:00' is the end of the day. */
export function spanMinutes(time: string): number {
  return time === '24:00' ? 1440 : minutesOfDay(time);
}

/** True when [startMin, endMin) of `day` lies inside one working span (null hours = always). */
export function withinWorkingHours(hours: WorkingHours | null, day: Weekday, startMin: number, endMin: number): boolean {
  if (hours === null) return true;
  return (hours[day] ?? []).some((s) => minutesOfDay(s.start) <= startMin && endMin <= spanMinutes(s.end));
}
