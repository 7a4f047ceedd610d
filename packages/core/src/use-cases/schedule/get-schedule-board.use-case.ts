import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { Instant, Uuid } from '../../contracts/schema-vocabulary.js';
import { compareByStart, type Booking } from '../../domain/scheduling/booking.js';
import { ScheduleBoardView } from '../../domain/scheduling/schedule-schemas.js';
import { DEFAULT_BOARD_DAYS, MAX_BOARD_BOOKINGS, MAX_BOARD_DAYS, scheduleWindowOrDefault } from '../../domain/scheduling/schedule-window.js';
import type { Worker } from '../../domain/scheduling/workforce.js';
import { AppError } from '../../errors/app-error.js';
import type { TimeWindow } from '../../ports/scheduling-repositories.port.js';
import type { TenantRepositories } from '../../ports/unit-of-work.port.js';
import { orgZone, requireTeam, visitDetails, type VisitDetails } from '../scheduling/scheduling-support.js';
import type { ScheduleQueryDeps } from './schedule-support.js';

const contract = defineContract({
  name: 'GetScheduleBoard',
  input: Type.Object(
    {
      start: Type.Optional(Instant({ description: `Start of the range (inclusive); without start and end: today in the org’s zone and the ${DEFAULT_BOARD_DAYS - 1} days after` })),
      end: Type.Optional(Instant({ description: `End of the range (exclusive): after start, at most ${MAX_BOARD_DAYS} days later; with only one of them, the other is ${DEFAULT_BOARD_DAYS} days away` })),
      teamId: Type.Optional(Uuid({ description: 'Only this team’s workers (and no unassigned bookings)' })),
    },
    { additionalProperties: false },
  ),
  output: ScheduleBoardView,
});

export type GetScheduleBoardInput = ContractInput<typeof contract>;

export interface ScheduleBoard {
  readonly window: TimeWindow;
  readonly timeZone: string;
  /** Active workers (and inactive ones still holding bookings in the range), by name, each with their bookings by start. */
  readonly workers: ReadonlyArray<{ readonly worker: Worker; readonly bookings: readonly Booking[] }>;
  /** Bookings with nobody on them, by start. */
  readonly unassigned: readonly Booking[];
  /** For whom and where each booking on the board is, by booking id. */
  readonly visits: ReadonlyMap<string, VisitDetails>;
}

/**
 * The day/week board: bookings (not cancelled) of a range of up to 14 days, per worker, each with
 * its client's name and the address. Without start and end: today in the org's zone and the 6
 * days after.
 * @throws validation.failed — bad range, or more than 5,000 bookings in it. @throws team.not_found
 */
export class GetScheduleBoard {
  static readonly contract = contract;

  constructor(private readonly deps: ScheduleQueryDeps) {}

  async execute(ctx: RequestContext, input: GetScheduleBoardInput): Promise<ScheduleBoard> {
    const checked = checkInput(contract, input);
    const teamId = checked.teamId ?? null;
    return this.deps.uow.run(ctx, async (repos) => {
      const { timeZone } = await orgZone(repos);
      const window = scheduleWindowOrDefault(ctx.now, timeZone, checked, { maxHours: MAX_BOARD_DAYS * 24, defaultDays: DEFAULT_BOARD_DAYS });
      if (teamId !== null) await requireTeam(repos, teamId);
      const bookings = await repos.bookings.list({
        window,
        statuses: ['pending', 'confirmed', 'in_progress', 'completed', 'no_show'],
        workerId: null,
        teamId: null,
        clientId: null,
        seriesId: null,
        unassignedOnly: false,
        after: null,
        limit: MAX_BOARD_BOOKINGS + 1,
      });
      if (bookings.length > MAX_BOARD_BOOKINGS) {
        throw AppError.validation([{ pointer: '/end', detail: `the range holds more than ${MAX_BOARD_BOOKINGS} bookings; ask for a shorter one` }]);
      }
      const workers = await boardWorkers(repos, teamId, bookings);
      const byWorker = new Map<string, Booking[]>(workers.map((w) => [w.id, []]));
      const unassigned: Booking[] = [];
      for (const b of bookings) {
        if (b.workers.length === 0 && b.teamId === null) unassigned.push(b);
        for (const w of b.workers) byWorker.get(w.workerId)?.push(b);
      }
      const shown = teamId === null ? bookings : bookings.filter((b) => b.workers.some((w) => byWorker.has(w.workerId)));
      return {
        window,
        timeZone,
        workers: workers.map((worker) => ({ worker, bookings: byWorker.get(worker.id)!.sort(compareByStart) })),
        unassigned: teamId === null ? unassigned : [],
        visits: await visitDetails(repos, shown),
      };
    });
  }
}

async function boardWorkers(repos: TenantRepositories, teamId: string | null, bookings: readonly Booking[]): Promise<Worker[]> {
  const all = await repos.workers.list({ teamId, active: null });
  const holding = new Set(bookings.flatMap((b) => b.workers.map((w) => w.workerId)));
  return all.filter((w) => w.active || holding.has(w.id));
}
