/**
 * A scheduling data set for PB4/PB5, written as the owner in a handful of `INSERT … SELECT
 * unnest(…)` statements (10k bookings through the core would take a minute of unit-of-work
 * transactions): one org (made by the core, so its settings exist), one client (by the core),
 * `teams` teams, `workers` workers spread round-robin over them, and bookings that never overlap
 * by construction:
 *
 *   - worker bookings: worker w's k-th booking is on day k + ⌊k/6⌋ (six days on, one off), 2 h
 *     long, in slot (w + k) mod 5 of the day's five slots (08:00, 10:00, 12:00, 14:00, 16:00 UTC):
 *     one per worker per day;
 *   - team bookings: team t's j-th booking is on the j/2-th day after the worker days, slot
 *     (t + j) mod 5 — days no worker booking uses, so a team booking (one `booking_workers` row
 *     per member, via_team, plus a `booking_team_blocks` row) clashes with nothing;
 *   - 3 % of bookings are cancelled (their occupancy rows stay, inactive), the rest confirmed or
 *     pending;
 *   - a few blackouts: one org-wide on the last day at 20:00–23:00 (outside every slot, so
 *     suggestions are not all cut short by it), five team and twenty worker blackouts.
 *
 * With the defaults (500 workers, 50 teams, 19 per worker, 10 per team) that is 9,500 + 500 =
 * 10,000 bookings over 28 days (the last one holds only the org blackout) and 14,500 worker occupancy rows. Half of the workers have
 * working hours (mon–sat 07:00–19:00), the rest none (always available).
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Runtime } from '@cws/composition';
import type { RequestContext } from '@cws/core';

export const SLOT_HOURS = [8, 10, 12, 14, 16] as const;
export const BOOKING_HOURS = 2;
export const SKILLS = ['deep-clean', 'windows', 'carpets', 'ovens', 'move-out', 'pets-ok'] as const;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface SeedOptions {
  readonly workers: number;
  readonly teams: number;
  /** Worker bookings per worker, one per day from day 0. */
  readonly perWorker: number;
  /** Team bookings per team, two per day after the worker days. */
  readonly perTeam: number;
  readonly label: string;
}

export const DEFAULT_SEED: SeedOptions = { workers: 500, teams: 50, perWorker: 19, perTeam: 10, label: 'sched' };

export interface ScheduleSeed {
  readonly orgId: string;
  readonly clientId: string;
  readonly teamIds: readonly string[];
  readonly workerIds: readonly string[];
  /** Team of each worker (same index as workerIds). */
  readonly workerTeam: readonly string[];
  /** 00:00 UTC of day 0. */
  readonly base: Date;
  /** Days the data spans. */
  readonly days: number;
  readonly bookings: number;
  readonly occupancyRows: number;
  readonly blackouts: number;
  /** Staff context of an admin of the org (as Basic Auth would give). */
  readonly ctx: () => RequestContext;
}

export function adminContext(orgId: string): RequestContext {
  return { orgId, actor: { kind: 'staff', id: 'basic:bench-admin', role: 'admin' }, requestId: `bench-${randomUUID()}`, now: new Date() };
}

/** Day 0 of a seed: tomorrow, 00:00 UTC (bookings lie in the future, as a dispatcher's would). */
export function seedBase(now = Date.now()): Date {
  return new Date(Math.floor(now / DAY) * DAY + DAY);
}

export async function seedSchedule(runtime: Runtime, owner: pg.Pool | pg.Client, options: SeedOptions = DEFAULT_SEED): Promise<ScheduleSeed> {
  const orgId = randomUUID();
  const suffix = orgId.slice(0, 8);
  await runtime.core.orgs.create.execute(
    { actor: { kind: 'system', id: 'bench', role: null }, requestId: `bench-${suffix}`, now: new Date(), reason: `${options.label} benchmark org` },
    { id: orgId, name: `Bench ${options.label} ${suffix}`, slug: `bench-${options.label.toLowerCase()}-${suffix}` },
  );
  const client = await runtime.core.clients.create.execute(adminContext(orgId), { name: 'Bench client' });
  return seedScheduleRows(owner, orgId, client.id, options);
}

/**
 * The rows of the data set (teams, workers, bookings, occupancy, blackouts) in an org and for a
 * client that already exist, written as the owner in plain SQL — also usable on a database whose
 * org and client another checkout's core made (PB5C).
 */
