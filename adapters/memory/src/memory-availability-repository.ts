/**
 * A window's and its day's occupied time in memory, as the PostgreSQL statement answers it: per
 * worker the minutes of each occupying booking clipped to the day and rounded, summed, and
 * whether one overlaps the window; teams blocked in the window; blackouts overlapping it.
 */
import {
  compareByStart,
  occupiesTime,
  overlaps,
  type AvailabilityRepository,
  type Booking,
  type DayAvailability,
  type DayAvailabilityQuery,
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
}
