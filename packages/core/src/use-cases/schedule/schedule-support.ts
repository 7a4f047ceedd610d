/**
 * What the dispatcher's questions share: a conflict and its reason, and a window read on the
 * org's wall clock against a worker's hours. Answers explain themselves so any UI or agent can
 * show why.
 */
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import type { TimeWindow } from '../../ports/scheduling-repositories.port.js';
import type { CONFLICT_KINDS } from '../../domain/scheduling/schedule-schemas.js';
import { withinWorkingHours, type Blackout, type Worker } from '../../domain/scheduling/workforce.js';
import { addDays, minutesOfDay, toZoned, weekdayOf, type Weekday } from '../../domain/scheduling/zoned-time.js';

export interface ScheduleQueryDeps {
  readonly uow: UnitOfWork;
}

export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/** One reason the window does not work; `blocking: false` is a warning (outside working hours). */
export interface ScheduleConflict {
  readonly kind: ConflictKind;
  readonly blocking: boolean;
  readonly reason: string;
  readonly bookingId: string | null;
  readonly blackoutId: string | null;
  readonly workerId: string | null;
  readonly teamId: string | null;
  readonly startsAt: Date | null;
  readonly endsAt: Date | null;
}

export function conflict(c: Partial<ScheduleConflict> & Pick<ScheduleConflict, 'kind' | 'reason'>): ScheduleConflict {
  return {
    blocking: true,
    bookingId: null,
    blackoutId: null,
    workerId: null,
    teamId: null,
    startsAt: null,
    endsAt: null,
    ...c,
  };
}

export function blackoutConflict(b: Blackout): ScheduleConflict {
  const whom = b.scope === 'org' ? 'The organisation' : b.scope === 'team' ? `Team ${b.teamId}` : `Worker ${b.workerId}`;
  return conflict({
    kind: 'blackout',
    reason: `${whom} is blacked out from ${b.startsAt.toISOString()} to ${b.endsAt.toISOString()}: ${b.reason}`,
    blackoutId: b.id,
    workerId: b.workerId,
    teamId: b.teamId,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
  });
}

/** The window read on the org's wall clock: its weekday and minutes, or null when it spans days. */
export interface LocalWindow {
  readonly day: Weekday;
  readonly startMin: number;
  readonly endMin: number;
}

export function localWindow(window: TimeWindow, zone: string): LocalWindow | null {
  const start = toZoned(window.from, zone);
  const end = toZoned(window.to, zone);
  const endMin = end.date === start.date ? minutesOfDay(end.time) : end.date === addDays(start.date, 1) && end.time === '00:00' ? 1440 : -1;
  return endMin < 0 ? null : { day: weekdayOf(start.date), startMin: minutesOfDay(start.time), endMin };
}

/** True when the window lies in the worker's hours (a window spanning days only fits "always"). */
export function inWorkingHours(worker: Pick<Worker, 'workingHours'>, local: LocalWindow | null): boolean {
  if (worker.workingHours === null) return true;
  return local !== null && withinWorkingHours(worker.workingHours, local.day, local.startMin, local.endMin);
}
