/**
 * A window's and its day's occupied time for the whole org in ONE statement (ADR 22): each
 * worker's minutes in the day and whether they are busy in the window (aggregated in the
 * database, so a 500-worker org sends back ~500 short rows and no timestamps), the teams blocked
 * in the window, the blackouts overlapping it, and whether the excluded booking exists — four
 * SELECTs joined by UNION ALL with a `kind` column.
 *
 * Occupancy rows are found on the (org_id, starts_at) partial btrees with `starts_at` bounded on
 * both sides: a booking lasts at most MAX_BOOKING_MINUTES (a check of the table), so one
 * overlapping [from, to) starts after from − that. Blackouts have no longest length, so their scan
 * is bounded by `starts_at < to` alone; an org has few of them.
 */
import { AppError, MAX_BOOKING_MINUTES, compareByStart, type AvailabilityRepository, type Blackout, type BlackoutScope, type DayAvailability, type DayAvailabilityQuery, type TeamOccupancy, type WorkerConflictQuery, type WorkerConflicts, type WorkerDayLoad, type WorkerOccupancy, type WorkingHours } from '@cws/core';
import type { Knex } from 'knex';
import { translatePgError } from '../pg-errors.js';
import type { TenantDb } from '../tenant-transaction.js';
import type { SqlQuery } from './postgres-booking-repository.js';

type Row = Record<string, unknown>;

const earliestStart = (from: Date) => new Date(from.getTime() - MAX_BOOKING_MINUTES * 60_000);

/** The statement (exported for the plan test under RLS). */
export function dayAvailabilityQuery(orgId: string, q: DayAvailabilityQuery): SqlQuery {
  const { window, day, excludeBookingId } = q;
  const lo = window.from < day.from ? window.from : day.from;
  const hi = window.to > day.to ? window.to : day.to;
  const notExcluded = (alias: string) => (excludeBookingId === null ? '' : ` AND ${alias}.booking_id <> ?`);
  const excluded = excludeBookingId === null ? [] : [excludeBookingId];
  const parts = [
    // Per booking: its time clipped to the day, in whole minutes (as the core rounds), summed.
    `SELECT 'w' AS kind, w.worker_id AS id,
       sum(greatest(0, round(extract(epoch FROM least(w.ends_at, ?::timestamptz) - greatest(w.starts_at, ?::timestamptz)) / 60)))::int AS minutes,
       bool_or(w.starts_at < ?::timestamptz AND w.ends_at > ?::timestamptz) AS busy, NULL::json AS blackout
     FROM booking_workers w
     WHERE w.org_id = ? AND w.active AND w.starts_at < ? AND w.ends_at > ? AND w.starts_at > ?${notExcluded('w')}
     GROUP BY w.worker_id`,
    `SELECT 't', t.team_id, NULL, NULL, NULL
     FROM booking_team_blocks t
     WHERE t.org_id = ? AND t.active AND t.starts_at < ? AND t.ends_at > ? AND t.starts_at > ?${notExcluded('t')}
     GROUP BY t.team_id`,
    // Instants as epoch milliseconds: JSON has no timestamp type, and a number needs no parsing rules.
    `SELECT 'b', b.id, NULL, NULL,
       json_build_object('scope', b.scope, 'teamId', b.team_id, 'workerId', b.worker_id, 'reason', b.reason,
         'startsAt', extract(epoch FROM b.starts_at) * 1000, 'endsAt', extract(epoch FROM b.ends_at) * 1000, 'createdAt', extract(epoch FROM b.created_at) * 1000)
     FROM blackouts b
     WHERE b.org_id = ? AND b.starts_at < ? AND b.ends_at > ?`,
  ];
  const bindings: Knex.RawBinding[] = [
    day.to,
    day.from,
    window.to,
    window.from,
    orgId,
    hi,
    lo,
    earliestStart(lo),
    ...excluded,
    orgId,
    window.to,
    window.from,
    earliestStart(window.from),
    ...excluded,
    orgId,
    window.to,
    window.from,
  ];
  if (excludeBookingId !== null) {
    parts.push(`SELECT 'x', bk.id, NULL, NULL, NULL FROM bookings bk WHERE bk.org_id = ? AND bk.id = ?`);
    bindings.push(orgId, excludeBookingId);
  }
  return { sql: parts.join('\nUNION ALL\n'), bindings };
}

