/**
 * Scheduling objects → JSON (snake_case, ISO dates). A worker's portal password hash never
 * appears: workers are presented field by field, whether the core gave a WorkerView or (board) a
 * Worker; suggestions name workers by id, name and team only. Viewers get workers' phone and email masked, and the free text people
 * type about someone withheld: booking and series notes, cancellation and blackout reasons, and
 * the same fields in a booking's history — by the core's policy (pii-masking.ts).
 */
import type {
  AuditEntry,
  Blackout,
  Booking,
  BookingSeries,
  ConflictReport,
  QueueItem,
  RecurrenceRule,
  ScheduleBoard,
  ScheduleConflict,
  SeriesResult,
  Service,
  Suggestions,
  Team,
  UnassignedOccurrence,
  VisitDetails,
  Worker,
  WorkerJob,
  WorkerView,
} from '@cws/core';
import { toZonedIso } from '@cws/core';
import { camelToSnakeKey } from '../http/case-conversion.js';
import { addressJson, auditJson } from './presenters.js';
import { FULL_VIEW, maskPersonalFields, showEmail, showFreeText, showPhone, type PresentOptions } from './pii-masking.js';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export function teamJson(t: Team) {
  return { id: t.id, org_id: t.orgId, name: t.name, active: t.active, created_at: t.createdAt.toISOString(), updated_at: t.updatedAt.toISOString() };
}

function hasPassword(w: Worker | WorkerView): boolean {
  return 'hasPortalPassword' in w ? w.hasPortalPassword : w.portalPasswordHash !== null;
}

function workingHoursJson(w: Pick<Worker, 'workingHours'>) {
  if (w.workingHours === null) return null;
  return Object.fromEntries(Object.entries(w.workingHours).map(([day, spans]) => [day, (spans ?? []).map((s) => ({ start: s.start, end: s.end }))]));
}

/** The whole record: who, contact details (masked for viewers), skills, team, hours, state, whether a portal password is set, and timestamps. */
export function workerJson(w: Worker | WorkerView, view: PresentOptions = FULL_VIEW) {
  return {
    id: w.id,
    name: w.name,
    phone: showPhone(view, w.phone),
    email: showEmail(view, w.email),
    skills: [...w.skills],
    team_id: w.teamId,
    working_hours: workingHoursJson(w),
    org_id: w.orgId,
    active: w.active,
    has_portal_password: hasPassword(w),
    must_change_portal_password: w.mustChangePortalPassword,
    created_at: w.createdAt.toISOString(),
    updated_at: w.updatedAt.toISOString(),
  };
}

/** What a worker sees of themselves in the portal. */
export function workerSelfJson(w: WorkerView) {
  return {
    id: w.id,
    org_id: w.orgId,
    name: w.name,
    phone: w.phone,
    email: w.email,
    skills: [...w.skills],
    team_id: w.teamId,
    working_hours: workingHoursJson(w),
    must_change_password: w.mustChangePortalPassword,
  };
}

export function serviceJson(s: Service) {
  return {
    id: s.id,
    org_id: s.orgId,
    name: s.name,
    duration_minutes: s.durationMinutes,
    price_minor: s.priceMinor,
    deposit_percent_basis: s.depositPercentBasis,
    deposit_cents: s.depositCents,
    active: s.active,
    created_at: s.createdAt.toISOString(),
    updated_at: s.updatedAt.toISOString(),
  };
}

export function blackoutJson(b: Blackout, view: PresentOptions = FULL_VIEW) {
  return {
    id: b.id,
    org_id: b.orgId,
    scope: b.scope,
    team_id: b.teamId,
    worker_id: b.workerId,
    starts_at: b.startsAt.toISOString(),
    ends_at: b.endsAt.toISOString(),
    // "Surgery", "court date": an absence reason is often about the worker's private life.
    reason: showFreeText(view, b.reason),
    created_at: b.createdAt.toISOString(),
  };
}

