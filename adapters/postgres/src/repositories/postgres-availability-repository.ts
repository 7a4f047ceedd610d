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
import { AppError, MAX_BOOKING_MINUTES, compareByStart, type AvailabilityRepository, type Blackout, type BlackoutScope, type CheckedWorker, type DayAvailability, type DayAvailabilityQuery, type TeamConflictQuery, type TeamConflicts, type TeamOccupancy, type TimeWindow, type WorkerConflictQuery, type WorkerConflicts, type WorkerDayLoad, type WorkerOccupancy, type WorkingHours } from '@cws/core';
import type { Knex } from 'knex';
import { translatePgError } from '../pg-errors.js';
import type { TenantDb } from '../tenant-transaction.js';
import type { SqlQuery } from './postgres-booking-repository.js';

type Row = Record<string, unknown>;

const earliestStart = (from: Date) => new Date(from.getTime() - MAX_BOOKING_MINUTES * 60_000);

/** `org_id = ? … starts_at < ? AND ends_at > ? AND starts_at > ?[ AND booking_id <> ?]` of an occupancy part. */
const occupancyBindings = (orgId: string, window: TimeWindow, excluded: readonly string[]): Knex.RawBinding[] => [
  orgId,
  window.to,
  window.from,
  earliestStart(window.from),
  ...excluded,
];

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
    ...occupancyBindings(orgId, window, excluded),
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

/**
 * A conflict check for a team, its active members and perhaps one more worker in ONE statement
 * (exported for the plan test): the team, the members (numbered in name order), the named
 * worker, the zone, the blackouts binding any of them, the blocks of the team and of the named
 * worker's home team, and everyone's occupied time. The people and team ids are computed once
 * (CTEs) and reach the occupancy btrees as `= ANY(ARRAY(...))`, an index condition. Without the
 * team nothing but the settings row comes back.
 */
export function teamConflictsQuery(orgId: string, q: TeamConflictQuery): SqlQuery {
  const { window, teamId, workerId, excludeBookingId } = q;
  const notExcluded = (alias: string) => (excludeBookingId === null ? '' : ` AND ${alias}.booking_id <> ?`);
  const excluded = excludeBookingId === null ? [] : [excludeBookingId];
  const person = (alias: string) => `json_build_object('name', ${alias}.name, 'active', ${alias}.active, 'teamId', ${alias}.team_id, 'workingHours', ${alias}.working_hours)`;
  const sql = `WITH team AS (
  SELECT tm.id, tm.name, tm.active FROM teams tm WHERE tm.org_id = ? AND tm.id = ?
), named AS (
  SELECT wk.id, wk.name, wk.active, wk.team_id, wk.working_hours FROM workers wk
  WHERE wk.org_id = ? AND wk.id = ?::uuid AND EXISTS (SELECT 1 FROM team)
), members AS (
  SELECT wk.id, wk.name, wk.active, wk.team_id, wk.working_hours, row_number() OVER (ORDER BY wk.name COLLATE "C", wk.id)::int AS ord FROM workers wk
  WHERE wk.org_id = ? AND wk.team_id = ? AND wk.active AND EXISTS (SELECT 1 FROM team)
), team_ids AS (
  SELECT id FROM team UNION SELECT team_id FROM named WHERE team_id IS NOT NULL
), people AS (
  SELECT id FROM members UNION SELECT id FROM named
)
SELECT 'g' AS kind, g.id, NULL::int AS ord, NULL::uuid AS booking_id, NULL::timestamptz AS starts_at, NULL::timestamptz AS ends_at, NULL::boolean AS via_team,
  json_build_object('name', g.name, 'active', g.active) AS data
FROM team g
UNION ALL
SELECT 'm', m.id, m.ord, NULL, NULL, NULL, NULL, ${person('m')} FROM members m
UNION ALL
SELECT 'k', n.id, NULL, NULL, NULL, NULL, NULL, ${person('n')} FROM named n
UNION ALL
SELECT 's', NULL, NULL, NULL, NULL, NULL, NULL, json_build_object('timeZone', s.time_zone) FROM org_settings s WHERE s.org_id = ?
UNION ALL
SELECT 'b', b.id, NULL, NULL, b.starts_at, b.ends_at, NULL,
  json_build_object('scope', b.scope, 'teamId', b.team_id, 'workerId', b.worker_id, 'reason', b.reason, 'createdAt', extract(epoch FROM b.created_at) * 1000)
FROM blackouts b
WHERE b.org_id = ? AND b.starts_at < ? AND b.ends_at > ? AND EXISTS (SELECT 1 FROM team)
  AND (b.scope = 'org' OR (b.scope = 'team' AND b.team_id IN (SELECT id FROM team_ids)) OR (b.scope = 'worker' AND b.worker_id IN (SELECT id FROM people)))
UNION ALL
SELECT 't', t.team_id, NULL, t.booking_id, t.starts_at, t.ends_at, NULL, NULL
FROM booking_team_blocks t
WHERE t.org_id = ? AND t.active AND t.team_id = ANY(ARRAY(SELECT id FROM team_ids)) AND t.starts_at < ? AND t.ends_at > ? AND t.starts_at > ?${notExcluded('t')}
UNION ALL
SELECT 'o', w.worker_id, NULL, w.booking_id, w.starts_at, w.ends_at, w.via_team, NULL
FROM booking_workers w
WHERE w.org_id = ? AND w.active AND w.worker_id = ANY(ARRAY(SELECT id FROM people)) AND w.starts_at < ? AND w.ends_at > ? AND w.starts_at > ?${notExcluded('w')}${
    excludeBookingId === null ? '' : `\nUNION ALL\nSELECT 'x', bk.id, NULL, NULL, NULL, NULL, NULL, NULL FROM bookings bk WHERE bk.org_id = ? AND bk.id = ?`
  }
ORDER BY kind, ord, starts_at, booking_id, id`;
  const bindings: Knex.RawBinding[] = [
    orgId,
    teamId,
    orgId,
    workerId,
    orgId,
    teamId,
    orgId,
    orgId,
    window.to,
    window.from,
    ...occupancyBindings(orgId, window, excluded),
    ...occupancyBindings(orgId, window, excluded),
    ...(excludeBookingId === null ? [] : [orgId, excludeBookingId]),
  ];
  return { sql, bindings };
}

