/**
 * The org's roster as dispatch ranks it — active workers, teams, the org's time zone — kept in
 * this process for a few seconds per org, so an assignee suggestion reads only the day's
 * bookings (ADR 22). An entry is loaded through the caller's own tenant unit of work (RLS
 * decides what it sees) and stored under that unit's org id only; no entry ever answers
 * another org. Any unit of work of this process that writes a worker, a team or the org's
 * settings drops its org's entry once it has finished (see `watch`); other processes see the
 * change when their entry expires. Bounded: the least recently used org goes first.
 */
import type { Clock } from '../../ports/clock.port.js';
import type { TenantRepositories, UnitOfWork } from '../../ports/unit-of-work.port.js';
import type { RosterWorker, Team } from '../../domain/scheduling/workforce.js';
import { zoneOf } from '../scheduling/scheduling-support.js';

export interface OrgRoster {
  readonly timeZone: string;
  /** Active workers, by name then id. */
  readonly workers: readonly RosterWorker[];
  /** Every team (active or not), by name then id. */
  readonly teams: readonly Team[];
  /** Active workers per home team, by name then id. */
  readonly membersByTeam: ReadonlyMap<string, readonly RosterWorker[]>;
  readonly teamNames: ReadonlyMap<string, string>;
}

export interface RosterCacheOptions {
  /** How long an entry answers; 0 turns the cache off (every call reads). */
  readonly ttlMs: number;
  /** Orgs held at most; the least recently used goes first. */
  readonly maxOrgs: number;
}

export const DEFAULT_ROSTER_CACHE_OPTIONS: RosterCacheOptions = { ttlMs: 5_000, maxOrgs: 1_000 };

/** Reads the roster in the caller's unit of work: settings, active workers, teams. */
export async function readOrgRoster(repos: TenantRepositories): Promise<OrgRoster> {
  const settings = await repos.orgSettings.get();
  const workers = await repos.workers.listRoster();
  const teams = await repos.teams.list();
  const membersByTeam = new Map<string, RosterWorker[]>();
  for (const w of workers) {
    if (w.teamId === null) continue;
    const members = membersByTeam.get(w.teamId);
    if (members === undefined) membersByTeam.set(w.teamId, [w]);
    else members.push(w);
  }
  return { timeZone: zoneOf(settings).timeZone, workers, teams, membersByTeam, teamNames: new Map(teams.map((t) => [t.id, t.name])) };
}

interface Entry {
  readonly roster: OrgRoster;
  readonly expiresAt: number;
}

export class OrgRosterCache {
  private readonly entries = new Map<string, Entry>();
  /**
   * Counts invalidations of any org: a read that saw one happen while it ran is not stored. One
   * counter rather than one per org keeps nothing per org but the entries; writes to the roster
   * are rare, so a read skipped because another org changed costs almost nothing.
   */
  private invalidations = 0;

  constructor(
    private readonly clock: Clock,
    private readonly options: RosterCacheOptions = DEFAULT_ROSTER_CACHE_OPTIONS,
  ) {}

  /** The org's roster from the cache, or read with `repos` (the unit of work of `orgId`) and kept. */
  async get(orgId: string, repos: TenantRepositories): Promise<OrgRoster> {
    const now = this.clock.now().getTime();
    const hit = this.entries.get(orgId);
    if (hit !== undefined && hit.expiresAt > now) {
      // Re-inserted: Map order is the recency order eviction follows.
      this.entries.delete(orgId);
      this.entries.set(orgId, hit);
      return hit.roster;
    }
    if (hit !== undefined) this.entries.delete(orgId);
    const before = this.invalidations;
    const roster = await readOrgRoster(repos);
    // A write that finished while this read ran may not be in it: answer with it, but do not keep it.
    if (this.options.ttlMs > 0 && this.invalidations === before) {
      this.entries.set(orgId, { roster, expiresAt: now + this.options.ttlMs });
      while (this.entries.size > this.options.maxOrgs) this.entries.delete(this.entries.keys().next().value!);
    }
    return roster;
  }

  /** Drops the org's entry, and keeps any read already under way from storing what it saw. */
  invalidate(orgId: string): void {
    this.entries.delete(orgId);
    this.invalidations++;
  }

  /**
   * The unit of work every use case gets: the same, except that a unit which wrote a worker, a
   * team or the org's settings invalidates its org when it ends (after the commit, so a read
   * cannot store what the transaction replaced; also after a rollback, which is harmless).
   */
  watch(uow: UnitOfWork): UnitOfWork {
    return {
      run: async (ctx, work, options) => {
        // A read-only unit writes nothing to watch; it goes straight through, its options intact
        // (they decide how the adapter runs it: ADR 23's one round trip).
        if (options?.readOnly === true) return uow.run(ctx, work, options);
        let wrote = false;
        const mark = () => {
          wrote = true;
        };
        try {
          return await uow.run(ctx, (repos) =>
            work({
              ...repos,
              workers: watchWrites(repos.workers, ['insert', 'update'], mark),
              teams: watchWrites(repos.teams, ['insert', 'update'], mark),
              orgSettings: watchWrites(repos.orgSettings, ['update'], mark),
            }),
            options,
          );
        } finally {
          if (wrote) this.invalidate(ctx.orgId);
        }
      },
    };
  }
}

/** `repo` with `writes` calling `mark` first; every other member is the repository's own, called on it. */
function watchWrites<T extends object>(repo: T, writes: ReadonlyArray<keyof T & string>, mark: () => void): T {
  const watched = new Set<string | symbol>(writes);
  return new Proxy(repo, {
    get(target, name) {
      const member = Reflect.get(target, name, target) as unknown;
      if (typeof member !== 'function') return member;
      const method = member as (...args: unknown[]) => unknown;
      if (!watched.has(name)) return method.bind(target);
      return (...args: unknown[]) => {
        mark();
        return method.apply(target, args);
      };
    },
  });
}
