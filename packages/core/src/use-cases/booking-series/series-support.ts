/**
 * What the booking series use cases share. A series holds the rule; its occurrences are bookings
 * made up to a horizon (and further by the nightly `booking-series-generate` job). Each occurrence
 * is placed at the series' wall-clock time on its local date, so it stays at 09:00 across DST
 * changes. An occurrence whose people are taken or blacked out is still made, unassigned, and
 * reported: it shows in the assignment queue instead of silently vanishing.
 */
import type { RequestContext } from '../../context.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import { occupiesTime, type Booking, type BookingWorker } from '../../domain/scheduling/booking.js';
import { UNASSIGNED_CODES, type BookingSeries, type UnassignedCode } from '../../domain/scheduling/booking-series.js';
import { occurrencesBetween } from '../../domain/scheduling/recurrence.js';
import { addDays, localDateOf, zonedInstant, type LocalDate } from '../../domain/scheduling/zoned-time.js';
import { AppError, isAppError } from '../../errors/app-error.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { TenantRepositories, UnitOfWork } from '../../ports/unit-of-work.port.js';
import { transition } from '../bookings/booking-support.js';
import { assertNotBlackedOut, notFound, resolveAssignees } from '../scheduling/scheduling-support.js';

export interface SeriesDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
}

/** An occurrence made without its people, and why. */
export interface UnassignedOccurrence {
  readonly bookingId: string;
  readonly date: LocalDate;
  readonly code: UnassignedCode;
  readonly reason: string;
  readonly details: Record<string, unknown>;
}

export interface SeriesResult {
  readonly series: BookingSeries;
  /** Occurrences made by this call, by date. */
  readonly created: readonly Booking[];
  readonly unassigned: readonly UnassignedOccurrence[];
}

