import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { CheckWindowFields, DEFAULT_SUGGESTIONS, SkillTags, SuggestionLimit, SuggestionsView } from '../../domain/scheduling/schedule-schemas.js';
import { MAX_CHECK_HOURS, scheduleWindow } from '../../domain/scheduling/schedule-window.js';
import { compareByNameThenId, type RosterWorker } from '../../domain/scheduling/workforce.js';
import { localDayBounds, toZoned } from '../../domain/scheduling/zoned-time.js';
import { bestOf } from '../../domain/shared/best-of.js';
import type { TimeWindow } from '../../ports/scheduling-repositories.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { notFound } from '../scheduling/scheduling-support.js';
import type { OrgRosterCache } from './org-roster-cache.js';
import { blackoutConflict, inWorkingHours, localWindow, type ScheduleConflict } from './schedule-support.js';

const contract = defineContract({
  name: 'SuggestAssignees',
  input: Type.Object(
    {
      ...CheckWindowFields,
      skillTags: Type.Optional(SkillTags),
      bookingId: Type.Optional(Uuid({ description: 'Ignored as a clash (the booking being reassigned)' })),
      limit: Type.Optional(SuggestionLimit),
    },
    { additionalProperties: false },
  ),
  output: SuggestionsView,
});

export type SuggestAssigneesInput = ContractInput<typeof contract>;

/** A worker as a dispatcher picks one: who, and their home team. */
export interface SuggestedWorker {
  readonly id: string;
  readonly name: string;
  readonly teamId: string | null;
  readonly teamName: string | null;
}

export interface WorkerSuggestion {
  readonly worker: SuggestedWorker;
  readonly skillsMatched: readonly string[];
  readonly skillsMissing: readonly string[];
  readonly withinWorkingHours: boolean;
  /** Minutes already booked on the window's local day. */
  readonly loadMinutes: number;
  readonly rank: number;
  readonly reasons: readonly string[];
}

export interface TeamSuggestion {
  readonly team: { readonly id: string; readonly name: string };
  /** Active members, every one free. */
  readonly memberCount: number;
  readonly loadMinutes: number;
  readonly rank: number;
  readonly reasons: readonly string[];
}

export interface Suggestions {
  readonly window: TimeWindow;
  /** Org-wide blackouts covering the window; when any, nobody is suggested. */
  readonly blockedBy: readonly ScheduleConflict[];
  /** How many teams and workers qualified; the lists hold the best `limit` of each. */
  readonly total: { readonly teams: number; readonly workers: number };
  readonly teams: readonly TeamSuggestion[];
  readonly workers: readonly WorkerSuggestion[];
}

export interface SuggestAssigneesDeps {
  readonly uow: UnitOfWork;
  readonly rosters: OrgRosterCache;
}

/** A free worker and what ranks them; the reasons are written only for the best `limit`. */
interface Candidate {
  readonly worker: RosterWorker;
  readonly matched: number;
  readonly withinWorkingHours: boolean;
  readonly loadMinutes: number;
}

/** More tags matched, then inside working hours, then less booked that day, then name and id. */
function byRank(a: Candidate, b: Candidate): number {
  return (
    b.matched - a.matched ||
    Number(b.withinWorkingHours) - Number(a.withinWorkingHours) ||
    a.loadMinutes - b.loadMinutes ||
    compareByNameThenId(a.worker, b.worker)
  );
}

/**
 * Teams and workers free for the window, the best `limit` (default 20, at most 100) of each, and
 * how many qualified. A worker is left out when booked, blacked out, inactive, when their home
 * team is booked or blacked out, or — with `skillTags` — when they have none of the tags. Ranking:
 * more tags matched, then inside working hours, then less booked that day, then name. Teams are
 * free when neither they nor any active member is taken. The roster (workers, teams, time zone)
 * may be up to a few seconds old when another process changed it (ADR 22); the day's bookings and
 * blackouts are read in the call, in one statement.
 * @throws validation.failed — bad window (over 7 days), more than 20 tags, malformed ids, limit out of 1..100. @throws booking.not_found
 */
export class SuggestAssignees {
  static readonly contract = contract;

  constructor(private readonly deps: SuggestAssigneesDeps) {}

