/**
 * Recurring bookings. A series holds the rule; its occurrences are bookings made up to a horizon
 * (and further by the nightly `booking-series-generate` job). Each occurrence is placed at the
 * series' wall-clock time on its local date, so it stays at 09:00 across DST changes. An
 * occurrence whose people are taken or blacked out is still made, unassigned, and reported: it
 * shows in the assignment queue instead of silently vanishing.
 */
import type { RequestContext, SystemContext } from '../../context.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import { occupiesTime, type Booking, type BookingWorker } from '../../domain/scheduling/booking.js';
import { DEFAULT_SERIES_HORIZON_DAYS, MAX_SERIES_HORIZON_DAYS, type BookingSeries } from '../../domain/scheduling/booking-series.js';
import { checkRecurrenceRule, checkSeriesEnd, describeRule, occurrencesBetween } from '../../domain/scheduling/recurrence.js';
import { LOCAL_DATE_DETAIL, addDays, isLocalDate, isLocalTime, localDateOf, zonedInstant, type LocalDate } from '../../domain/scheduling/zoned-time.js';
import { InputChecks } from '../../domain/shared/input-checks.js';
import { AppError, isAppError } from '../../errors/app-error.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { TenantRepositories, UnitOfWork } from '../../ports/unit-of-work.port.js';
import { forEachOrg, type ForEachOrgDeps } from '../shared/for-each-org.js';
import { transition } from './bookings.use-case.js';
import { assertNotBlackedOut, notFound, optionalUuid, requireActiveService, requireClientAddress, resolveAssignees, resolveVisit, uuidList } from './scheduling-support.js';

export interface SeriesDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
}

/** An occurrence made without its people, and why. */
export interface UnassignedOccurrence {
  readonly bookingId: string;
  readonly date: LocalDate;
  readonly code: 'booking.slot_unavailable' | 'booking.blacked_out' | 'worker.inactive' | 'team.inactive';
  readonly reason: string;
  readonly details: Record<string, unknown>;
}

export interface SeriesResult {
  readonly series: BookingSeries;
  /** Occurrences made by this call, by date. */
  readonly created: readonly Booking[];
  readonly unassigned: readonly UnassignedOccurrence[];
}

interface SeriesFieldsInput {
  readonly clientId?: unknown;
  readonly addressId?: unknown;
  readonly serviceId?: unknown;
  readonly rule?: unknown;
  readonly startDate?: unknown;
  readonly time?: unknown;
  readonly durationMinutes?: unknown;
  readonly count?: unknown;
  readonly until?: unknown;
  readonly teamId?: unknown;
  readonly workerIds?: unknown;
  readonly notes?: unknown;
  readonly priceEstimateMinor?: unknown;
}

/** Days ahead occurrences are made for; from input, bounded. */
function checkHorizon(checks: InputChecks, value: unknown): number {
  return checks.integer('/horizonDays', value, { min: 1, max: MAX_SERIES_HORIZON_DAYS }) ?? DEFAULT_SERIES_HORIZON_DAYS;
}

function checkTime(checks: InputChecks, value: unknown): string {
  if (!isLocalTime(value)) {
    checks.fail('/time', 'must be a local time HH:MM');
    return '00:00';
  }
  return value;
}

/** The series' occurrence on `date`, unassigned and confirmed, at its wall-clock time in its zone. */
function occurrence(ctx: RequestContext, id: string, series: BookingSeries, date: LocalDate): Booking {
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
 */
async function materialise(
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
    if (!isAppError(err) || !['booking.slot_unavailable', 'booking.blacked_out', 'worker.inactive', 'team.inactive'].includes(err.code)) throw err;
    await repos.bookings.insert(base);
    unassigned.push({ bookingId: base.id, date: base.occurrenceDate!, code: err.code as UnassignedOccurrence['code'], reason: err.message, details: err.details });
    return base;
  }
}

function today(ctx: RequestContext, zone: string): LocalDate {
  return localDateOf(ctx.now, zone);
}

/**
 * Creates a series and its occurrences up to `horizonDays` ahead (default 56). Occurrences
 * before today are not made.
 * @throws validation.failed — bad rule, time, dates, count/until, duration.
 * @throws client.not_found, client.archived, client.address_not_found, service.not_found,
 *   team.not_found, team.inactive, worker.not_found, worker.inactive (people are checked up
 *   front; later changes to them make occurrences unassigned instead)
 */
