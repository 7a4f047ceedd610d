import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { Nullable, OneOf, Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { sortWorkers, type Booking } from '../../domain/scheduling/booking.js';
import { assertAssignmentNamesSomebody } from '../../domain/scheduling/booking-input.js';
import { BookingView, BookingWorkerIds } from '../../domain/scheduling/booking-schemas.js';
import { assigneesFrom, workersOf } from './booking-write-context.js';
import { assertPlannable, changeBooking, type BookingDeps } from './booking-support.js';

export const BOOKING_ASSIGNMENT_MODES = ['add', 'remove', 'replace'] as const;
export type AssignmentMode = (typeof BOOKING_ASSIGNMENT_MODES)[number];

const contract = defineContract({
  name: 'ChangeBookingAssignment',
  input: Type.Object(
    {
      id: Uuid(),
      mode: OneOf(BOOKING_ASSIGNMENT_MODES, { description: 'add (assign), remove (unassign) or replace (reassign)' }),
      teamId: Type.Optional(Nullable(Uuid(), { description: 'add: the team to set (replacing any); remove: the team to take off; replace: the team, or none' })),
      workerIds: Type.Optional(Nullable(BookingWorkerIds)),
    },
    { additionalProperties: false },
  ),
  output: BookingView,
});

export type ChangeBookingAssignmentInput = ContractInput<typeof contract>;

const ACTIONS: Record<AssignmentMode, string> = { add: 'booking.assign', remove: 'booking.unassign', replace: 'booking.reassign' };

/**
 * Assigns, unassigns or reassigns: `add` names more workers (and a team, replacing any), `remove`
 * takes workers (and the team, when `teamId` is it) off, `replace` sets exactly the team and
 * workers given. A team brings its active members. Audited as booking.assign, booking.unassign
 * or booking.reassign; an occurrence is detached from its series. Each worker put on or taken
 * off it is told so (booking-notifications.ts).
 * @throws validation.failed — a field the contract refuses; add and remove name nobody.
 * @throws booking.not_found, booking.not_plannable, team.not_found, team.inactive,
 *   worker.not_found, worker.inactive, booking.blacked_out, booking.slot_unavailable
 */
export class ChangeBookingAssignment {
  static readonly contract = contract;

  constructor(private readonly deps: BookingDeps) {}

  async execute(ctx: RequestContext, input: ChangeBookingAssignmentInput): Promise<Booking> {
    const checked = checkInput(contract, input);
    const { id, mode, teamId } = checked;
    const workerIds = checked.workerIds ?? [];
    if (mode !== 'replace') assertAssignmentNamesSomebody(teamId, workerIds);
    /** The team and the named workers after the change. */
    const target = (before: Booking): { team: string | null; workers: string[] } => {
      const named = before.workers.filter((w) => !w.viaTeam).map((w) => w.workerId);
      if (mode === 'add') return { team: teamId ?? before.teamId, workers: [...new Set([...named, ...workerIds])] };
      if (mode === 'remove') return { team: teamId != null && teamId === before.teamId ? null : before.teamId, workers: named.filter((w) => !workerIds.includes(w)) };
      return { team: teamId ?? null, workers: [...workerIds] };
    };
    /** A team newly set is checked (and its members read); the booked team keeps its members. */
    const newTeam = (before: Booking, team: string | null) => (team === before.teamId && team !== null ? null : team);
    return changeBooking(
      ctx,
      this.deps,
      id,
      ACTIONS[mode],
      async (before, _repos, rows) => {
        assertPlannable(before);
        if (rows === null) throw new Error('ChangeBookingAssignment reads its rows up front');
        const named = before.workers.filter((w) => !w.viaTeam).map((w) => w.workerId);
        const { team, workers } = target(before);
        // Named workers are checked afresh only when newly added; people already on it may stay.
        const added = workers.filter((w) => !named.includes(w));
        const resolved = assigneesFrom(rows, newTeam(before, team), added);
        const kept = named.filter((w) => workers.includes(w)).map((workerId) => ({ workerId, viaTeam: false }));
        const teamMembers = team !== null && team === before.teamId ? before.workers.filter((w) => w.viaTeam) : [];
        if (team !== null && team === before.teamId) {
          // A named worker taken off who is also on the booked team stays, through the team.
          const known = workersOf(rows);
          for (const gone of named.filter((w) => !workers.includes(w))) {
            const worker = known.get(gone);
            if (worker?.teamId === team && worker.active) teamMembers.push({ workerId: gone, viaTeam: true });
          }
        }
        return {
          ...before,
          teamId: team,
          workers: sortWorkers([...kept, ...resolved, ...teamMembers]),
          detached: before.seriesId !== null ? true : before.detached,
        };
      },
      {},
      // Everyone named now or before (checks, home teams, messages); the booking stays where it is.
      (before) => ({ workerIds: workerIds, teamId: newTeam(before, target(before).team), window: { from: before.startsAt, to: before.endsAt } }),
    );
  }
}