  async execute(ctx: RequestContext, input: SuggestAssigneesInput): Promise<Suggestions> {
    const checked = checkInput(contract, input);
    const window = scheduleWindow(checked.start, checked.end, MAX_CHECK_HOURS);
    const tags = checked.skillTags ?? [];
    const bookingId = checked.bookingId ?? null;
    const limit = checked.limit ?? DEFAULT_SUGGESTIONS;
    return this.deps.uow.run(ctx, async (repos) => {
      const roster = await this.deps.rosters.get(ctx.orgId, repos);
      const { timeZone } = roster;
      const localDay = localDayBounds(toZoned(window.from, timeZone).date, timeZone);
      const day = { from: localDay.start, to: localDay.end };
      const held = await repos.availability.dayAvailability({ window, day, excludeBookingId: bookingId });
      if (held.excludedBookingFound === false) throw notFound.booking(bookingId!);
      const orgWide = held.blackouts.filter((b) => b.scope === 'org').map(blackoutConflict);
      if (orgWide.length > 0) return { window, blockedBy: orgWide, total: { teams: 0, workers: 0 }, teams: [], workers: [] };

      const busyWorkers = new Set<string>();
      const load = new Map<string, number>();
      for (const w of held.workers) {
        if (w.busy) busyWorkers.add(w.workerId);
        load.set(w.workerId, w.dayMinutes);
      }
      const blockedTeams = new Set(held.busyTeamIds);
      for (const b of held.blackouts) {
        if (b.scope === 'team') blockedTeams.add(b.teamId!);
        else if (b.scope === 'worker') busyWorkers.add(b.workerId!);
      }
      const isFree = (w: RosterWorker) => !busyWorkers.has(w.id) && (w.teamId === null || !blockedTeams.has(w.teamId));
      // Read once: converting per worker was a third of a 500-worker call (PB4).
      const local = localWindow(window, timeZone);

      const candidates: Candidate[] = [];
      for (const worker of roster.workers) {
        if (!isFree(worker)) continue;
        const matched = tags.length === 0 ? 0 : tags.reduce((n, t) => (worker.skills.includes(t) ? n + 1 : n), 0);
        if (tags.length > 0 && matched === 0) continue;
        candidates.push({ worker, matched, withinWorkingHours: inWorkingHours(worker, local), loadMinutes: load.get(worker.id) ?? 0 });
      }
      const workers = bestOf(candidates, limit, byRank).map((c, i): WorkerSuggestion => {
        const skillsMatched = tags.filter((t) => c.worker.skills.includes(t));
        const skillsMissing = tags.filter((t) => !c.worker.skills.includes(t));
        const { id, name, teamId } = c.worker;
        return {
          worker: { id, name, teamId, teamName: teamId === null ? null : (roster.teamNames.get(teamId) ?? null) },
          skillsMatched,
          skillsMissing,
          withinWorkingHours: c.withinWorkingHours,
          loadMinutes: c.loadMinutes,
          rank: i + 1,
          reasons: [
            tags.length === 0 ? 'no skills asked for' : `has ${skillsMatched.length} of ${tags.length} skills asked for${skillsMissing.length > 0 ? ` (missing ${skillsMissing.join(', ')})` : ''}`,
            c.withinWorkingHours ? 'within working hours' : `outside working hours (${timeZone})`,
            `${c.loadMinutes} minutes already booked that day`,
          ],
        };
      });

      const freeTeams: Array<{ team: { id: string; name: string }; memberCount: number; loadMinutes: number }> = [];
      for (const team of roster.teams) {
        if (!team.active || blockedTeams.has(team.id)) continue;
        const members = roster.membersByTeam.get(team.id) ?? [];
        if (members.length === 0 || !members.every(isFree)) continue;
        const loadMinutes = members.reduce((sum, m) => sum + (load.get(m.id) ?? 0), 0);
        freeTeams.push({ team: { id: team.id, name: team.name }, memberCount: members.length, loadMinutes });
      }
      const teams = bestOf(freeTeams, limit, (a, b) => a.loadMinutes - b.loadMinutes || compareByNameThenId(a.team, b.team)).map(
        (t, i): TeamSuggestion => ({
          ...t,
          rank: i + 1,
          reasons: [`all ${t.memberCount} active members are free`, `${t.loadMinutes} member-minutes already booked that day`],
        }),
      );
      return { window, blockedBy: [], total: { teams: freeTeams.length, workers: candidates.length }, teams, workers };
    });
  }
}
