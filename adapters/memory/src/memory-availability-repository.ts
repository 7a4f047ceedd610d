/**
 * A window's and its day's occupied time in memory, as the PostgreSQL statement answers it: per
 * worker the minutes of each occupying booking clipped to the day and rounded, summed, and
 * whether one overlaps the window; teams blocked in the window; blackouts overlapping it.
 */
import {
  compareByNameThenId,
  compareByStart,
  occupiesTime,
  overlaps,
  type AvailabilityRepository,
  type Booking,
  type DayAvailability,
  type DayAvailabilityQuery,
  type CheckedWorker,
  type TeamConflictQuery,
  type TeamConflicts,
  type WorkerOccupancy,
  type TimeWindow,
  type WorkerConflictQuery,
  type WorkerConflicts,
  type WorkerDayLoad,
} from '@cws/core';
import { copy, type TenantTables } from './memory-state.js';

const span = (w: TimeWindow) => ({ startsAt: w.from, endsAt: w.to });

function minutesWithin(b: Booking, day: TimeWindow): number {
  const from = Math.max(b.startsAt.getTime(), day.from.getTime());
  const to = Math.min(b.endsAt.getTime(), day.to.getTime());
  return Math.max(0, Math.round((to - from) / 60_000));
}

export class MemoryAvailabilityRepository implements AvailabilityRepository {
  constructor(
    private readonly orgId: string,
    private readonly t: TenantTables,
  ) {}

  async dayAvailability(q: DayAvailabilityQuery): Promise<DayAvailability> {
    const loads = new Map<string, { dayMinutes: number; busy: boolean }>();
    const busyTeamIds = new Set<string>();
    for (const b of this.t.bookings.values()) {
      if (b.orgId !== this.orgId || b.id === q.excludeBookingId || !occupiesTime(b.status)) continue;
      const inWindow = overlaps(b, span(q.window));
      if (!inWindow && !overlaps(b, span(q.day))) continue;
      if (inWindow && b.teamId !== null) busyTeamIds.add(b.teamId);
      for (const w of b.workers) {
        const load = loads.get(w.workerId) ?? { dayMinutes: 0, busy: false };
        loads.set(w.workerId, { dayMinutes: load.dayMinutes + minutesWithin(b, q.day), busy: load.busy || inWindow });
      }
    }
    const workers: WorkerDayLoad[] = [...loads].map(([workerId, load]) => ({ workerId, ...load }));
    const blackouts = [...this.t.blackouts.values()].filter((b) => b.orgId === this.orgId && overlaps(b, span(q.window))).sort(compareByStart).map(copy);
    const excluded = q.excludeBookingId === null ? null : this.t.bookings.get(q.excludeBookingId);
    return {
      workers,
      busyTeamIds: [...busyTeamIds],
      blackouts,
      excludedBookingFound: excluded === null ? null : excluded !== undefined && excluded.orgId === this.orgId,
    };
  }

  async workerConflicts(q: WorkerConflictQuery): Promise<WorkerConflicts> {
    const excluded = q.excludeBookingId === null ? null : this.t.bookings.get(q.excludeBookingId);
    const excludedBookingFound = excluded === null ? null : excluded !== undefined && excluded.orgId === this.orgId;
    const row = this.t.workers.get(q.workerId);
    const timeZone = this.t.orgSettings.get(this.orgId)?.timeZone ?? null;
    if (row === undefined || row.orgId !== this.orgId) return { worker: null, timeZone, blackouts: [], teamBlocks: [], occupancy: [], excludedBookingFound };
    const worker = { id: row.id, name: row.name, active: row.active, teamId: row.teamId, workingHours: row.workingHours };
    const binds = (b: { scope: string; teamId: string | null; workerId: string | null }) =>
      b.scope === 'org' || (b.scope === 'team' && b.teamId !== null && b.teamId === worker.teamId) || (b.scope === 'worker' && b.workerId === worker.id);
    const blackouts = [...this.t.blackouts.values()].filter((b) => b.orgId === this.orgId && overlaps(b, span(q.window)) && binds(b)).sort(compareByStart).map(copy);
    const occupying = [...this.t.bookings.values()]
      .filter((b) => b.orgId === this.orgId && b.id !== q.excludeBookingId && occupiesTime(b.status) && overlaps(b, span(q.window)))
      .sort(compareByStart);
    const teamBlocks = occupying
      .filter((b) => b.teamId !== null && b.teamId === worker.teamId)
      .map((b) => ({ bookingId: b.id, teamId: b.teamId!, startsAt: new Date(b.startsAt), endsAt: new Date(b.endsAt) }));
    const occupancy = occupying.flatMap((b) =>
      b.workers.filter((w) => w.workerId === worker.id).map((w) => ({ bookingId: b.id, workerId: w.workerId, viaTeam: w.viaTeam, startsAt: new Date(b.startsAt), endsAt: new Date(b.endsAt) })),
    );
    return { worker: copy(worker), timeZone, blackouts, teamBlocks, occupancy, excludedBookingFound };
  }