export class CreateBookingSeries {
  constructor(private readonly deps: SeriesDeps) {}

  async execute(ctx: RequestContext, input: SeriesFieldsInput & { horizonDays?: unknown }): Promise<SeriesResult> {
    const checks = new InputChecks();
    const clientId = checks.uuid('/clientId', input.clientId);
    const rule = checkRecurrenceRule(checks, '/rule', input.rule);
    const startDate = isLocalDate(input.startDate) ? input.startDate : (checks.fail('/startDate', LOCAL_DATE_DETAIL), '1970-01-01');
    const time = checkTime(checks, input.time);
    const end = checkSeriesEnd(checks, '', input.count, input.until, startDate);
    const duration = checks.integer('/durationMinutes', input.durationMinutes, { min: 15, max: 24 * 60 });
    const addressId = optionalUuid(checks, '/addressId', input.addressId);
    const serviceId = optionalUuid(checks, '/serviceId', input.serviceId) ?? null;
    const teamId = optionalUuid(checks, '/teamId', input.teamId) ?? null;
    const workerIds = input.workerIds == null ? [] : uuidList(checks, '/workerIds', input.workerIds);
    const notes = checks.optionalText('/notes', input.notes, { max: 4000 }) ?? null;
    const price = checks.integer('/priceEstimateMinor', input.priceEstimateMinor ?? undefined, { min: 0, max: 100_000_000 }) ?? null;
    const horizon = checkHorizon(checks, input.horizonDays);
    checks.throwIfAny();
    return this.deps.uow.run(ctx, async (repos) => {
      const { addressId: address, service } = await resolveVisit(repos, clientId, addressId, serviceId);
      const durationMinutes = duration ?? service?.durationMinutes;
      if (durationMinutes === undefined) throw AppError.validation([{ pointer: '/durationMinutes', detail: 'is required when no service gives a duration' }]);
      await resolveAssignees(repos, teamId, workerIds);
      const settings = await repos.orgSettings.get();
      const zone = settings?.timeZone ?? 'UTC';
      const series: BookingSeries = {
        id: this.deps.ids.next(),
        orgId: ctx.orgId,
        clientId,
        addressId: address,
        serviceId,
        rule: rule!,
        startDate,
        localTime: time,
        durationMinutes,
        timeZone: zone,
        end,
        teamId,
        workerIds,
        notes,
        priceEstimateMinor: price ?? service?.priceMinor ?? null,
        currency: settings?.currency ?? 'USD',
        generatedThrough: null,
        endedOn: null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      };
      await repos.bookingSeries.insert(series);
      const now = today(ctx, zone);
      const result = await materialise(ctx, this.deps.ids, repos, series, now > startDate ? now : startDate, addDays(now, horizon));
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: 'series.create',
          resourceType: 'booking_series',
          resourceId: series.id,
          after: snapshot(series),
          metadata: { rule: describeRule(series.rule), occurrences_created: result.created.length, unassigned: result.unassigned.length },
        }),
      );
      await auditOccurrences(ctx, this.deps.ids, repos, result.created);
      return result;
    });
  }
}

async function auditOccurrences(ctx: RequestContext, ids: IdGenerator, repos: TenantRepositories, created: readonly Booking[]): Promise<void> {
  for (const b of created) {
    await repos.audit.append(
      auditEntry(ctx, ids, { action: 'booking.create', resourceType: 'booking', resourceId: b.id, after: snapshot(b), metadata: { series_id: b.seriesId, occurrence_date: b.occurrenceDate } }),
    );
  }
}

export class GetBookingSeries {
  constructor(private readonly deps: { uow: UnitOfWork }) {}

  /** The series and its occurrences from today on (at most a year of them). @throws series.not_found */
  async execute(ctx: RequestContext, input: { id: unknown }): Promise<{ series: BookingSeries; upcoming: readonly Booking[] }> {
    const checks = new InputChecks();
    const id = checks.uuid('/id', input.id);
    checks.throwIfAny();
    return this.deps.uow.run(ctx, async (repos) => {
      const series = await repos.bookingSeries.findById(id);
      if (series === null) throw notFound.series(id);
      const upcoming = await repos.bookings.listSeriesOccurrences(id, today(ctx, series.timeZone));
      return { series, upcoming };
    });
  }
}