/** The series' occurrence on `date`, unassigned and confirmed, at its wall-clock time in its zone. */
export function occurrence(ctx: RequestContext, id: string, series: BookingSeries, date: LocalDate): Booking {
  const startsAt = zonedInstant(date, series.localTime, series.timeZone);
  return {
    id,
    orgId: ctx.orgId,
    clientId: series.clientId,
    addressId: series.addressId,
    serviceId: series.serviceId,
    seriesId: series.id,
    occurrenceDate: date,
    detached: false,
    startsAt,
    endsAt: new Date(startsAt.getTime() + series.durationMinutes * 60_000),
    timeZone: series.timeZone,
    status: 'confirmed',
    teamId: null,
    workers: [],
    notes: series.notes,
    priceEstimateMinor: series.priceEstimateMinor,
    currency: series.currency,
    cancellationReason: null,
    startedAt: null,
    completedAt: null,
    cancelledAt: null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
}

/**
 * Makes the series' missing occurrences from `fromDate` through `through` (local dates), skipping
 * dates that already have one (kept, skipped or moved), and advances `generatedThrough`.
 * Occurrences are made confirmed but announce nothing, here or in the nightly job: the client
 * agreed to the series once, and a "confirmed" mail per date made weeks ahead would be noise;
 * the `booking-reminders` job tells them the day before each visit. Series-wide changes (cancel
 * or change from a date, skip) likewise send no per-occurrence messages; a single occurrence
 * changed through the booking use cases announces as any booking does.
 */
export async function materialise(
  ctx: RequestContext,
  ids: IdGenerator,
  repos: TenantRepositories,
  series: BookingSeries,
  fromDate: LocalDate,
  through: LocalDate,
): Promise<{ series: BookingSeries; created: Booking[]; unassigned: UnassignedOccurrence[] }> {
  const last = series.endedOn !== null && addDays(series.endedOn, -1) < through ? addDays(series.endedOn, -1) : through;
  const start = series.generatedThrough !== null && addDays(series.generatedThrough, 1) > fromDate ? addDays(series.generatedThrough, 1) : fromDate;
  const created: Booking[] = [];
  const unassigned: UnassignedOccurrence[] = [];
  if (start <= last) {
    const existing = new Set((await repos.bookings.listSeriesOccurrences(series.id, start)).map((b) => b.occurrenceDate));
    for (const { date } of occurrencesBetween(series.rule, series.startDate, series.end, start, last)) {
      if (existing.has(date)) continue;
      const base = occurrence(ctx, ids.next(), series, date);
      const booking = await placeOccurrence(repos, series, base, unassigned);
      created.push(booking);
    }
  }
  const advanced: BookingSeries = { ...series, generatedThrough: series.generatedThrough !== null && series.generatedThrough > through ? series.generatedThrough : through, updatedAt: ctx.now };
  await repos.bookingSeries.update(advanced);
  return { series: advanced, created, unassigned };
}

/** Stores the occurrence with the series' people, or without them when they cannot take it. */
async function placeOccurrence(repos: TenantRepositories, series: BookingSeries, base: Booking, unassigned: UnassignedOccurrence[]): Promise<Booking> {
  if (series.teamId === null && series.workerIds.length === 0) {
    await repos.bookings.insert(base);
    return base;
  }
  try {
    const workers: BookingWorker[] = await resolveAssignees(repos, series.teamId, series.workerIds);
    const assigned: Booking = { ...base, teamId: series.teamId, workers };
    await assertNotBlackedOut(repos, assigned);
    await repos.bookings.insert(assigned);
    return assigned;
  } catch (err) {
    if (!isAppError(err) || !(UNASSIGNED_CODES as readonly string[]).includes(err.code)) throw err;
    await repos.bookings.insert(base);
    unassigned.push({ bookingId: base.id, date: base.occurrenceDate!, code: err.code as UnassignedCode, reason: err.message, details: err.details });
    return base;
  }
}

/** Today's date on the wall clock of `zone`. */
export function today(ctx: Pick<RequestContext, 'now'>, zone: string): LocalDate {
  return localDateOf(ctx.now, zone);
}

/** One `booking.create` audit row per occurrence made. */
export async function auditOccurrences(ctx: RequestContext, ids: IdGenerator, repos: TenantRepositories, created: readonly Booking[]): Promise<void> {
  for (const b of created) {
    await repos.audit.append(
      auditEntry(ctx, ids, { action: 'booking.create', resourceType: 'booking', resourceId: b.id, after: snapshot(b), metadata: { series_id: b.seriesId, occurrence_date: b.occurrenceDate } }),
    );
  }
}

/** The series under a row lock. @throws series.not_found */
export async function lockedSeries(repos: TenantRepositories, id: string): Promise<BookingSeries> {
  const series = await repos.bookingSeries.findById(id, { forUpdate: true });
  if (series === null) throw notFound.series(id);
  return series;
}

/** @throws series.ended when the series has no occurrences on `date` any more (cancelled or continued). */
export function assertOpenOn(series: BookingSeries, date: LocalDate): void {
  if (series.endedOn !== null && date >= series.endedOn) {
    throw new AppError('series.ended', `Booking series ${series.id} has no occurrences from ${series.endedOn} on`, { details: { series_id: series.id, ended_on: series.endedOn } });
  }
}

/**
 * Cancels the occurrences from `fromDate` on (never before today: the past stays as it was) that
 * can still change (pending or confirmed), moved ones too unless `onlyAttached`; started or
 * finished ones are left alone. Returns the ids cancelled.
 */
export async function cancelFrom(
  ctx: RequestContext,
  ids: IdGenerator,
  repos: TenantRepositories,
  series: BookingSeries,
  fromDate: LocalDate,
  reason: string,
  onlyAttached: boolean,
): Promise<Set<string>> {
  const cancelled = new Set<string>();
  const now = today(ctx, series.timeZone);
  for (const b of await repos.bookings.listSeriesOccurrences(series.id, fromDate > now ? fromDate : now)) {
    if (!occupiesTime(b.status) || (b.status !== 'pending' && b.status !== 'confirmed') || (onlyAttached && b.detached)) continue;
    const after = { ...transition(b, 'cancelled', ctx.now, reason), updatedAt: ctx.now };
    await repos.bookings.update(after);
    await repos.audit.append(auditEntry(ctx, ids, { action: 'booking.status.cancelled', resourceType: 'booking', resourceId: b.id, before: snapshot(b), after: snapshot(after), metadata: { reason, series_id: series.id } }));
    cancelled.add(b.id);
  }
  return cancelled;
}