/**
 * A conflict check for one worker in ONE statement (the statement is exported for the plan test):
 * the worker, the org's time zone, the blackouts that bind them, their home team's blocks, their
 * own occupied time and whether the excluded booking exists, as rows of a UNION ALL with a kind
 * column, ordered by kind, start, booking and id (the orders the separate reads gave). The home
 * team comes from the worker's row in the same statement, so a moved worker is seen at once.
 */
export function workerConflictsQuery(orgId: string, q: WorkerConflictQuery): SqlQuery {
  const { window, workerId, excludeBookingId } = q;
  const notExcluded = (alias: string) => (excludeBookingId === null ? '' : ` AND ${alias}.booking_id <> ?`);
  const excluded = excludeBookingId === null ? [] : [excludeBookingId];
  const homeTeam = '(SELECT wk.team_id FROM workers wk WHERE wk.org_id = ? AND wk.id = ?)';
  const parts = [
    `SELECT 'k' AS kind, wk.id, NULL::uuid AS booking_id, NULL::timestamptz AS starts_at, NULL::timestamptz AS ends_at, NULL::boolean AS via_team,
       json_build_object('name', wk.name, 'active', wk.active, 'teamId', wk.team_id, 'workingHours', wk.working_hours) AS data
     FROM workers wk WHERE wk.org_id = ? AND wk.id = ?`,
    `SELECT 's', NULL, NULL, NULL, NULL, NULL, json_build_object('timeZone', s.time_zone) FROM org_settings s WHERE s.org_id = ?`,
    // Instants of the blackout's creation as epoch milliseconds: JSON has no timestamp type.
    `SELECT 'b', b.id, NULL, b.starts_at, b.ends_at, NULL,
       json_build_object('scope', b.scope, 'teamId', b.team_id, 'workerId', b.worker_id, 'reason', b.reason, 'createdAt', extract(epoch FROM b.created_at) * 1000)
     FROM blackouts b
     WHERE b.org_id = ? AND b.starts_at < ? AND b.ends_at > ?
       AND (b.scope = 'org' OR (b.scope = 'team' AND b.team_id = ${homeTeam}) OR (b.scope = 'worker' AND b.worker_id = ?))`,
    `SELECT 't', t.team_id, t.booking_id, t.starts_at, t.ends_at, NULL, NULL
     FROM booking_team_blocks t
     WHERE t.org_id = ? AND t.active AND t.starts_at < ? AND t.ends_at > ? AND t.starts_at > ? AND t.team_id = ${homeTeam}${notExcluded('t')}`,
    `SELECT 'o', w.worker_id, w.booking_id, w.starts_at, w.ends_at, w.via_team, NULL
     FROM booking_workers w
     WHERE w.org_id = ? AND w.active AND w.worker_id = ? AND w.starts_at < ? AND w.ends_at > ? AND w.starts_at > ?${notExcluded('w')}`,
  ];
  const bindings: Knex.RawBinding[] = [
    orgId,
    workerId,
    orgId,
    orgId,
    window.to,
    window.from,
    orgId,
    workerId,
    workerId,
    orgId,
    window.to,
    window.from,
    earliestStart(window.from),
    orgId,
    workerId,
    ...excluded,
    orgId,
    workerId,
    window.to,
    window.from,
    earliestStart(window.from),
    ...excluded,
  ];
  if (excludeBookingId !== null) {
    parts.push(`SELECT 'x', bk.id, NULL, NULL, NULL, NULL, NULL FROM bookings bk WHERE bk.org_id = ? AND bk.id = ?`);
    bindings.push(orgId, excludeBookingId);
  }
  return { sql: `${parts.join('\nUNION ALL\n')}\nORDER BY kind, starts_at, booking_id, id`, bindings };
}

function toBlackout(orgId: string, id: string, b: Record<string, unknown>): Blackout {
  return {
    id,
    orgId,
    scope: b['scope'] as BlackoutScope,
    teamId: (b['teamId'] as string | null) ?? null,
    workerId: (b['workerId'] as string | null) ?? null,
    startsAt: new Date(Math.floor(Number(b['startsAt']))),
    endsAt: new Date(Math.floor(Number(b['endsAt']))),
    reason: b['reason'] as string,
    createdAt: new Date(Math.floor(Number(b['createdAt']))),
  };
}