async function lockedSeries(repos: TenantRepositories, id: string): Promise<BookingSeries> {
  const series = await repos.bookingSeries.findById(id, { forUpdate: true });
  if (series === null) throw notFound.series(id);
  return series;
}

function checkFromDate(checks: InputChecks, pointer: string, value: unknown): LocalDate {
  if (!isLocalDate(value)) {
    checks.fail(pointer, LOCAL_DATE_DETAIL);
    return '1970-01-01';
  }
  return value;
}

function assertOpenOn(series: BookingSeries, date: LocalDate): void {
  if (series.endedOn !== null && date >= series.endedOn) {
    throw new AppError('series.ended', `Booking series ${series.id} has no occurrences from ${series.endedOn} on`, { details: { series_id: series.id, ended_on: series.endedOn } });
  }
}

/**
 * Cancels the occurrences from `fromDate` on (never before today: the past stays as it was) that
 * can still change (pending or confirmed), moved ones too unless `onlyAttached`; started or
 * finished ones are left alone. Returns the ids cancelled.
 */
async function cancelFrom(
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

/**
 * Skips one occurrence: it is cancelled (reason "skipped"), or, when not made yet, recorded as
 * cancelled so generation will not make it.
 * @throws validation.failed — not a date of the rule. @throws series.not_found, series.ended,
 *   booking.invalid_transition (the occurrence already started or finished)
 */
export class SkipSeriesOccurrence {
  constructor(private readonly deps: SeriesDeps) {}

  async execute(ctx: RequestContext, input: { id: unknown; date: unknown }): Promise<Booking> {
    const checks = new InputChecks();
    const id = checks.uuid('/id', input.id);
    const date = checkFromDate(checks, '/date', input.date);
    checks.throwIfAny();
    return this.deps.uow.run(ctx, async (repos) => {
      const series = await lockedSeries(repos, id);
      assertOpenOn(series, date);
      if (occurrencesBetween(series.rule, series.startDate, series.end, date, date).length === 0) {
        throw AppError.validation([{ pointer: '/date', detail: `is not a date of this series (${describeRule(series.rule)})` }]);
      }
      const existing = (await repos.bookings.listSeriesOccurrences(id, date)).find((b) => b.occurrenceDate === date);
      let after: Booking;
      if (existing !== undefined) {
        after = { ...transition(existing, 'cancelled', ctx.now, 'skipped'), updatedAt: ctx.now };
        await repos.bookings.update(after);
      } else {
        // Recorded as a cancelled occurrence, so generation never makes the date.
        after = { ...occurrence(ctx, this.deps.ids.next(), series, date), detached: true, status: 'cancelled', cancellationReason: 'skipped', cancelledAt: ctx.now };
        await repos.bookings.insert(after);
      }
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: 'series.skip',
          resourceType: 'booking',
          resourceId: after.id,
          before: existing === undefined ? null : snapshot(existing),
          after: snapshot(after),
          metadata: { series_id: id, date },
        }),
      );
      return after;
    });
  }
}

/**
 * Ends a series from `fromDate`: cancels its occurrences from then on that have not started.
 * @throws validation.failed, series.not_found, series.ended
 */
export class CancelSeriesFrom {
  constructor(private readonly deps: SeriesDeps) {}

  async execute(ctx: RequestContext, input: { id: unknown; fromDate: unknown; reason: unknown }): Promise<{ series: BookingSeries; cancelled: number }> {
    const checks = new InputChecks();
    const id = checks.uuid('/id', input.id);
    const fromDate = checkFromDate(checks, '/fromDate', input.fromDate);
    const reason = checks.text('/reason', input.reason, { max: 500 });
    checks.throwIfAny();
    return this.deps.uow.run(ctx, async (repos) => {
      const before = await lockedSeries(repos, id);
      assertOpenOn(before, fromDate);
      const cancelled = (await cancelFrom(ctx, this.deps.ids, repos, before, fromDate, reason, false)).size;
      const after: BookingSeries = { ...before, endedOn: fromDate < before.startDate ? before.startDate : fromDate, updatedAt: ctx.now };
      await repos.bookingSeries.update(after);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, { action: 'series.cancel', resourceType: 'booking_series', resourceId: id, before: snapshot(before), after: snapshot(after), metadata: { reason, cancelled } }),
      );
      return { series: after, cancelled };
    });
  }
}