  async teamConflicts(q: TeamConflictQuery): Promise<TeamConflicts> {
    const excluded = q.excludeBookingId === null ? null : this.t.bookings.get(q.excludeBookingId);
    const excludedBookingFound = excluded === null ? null : excluded !== undefined && excluded.orgId === this.orgId;
    const timeZone = this.t.orgSettings.get(this.orgId)?.timeZone ?? null;
    const row = this.t.teams.get(q.teamId);
    if (row === undefined || row.orgId !== this.orgId) return { team: null, members: [], worker: null, timeZone, blackouts: [], teamBlocks: [], occupancy: [], excludedBookingFound };
    const checked = (w: CheckedWorker): CheckedWorker => copy({ id: w.id, name: w.name, active: w.active, teamId: w.teamId, workingHours: w.workingHours });
    const members = [...this.t.workers.values()].filter((w) => w.orgId === this.orgId && w.teamId === row.id && w.active).sort(compareByNameThenId).map(checked);
    const named = q.workerId === null ? undefined : this.t.workers.get(q.workerId);
    const worker = named === undefined || named.orgId !== this.orgId ? null : checked(named);
    const teamIds = new Set([row.id, ...(worker?.teamId == null ? [] : [worker.teamId])]);
    const people = new Set([...members.map((w) => w.id), ...(worker === null ? [] : [worker.id])]);
    const binds = (b: { scope: string; teamId: string | null; workerId: string | null }) =>
      b.scope === 'org' || (b.scope === 'team' && b.teamId !== null && teamIds.has(b.teamId)) || (b.scope === 'worker' && b.workerId !== null && people.has(b.workerId));
    const blackouts = [...this.t.blackouts.values()].filter((b) => b.orgId === this.orgId && overlaps(b, span(q.window)) && binds(b)).sort(compareByStart).map(copy);
    const occupying = [...this.t.bookings.values()]
      .filter((b) => b.orgId === this.orgId && b.id !== q.excludeBookingId && occupiesTime(b.status) && overlaps(b, span(q.window)))
      .sort(compareByStart);
    const teamBlocks = occupying
      .filter((b) => b.teamId !== null && teamIds.has(b.teamId))
      .map((b) => ({ bookingId: b.id, teamId: b.teamId!, startsAt: new Date(b.startsAt), endsAt: new Date(b.endsAt) }));
    const occupancy: WorkerOccupancy[] = occupying.flatMap((b) =>
      b.workers
        .filter((w) => people.has(w.workerId))
        .sort((x, y) => (x.workerId < y.workerId ? -1 : x.workerId > y.workerId ? 1 : 0))
        .map((w) => ({ bookingId: b.id, workerId: w.workerId, viaTeam: w.viaTeam, startsAt: new Date(b.startsAt), endsAt: new Date(b.endsAt) })),
    );
    return { team: { id: row.id, name: row.name, active: row.active }, members, worker, timeZone, blackouts, teamBlocks, occupancy, excludedBookingFound };
  }
}
