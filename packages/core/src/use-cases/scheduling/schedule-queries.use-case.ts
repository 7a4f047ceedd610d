/**
 * The dispatcher's questions: what stops this window ("why can't this worker take it?"), who
 * could take it (ranked, with the reasons), what the board looks like, and what is still
 * unassigned. Answers explain themselves so any UI or agent can show why.
 */
import type { RequestContext } from '../../context.js';
import { compareByStart, type Booking } from '../../domain/scheduling/booking.js';
import { compareByNameThenId, withinWorkingHours, type Blackout, type RosterWorker, type Team, type Worker } from '../../domain/scheduling/workforce.js';
import { addDays, localDayBounds, minutesOfDay, toZoned, weekdayOf, type Weekday } from '../../domain/scheduling/zoned-time.js';
import { InputChecks } from '../../domain/shared/input-checks.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Page } from '../../domain/shared/pagination.js';
import { AppError } from '../../errors/app-error.js';
import type { TimeWindow, WorkerOccupancy } from '../../ports/scheduling-repositories.port.js';
import type { TenantRepositories, UnitOfWork } from '../../ports/unit-of-work.port.js';
import { DEFAULT_WINDOW_DAYS, ListBookings } from './bookings.use-case.js';
import { checkWindow, notFound, optionalUuid, orgZone, requireTeam, requireWorker, visitDetails, windowOrDefault, type VisitDetails } from './scheduling-support.js';

export interface ScheduleQueryDeps {
  readonly uow: UnitOfWork;
}

/** How long a window conflicts and suggestions answer for: a week. */
export const MAX_CHECK_HOURS = 7 * 24;
export const MAX_BOARD_DAYS = 14;

export type ConflictKind = 'booking' | 'blackout' | 'outside_working_hours' | 'inactive';

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