const workersJson = (b: Booking) => b.workers.map((w) => ({ worker_id: w.workerId, via_team: w.viaTeam }));

export function bookingJson(b: Booking, view: PresentOptions = FULL_VIEW) {
  return {
    id: b.id,
    org_id: b.orgId,
    client_id: b.clientId,
    address_id: b.addressId,
    service_id: b.serviceId,
    series_id: b.seriesId,
    occurrence_date: b.occurrenceDate,
    detached: b.detached,
    starts_at: b.startsAt.toISOString(),
    ends_at: b.endsAt.toISOString(),
    time_zone: b.timeZone,
    local_starts_at: toZonedIso(b.startsAt, b.timeZone),
    local_ends_at: toZonedIso(b.endsAt, b.timeZone),
    status: b.status,
    team_id: b.teamId,
    workers: workersJson(b),
    notes: showFreeText(view, b.notes),
    price_estimate_minor: b.priceEstimateMinor,
    currency: b.currency,
    cancellation_reason: showFreeText(view, b.cancellationReason),
    started_at: iso(b.startedAt),
    completed_at: iso(b.completedAt),
    cancelled_at: iso(b.cancelledAt),
    created_at: b.createdAt.toISOString(),
    updated_at: b.updatedAt.toISOString(),
  };
}

export function ruleJson(rule: RecurrenceRule) {
  if (rule.freq === 'weekly') return { freq: rule.freq, interval: rule.interval, weekdays: [...rule.weekdays] };
  if ('monthDay' in rule) return { freq: rule.freq, interval: rule.interval, month_day: rule.monthDay };
  return { freq: rule.freq, interval: rule.interval, nth_weekday: { n: rule.nthWeekday.n, weekday: rule.nthWeekday.weekday } };
}

export function seriesJson(s: BookingSeries, view: PresentOptions = FULL_VIEW) {
  return {
    id: s.id,
    org_id: s.orgId,
    client_id: s.clientId,
    address_id: s.addressId,
    service_id: s.serviceId,
    rule: ruleJson(s.rule),
    start_date: s.startDate,
    time: s.localTime,
    duration_minutes: s.durationMinutes,
    time_zone: s.timeZone,
    count: s.end.count,
    until: s.end.until,
    team_id: s.teamId,
    worker_ids: [...s.workerIds],
    notes: showFreeText(view, s.notes),
    price_estimate_minor: s.priceEstimateMinor,
    currency: s.currency,
    generated_through: s.generatedThrough,
    ended_on: s.endedOn,
    created_at: s.createdAt.toISOString(),
    updated_at: s.updatedAt.toISOString(),
  };
}

export function unassignedJson(u: UnassignedOccurrence) {
  return { booking_id: u.bookingId, date: u.date, code: u.code, reason: u.reason, details: u.details };
}

export function seriesResultJson(r: SeriesResult) {
  return { series: seriesJson(r.series), created: r.created.map((b) => bookingJson(b)), unassigned: r.unassigned.map(unassignedJson) };
}

const windowJson = (w: { from: Date; to: Date }) => ({ start: w.from.toISOString(), end: w.to.toISOString() });

export function conflictJson(c: ScheduleConflict) {
  return {
    kind: c.kind,
    blocking: c.blocking,
    reason: c.reason,
    booking_id: c.bookingId,
    blackout_id: c.blackoutId,
    worker_id: c.workerId,
    team_id: c.teamId,
    starts_at: iso(c.startsAt),
    ends_at: iso(c.endsAt),
  };
}

export function conflictReportJson(r: ConflictReport) {
  return { window: windowJson(r.window), available: r.available, conflicts: r.conflicts.map(conflictJson) };
}

