/**
 * What a window and its local day hold for the whole org, read in one go: the question an
 * assignee suggestion asks of the schedule once the roster is known (ADR 22). Bound, like every
 * tenant repository, to one org's transaction.
 */
import type { Blackout, Team, Worker } from '../domain/scheduling/workforce.js';
import type { TeamOccupancy, TimeWindow, WorkerOccupancy } from './scheduling-repositories.port.js';

export interface DayAvailabilityQuery {
  /** The window asked about: occupied time overlapping it makes a worker or team busy. */
  readonly window: TimeWindow;
  /** The window's local day: occupied time inside it is a worker's load. */
  readonly day: TimeWindow;
  /** A booking to leave out (the one being reassigned); null for none. */
  readonly excludeBookingId: string | null;
}

/** One worker's occupied time: minutes inside the day, and whether any of it overlaps the window. */
export interface WorkerDayLoad {
  readonly workerId: string;
  /** Per booking, its time clipped to the day and rounded to whole minutes, summed. */
  readonly dayMinutes: number;
  readonly busy: boolean;
}

export interface DayAvailability {
  /** Every worker with active occupied time overlapping the window or the day, in no set order. */
  readonly workers: readonly WorkerDayLoad[];
  /** Teams with an active block overlapping the window, in no set order. */
  readonly busyTeamIds: readonly string[];
  /** Blackouts of every scope overlapping the window, by start then id. */
  readonly blackouts: readonly Blackout[];
  /** Whether `excludeBookingId` is a booking of the org; null when none was given. */
  readonly excludedBookingFound: boolean | null;
}

export interface WorkerConflictQuery {
  readonly window: TimeWindow;
  readonly workerId: string;
  /** A booking to leave out (the one being moved); null for none. */
  readonly excludeBookingId: string | null;
}

/** What a conflict check for one worker reads (ADR 22): one statement on PostgreSQL. */
export interface WorkerConflicts {
  /** The worker, null when the org has none with that id (the rest is then empty). */
  readonly worker: Pick<Worker, 'id' | 'name' | 'active' | 'teamId' | 'workingHours'> | null;
  /** The org's time zone from its settings; null when it has none. */
  readonly timeZone: string | null;
  /** Org blackouts, the worker's home team's and the worker's own overlapping the window, by start then id. */
  readonly blackouts: readonly Blackout[];
  /** The home team's active blocks overlapping the window, by start then booking id. */
  readonly teamBlocks: readonly TeamOccupancy[];
  /** The worker's active occupied time overlapping the window, by start then booking id. */
  readonly occupancy: readonly WorkerOccupancy[];
  /** Whether `excludeBookingId` is a booking of the org; null when none was given. */
  readonly excludedBookingFound: boolean | null;
}

export interface TeamConflictQuery {
  readonly window: TimeWindow;
  readonly teamId: string;
  /** One more worker who would go along (perhaps of another team, perhaps inactive); null for none. */
  readonly workerId: string | null;
  /** A booking to leave out (the one being moved); null for none. */
  readonly excludeBookingId: string | null;
}

/** The people a conflict check looks at, as it reads them. */
export type CheckedWorker = Pick<Worker, 'id' | 'name' | 'active' | 'teamId' | 'workingHours'>;

/** What a conflict check for a team (and perhaps one more worker) reads: one statement on PostgreSQL. */
export interface TeamConflicts {
  /** The team, null when the org has none with that id (then nothing but the time zone comes back). */
  readonly team: Pick<Team, 'id' | 'name' | 'active'> | null;
  /** The team's active members, by name (code-unit order) then id. */
  readonly members: readonly CheckedWorker[];
  /** The worker named besides the team; null when none was named or the org has none with that id. */
  readonly worker: CheckedWorker | null;
  /** The org's time zone from its settings; null when it has none. */
  readonly timeZone: string | null;
  /**
   * Blackouts overlapping the window that bind any of them: the org's, the team's and the named
   * worker's home team's, and each member's and the named worker's own; by start then id.
   */
  readonly blackouts: readonly Blackout[];
  /** Active blocks of the team and of the named worker's home team overlapping the window, by start then booking id. */
  readonly teamBlocks: readonly TeamOccupancy[];
  /** The members' and the named worker's active occupied time overlapping the window, by start, booking, then worker id. */
  readonly occupancy: readonly WorkerOccupancy[];
  /** Whether `excludeBookingId` is a booking of the org; null when none was given. */
  readonly excludedBookingFound: boolean | null;
}

export interface AvailabilityRepository {
  dayAvailability(query: DayAvailabilityQuery): Promise<DayAvailability>;
  workerConflicts(query: WorkerConflictQuery): Promise<WorkerConflicts>;
  teamConflicts(query: TeamConflictQuery): Promise<TeamConflicts>;
}
