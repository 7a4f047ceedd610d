/**
 * The booking repository's combined read and write (`readWriteContext`, and `insert`/`update`
 * with records) over the unit's single-row repositories: here every call is a map lookup, so
 * combining them buys nothing, and answering through those ports keeps the answers the ones they
 * give. A clash throws before anything is written, so the records are written only with the booking.
 */
import type {
  Booking,
  BookingListQuery,
  BookingRepository,
  BookingStartQuery,
  BookingWriteContext,
  BookingWriteContextQuery,
  BookingWriteRecords,
  LocalDate,
  TenantRepositories,
  TimeWindow,
} from '@cws/core';

type Parts = { readonly bookings: Omit<BookingRepository, 'readWriteContext'> } & Pick<TenantRepositories, 'clients' | 'services' | 'teams' | 'workers' | 'orgSettings' | 'blackouts' | 'idempotency' | 'audit' | 'outbox'>;

export class MemoryBookingWrites implements BookingRepository {
  constructor(private readonly repos: Parts) {}

  private async record(records: BookingWriteRecords | undefined): Promise<void> {
    if (records === undefined) return;
    if (records.audit !== null) await this.repos.audit.append(records.audit);
    for (const message of records.messages) await this.repos.outbox.enqueue(message);
  }

  async insert(booking: Booking, records?: BookingWriteRecords): Promise<void> {
    await this.repos.bookings.insert(booking);
    await this.record(records);
  }

  async update(booking: Booking, records?: BookingWriteRecords): Promise<void> {
    await this.repos.bookings.update(booking);
    await this.record(records);
  }

  async readWriteContext(q: BookingWriteContextQuery): Promise<BookingWriteContext> {
    const { repos } = this;
    // The claim first, as the combined statement of the PostgreSQL adapter makes it.
    const heldKey = q.claim === null ? null : await repos.idempotency.claim(q.claim);
    return {
      client: await repos.clients.findById(q.clientId),
      service: q.serviceId === null ? null : await repos.services.findById(q.serviceId),
      team: q.teamId === null ? null : await repos.teams.findById(q.teamId),
      teamMembers: q.teamId === null ? [] : await repos.workers.list({ teamId: q.teamId, active: true }),
      workers: q.workerIds.length === 0 ? [] : await repos.workers.findByIds(q.workerIds),
      settings: await repos.orgSettings.get(),
      blackouts: q.window === null ? [] : await repos.blackouts.listOverlapping(q.window, { teamIds: null, workerIds: null }),
      heldKey,
    };
  }

  findById(id: string, options?: { forUpdate?: boolean }) {
    return this.repos.bookings.findById(id, options);
  }

  list(query: BookingListQuery) {
    return this.repos.bookings.list(query);
  }

  listStarting(query: BookingStartQuery) {
    return this.repos.bookings.listStarting(query);
  }

  listSeriesOccurrences(seriesId: string, fromDate: LocalDate) {
    return this.repos.bookings.listSeriesOccurrences(seriesId, fromDate);
  }

  workerOccupancy(window: TimeWindow, filter: { readonly workerIds: readonly string[] | null; readonly excludeBookingId: string | null }) {
    return this.repos.bookings.workerOccupancy(window, filter);
  }

  teamOccupancy(window: TimeWindow, filter: { readonly teamIds: readonly string[] | null; readonly excludeBookingId: string | null }) {
    return this.repos.bookings.teamOccupancy(window, filter);
  }
}