function conflict(c: Partial<ScheduleConflict> & Pick<ScheduleConflict, 'kind' | 'reason'>): ScheduleConflict {
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

function blackoutConflict(b: Blackout): ScheduleConflict {
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
interface LocalWindow {
  readonly day: Weekday;
  readonly startMin: number;
  readonly endMin: number;
}

function localWindow(window: TimeWindow, zone: string): LocalWindow | null {
  const start = toZoned(window.from, zone);
  const end = toZoned(window.to, zone);
  const endMin = end.date === start.date ? minutesOfDay(end.time) : end.date === addDays(start.date, 1) && end.time === '00:00' ? 1440 : -1;
  return endMin < 0 ? null : { day: weekdayOf(start.date), startMin: minutesOfDay(start.time), endMin };
}

/** True when the window lies in the worker's hours (a window spanning days only fits "always"). */
function inWorkingHours(worker: Pick<Worker, 'workingHours'>, local: LocalWindow | null): boolean {
  if (worker.workingHours === null) return true;
  return local !== null && withinWorkingHours(worker.workingHours, local.day, local.startMin, local.endMin);
}

export interface CheckConflictsInput {
  readonly start?: unknown;
  readonly end?: unknown;
  readonly teamId?: unknown;
  readonly workerId?: unknown;
  /** Ignored as a clash (the booking being moved); without team/worker, its own people are checked. */
  readonly bookingId?: unknown;
}

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
  constructor(private readonly deps: ScheduleQueryDeps) {}

  async execute(ctx: RequestContext, input: CheckConflictsInput): Promise<ConflictReport> {
    const checks = new InputChecks();
    const window = checkWindow(checks, input.start, input.end, MAX_CHECK_HOURS);
    const teamId = optionalUuid(checks, '/teamId', input.teamId) ?? null;
    const workerId = optionalUuid(checks, '/workerId', input.workerId) ?? null;
    const bookingId = optionalUuid(checks, '/bookingId', input.bookingId) ?? null;
    checks.throwIfAny();
    return this.deps.uow.run(ctx, async (repos) => {
      const { timeZone } = await orgZone(repos);
      let teamIds: string[] = teamId === null ? [] : [teamId];
      let workers: Worker[] = [];
      const team = teamId === null ? null : await requireTeam(repos, teamId);
      if (teamId !== null) {
        workers = [...(await repos.workers.list({ teamId, active: true }))];
      }
      if (workerId !== null) {
        const worker = await requireWorker(repos, workerId);
        if (!workers.some((w) => w.id === worker.id)) workers.push(worker);
        // A worker is blocked by their home team's blocks too (see suggestions).
        if (worker.teamId !== null && !teamIds.includes(worker.teamId)) teamIds.push(worker.teamId);
      }
      if (bookingId !== null) {
        const booking = await repos.bookings.findById(bookingId);
        if (booking === null) throw notFound.booking(bookingId);
        if (teamId === null && workerId === null) {
          teamIds = booking.teamId === null ? [] : [booking.teamId];
          for (const w of booking.workers) workers.push(await requireWorker(repos, w.workerId));
        }
      }
      const workerIds = workers.map((w) => w.id);
      const local = localWindow(window, timeZone);
      const found: ScheduleConflict[] = [];
      for (const b of await repos.blackouts.listOverlapping(window, { teamIds, workerIds })) found.push(blackoutConflict(b));
      for (const t of teamIds.length === 0 ? [] : await repos.bookings.teamOccupancy(window, { teamIds, excludeBookingId: bookingId })) {
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
      for (const o of workerIds.length === 0 ? [] : await repos.bookings.workerOccupancy(window, { workerIds, excludeBookingId: bookingId })) {
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
        found.push(conflict({ kind: 'inactive', reason: `Team ${teamId} is inactive`, teamId }));
      }
      for (const w of workers) {
        if (!w.active) found.push(conflict({ kind: 'inactive', reason: `${w.name} (${w.id}) is inactive`, workerId: w.id }));
        else if (!inWorkingHours(w, local)) {
          found.push(conflict({ kind: 'outside_working_hours', blocking: false, reason: `${w.name} (${w.id}) does not work then (hours in ${timeZone})`, workerId: w.id }));
        }
      }
      return { window, available: !found.some((c) => c.blocking), conflicts: found };
    });
  }
}

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

function parseTags(checks: InputChecks, raw: unknown): string[] {
  if (raw === undefined || raw === null || raw === '') return [];
  const list = Array.isArray(raw) ? raw : String(raw).split(',');
  if (list.length > 20) checks.fail('/skillTags', 'must have at most 20 tags');
  return [...new Set(list.map((t) => String(t).trim().toLowerCase()).filter((t) => t !== ''))];
}

function minutesWithin(o: { startsAt: Date; endsAt: Date }, day: TimeWindow): number {
  const from = Math.max(o.startsAt.getTime(), day.from.getTime());
  const to = Math.min(o.endsAt.getTime(), day.to.getTime());
  return Math.max(0, Math.round((to - from) / 60_000));
}

/**
 * Teams and workers free for the window, best first. A worker is left out when booked, blacked
 * out, inactive, when their home team is booked or blacked out, or — with `skillTags` — when they
 * have none of the tags. Ranking: more tags matched, then inside working hours, then less booked
 * that day, then name. Teams are free when neither they nor any active member is taken.
 * @throws validation.failed — bad window (over 7 days), malformed ids. @throws booking.not_found
 */
export class SuggestAssignees {
  constructor(private readonly deps: ScheduleQueryDeps) {}

  async execute(ctx: RequestContext, input: { start?: unknown; end?: unknown; skillTags?: unknown; bookingId?: unknown }): Promise<Suggestions> {
    const checks = new InputChecks();
    const window = checkWindow(checks, input.start, input.end, MAX_CHECK_HOURS);
    const tags = parseTags(checks, input.skillTags);
    const bookingId = optionalUuid(checks, '/bookingId', input.bookingId) ?? null;
    checks.throwIfAny();
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

function loadByWorker(occupancy: readonly WorkerOccupancy[], day: TimeWindow): Map<string, number> {
  const load = new Map<string, number>();
  for (const o of occupancy) load.set(o.workerId, (load.get(o.workerId) ?? 0) + minutesWithin(o, day));
  return load;
}

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

/** The most bookings a board answers with; a busier range must be narrowed. */
export const MAX_BOARD_BOOKINGS = 5000;

/**
 * The day/week board: bookings (not cancelled) of a range of up to 14 days, per worker, each with
 * its client's name and the address. Without start and end: today in the org's zone and the 6
 * days after.
 * @throws validation.failed — bad range, or more than 5,000 bookings in it. @throws team.not_found
 */
export class GetScheduleBoard {
  constructor(private readonly deps: ScheduleQueryDeps) {}

  async execute(ctx: RequestContext, input: { start?: unknown; end?: unknown; teamId?: unknown }): Promise<ScheduleBoard> {
    const checks = new InputChecks();
    const teamId = optionalUuid(checks, '/teamId', input.teamId) ?? null;
    return this.deps.uow.run(ctx, async (repos) => {
      const { timeZone } = await orgZone(repos);
      const window = windowOrDefault(checks, ctx.now, timeZone, input, { maxHours: MAX_BOARD_DAYS * 24, defaultDays: DEFAULT_WINDOW_DAYS });
      checks.throwIfAny();
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

export interface QueueItem {
  readonly booking: Booking;
  /** Starts within 24 hours. */
  readonly urgent: boolean;
}

/**
 * The assignments queue: pending or confirmed bookings with nobody on them starting in the next
 * `days` (default 7, at most 30), soonest first, the ones within 24 h flagged urgent.
 * @throws validation.failed
 */
export class ListAssignmentQueue {
  constructor(private readonly deps: ScheduleQueryDeps) {}

  async execute(ctx: RequestContext, input: { days?: unknown; cursor?: unknown; limit?: unknown }): Promise<Page<QueueItem>> {
    const checks = new InputChecks();
    const days = checks.integer('/days', input.days, { min: 1, max: 30 }) ?? 7;
    const limit = checks.integer('/limit', input.limit, { min: 1, max: MAX_PAGE_SIZE }) ?? DEFAULT_PAGE_SIZE;
    checks.throwIfAny();
    const page = await new ListBookings(this.deps).execute(ctx, {
      start: ctx.now,
      end: new Date(ctx.now.getTime() + days * 86_400_000),
      status: 'pending,confirmed',
      unassigned: true,
      cursor: input.cursor,
      limit,
    });
    const urgentBefore = ctx.now.getTime() + 86_400_000;
    return {
      items: page.items.map((booking) => ({ booking, urgent: booking.startsAt.getTime() < urgentBefore })),
      nextCursor: page.nextCursor,
    };
  }
}
