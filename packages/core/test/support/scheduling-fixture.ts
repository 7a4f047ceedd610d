/**
 * The core on the memory adapters for the scheduling use cases: a fixed clock, sequential ids, a
 * cheap password hasher (worker portal), a rate limiter on the fixture clock, and helpers that
 * seed teams, workers, services, clients and bookings through the use cases themselves.
 */
import {
  createCore,
  systemActor,
  type Booking,
  type BookingSeries,
  type Client,
  type CoreOptions,
  type MessageChannels,
  type SmsOptOutStore,
  type PasswordHasher,
  type SecretSealer,
  type RequestContext,
  type Service,
  type SystemContext,
  type Team,
  type Worker,
  type WorkerView,
} from '@cws/core';
import { createMemoryAdapters, MemoryRateLimiter, type MemoryAdapters } from '@cws/adapter-memory';
import { T0, type CoreFixture } from './core-fixture.js';
import { FixedClock } from './fixed-clock.js';
import { CHEAP_HASHER } from './identity-fixture.js';
import { InterceptingUnitOfWork } from './intercepting-unit-of-work.js';
import { SequentialIds } from './sequential-ids.js';

export const HOUR = 3_600_000;

/** An instant on a UTC date and time: `utc('2026-03-03', '10:00')`. */
export function utc(date: string, time: string): Date {
  return new Date(`${date}T${time}:00.000Z`);
}

/** The day after T0 (T0 is Monday 2026-03-02 09:30 UTC). */
export const TUE = '2026-03-03';
export const WED = '2026-03-04';

/** A worker portal password every rule accepts. */
export const PORTAL_PASSWORD = 'Mop-Bucket-Sunrise-77';
export const WORKER_IP = '198.51.100.20';

/** A uuid no fixture ever issues. */
export const UNKNOWN_ID = '00000000-0000-4000-8000-00000000ffff';

export interface SchedulingFixture extends CoreFixture {
  readonly hasher: PasswordHasher;
  readonly limiter: MemoryRateLimiter;
  team(orgId: string, name?: string): Promise<Team>;
  worker(orgId: string, fields?: Record<string, unknown>): Promise<WorkerView>;
  service(orgId: string, fields?: Record<string, unknown>): Promise<Service>;
  /** A client with one (primary) address unless `addresses` says otherwise. */
  client(orgId: string, fields?: Record<string, unknown>): Promise<Client>;
  /** A booking of `clientId` from `start` to `end` (ISO strings or Dates). */
  book(orgId: string, clientId: string, start: Date, end: Date, extra?: Record<string, unknown>): Promise<Booking>;
  storedBooking(id: string): Booking;
  storedWorker(id: string): Worker;
  storedSeries(id: string): BookingSeries;
  /** Every booking of a series (any status), by occurrence date. */
  occurrences(seriesId: string): Booking[];
}

export function schedulingFixture(
  options: CoreOptions & { passwordHasher?: PasswordHasher; channels?: Partial<MessageChannels>; smsOptOuts?: SmsOptOutStore; messageSealer?: SecretSealer } = {},
): SchedulingFixture {
  const clock = new FixedClock(T0);
  const ids = new SequentialIds();
  const limiter = new MemoryRateLimiter({ now: () => clock.now().getTime() });
  const adapters: MemoryAdapters = { ...createMemoryAdapters(), rateLimiter: limiter };
  const uow = new InterceptingUnitOfWork(adapters.uow);
  const { passwordHasher, channels, smsOptOuts, messageSealer, ...coreOptions } = options;
  const hasher = passwordHasher ?? CHEAP_HASHER;
  const core = createCore({ ...adapters, uow, clock, ids, passwordHasher: hasher, ...(channels === undefined ? {} : { channels }), ...(smsOptOuts === undefined ? {} : { smsOptOuts }), ...(messageSealer === undefined ? {} : { messageSealer }) }, coreOptions);
  const sys = (overrides: Partial<SystemContext> = {}): SystemContext => ({
    actor: systemActor('test-setup'),
    requestId: 'req-system',
    now: clock.now(),
    reason: 'test fixture',
    ...overrides,
  });
  const ctx: CoreFixture['ctx'] = (orgId, overrides = {}) => {
    const { role = 'admin', actorId = 'user-admin', ...rest } = overrides;
    return { orgId, actor: { kind: 'staff', id: actorId, role }, requestId: 'req-1', now: clock.now(), ...rest } satisfies RequestContext;
  };
  const stored = <T>(map: ReadonlyMap<string, T>, id: string, what: string): T => {
    const row = map.get(id);
    if (row === undefined) throw new Error(`no ${what} ${id}`);
    return row;
  };
  let clients = 0;
  return {
    core,
    adapters,
    state: adapters.state,
    clock,
    ids,
    uow,
    hasher,
    limiter,
    sys,
    ctx,
    async newOrg(slug, settings = {}) {
      const { org } = await core.orgs.create.execute(sys(), { name: `Org ${slug}`, slug, ...settings });
      return org.id;
    },
    team: (orgId, name = 'Blue Team') => core.workforce.createTeam.execute(ctx(orgId), { name }),
    worker: (orgId, fields = {}) => core.workforce.createWorker.execute(ctx(orgId), { name: 'Wendy Worker', ...fields }),
    service: (orgId, fields = {}) => core.workforce.createService.execute(ctx(orgId), { name: 'Standard clean', durationMinutes: 120, priceMinor: 9000, ...fields }),
    client(orgId, fields = {}) {
      clients += 1;
      return core.clients.create.execute(ctx(orgId), { name: `Client ${clients}`, addresses: [{ line1: `${clients} High St`, city: 'Leeds' }], ...fields });
    },
    async book(orgId, clientId, start, end, extra = {}) {
      const { booking } = await core.bookings.create.execute(ctx(orgId), { clientId, start: start.toISOString(), end: end.toISOString(), ...extra });
      return booking;
    },
    storedBooking: (id) => stored(adapters.state.tables.bookings, id, 'booking'),
    storedWorker: (id) => stored(adapters.state.tables.workers, id, 'worker'),
    storedSeries: (id) => stored(adapters.state.tables.bookingSeries, id, 'series'),
    occurrences: (seriesId) =>
      [...adapters.state.tables.bookings.values()]
        .filter((b) => b.seriesId === seriesId)
        .sort((a, b) => (a.occurrenceDate! < b.occurrenceDate! ? -1 : a.occurrenceDate! > b.occurrenceDate! ? 1 : 0)),
  };
}
