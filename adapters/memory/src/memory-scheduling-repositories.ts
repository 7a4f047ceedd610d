/**
 * Scheduling repositories in memory, bound to one org like their PostgreSQL counterparts: another
 * org's rows are invisible, a row carrying another org's id is refused, and a reference to a row
 * the org does not have fails with that row's not-found code (what a composite foreign key
 * (org_id, x_id) does there). Double booking is checked before anything is written, so a refused
 * write changes nothing and the unit of work goes on.
 */
import {
  AppError,
  compareByNameThenId,
  compareByStart,
  isAfterStartKey,
  occupiesTime,
  overlaps,
  slotUnavailable,
  type Blackout,
  type BlackoutRepository,
  type Booking,
  type BookingListQuery,
  type BookingRepository,
  type BookingSeries,
  type BookingStartQuery,
  type BookingVisit,
  type BookingSeriesRepository,
  type ErrorCode,
  type IdempotencyRecord,
  type IdempotencyRepository,
  type LocalDate,
  type RosterWorker,
  type Service,
  type ServiceRepository,
  type SlotClash,
  type Team,
  type TeamOccupancy,
  type TeamRepository,
  type TimeWindow,
  type Worker,
  type WorkerListQuery,
  type WorkerOccupancy,
  type WorkerRepository,
} from '@cws/core';
import { copy, type TenantTables } from './memory-state.js';

