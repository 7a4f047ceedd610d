/**
 * The checks a booking write makes, on rows read in one go (`BookingRepository.readWriteContext`)
 * instead of one port call each: the visit, the assignees, blackouts. Each answers what its
 * one-call-per-row twin in scheduling-support.ts answers, with the same errors in the same order.
 */
import type { Client } from '../../domain/clients/client.js';
import { sortWorkers, type Booking, type BookingWorker } from '../../domain/scheduling/booking.js';
import type { Service, Worker } from '../../domain/scheduling/workforce.js';
import { AppError } from '../../errors/app-error.js';
import type { BookingWriteContext, TimeWindow } from '../../ports/scheduling-repositories.port.js';
import { blackedOut, notFound } from '../scheduling/scheduling-support.js';

/** The workers of the context by id: those asked for and the team's members. */
export function workersOf(rows: BookingWriteContext): Map<string, Worker> {
  return new Map([...rows.teamMembers, ...rows.workers].map((w) => [w.id, w]));
}

/**
 * As resolveVisit: the client (not archived), the address (its primary when not given, none when
 * null), the service (active) when named.
 * @throws client.not_found, client.archived, client.address_not_found, service.not_found
 */
export function visitFrom(
  rows: BookingWriteContext,
  clientId: string,
  addressId: string | null | undefined,
  serviceId: string | null,
): { addressId: string | null; service: Service | null; client: Client } {
  const { client } = rows;
  if (client === null) throw notFound.client(clientId);
  if (client.archivedAt !== null) throw new AppError('client.archived', `Client ${clientId} is archived`, { details: { client_id: clientId } });
  const address = addressId === undefined ? (client.addresses.find((a) => a.isPrimary)?.id ?? null) : addressId;
  if (address !== null && !client.addresses.some((a) => a.id === address)) throw notFound.address(clientId, address);
  if (serviceId === null) return { addressId: address, service: null, client };
  if (rows.service === null || !rows.service.active) throw notFound.service(serviceId);
  return { addressId: address, service: rows.service, client };
}

/**
 * As resolveAssignees: those named (each must exist and be active), plus the active members of
 * the team (which must exist and be active).
 * @throws worker.not_found, worker.inactive, team.not_found, team.inactive
 */
export function assigneesFrom(rows: BookingWriteContext, teamId: string | null, workerIds: readonly string[]): BookingWorker[] {
  const byId = new Map(rows.workers.map((w) => [w.id, w]));
  const named: BookingWorker[] = [];
  for (const id of workerIds) {
    const worker = byId.get(id);
    if (worker === undefined) throw notFound.worker(id);
    if (!worker.active) throw new AppError('worker.inactive', `Worker ${id} is inactive`, { details: { worker_id: id } });
    named.push({ workerId: id, viaTeam: false });
  }
  if (teamId === null) return sortWorkers(named);
  const { team } = rows;
  if (team === null) throw notFound.team(teamId);
  if (!team.active) throw new AppError('team.inactive', `Team ${teamId} is inactive`, { details: { team_id: teamId } });
  return sortWorkers([...named, ...rows.teamMembers.map((m) => ({ workerId: m.id, viaTeam: true }))]);
}

/**
 * As assertNotBlackedOut, on the blackouts read over `read` (which must cover the booking): the
 * org's, its team's, one of its workers', or the home team of a named worker.
 */
export function assertNotBlackedOutIn(rows: BookingWriteContext, read: TimeWindow, booking: Booking): void {
  if (booking.startsAt < read.from || booking.endsAt > read.to) throw new Error(`Blackouts were read over a window that does not cover booking ${booking.id}`);
  const workers = workersOf(rows);
  const teamIds = new Set(booking.teamId === null ? [] : [booking.teamId]);
  for (const w of booking.workers) {
    const home = w.viaTeam ? null : (workers.get(w.workerId)?.teamId ?? null);
    if (home !== null) teamIds.add(home);
  }
  const workerIds = new Set(booking.workers.map((w) => w.workerId));
  const found = rows.blackouts.find(
    (b) =>
      b.startsAt < booking.endsAt &&
      b.endsAt > booking.startsAt &&
      (b.scope === 'org' || (b.scope === 'team' && b.teamId !== null && teamIds.has(b.teamId)) || (b.scope === 'worker' && b.workerId !== null && workerIds.has(b.workerId))),
  );
  if (found !== undefined) throw blackedOut(found);
}
