import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { CheckWindowFields, SkillTags, SuggestionsView } from '../../domain/scheduling/schedule-schemas.js';
import { MAX_CHECK_HOURS, scheduleWindow } from '../../domain/scheduling/schedule-window.js';
import { compareByNameThenId, type RosterWorker, type Team } from '../../domain/scheduling/workforce.js';
import { localDayBounds, toZoned } from '../../domain/scheduling/zoned-time.js';
import type { TimeWindow, WorkerOccupancy } from '../../ports/scheduling-repositories.port.js';
import { notFound, orgZone } from '../scheduling/scheduling-support.js';
import { blackoutConflict, inWorkingHours, localWindow, type ScheduleConflict, type ScheduleQueryDeps } from './schedule-support.js';

const contract = defineContract({
  name: 'SuggestAssignees',
  input: Type.Object(
    {
      ...CheckWindowFields,
      skillTags: Type.Optional(SkillTags),
      bookingId: Type.Optional(Uuid({ description: 'Ignored as a clash (the booking being reassigned)' })),
    },
    { additionalProperties: false },
  ),
  output: SuggestionsView,
});

export type SuggestAssigneesInput = ContractInput<typeof contract>;

export interface WorkerSuggestion {
  readonly worker: RosterWorker;
  readonly skillsMatched: readonly string[];
  readonly skillsMissing: readonly string[];
  readonly withinWorkingHours: boolean;
  /** Minutes already booked on the window's local day. */
  readonly loadMinutes: number;
  readonly rank: number;
  readonly reasons: readonly string[];
}

export interface TeamSuggestion {
  readonly team: Team;
  readonly memberIds: readonly string[];
  readonly loadMinutes: number;
  readonly rank: number;
  readonly reasons: readonly string[];
}

export interface Suggestions {
  readonly window: TimeWindow;
  /** Org-wide blackouts covering the window; when any, nobody is suggested. */
  readonly blockedBy: readonly ScheduleConflict[];
  readonly teams: readonly TeamSuggestion[];
  readonly workers: readonly WorkerSuggestion[];
}

function minutesWithin(o: { startsAt: Date; endsAt: Date }, day: TimeWindow): number {
  const from = Math.max(o.startsAt.getTime(), day.from.getTime());
  const to = Math.min(o.endsAt.getTime(), day.to.getTime());
  return Math.max(0, Math.round((to - from) / 60_000));
}

function loadByWorker(occupancy: readonly WorkerOccupancy[], day: TimeWindow): Map<string, number> {
  const load = new Map<string, number>();
  for (const o of occupancy) load.set(o.workerId, (load.get(o.workerId) ?? 0) + minutesWithin(o, day));
  return load;
}

/**
 * Teams and workers free for the window, best first. A worker is left out when booked, blacked
 * out, inactive, when their home team is booked or blacked out, or — with `skillTags` — when they
 * have none of the tags. Ranking: more tags matched, then inside working hours, then less booked
 * that day, then name. Teams are free when neither they nor any active member is taken.
 * @throws validation.failed — bad window (over 7 days), more than 20 tags, malformed ids. @throws booking.not_found
 */
export class SuggestAssignees {
  static readonly contract = contract;

  constructor(private readonly deps: ScheduleQueryDeps) {}