/**
 * "This and following": from `fromDate` the series continues as a new series with the changes;
 * the old one ends the day before. Occurrences from then on (today at the earliest) that were
 * not edited on their own are cancelled and made afresh under the new series; edited, skipped
 * and started ones move to the new series as they are.
 * @throws validation.failed, series.not_found, series.ended, and as for CreateBookingSeries.
 */
export class UpdateSeriesFrom {
  constructor(private readonly deps: SeriesDeps) {}

  async execute(ctx: RequestContext, input: SeriesFieldsInput & { id: unknown; fromDate: unknown; horizonDays?: unknown }): Promise<SeriesResult & { previous: BookingSeries }> {
    const checks = new InputChecks();
    const id = checks.uuid('/id', input.id);
    const fromDate = checkFromDate(checks, '/fromDate', input.fromDate);
    const rule = input.rule === undefined ? undefined : checkRecurrenceRule(checks, '/rule', input.rule);
    const time = input.time === undefined ? undefined : checkTime(checks, input.time);
    const duration = checks.integer('/durationMinutes', input.durationMinutes, { min: 15, max: 24 * 60 });
    const addressId = optionalUuid(checks, '/addressId', input.addressId);
    const serviceId = optionalUuid(checks, '/serviceId', input.serviceId);
    const teamId = optionalUuid(checks, '/teamId', input.teamId);
    const workerIds = input.workerIds === undefined ? undefined : input.workerIds === null ? [] : uuidList(checks, '/workerIds', input.workerIds);
    const notes = checks.optionalText('/notes', input.notes, { max: 4000 });
    const price = input.priceEstimateMinor === null ? null : checks.integer('/priceEstimateMinor', input.priceEstimateMinor, { min: 0, max: 100_000_000 });
    const horizon = checkHorizon(checks, input.horizonDays);
    if (input.clientId !== undefined) checks.fail('/clientId', 'a series keeps its client; end it and start another');
    checks.throwIfAny();
    return this.deps.uow.run(ctx, async (repos) => {
      const previous = await lockedSeries(repos, id);
      assertOpenOn(previous, fromDate);
      // With the rule unchanged the continuation keeps the old phase (an every-other-week series
      // stays on its weeks), so it starts on the old rule's first date from `fromDate`.
      const from = fromDate < previous.startDate ? previous.startDate : fromDate;
      const splitOn = rule === undefined ? occurrencesBetween(previous.rule, previous.startDate, previous.end, from, addDays(from, 400))[0]?.date ?? null : from;
      if (splitOn === null) assertOpenOn({ ...previous, endedOn: from }, from);
      if (addressId != null) await requireClientAddress(repos, previous.clientId, addressId);
      if (serviceId != null) await requireActiveService(repos, serviceId);
      const nextTeam = teamId === undefined ? previous.teamId : teamId;
      const nextWorkers = workerIds ?? previous.workerIds;
      await resolveAssignees(repos, nextTeam, nextWorkers);
      const before = occurrencesBetween(previous.rule, previous.startDate, previous.end, previous.startDate, addDays(splitOn!, -1)).length;
      const remaining = previous.end.count === null ? null : previous.end.count - before;
      if (remaining !== null && remaining <= 0) assertOpenOn({ ...previous, endedOn: splitOn! }, splitOn!);
      const cancelled = await cancelFrom(ctx, this.deps.ids, repos, previous, splitOn!, 'series changed', true);
      const ended: BookingSeries = { ...previous, endedOn: splitOn!, updatedAt: ctx.now };
      await repos.bookingSeries.update(ended);
      const next: BookingSeries = {
        ...previous,
        id: this.deps.ids.next(),
        rule: rule ?? previous.rule,
        startDate: splitOn!,
        localTime: time ?? previous.localTime,
        durationMinutes: duration ?? previous.durationMinutes,
        end: { count: remaining, until: previous.end.until },
        addressId: addressId === undefined ? previous.addressId : addressId,
        serviceId: serviceId === undefined ? previous.serviceId : serviceId,
        teamId: nextTeam,
        workerIds: nextWorkers,
        notes: notes === undefined ? previous.notes : notes,
        priceEstimateMinor: price === undefined ? previous.priceEstimateMinor : price,
        generatedThrough: null,
        endedOn: null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      };
      await repos.bookingSeries.insert(next);
      // What this split did not cancel from today on — moved, skipped or started occurrences —
      // now belongs to the continuation, so its dates are never made a second time; the past
      // stays with the old series.
      const now = today(ctx, next.timeZone);
      for (const kept of await repos.bookings.listSeriesOccurrences(id, splitOn! > now ? splitOn! : now)) {
        if (cancelled.has(kept.id)) continue;
        const moved: Booking = { ...kept, seriesId: next.id, updatedAt: ctx.now };
        await repos.bookings.update(moved);
        await repos.audit.append(
          auditEntry(ctx, this.deps.ids, { action: 'booking.series_moved', resourceType: 'booking', resourceId: kept.id, before: snapshot(kept), after: snapshot(moved), metadata: { from_series_id: id, series_id: next.id } }),
        );
      }
      const result = await materialise(ctx, this.deps.ids, repos, next, now > splitOn! ? now : splitOn!, addDays(now, horizon));
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, { action: 'series.split', resourceType: 'booking_series', resourceId: id, before: snapshot(previous), after: snapshot(ended), metadata: { continued_as: next.id, from_date: splitOn! } }),
      );
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: 'series.create',
          resourceType: 'booking_series',
          resourceId: next.id,
          after: snapshot(next),
          metadata: { continues: id, rule: describeRule(next.rule), occurrences_created: result.created.length, unassigned: result.unassigned.length },
        }),
      );
      await auditOccurrences(ctx, this.deps.ids, repos, result.created);
      return { ...result, previous: ended };
    });
  }
}

