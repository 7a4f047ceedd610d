import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { CheckWindowFields, ConflictReportView } from '../../domain/scheduling/schedule-schemas.js';
import { MAX_CHECK_HOURS, scheduleWindow } from '../../domain/scheduling/schedule-window.js';
import type { Blackout, Team, Worker } from '../../domain/scheduling/workforce.js';
import type { CheckedWorker } from '../../ports/availability-repository.port.js';
import type { TeamOccupancy, TimeWindow, WorkerOccupancy } from '../../ports/scheduling-repositories.port.js';
import { notFound, orgZone, requireWorker, zoneOf } from '../scheduling/scheduling-support.js';
import { blackoutConflict, conflict, inWorkingHours, localWindow, type ScheduleConflict, type ScheduleQueryDeps } from './schedule-support.js';

const contract = defineContract({
  name: 'CheckConflicts',
  input: Type.Object(
    {
      ...CheckWindowFields,
      teamId: Type.Optional(Uuid({ description: 'The team that would take it' })),
      workerId: Type.Optional(Uuid({ description: 'The worker who would take it' })),
      bookingId: Type.Optional(Uuid({ description: 'Ignored as a clash (the booking being moved); without team and worker, its own people are checked' })),
    },
    { additionalProperties: false },
  ),
  output: ConflictReportView,
});

export type CheckConflictsInput = ContractInput<typeof contract>;

export interface ConflictReport {
  readonly window: TimeWindow;
  /** True when nothing blocking was found. */
  readonly available: boolean;
  readonly conflicts: readonly ScheduleConflict[];
}

/**
 * Every blocking booking, blackout and worker clash for the window, each with its reason.
 * @throws validation.failed — end not after start, window over 7 days, malformed id.
 * @throws team.not_found, worker.not_found, booking.not_found — including another org's ids.
 */
export class CheckConflicts {
  static readonly contract = contract;

  constructor(private readonly deps: ScheduleQueryDeps) {}

  async execute(ctx: RequestContext, input: CheckConflictsInput): Promise<ConflictReport> {
    const checked = checkInput(contract, input);
    const window = scheduleWindow(checked.start, checked.end, MAX_CHECK_HOURS);
    const teamId = checked.teamId ?? null;
    const workerId = checked.workerId ?? null;
    const bookingId = checked.bookingId ?? null;
    if (teamId !== null) return this.forTeam(ctx, window, teamId, workerId, bookingId);
    if (workerId !== null) return this.forWorker(ctx, window, workerId, bookingId);
    // Neither team nor worker: the booking's own people, or org-wide blackouts alone.
    return this.deps.uow.run(ctx, async (repos) => {
      const { timeZone } = await orgZone(repos);
      let teamIds: string[] = [];
      const workers: Worker[] = [];
      if (bookingId !== null) {
        const booking = await repos.bookings.findById(bookingId);
        if (booking === null) throw notFound.booking(bookingId);
        teamIds = booking.teamId === null ? [] : [booking.teamId];
        for (const w of booking.workers) workers.push(await requireWorker(repos, w.workerId));
      }
      const workerIds = workers.map((w) => w.id);
      return report(window, timeZone, {
        team: null,
        workers,
        blackouts: await repos.blackouts.listOverlapping(window, { teamIds, workerIds }),
        teamBlocks: teamIds.length === 0 ? [] : await repos.bookings.teamOccupancy(window, { teamIds, excludeBookingId: bookingId }),
        occupancy: workerIds.length === 0 ? [] : await repos.bookings.workerOccupancy(window, { workerIds, excludeBookingId: bookingId }),
      });
    });
  }