  async execute(ctx: RequestContext, input: SuggestAssigneesInput): Promise<Suggestions> {
    const checked = checkInput(contract, input);
    const window = scheduleWindow(checked.start, checked.end, MAX_CHECK_HOURS);
    const tags = checked.skillTags ?? [];
    const bookingId = checked.bookingId ?? null;
    return this.deps.uow.run(ctx, async (repos) => {
      if (bookingId !== null && (await repos.bookings.findById(bookingId)) === null) throw notFound.booking(bookingId);
      const { timeZone } = await orgZone(repos);
      const blackouts = await repos.blackouts.listOverlapping(window, { teamIds: null, workerIds: null });
      const orgWide = blackouts.filter((b) => b.scope === 'org').map(blackoutConflict);
      if (orgWide.length > 0) return { window, blockedBy: orgWide, teams: [], workers: [] };
      const day = localDayBounds(toZoned(window.from, timeZone).date, timeZone);
      const loadWindow = { from: day.start < window.from ? day.start : window.from, to: day.end > window.to ? day.end : window.to };
      const [workers, teams, occupancy, teamBusy] = [
        await repos.workers.listRoster(),
        await repos.teams.list(),
        await repos.bookings.workerOccupancy(loadWindow, { workerIds: null, excludeBookingId: bookingId }),
        await repos.bookings.teamOccupancy(window, { teamIds: null, excludeBookingId: bookingId }),
      ];
      const busyWorkers = new Set(occupancy.filter((o) => o.startsAt < window.to && window.from < o.endsAt).map((o) => o.workerId));
      const blockedTeams = new Set([...teamBusy.map((t) => t.teamId), ...blackouts.filter((b) => b.scope === 'team').map((b) => b.teamId!)]);
      const blackedWorkers = new Set(blackouts.filter((b) => b.scope === 'worker').map((b) => b.workerId!));
      const load = loadByWorker(occupancy, { from: day.start, to: day.end });
      // Read once: converting per worker was a third of a 500-worker call (PB4).
      const local = localWindow(window, timeZone);

      const free = workers.filter((w) => !busyWorkers.has(w.id) && !blackedWorkers.has(w.id) && (w.teamId === null || !blockedTeams.has(w.teamId)));
      const scored = free
        .map((worker) => {
          const skillsMatched = tags.filter((t) => worker.skills.includes(t));
          const skillsMissing = tags.filter((t) => !worker.skills.includes(t));
          const hours = inWorkingHours(worker, local);
          const loadMinutes = load.get(worker.id) ?? 0;
          const reasons = [
            tags.length === 0 ? 'no skills asked for' : `has ${skillsMatched.length} of ${tags.length} skills asked for${skillsMissing.length > 0 ? ` (missing ${skillsMissing.join(', ')})` : ''}`,
            hours ? 'within working hours' : `outside working hours (${timeZone})`,
            `${loadMinutes} minutes already booked that day`,
          ];
          return { worker, skillsMatched, skillsMissing, withinWorkingHours: hours, loadMinutes, reasons };
        })
        .filter((s) => tags.length === 0 || s.skillsMatched.length > 0)
        .sort(
          (a, b) =>
            b.skillsMatched.length - a.skillsMatched.length ||
            Number(b.withinWorkingHours) - Number(a.withinWorkingHours) ||
            a.loadMinutes - b.loadMinutes ||
            compareByNameThenId(a.worker, b.worker),
        )
        .map((s, i) => ({ ...s, rank: i + 1 }));

      const freeIds = new Set(free.map((w) => w.id));
      const membersByTeam = new Map<string, RosterWorker[]>();
      for (const w of workers) {
        if (w.teamId === null) continue;
        const members = membersByTeam.get(w.teamId);
        if (members === undefined) membersByTeam.set(w.teamId, [w]);
        else members.push(w);
      }
      const teamSuggestions = teams
        .filter((t) => t.active && !blockedTeams.has(t.id))
        .map((team) => ({ team, members: membersByTeam.get(team.id) ?? [] }))
        .filter(({ members }) => members.length > 0 && members.every((m) => freeIds.has(m.id)))
        .map(({ team, members }) => {
          const loadMinutes = members.reduce((sum, m) => sum + (load.get(m.id) ?? 0), 0);
          return {
            team,
            memberIds: members.map((m) => m.id),
            loadMinutes,
            reasons: [`all ${members.length} active members are free`, `${loadMinutes} member-minutes already booked that day`],
          };
        })
        .sort((a, b) => a.loadMinutes - b.loadMinutes || compareByNameThenId(a.team, b.team))
        .map((s, i) => ({ ...s, rank: i + 1 }));
      return { window, blockedBy: [], teams: teamSuggestions, workers: scored };
    });
  }
}