/** Only what a dispatcher picks by: no contact details, so nothing to mask. */
export function suggestionsJson(s: Suggestions) {
  return {
    window: windowJson(s.window),
    blocked_by: s.blockedBy.map(conflictJson),
    total: { teams: s.total.teams, workers: s.total.workers },
    teams: s.teams.map((t) => ({ team: { id: t.team.id, name: t.team.name }, member_count: t.memberCount, load_minutes: t.loadMinutes, rank: t.rank, reasons: [...t.reasons] })),
    workers: s.workers.map((w) => ({
      worker: { id: w.worker.id, name: w.worker.name, team_id: w.worker.teamId, team_name: w.worker.teamName },
      skills_matched: [...w.skillsMatched],
      skills_missing: [...w.skillsMissing],
      within_working_hours: w.withinWorkingHours,
      load_minutes: w.loadMinutes,
      rank: w.rank,
      reasons: [...w.reasons],
    })),
  };
}

/** A booking on the board: the booking, for whom (the client's name) and where (the address as a client's addresses show it). */
function boardBookingJson(b: Booking, visit: VisitDetails | undefined, view: PresentOptions) {
  return {
    ...bookingJson(b, view),
    client: { id: b.clientId, name: visit?.client.name ?? '' },
    address: visit?.address == null ? null : addressJson(visit.address, view),
    service_name: visit?.serviceName ?? null,
  };
}

export function boardJson(b: ScheduleBoard, view: PresentOptions = FULL_VIEW) {
  const entry = (x: Booking) => boardBookingJson(x, b.visits.get(x.id), view);
  return {
    window: windowJson(b.window),
    time_zone: b.timeZone,
    workers: b.workers.map((row) => ({ worker: workerJson(row.worker, view), bookings: row.bookings.map(entry) })),
    unassigned: b.unassigned.map(entry),
  };
}

export function queueItemJson(item: QueueItem, view: PresentOptions = FULL_VIEW) {
  return { booking: bookingJson(item.booking, view), urgent: item.urgent };
}

/** A snapshot's keys as the API spells them (snake_case), nested objects and arrays included. */
function snakeSnapshot(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeSnapshot);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [camelToSnakeKey(k), snakeSnapshot(v)]));
}

const snakeOf = (snapshot: Record<string, unknown> | null) => (snapshot === null ? null : (snakeSnapshot(snapshot) as Record<string, unknown>));

/**
 * A booking's audit entry, as GET /bookings/{id}/history answers: the snapshots (before, after)
 * and the metadata (a cancellation's reason) carry the booking's personal fields too, so they are
 * masked by the same policy (by field name, at any depth), then spelled in the API's snake_case.
 */
export function bookingHistoryJson(e: AuditEntry, view: PresentOptions = FULL_VIEW) {
  const json = auditJson(e);
  return {
    ...json,
    before: snakeOf(maskPersonalFields(view, json.before)),
    after: snakeOf(maskPersonalFields(view, json.after)),
    metadata: maskPersonalFields(view, json.metadata),
  };
}

/** A job as its worker sees it: when (with the local wall clock), where, for whom, what to do and may do now; no prices. */
export function workerJobJson(job: WorkerJob) {
  const b = job.booking;
  return {
    id: b.id,
    status: b.status,
    starts_at: b.startsAt.toISOString(),
    ends_at: b.endsAt.toISOString(),
    time_zone: b.timeZone,
    local_starts_at: toZonedIso(b.startsAt, b.timeZone),
    local_ends_at: toZonedIso(b.endsAt, b.timeZone),
    allowed_actions: [...job.allowedActions],
    can_start_from: iso(job.startableFrom),
    service_name: job.serviceName,
    notes: b.notes,
    client: { name: job.client.name, phone: job.client.phone },
    address: job.address === null ? null : addressJson(job.address),
    team_id: b.teamId,
    workers: workersJson(b),
    series_id: b.seriesId,
    occurrence_date: b.occurrenceDate,
    started_at: iso(b.startedAt),
    completed_at: iso(b.completedAt),
  };
}