  /**
   * A team (its active members), perhaps one more worker and a booking being moved, as ONE
   * statement in a read-only unit, as for one worker: the team, its members, the named worker,
   * the zone, the binding blackouts, the blocks of the team and the worker's home team, and
   * everyone's occupied time. Not found is decided in the order team, worker, booking.
   */
  private async forTeam(ctx: RequestContext, window: TimeWindow, teamId: string, workerId: string | null, bookingId: string | null): Promise<ConflictReport> {
    const read = await this.deps.uow.run(ctx, (repos) => repos.availability.teamConflicts({ window, teamId, workerId, excludeBookingId: bookingId }), { readOnly: true });
    if (read.team === null) throw notFound.team(teamId);
    if (workerId !== null && read.worker === null) throw notFound.worker(workerId);
    if (bookingId !== null && read.excludedBookingFound === false) throw notFound.booking(bookingId);
    const extra = read.worker;
    const workers = extra === null || read.members.some((w) => w.id === extra.id) ? read.members : [...read.members, extra];
    return report(window, read.timeZone ?? zoneOf(null).timeZone, { ...read, workers });
  }

  /**
   * The common check — one worker, perhaps a booking being moved — as ONE statement in a
   * read-only unit (ADR 22, ADR 23): one round trip, no BEGIN/COMMIT. It has no side effects,
   * so running it twice is harmless.
   */
  private async forWorker(ctx: RequestContext, window: TimeWindow, workerId: string, bookingId: string | null): Promise<ConflictReport> {
    const read = await this.deps.uow.run(ctx, (repos) => repos.availability.workerConflicts({ window, workerId, excludeBookingId: bookingId }), { readOnly: true });
    if (read.worker === null) throw notFound.worker(workerId);
    if (bookingId !== null && read.excludedBookingFound === false) throw notFound.booking(bookingId);
    return report(window, read.timeZone ?? zoneOf(null).timeZone, { team: null, workers: [read.worker], ...read });
  }
}

/** The report from what was read: blackouts, team blocks, worker clashes, then inactive and off-hours people. */
function report(
  window: TimeWindow,
  timeZone: string,
  read: {
    readonly team: Pick<Team, 'id' | 'active'> | null;
    readonly workers: readonly Pick<CheckedWorker, 'id' | 'name' | 'active' | 'workingHours'>[];
    readonly blackouts: readonly Blackout[];
    readonly teamBlocks: readonly TeamOccupancy[];
    readonly occupancy: readonly WorkerOccupancy[];
  },
): ConflictReport {
  const { team, workers } = read;
  const local = localWindow(window, timeZone);
  const found: ScheduleConflict[] = [];
  for (const b of read.blackouts) found.push(blackoutConflict(b));
  for (const t of read.teamBlocks) {
    found.push(
      conflict({
        kind: 'booking',
        reason: `Team ${t.teamId} is booked from ${t.startsAt.toISOString()} to ${t.endsAt.toISOString()} (booking ${t.bookingId})`,
        bookingId: t.bookingId,
        teamId: t.teamId,
        startsAt: t.startsAt,
        endsAt: t.endsAt,
      }),
    );
  }
  const names = new Map(workers.map((w) => [w.id, w.name]));
  for (const o of read.occupancy) {
    found.push(
      conflict({
        kind: 'booking',
        reason: `${names.get(o.workerId) ?? 'Worker'} (${o.workerId}) is booked from ${o.startsAt.toISOString()} to ${o.endsAt.toISOString()} (booking ${o.bookingId}${o.viaTeam ? ', with their team' : ''})`,
        bookingId: o.bookingId,
        workerId: o.workerId,
        startsAt: o.startsAt,
        endsAt: o.endsAt,
      }),
    );
  }
  if (team !== null && !team.active) {
    found.push(conflict({ kind: 'inactive', reason: `Team ${team.id} is inactive`, teamId: team.id }));
  }
  for (const w of workers) {
    if (!w.active) found.push(conflict({ kind: 'inactive', reason: `${w.name} (${w.id}) is inactive`, workerId: w.id }));
    else if (!inWorkingHours(w, local)) {
      found.push(conflict({ kind: 'outside_working_hours', blocking: false, reason: `${w.name} (${w.id}) does not work then (hours in ${timeZone})`, workerId: w.id }));
    }
  }
  return { window, available: !found.some((c) => c.blocking), conflicts: found };
}