function checkedWorker(id: string, data: Record<string, unknown>): CheckedWorker {
  return {
    id,
    name: data['name'] as string,
    active: data['active'] as boolean,
    teamId: (data['teamId'] as string | null) ?? null,
    workingHours: (data['workingHours'] as WorkingHours | null) ?? null,
  };
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
    // Filled by the row callback (a holder, not a `let`: TypeScript keeps a `let` narrowed to null across the call).
    const own: { worker: WorkerConflicts['worker'] } = { worker: null };
    const read = await this.conflictRows(workerConflictsQuery(this.orgId, q), (kind, id, data) => {
      if (kind !== 'k') return false;
      own.worker = checkedWorker(id, data!);
      return true;
    });
    const { worker } = own;
    const excludedBookingFound = q.excludeBookingId === null ? null : read.found;
    if (worker === null) return { worker, timeZone: read.timeZone, blackouts: [], teamBlocks: [], occupancy: [], excludedBookingFound };
    return { worker, timeZone: read.timeZone, blackouts: read.blackouts, teamBlocks: read.teamBlocks, occupancy: read.occupancy, excludedBookingFound };
  }

  async teamConflicts(q: TeamConflictQuery): Promise<TeamConflicts> {
    const own: { team: TeamConflicts['team']; worker: CheckedWorker | null; members: CheckedWorker[] } = { team: null, worker: null, members: [] };
    const read = await this.conflictRows(teamConflictsQuery(this.orgId, q), (kind, id, data) => {
      if (kind === 'g') own.team = { id, name: data!['name'] as string, active: data!['active'] as boolean };
      else if (kind === 'm') own.members.push(checkedWorker(id, data!));
      else if (kind === 'k') own.worker = checkedWorker(id, data!);
      else return false;
      return true;
    });
    const { timeZone, blackouts, teamBlocks, occupancy } = read;
    return { ...own, timeZone, blackouts, teamBlocks, occupancy, excludedBookingFound: q.excludeBookingId === null ? null : read.found };
  }

  /**
   * Runs a conflict statement and sorts the rows every one of them has (settings, blackouts, team
   * blocks, occupancy, the excluded booking); `own` takes the statement's other kinds.
   */
  private async conflictRows(
    { sql, bindings }: SqlQuery,
    own: (kind: string, id: string, data: Record<string, unknown> | null) => boolean,
  ): Promise<{ timeZone: string | null; blackouts: Blackout[]; teamBlocks: TeamOccupancy[]; occupancy: WorkerOccupancy[]; found: boolean }> {
    let rows: Row[];
    try {
      rows = (await this.db.raw(sql, bindings)).rows as Row[];
    } catch (err) {
      throw translatePgError(err);
    }
    const read = { timeZone: null as string | null, blackouts: [] as Blackout[], teamBlocks: [] as TeamOccupancy[], occupancy: [] as WorkerOccupancy[], found: false };
    for (const r of rows) {
      const kind = r['kind'] as string;
      const id = r['id'] as string;
      const data = r['data'] as Record<string, unknown> | null;
      const startsAt = r['starts_at'] as Date;
      const endsAt = r['ends_at'] as Date;
      if (kind === 's') read.timeZone = data!['timeZone'] as string;
      else if (kind === 'b') read.blackouts.push(this.blackoutRow(id, data!, startsAt, endsAt));
      else if (kind === 't') read.teamBlocks.push({ bookingId: r['booking_id'] as string, teamId: id, startsAt, endsAt });
      else if (kind === 'o') read.occupancy.push({ bookingId: r['booking_id'] as string, workerId: id, viaTeam: r['via_team'] as boolean, startsAt, endsAt });
      else if (kind === 'x') read.found = true;
      else if (!own(kind, id, data)) throw new AppError('internal.unexpected', `Unexpected row kind ${kind} in a conflict check`);
    }
    return read;
  }

  /** A blackout row of a conflict statement: instants as columns, its creation in epoch milliseconds. */
  private blackoutRow(id: string, data: Record<string, unknown>, startsAt: Date, endsAt: Date): Blackout {
    return {
      id,
      orgId: this.orgId,
      scope: data['scope'] as BlackoutScope,
      teamId: (data['teamId'] as string | null) ?? null,
      workerId: (data['workerId'] as string | null) ?? null,
      startsAt,
      endsAt,
      reason: data['reason'] as string,
      createdAt: new Date(Math.floor(Number(data['createdAt']))),
    };
  }
}
