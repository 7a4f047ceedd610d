/** Lookups and checks the scheduling use cases share: not-found errors, assignees, blackouts, visits. */
import type { Client, ClientAddress } from '../../domain/clients/client.js';
import type { OrgSettings } from '../../domain/orgs/org.js';
import { MAX_BOOKING_MINUTES, sortWorkers, type Booking, type BookingWorker } from '../../domain/scheduling/booking.js';
import type { Blackout, Service, Team, Worker } from '../../domain/scheduling/workforce.js';
import { addDays, localDateOf, localDayBounds } from '../../domain/scheduling/zoned-time.js';
import { AppError } from '../../errors/app-error.js';
import type { TimeWindow } from '../../ports/scheduling-repositories.port.js';
import type { TenantRepositories } from '../../ports/unit-of-work.port.js';

export const notFound = {
  team: (id: string) => new AppError('team.not_found', `No team ${id} in this organisation`, { details: { team_id: id } }),
  worker: (id: string) => new AppError('worker.not_found', `No worker ${id} in this organisation`, { details: { worker_id: id } }),
  service: (id: string) => new AppError('service.not_found', `No service ${id} in this organisation`, { details: { service_id: id } }),
  blackout: (id: string) => new AppError('blackout.not_found', `No blackout ${id} in this organisation`, { details: { blackout_id: id } }),
  booking: (id: string) => new AppError('booking.not_found', `No booking ${id} in this organisation`, { details: { booking_id: id } }),
  series: (id: string) => new AppError('series.not_found', `No booking series ${id} in this organisation`, { details: { series_id: id } }),
  client: (id: string) => new AppError('client.not_found', `No client ${id} in this organisation`, { details: { client_id: id } }),
  address: (clientId: string, id: string) =>
    new AppError('client.address_not_found', `Client ${clientId} has no address ${id}`, { details: { client_id: clientId, address_id: id } }),
};

export async function orgZone(repos: TenantRepositories): Promise<{ timeZone: string; currency: string }> {
  return zoneOf(await repos.orgSettings.get());
}

/** The zone and currency of settings already read (an org without settings: UTC and USD). */
export function zoneOf(settings: Pick<OrgSettings, 'timeZone' | 'currency'> | null): { timeZone: string; currency: string } {
  return { timeZone: settings?.timeZone ?? 'UTC', currency: settings?.currency ?? 'USD' };
}

/** A service bookings may still use. @throws service.not_found (also for an inactive one) */
export async function requireActiveService(repos: TenantRepositories, id: string): Promise<Service> {
  const service = await repos.services.findById(id);
  if (service === null || !service.active) throw notFound.service(id);
  return service;
}

/** @throws client.address_not_found unless `addressId` is one of the client's addresses */
export async function requireClientAddress(repos: TenantRepositories, clientId: string, addressId: string): Promise<void> {
  const client = await repos.clients.findById(clientId);
  if (!client?.addresses.some((a) => a.id === addressId)) throw notFound.address(clientId, addressId);
}

/**
 * Where and what a visit is: the client (not archived), the address (the client's, its primary
 * when not given, none when null), the service (active) when named. The client comes back too,
 * for whatever the caller tells them.
 * @throws client.not_found, client.archived, client.address_not_found, service.not_found
 */
export async function resolveVisit(
  repos: TenantRepositories,
  clientId: string,
  addressId: string | null | undefined,
  serviceId: string | null,
): Promise<{ addressId: string | null; service: Service | null; client: Client }> {
  const client = await repos.clients.findById(clientId);
  if (client === null) throw notFound.client(clientId);
  if (client.archivedAt !== null) throw new AppError('client.archived', `Client ${clientId} is archived`, { details: { client_id: clientId } });
  const address = addressId === undefined ? (client.addresses.find((a) => a.isPrimary)?.id ?? null) : addressId;
  if (address !== null && !client.addresses.some((a) => a.id === address)) throw notFound.address(clientId, address);
  return { addressId: address, service: serviceId === null ? null : await requireActiveService(repos, serviceId), client };
}