export class PostgresAvailabilityRepository implements AvailabilityRepository {
  constructor(
    private readonly db: TenantDb,
    /** Named in the statement besides RLS, as the booking reads do: the planner estimates a constant better. */
    private readonly orgId: string,
  ) {}

  async dayAvailability(q: DayAvailabilityQuery): Promise<DayAvailability> {
    const { sql, bindings } = dayAvailabilityQuery(this.orgId, q);
    let rows: Row[];
    try {
      rows = (await this.db.raw(sql, bindings)).rows as Row[];
    } catch (err) {
      throw translatePgError(err);
    }
    const workers: WorkerDayLoad[] = [];
    const busyTeamIds: string[] = [];
    const blackouts: Blackout[] = [];
    let found = false;
    for (const r of rows) {
      const id = r['id'] as string;
      switch (r['kind']) {
        case 'w':
          workers.push({ workerId: id, dayMinutes: r['minutes'] as number, busy: r['busy'] as boolean });
          break;
        case 't':
          busyTeamIds.push(id);
          break;
        case 'b':
          blackouts.push(toBlackout(this.orgId, id, r['blackout'] as Record<string, unknown>));
          break;
        case 'x':
          found = true;
          break;
        default:
          throw new AppError('internal.unexpected', `Unexpected row kind ${String(r['kind'])} in day availability`);
      }
    }
    blackouts.sort(compareByStart);
    return { workers, busyTeamIds, blackouts, excludedBookingFound: q.excludeBookingId === null ? null : found };
  }

  async workerConflicts(q: WorkerConflictQuery): Promise<WorkerConflicts> {
    const { sql, bindings } = workerConflictsQuery(this.orgId, q);
    let rows: Row[];
    try {
      rows = (await this.db.raw(sql, bindings)).rows as Row[];
    } catch (err) {
      throw translatePgError(err);
    }
    let worker: WorkerConflicts['worker'] = null;
    let timeZone: string | null = null;
    const blackouts: Blackout[] = [];
    const teamBlocks: TeamOccupancy[] = [];
    const occupancy: WorkerOccupancy[] = [];
    let found = false;
    for (const r of rows) {
      const id = r['id'] as string;
      const data = r['data'] as Record<string, unknown> | null;
      const startsAt = r['starts_at'] as Date;
      const endsAt = r['ends_at'] as Date;
      switch (r['kind']) {
        case 'k':
          worker = {
            id,
            name: data!['name'] as string,
            active: data!['active'] as boolean,
            teamId: (data!['teamId'] as string | null) ?? null,
            workingHours: (data!['workingHours'] as WorkingHours | null) ?? null,
          };
          break;
        case 's':
          timeZone = data!['timeZone'] as string;
          break;
        case 'b':
          blackouts.push({
            id,
            orgId: this.orgId,
            scope: data!['scope'] as BlackoutScope,
            teamId: (data!['teamId'] as string | null) ?? null,
            workerId: (data!['workerId'] as string | null) ?? null,
            startsAt,
            endsAt,
            reason: data!['reason'] as string,
            createdAt: new Date(Math.floor(Number(data!['createdAt']))),
          });
          break;
        case 't':
          teamBlocks.push({ bookingId: r['booking_id'] as string, teamId: id, startsAt, endsAt });
          break;
        case 'o':
          occupancy.push({ bookingId: r['booking_id'] as string, workerId: id, viaTeam: r['via_team'] as boolean, startsAt, endsAt });
          break;
        case 'x':
          found = true;
          break;
        default:
          throw new AppError('internal.unexpected', `Unexpected row kind ${String(r['kind'])} in a conflict check`);
      }
    }
    if (worker === null) return { worker, timeZone, blackouts: [], teamBlocks: [], occupancy: [], excludedBookingFound: q.excludeBookingId === null ? null : found };
    return { worker, timeZone, blackouts, teamBlocks, occupancy, excludedBookingFound: q.excludeBookingId === null ? null : found };
  }
}
