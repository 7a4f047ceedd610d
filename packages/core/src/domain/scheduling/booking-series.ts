/**
 * A series of recurring bookings: a rule, a wall-clock time and duration in a zone, an end, and
 * who usually does it. Occurrences are materialised as bookings up to a horizon; each keeps the
 * local date it stands for, so regeneration never creates one twice.
 */
import type { RecurrenceRule, SeriesEnd } from './recurrence.js';
import type { LocalDate, LocalTime } from './zoned-time.js';

export interface BookingSeries {
  readonly id: string;
  readonly orgId: string;
  readonly clientId: string;
  readonly addressId: string | null;
  readonly serviceId: string | null;
  readonly rule: RecurrenceRule;
  /** First date the rule may produce (inclusive). */
  readonly startDate: LocalDate;
  readonly localTime: LocalTime;
  readonly durationMinutes: number;
  /** The zone the wall-clock time is read in (the org's zone when the series was made). */
  readonly timeZone: string;
  readonly end: SeriesEnd;
  readonly teamId: string | null;
  /** Workers named on the series (team members are added per occurrence). */
  readonly workerIds: readonly string[];
  readonly notes: string | null;
  readonly priceEstimateMinor: number | null;
  readonly currency: string;
  /** Occurrences exist for every rule date up to and including this one; null before the first run. */
  readonly generatedThrough: LocalDate | null;
  /** Set when the series was cancelled or split: no occurrence on or after this date belongs to it. */
  readonly endedOn: LocalDate | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** How far ahead occurrences are materialised as bookings, by default. */
export const DEFAULT_SERIES_HORIZON_DAYS = 56;
export const MAX_SERIES_HORIZON_DAYS = 366;

/** Why an occurrence was made without its people: the errors that leave it unassigned instead of unmade. */
export const UNASSIGNED_CODES = ['booking.slot_unavailable', 'booking.blacked_out', 'worker.inactive', 'team.inactive'] as const;
export type UnassignedCode = (typeof UNASSIGNED_CODES)[number];