export interface GenerateSeriesResult {
  readonly orgsScanned: number;
  readonly seriesExtended: number;
  readonly occurrencesCreated: number;
  readonly unassigned: number;
  readonly orgsFailed: number;
}

const SERIES_BATCH = 200;

/**
 * The `booking-series-generate` job: in every org, makes occurrences of open series up to the
 * horizon from today. Idempotent (dates already made are skipped); one org failing does not stop
 * the others, and the run then fails with the first error so the host retries.
 */
export class GenerateSeriesOccurrences {
  constructor(private readonly deps: SeriesDeps & ForEachOrgDeps) {}

  async execute(sys: SystemContext, options: { horizonDays?: number } = {}): Promise<GenerateSeriesResult> {
    const checks = new InputChecks();
    const horizon = checkHorizon(checks, options.horizonDays);
    checks.throwIfAny();
    let seriesExtended = 0;
    let occurrencesCreated = 0;
    let unassigned = 0;
    const run = { action: 'system.booking_series_generate', metadata: { horizon_days: horizon } };
    const { orgsScanned, orgsFailed } = await forEachOrg(this.deps, sys, run, async (ctx) => {
      for (;;) {
        const batch = await this.deps.uow.run(ctx, async (repos) => {
          const zone = (await repos.orgSettings.get())?.timeZone ?? 'UTC';
          const from = today(ctx, zone);
          const through = addDays(from, horizon);
          const due = await repos.bookingSeries.listNeedingGeneration(through, SERIES_BATCH);
          for (const series of due) {
            // One horizon per org (its zone): a series listed as due is always advanced to it.
            const result = await materialise(ctx, this.deps.ids, repos, series, from > series.startDate ? from : series.startDate, through);
            await auditOccurrences(ctx, this.deps.ids, repos, result.created);
            occurrencesCreated += result.created.length;
            unassigned += result.unassigned.length;
          }
          return due.length;
        });
        seriesExtended += batch;
        if (batch < SERIES_BATCH) return;
      }
    });
    return { orgsScanned, seriesExtended, occurrencesCreated, unassigned, orgsFailed };
  }
}