export async function seedScheduleRows(owner: pg.Pool | pg.Client, orgId: string, clientId: string, options: SeedOptions = DEFAULT_SEED): Promise<ScheduleSeed> {
  const client = { id: clientId };

  const teams = await owner.query<{ id: string }>(
    `INSERT INTO teams (org_id, id, name)
     SELECT $1, gen_random_uuid(), 'Team ' || lpad(i::text, 3, '0') FROM generate_series(0, $2::int - 1) AS i
     RETURNING id`,
    [orgId, options.teams],
  );
  const teamIds = teams.rows.map((r) => r.id);

  const hours = JSON.stringify(Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d) => [d, [{ start: '07:00', end: '19:00' }]])));
  const workerIds: string[] = [];
  const workerTeam: string[] = [];
  const names: string[] = [];
  const skills: string[] = [];
  for (let i = 0; i < options.workers; i++) {
    workerIds.push(randomUUID());
    workerTeam.push(teamIds[i % teamIds.length]!);
    names.push(`Worker ${String(i).padStart(4, '0')}`);
    const own = [...new Set([SKILLS[i % SKILLS.length]!, ...(i % 3 === 0 ? [] : [SKILLS[(i * 7 + 3) % SKILLS.length]!])])].sort();
    // A Postgres array literal per worker; unnest of text[] then cast.
    skills.push(`{${own.join(',')}}`);
  }
  await owner.query(
    `INSERT INTO workers (org_id, id, name, skills, team_id, working_hours)
     SELECT $1, u.id, u.name, u.skills::text[], u.team_id, CASE WHEN u.n % 2 = 0 THEN $6::jsonb END
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::uuid[]) WITH ORDINALITY AS u(id, name, skills, team_id, n)`,
    [orgId, workerIds, names, skills, workerTeam, hours],
  );

  const base = seedBase();
  const b = { id: [] as string[], starts: [] as Date[], ends: [] as Date[], status: [] as string[], team: [] as Array<string | null> };
  const w = { booking: [] as string[], worker: [] as string[], starts: [] as Date[], ends: [] as Date[], active: [] as boolean[], viaTeam: [] as boolean[] };
  const t = { booking: [] as string[], team: [] as string[], starts: [] as Date[], ends: [] as Date[], active: [] as boolean[] };
  let n = 0;
  const statusOf = () => {
    n++;
    return n % 33 === 0 ? 'cancelled' : n % 4 === 0 ? 'pending' : 'confirmed';
  };
  const slotStart = (day: number, slot: number) => new Date(base.getTime() + day * DAY + SLOT_HOURS[slot]! * HOUR);
  const workerDay = (k: number) => k + Math.floor(k / 6);
  const teamDay0 = workerDay(options.perWorker - 1) + 1;

  for (let wi = 0; wi < workerIds.length; wi++) {
    for (let k = 0; k < options.perWorker; k++) {
      const id = randomUUID();
      const starts = slotStart(workerDay(k), (wi + k) % SLOT_HOURS.length);
      const ends = new Date(starts.getTime() + BOOKING_HOURS * HOUR);
      const status = statusOf();
      b.id.push(id), b.starts.push(starts), b.ends.push(ends), b.status.push(status), b.team.push(null);
      w.booking.push(id), w.worker.push(workerIds[wi]!), w.starts.push(starts), w.ends.push(ends), w.active.push(status !== 'cancelled'), w.viaTeam.push(false);
    }
  }
  const members = new Map<string, string[]>(teamIds.map((id) => [id, []]));
  workerIds.forEach((id, i) => members.get(workerTeam[i]!)!.push(id));
  for (let ti = 0; ti < teamIds.length; ti++) {
    for (let j = 0; j < options.perTeam; j++) {
      const id = randomUUID();
      const starts = slotStart(teamDay0 + Math.floor(j / 2), (ti + j) % SLOT_HOURS.length);
      const ends = new Date(starts.getTime() + BOOKING_HOURS * HOUR);
      const status = statusOf();
      const teamId = teamIds[ti]!;
      b.id.push(id), b.starts.push(starts), b.ends.push(ends), b.status.push(status), b.team.push(teamId);
      t.booking.push(id), t.team.push(teamId), t.starts.push(starts), t.ends.push(ends), t.active.push(status !== 'cancelled');
      for (const member of members.get(teamId)!) {
        w.booking.push(id), w.worker.push(member), w.starts.push(starts), w.ends.push(ends), w.active.push(status !== 'cancelled'), w.viaTeam.push(true);
      }
    }
  }
  // One more day after the team days, for the org-wide blackout.
  const days = teamDay0 + Math.ceil(options.perTeam / 2) + 1;

  await owner.query(
    `INSERT INTO bookings (org_id, id, client_id, starts_at, ends_at, time_zone, status, team_id, currency, price_estimate_minor, cancelled_at)
     SELECT $1, u.id, $2, u.starts_at, u.ends_at, 'UTC', u.status, u.team_id, 'USD', 12000, CASE WHEN u.status = 'cancelled' THEN now() END
       FROM unnest($3::uuid[], $4::timestamptz[], $5::timestamptz[], $6::text[], $7::uuid[]) AS u(id, starts_at, ends_at, status, team_id)`,
    [orgId, client.id, b.id, b.starts, b.ends, b.status, b.team],
  );
  await owner.query(
    `INSERT INTO booking_workers (org_id, booking_id, worker_id, starts_at, ends_at, active, via_team)
     SELECT $1, u.* FROM unnest($2::uuid[], $3::uuid[], $4::timestamptz[], $5::timestamptz[], $6::boolean[], $7::boolean[]) AS u`,
    [orgId, w.booking, w.worker, w.starts, w.ends, w.active, w.viaTeam],
  );
  await owner.query(
    `INSERT INTO booking_team_blocks (org_id, booking_id, team_id, starts_at, ends_at, active)
     SELECT $1, u.* FROM unnest($2::uuid[], $3::uuid[], $4::timestamptz[], $5::timestamptz[], $6::boolean[]) AS u`,
    [orgId, t.booking, t.team, t.starts, t.ends, t.active],
  );

  const lastDay = days - 1;
  const blackouts: Array<[string, string | null, string | null, Date, Date, string]> = [
    ['org', null, null, new Date(base.getTime() + lastDay * DAY + 20 * HOUR), new Date(base.getTime() + lastDay * DAY + 23 * HOUR), 'Office party'],
  ];
  for (let i = 0; i < Math.min(5, teamIds.length); i++) {
    blackouts.push(['team', teamIds[i]!, null, slotStart(i * 3, 1), slotStart(i * 3, 3), 'Team training']);
  }
  for (let i = 0; i < Math.min(20, workerIds.length); i++) {
    const wi = (i * 37) % workerIds.length;
    blackouts.push(['worker', null, workerIds[wi]!, new Date(base.getTime() + i * DAY), new Date(base.getTime() + (i + 1) * DAY), 'Day off']);
  }
  await owner.query(
    `INSERT INTO blackouts (org_id, id, scope, team_id, worker_id, starts_at, ends_at, reason)
     SELECT $1, gen_random_uuid(), u.* FROM unnest($2::text[], $3::uuid[], $4::uuid[], $5::timestamptz[], $6::timestamptz[], $7::text[]) AS u`,
    [orgId, ...[0, 1, 2, 3, 4, 5].map((c) => blackouts.map((row) => row[c]))],
  );
  for (const table of ['teams', 'workers', 'bookings', 'booking_workers', 'booking_team_blocks', 'blackouts']) await owner.query(`ANALYZE ${table}`);

  return {
    orgId,
    clientId: client.id,
    teamIds,
    workerIds,
    workerTeam,
    base,
    days,
    bookings: b.id.length,
    occupancyRows: w.booking.length,
    blackouts: blackouts.length,
    ctx: () => adminContext(orgId),
  };
}

/** A 2-h window starting on a random half hour between 07:00 and 17:00 of a random day of the seed. */
export function randomWindow(seed: ScheduleSeed, random: () => number = Math.random): { start: Date; end: Date } {
  const day = Math.floor(random() * seed.days);
  const halfHour = 14 + Math.floor(random() * 21); // 07:00 … 17:00
  const start = new Date(seed.base.getTime() + day * DAY + halfHour * 30 * 60_000);
  return { start, end: new Date(start.getTime() + BOOKING_HOURS * HOUR) };
}

/** A small deterministic PRNG (mulberry32), so every variant of a rep sees the same inputs. */
export function prng(seedValue: number): () => number {
  let a = seedValue >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