function assertOwnOrg(boundOrgId: string, rowOrgId: string): void {
  if (rowOrgId !== boundOrgId) throw new AppError('tenant.cross_org_write', 'A row cannot be written into another organisation');
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function asWindow(w: TimeWindow): { startsAt: Date; endsAt: Date } {
  return { startsAt: w.from, endsAt: w.to };
}

/** The composite foreign keys of the scheduling tables, as checks on the bound org's rows. */
class References {
  constructor(private readonly orgId: string, private readonly t: TenantTables) {}

  private check(map: ReadonlyMap<string, { orgId: string }>, id: string | null, code: ErrorCode, what: string, detail: string): void {
    if (id === null) return;
    const row = map.get(id);
    if (row === undefined || row.orgId !== this.orgId) {
      throw new AppError(code, `No ${what} ${id} in this organisation`, { details: { [detail]: id } });
    }
  }

  client(id: string | null): void {
    this.check(this.t.clients, id, 'client.not_found', 'client', 'client_id');
  }
  address(id: string | null): void {
    this.check(this.t.addresses, id, 'client.address_not_found', 'address', 'address_id');
  }
  service(id: string | null): void {
    this.check(this.t.services, id, 'service.not_found', 'service', 'service_id');
  }
  team(id: string | null): void {
    this.check(this.t.teams, id, 'team.not_found', 'team', 'team_id');
  }
  worker(id: string | null): void {
    this.check(this.t.workers, id, 'worker.not_found', 'worker', 'worker_id');
  }
  series(id: string | null): void {
    this.check(this.t.bookingSeries, id, 'series.not_found', 'booking series', 'series_id');
  }
}

class MemoryTeamRepository implements TeamRepository {
  constructor(private readonly orgId: string, private readonly t: TenantTables) {}

  async insert(team: Team): Promise<void> {
    assertOwnOrg(this.orgId, team.orgId);
    if (this.t.teams.has(team.id)) throw new AppError('storage.conflict', `Team ${team.id} exists`);
    this.t.teams.set(team.id, copy(team));
  }

  async findById(id: string): Promise<Team | null> {
    const team = this.t.teams.get(id);
    return team !== undefined && team.orgId === this.orgId ? copy(team) : null;
  }

  async update(team: Team): Promise<void> {
    assertOwnOrg(this.orgId, team.orgId);
    const current = this.t.teams.get(team.id);
    if (current === undefined || current.orgId !== this.orgId) throw new AppError('team.not_found', `No team ${team.id} in this organisation`);
    this.t.teams.set(team.id, copy({ ...team, createdAt: current.createdAt }));
  }

  async list(): Promise<readonly Team[]> {
    return [...this.t.teams.values()].filter((x) => x.orgId === this.orgId).sort(compareByNameThenId).map(copy);
  }
}

class MemoryWorkerRepository implements WorkerRepository {
  private readonly refs: References;

  constructor(private readonly orgId: string, private readonly t: TenantTables) {
    this.refs = new References(orgId, t);
  }

  /** The unique indexes on (org_id, lower(email)) and (org_id, phone). */
  private assertContactFree(worker: Worker): void {
    const email = worker.email?.toLowerCase() ?? null;
    for (const other of this.t.workers.values()) {
      if (other.orgId !== this.orgId || other.id === worker.id) continue;
      const sameEmail = email !== null && other.email !== null && other.email.toLowerCase() === email;
      const samePhone = worker.phone !== null && other.phone === worker.phone;
      if (sameEmail || samePhone) {
        throw new AppError('worker.contact_taken', `Another worker already uses that ${sameEmail ? 'email' : 'phone'}`, {
          details: { field: sameEmail ? 'email' : 'phone' },
        });
      }
    }
  }

  async insert(worker: Worker): Promise<void> {
    assertOwnOrg(this.orgId, worker.orgId);
    if (this.t.workers.has(worker.id)) throw new AppError('storage.conflict', `Worker ${worker.id} exists`);
    this.refs.team(worker.teamId);
    this.assertContactFree(worker);
    this.t.workers.set(worker.id, copy(worker));
  }

  // Units of work run one at a time here, so a row lock has nothing to add.
  async findById(id: string, _options: { forUpdate?: boolean } = {}): Promise<Worker | null> {
    const worker = this.t.workers.get(id);
    return worker !== undefined && worker.orgId === this.orgId ? copy(worker) : null;
  }

  async findByIds(ids: readonly string[]): Promise<readonly Worker[]> {
    return [...new Set(ids)].flatMap((id) => {
      const worker = this.t.workers.get(id);
      return worker !== undefined && worker.orgId === this.orgId ? [copy(worker)] : [];
    });
  }

  async update(worker: Worker): Promise<void> {
    assertOwnOrg(this.orgId, worker.orgId);
    const current = this.t.workers.get(worker.id);
    if (current === undefined || current.orgId !== this.orgId) throw new AppError('worker.not_found', `No worker ${worker.id} in this organisation`);
    this.refs.team(worker.teamId);
    this.assertContactFree(worker);
    this.t.workers.set(worker.id, copy({ ...worker, createdAt: current.createdAt }));
  }

  async list(q: WorkerListQuery): Promise<readonly Worker[]> {
    return [...this.t.workers.values()]
      .filter((w) => w.orgId === this.orgId && (q.teamId === null || w.teamId === q.teamId) && (q.active === null || w.active === q.active))
      .sort(compareByNameThenId)
      .map(copy);
  }

  async listRoster(): Promise<readonly RosterWorker[]> {
    return (await this.list({ teamId: null, active: true })).map(({ id, name, skills, teamId, workingHours }) => ({ id, name, skills, teamId, workingHours }));
  }

  async findByLogin(login: { readonly email: string } | { readonly phone: string }): Promise<Worker | null> {
    const match =
      'email' in login
        ? (w: Worker) => w.email !== null && w.email.toLowerCase() === login.email.toLowerCase()
        : (w: Worker) => w.phone !== null && w.phone === login.phone;
    const worker = [...this.t.workers.values()].find((w) => w.orgId === this.orgId && match(w));
    return worker === undefined ? null : copy(worker);
  }
}

class MemoryServiceRepository implements ServiceRepository {
  constructor(private readonly orgId: string, private readonly t: TenantTables) {}

  async insert(service: Service): Promise<void> {
    assertOwnOrg(this.orgId, service.orgId);
    if (this.t.services.has(service.id)) throw new AppError('storage.conflict', `Service ${service.id} exists`);
    this.t.services.set(service.id, copy(service));
  }

  async findById(id: string): Promise<Service | null> {
    const service = this.t.services.get(id);
    return service !== undefined && service.orgId === this.orgId ? copy(service) : null;
  }

  async update(service: Service): Promise<void> {
    assertOwnOrg(this.orgId, service.orgId);
    const current = this.t.services.get(service.id);
    if (current === undefined || current.orgId !== this.orgId) throw new AppError('service.not_found', `No service ${service.id} in this organisation`);
    this.t.services.set(service.id, copy({ ...service, createdAt: current.createdAt }));
  }

  async list(q: { readonly active: boolean | null }): Promise<readonly Service[]> {
    return [...this.t.services.values()]
      .filter((s) => s.orgId === this.orgId && (q.active === null || s.active === q.active))
      .sort(compareByNameThenId)
      .map(copy);
  }
}

class MemoryBlackoutRepository implements BlackoutRepository {
  private readonly refs: References;

  constructor(private readonly orgId: string, private readonly t: TenantTables) {
    this.refs = new References(orgId, t);
  }

  async insert(blackout: Blackout): Promise<void> {
    assertOwnOrg(this.orgId, blackout.orgId);
    if (this.t.blackouts.has(blackout.id)) throw new AppError('storage.conflict', `Blackout ${blackout.id} exists`);
    this.refs.team(blackout.teamId);
    this.refs.worker(blackout.workerId);
    this.t.blackouts.set(blackout.id, copy(blackout));
  }

  async findById(id: string): Promise<Blackout | null> {
    const blackout = this.t.blackouts.get(id);
    return blackout !== undefined && blackout.orgId === this.orgId ? copy(blackout) : null;
  }

  async delete(id: string): Promise<boolean> {
    const blackout = this.t.blackouts.get(id);
    if (blackout === undefined || blackout.orgId !== this.orgId) return false;
    this.t.blackouts.delete(id);
    return true;
  }

  async listOverlapping(
    window: TimeWindow,
    filter: { readonly teamIds: readonly string[] | null; readonly workerIds: readonly string[] | null },
  ): Promise<readonly Blackout[]> {
    const wanted = (b: Blackout): boolean => {
      if (b.scope === 'org') return true;
      if (b.scope === 'team') return filter.teamIds === null || (b.teamId !== null && filter.teamIds.includes(b.teamId));
      return filter.workerIds === null || (b.workerId !== null && filter.workerIds.includes(b.workerId));
    };
    return [...this.t.blackouts.values()]
      .filter((b) => b.orgId === this.orgId && overlaps(b, asWindow(window)) && wanted(b))
      .sort(compareByStart)
      .map(copy);
  }
}

/** The booking rows; memory-booking-writes.ts adds the combined read and write on top. */
class MemoryBookingRepository implements Omit<BookingRepository, 'readWriteContext'> {
  private readonly refs: References;

  constructor(private readonly orgId: string, private readonly t: TenantTables) {
    this.refs = new References(orgId, t);
  }

  private own(): Booking[] {
    return [...this.t.bookings.values()].filter((b) => b.orgId === this.orgId);
  }

  private assertReferences(booking: Booking): void {
    this.refs.client(booking.clientId);
    this.refs.address(booking.addressId);
    this.refs.service(booking.serviceId);
    this.refs.team(booking.teamId);
    for (const w of booking.workers) this.refs.worker(w.workerId);
    this.refs.series(booking.seriesId);
  }

  /** The unique index on (org_id, series_id, occurrence_date): one booking per series date. */
  private assertOccurrenceFree(booking: Booking): void {
    if (booking.seriesId === null || booking.occurrenceDate === null) return;
    const taken = this.own().some((o) => o.id !== booking.id && o.seriesId === booking.seriesId && o.occurrenceDate === booking.occurrenceDate);
    if (taken) {
      throw new AppError('storage.conflict', `Series ${booking.seriesId} already has a booking for ${booking.occurrenceDate}`, {
        details: { series_id: booking.seriesId, occurrence_date: booking.occurrenceDate },
      });
    }
  }

  /** The exclusion constraints over occupied worker and team time, checked before any write. */
  private assertSlotFree(booking: Booking): void {
    if (!occupiesTime(booking.status)) return;
    const clashes: SlotClash[] = [];
    for (const other of this.own()) {
      if (other.id === booking.id || !occupiesTime(other.status) || !overlaps(booking, other)) continue;
      const time = { bookingId: other.id, startsAt: other.startsAt, endsAt: other.endsAt };
      for (const w of booking.workers) {
        if (other.workers.some((o) => o.workerId === w.workerId)) {
          clashes.push({ ...time, workerId: w.workerId, workerName: this.t.workers.get(w.workerId)?.name ?? null, teamId: null, teamName: null });
        }
      }
      if (booking.teamId !== null && other.teamId === booking.teamId) {
        clashes.push({ ...time, workerId: null, workerName: null, teamId: booking.teamId, teamName: this.t.teams.get(booking.teamId)?.name ?? null });
      }
    }
    if (clashes.length > 0) {
      clashes.sort((a, b) => compareByStart({ startsAt: a.startsAt, id: a.bookingId }, { startsAt: b.startsAt, id: b.bookingId }));
      throw slotUnavailable(clashes);
    }
  }

  async insert(booking: Booking): Promise<void> {
    assertOwnOrg(this.orgId, booking.orgId);
    if (this.t.bookings.has(booking.id)) throw new AppError('storage.conflict', `Booking ${booking.id} exists`);
    this.assertReferences(booking);
    this.assertOccurrenceFree(booking);
    this.assertSlotFree(booking);
    this.t.bookings.set(booking.id, copy(booking));
  }

  // Units of work run one at a time here, so a row lock has nothing to add.
  async findById(id: string, _options: { forUpdate?: boolean } = {}): Promise<Booking | null> {
    const booking = this.t.bookings.get(id);
    return booking !== undefined && booking.orgId === this.orgId ? copy(booking) : null;
  }

  async update(booking: Booking): Promise<void> {
    assertOwnOrg(this.orgId, booking.orgId);
    const current = this.t.bookings.get(booking.id);
    if (current === undefined || current.orgId !== this.orgId) throw new AppError('booking.not_found', `No booking ${booking.id} in this organisation`);
    this.assertReferences(booking);
    this.assertOccurrenceFree(booking);
    this.assertSlotFree(booking);
    this.t.bookings.set(booking.id, copy({ ...booking, createdAt: current.createdAt }));
  }

  async list(q: BookingListQuery): Promise<readonly Booking[]> {
    return this.own()
      .filter(
        (b) =>
          overlaps(b, asWindow(q.window)) &&
          (q.statuses === null || q.statuses.includes(b.status)) &&
          (q.workerId === null || b.workers.some((w) => w.workerId === q.workerId)) &&
          (q.teamId === null || b.teamId === q.teamId) &&
          (q.clientId === null || b.clientId === q.clientId) &&
          (q.seriesId === null || b.seriesId === q.seriesId) &&
          (!q.unassignedOnly || (b.teamId === null && b.workers.length === 0)) &&
          (q.after === null || isAfterStartKey(b, q.after)),
      )
      .sort(compareByStart)
      .slice(0, q.limit)
      .map(copy);
  }

  async listStarting(q: BookingStartQuery): Promise<readonly BookingVisit[]> {
    return this.own()
      .filter((b) => b.startsAt >= q.window.from && b.startsAt < q.window.to && q.statuses.includes(b.status) && (q.after === null || isAfterStartKey(b, q.after)))
      .sort(compareByStart)
      .slice(0, q.limit)
      .map((b) => {
        const client = this.t.clients.get(b.clientId)!;
        const address = b.addressId === null ? undefined : this.t.addresses.get(b.addressId);
        return copy({
          id: b.id,
          status: b.status,
          startsAt: b.startsAt,
          endsAt: b.endsAt,
          timeZone: b.timeZone,
          client: { id: client.id, name: client.name, email: client.email, phone: client.phone },
          address: address === undefined ? null : { line1: address.line1, line2: address.line2, city: address.city, region: address.region, postalCode: address.postalCode, country: address.country },
          serviceName: b.serviceId === null ? null : (this.t.services.get(b.serviceId)?.name ?? null),
        });
      });
  }

  async listSeriesOccurrences(seriesId: string, fromDate: LocalDate): Promise<readonly Booking[]> {
    return this.own()
      .filter((b) => b.seriesId === seriesId && b.occurrenceDate !== null && b.occurrenceDate >= fromDate)
      .sort((a, b) => compareIds(a.occurrenceDate!, b.occurrenceDate!) || compareByStart(a, b))
      .map(copy);
  }

  /** Occupying bookings overlapping the window, minus the excluded one. */
  private occupying(window: TimeWindow, excludeBookingId: string | null): Booking[] {
    return this.own()
      .filter((b) => b.id !== excludeBookingId && occupiesTime(b.status) && overlaps(b, asWindow(window)))
      .sort(compareByStart);
  }

  async workerOccupancy(
    window: TimeWindow,
    filter: { readonly workerIds: readonly string[] | null; readonly excludeBookingId: string | null },
  ): Promise<readonly WorkerOccupancy[]> {
    return this.occupying(window, filter.excludeBookingId).flatMap((b) =>
      b.workers
        .filter((w) => filter.workerIds === null || filter.workerIds.includes(w.workerId))
        .map((w) => ({ bookingId: b.id, workerId: w.workerId, viaTeam: w.viaTeam, startsAt: new Date(b.startsAt), endsAt: new Date(b.endsAt) })),
    );
  }

  async teamOccupancy(
    window: TimeWindow,
    filter: { readonly teamIds: readonly string[] | null; readonly excludeBookingId: string | null },
  ): Promise<readonly TeamOccupancy[]> {
    return this.occupying(window, filter.excludeBookingId)
      .filter((b) => b.teamId !== null && (filter.teamIds === null || filter.teamIds.includes(b.teamId)))
      .map((b) => ({ bookingId: b.id, teamId: b.teamId!, startsAt: new Date(b.startsAt), endsAt: new Date(b.endsAt) }));
  }
}

class MemoryBookingSeriesRepository implements BookingSeriesRepository {
  private readonly refs: References;

  constructor(private readonly orgId: string, private readonly t: TenantTables) {
    this.refs = new References(orgId, t);
  }

  // Worker ids on a series are a list, not foreign keys (as in PostgreSQL): occurrences check them.
  private assertReferences(series: BookingSeries): void {
    this.refs.client(series.clientId);
    this.refs.address(series.addressId);
    this.refs.service(series.serviceId);
    this.refs.team(series.teamId);
  }

  async insert(series: BookingSeries): Promise<void> {
    assertOwnOrg(this.orgId, series.orgId);
    if (this.t.bookingSeries.has(series.id)) throw new AppError('storage.conflict', `Series ${series.id} exists`);
    this.assertReferences(series);
    this.t.bookingSeries.set(series.id, copy(series));
  }

  // Units of work run one at a time here, so a row lock has nothing to add.
  async findById(id: string, _options: { forUpdate?: boolean } = {}): Promise<BookingSeries | null> {
    const series = this.t.bookingSeries.get(id);
    return series !== undefined && series.orgId === this.orgId ? copy(series) : null;
  }

  async update(series: BookingSeries): Promise<void> {
    assertOwnOrg(this.orgId, series.orgId);
    const current = this.t.bookingSeries.get(series.id);
    if (current === undefined || current.orgId !== this.orgId) throw new AppError('series.not_found', `No booking series ${series.id} in this organisation`);
    this.assertReferences(series);
    this.t.bookingSeries.set(series.id, copy({ ...series, createdAt: current.createdAt }));
  }

  /** Most behind first (never generated, then oldest horizon), then by id. */
  async listNeedingGeneration(through: LocalDate, limit: number): Promise<readonly BookingSeries[]> {
    return [...this.t.bookingSeries.values()]
      .filter((s) => s.orgId === this.orgId && s.endedOn === null && (s.generatedThrough === null || s.generatedThrough < through))
      .sort((a, b) => compareIds(a.generatedThrough ?? '', b.generatedThrough ?? '') || compareIds(a.id, b.id))
      .slice(0, limit)
      .map(copy);
  }
}

class MemoryIdempotencyRepository implements IdempotencyRepository {
  constructor(private readonly orgId: string, private readonly t: TenantTables) {}

  async claim(record: IdempotencyRecord): Promise<IdempotencyRecord | null> {
    const key = JSON.stringify([this.orgId, record.scope, record.key]);
    const existing = this.t.idempotency.get(key);
    if (existing !== undefined && existing.record.expiresAt > record.createdAt) return copy(existing.record);
    // No record, or an expired one: this call owns the key now.
    this.t.idempotency.set(key, { orgId: this.orgId, record: copy(record) });
    return null;
  }

  async deleteExpired(now: Date, limit: number): Promise<number> {
    let deleted = 0;
    for (const [key, held] of this.t.idempotency) {
      if (deleted >= limit) break;
      if (held.orgId !== this.orgId || held.record.expiresAt > now) continue;
      this.t.idempotency.delete(key);
      deleted += 1;
    }
    return deleted;
  }
}

export function schedulingRepositories(orgId: string, t: TenantTables) {
  return {
    teams: new MemoryTeamRepository(orgId, t),
    workers: new MemoryWorkerRepository(orgId, t),
    services: new MemoryServiceRepository(orgId, t),
    blackouts: new MemoryBlackoutRepository(orgId, t),
    bookings: new MemoryBookingRepository(orgId, t),
    bookingSeries: new MemoryBookingSeriesRepository(orgId, t),
    idempotency: new MemoryIdempotencyRepository(orgId, t),
  };
}