export async function requireTeam(repos: TenantRepositories, id: string): Promise<Team> {
  const team = await repos.teams.findById(id);
  if (team === null) throw notFound.team(id);
  return team;
}

export async function requireWorker(repos: TenantRepositories, id: string): Promise<Worker> {
  const worker = await repos.workers.findById(id);
  if (worker === null) throw notFound.worker(id);
  return worker;
}

/**
 * The workers a booking occupies: those named, plus the active members of its team. Named
 * workers must exist and be active; a team must exist and be active.
 */
export async function resolveAssignees(repos: TenantRepositories, teamId: string | null, workerIds: readonly string[]): Promise<BookingWorker[]> {
  const named: BookingWorker[] = [];
  for (const id of workerIds) {
    const worker = await requireWorker(repos, id);
    if (!worker.active) throw new AppError('worker.inactive', `Worker ${id} is inactive`, { details: { worker_id: id } });
    named.push({ workerId: id, viaTeam: false });
  }
  if (teamId === null) return sortWorkers(named);
  const team = await requireTeam(repos, teamId);
  if (!team.active) throw new AppError('team.inactive', `Team ${teamId} is inactive`, { details: { team_id: teamId } });
  const members = await repos.workers.list({ teamId, active: true });
  return sortWorkers([...named, ...members.map((m) => ({ workerId: m.id, viaTeam: true }))]);
}

/**
 * Refuses a booking that a blackout covers: the org's, its team's, one of its workers', or the
 * home team of a named worker (as conflicts and suggestions treat it).
 */
export async function assertNotBlackedOut(repos: TenantRepositories, booking: Booking): Promise<void> {
  const teamIds = new Set(booking.teamId === null ? [] : [booking.teamId]);
  for (const w of booking.workers) {
    if (w.viaTeam) continue;
    const home = (await repos.workers.findById(w.workerId))?.teamId ?? null;
    if (home !== null) teamIds.add(home);
  }
  const found = await repos.blackouts.listOverlapping(
    { from: booking.startsAt, to: booking.endsAt },
    { teamIds: [...teamIds], workerIds: booking.workers.map((w) => w.workerId) },
  );
  if (found.length > 0) throw blackedOut(found[0]!);
}

export function blackedOut(b: Blackout): AppError {
  const whom = b.scope === 'org' ? 'the organisation' : b.scope === 'team' ? `team ${b.teamId}` : `worker ${b.workerId}`;
  return new AppError('booking.blacked_out', `A blackout of ${whom} covers that time: ${b.reason}`, {
    details: { blackout_id: b.id, scope: b.scope, team_id: b.teamId, worker_id: b.workerId, reason: b.reason },
  });
}

/** What a visit is for the people doing or planning it: for whom, where, and which service. */
export interface VisitDetails {
  readonly client: { readonly id: string; readonly name: string; readonly phone: string | null };
  readonly address: ClientAddress | null;
  readonly serviceName: string | null;
}

/**
 * The visit details of many bookings in a fixed number of reads (their clients with addresses,
 * the org's services), keyed by booking id.
 */
export async function visitDetails(repos: TenantRepositories, bookings: readonly Booking[]): Promise<Map<string, VisitDetails>> {
  const details = new Map<string, VisitDetails>();
  if (bookings.length === 0) return details;
  const clients = new Map((await repos.clients.findByIds(bookings.map((b) => b.clientId))).map((c) => [c.id, c]));
  const services = bookings.some((b) => b.serviceId !== null) ? new Map((await repos.services.list({ active: null })).map((x) => [x.id, x.name])) : new Map<string, string>();
  for (const b of bookings) {
    const client = clients.get(b.clientId);
    details.set(b.id, {
      client: { id: b.clientId, name: client?.name ?? '', phone: client?.phone ?? null },
      address: client?.addresses.find((a) => a.id === b.addressId) ?? null,
      serviceName: b.serviceId === null ? null : (services.get(b.serviceId) ?? null),
    });
  }
  return details;
}
