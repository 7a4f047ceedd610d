/** Booking series: the rule as jsonb, the end as two columns, local dates as `date`. */
import { AppError, type BookingSeries, type BookingSeriesRepository, type LocalDate, type RecurrenceRule } from '@cws/core';
import { translatingErrors, updateOne } from '../pg-errors.js';
import type { TenantDb } from '../tenant-transaction.js';
import { toNumberOrNull } from './postgres-workforce-repositories.js';

type Row = Record<string, unknown>;

/** 'YYYY-MM-DD' text for the date columns (node-pg would make JS Dates at local midnight). */
const SERIES_COLUMNS = [
  'org_id',
  'id',
  'client_id',
  'address_id',
  'service_id',
  'rule',
  "to_char(start_date, 'YYYY-MM-DD') AS start_date",
  'local_time',
  'duration_minutes',
  'time_zone',
  'end_count',
  "to_char(end_until, 'YYYY-MM-DD') AS end_until",
  'team_id',
  'worker_ids',
  'notes',
  'price_estimate_minor',
  'currency',
  "to_char(generated_through, 'YYYY-MM-DD') AS generated_through",
  "to_char(ended_on, 'YYYY-MM-DD') AS ended_on",
  'created_at',
  'updated_at',
].join(', ');

function toSeries(r: Row): BookingSeries {
  return {
    id: r['id'] as string,
    orgId: r['org_id'] as string,
    clientId: r['client_id'] as string,
    addressId: r['address_id'] as string | null,
    serviceId: r['service_id'] as string | null,
    rule: r['rule'] as RecurrenceRule,
    startDate: r['start_date'] as LocalDate,
    localTime: r['local_time'] as string,
    durationMinutes: r['duration_minutes'] as number,
    timeZone: r['time_zone'] as string,
    end: { count: r['end_count'] as number | null, until: r['end_until'] as LocalDate | null },
    teamId: r['team_id'] as string | null,
    workerIds: r['worker_ids'] as string[],
    notes: r['notes'] as string | null,
    priceEstimateMinor: toNumberOrNull(r['price_estimate_minor']),
    currency: r['currency'] as string,
    generatedThrough: r['generated_through'] as LocalDate | null,
    endedOn: r['ended_on'] as LocalDate | null,
    createdAt: r['created_at'] as Date,
    updatedAt: r['updated_at'] as Date,
  };
}

function seriesColumns(s: BookingSeries) {
  return {
    client_id: s.clientId,
    address_id: s.addressId,
    service_id: s.serviceId,
    rule: JSON.stringify(s.rule),
    start_date: s.startDate,
    local_time: s.localTime,
    duration_minutes: s.durationMinutes,
    time_zone: s.timeZone,
    end_count: s.end.count,
    end_until: s.end.until,
    team_id: s.teamId,
    worker_ids: [...s.workerIds],
    notes: s.notes,
    price_estimate_minor: s.priceEstimateMinor,
    currency: s.currency,
    generated_through: s.generatedThrough,
    ended_on: s.endedOn,
    updated_at: s.updatedAt,
  };
}

export class PostgresBookingSeriesRepository implements BookingSeriesRepository {
  constructor(private readonly db: TenantDb) {}

  async insert(series: BookingSeries): Promise<void> {
    await translatingErrors(() => this.db.table('booking_series').insert({ org_id: series.orgId, id: series.id, created_at: series.createdAt, ...seriesColumns(series) }));
  }

  async findById(id: string, options: { forUpdate?: boolean } = {}): Promise<BookingSeries | null> {
    const qb = this.db.table('booking_series').select(this.db.raw(SERIES_COLUMNS)).where({ id }).first();
    if (options.forUpdate) qb.forUpdate();
    const row = (await translatingErrors(() => qb)) as Row | undefined;
    return row === undefined ? null : toSeries(row);
  }

  async update(series: BookingSeries): Promise<void> {
    await updateOne(
      () => this.db.table('booking_series').where({ org_id: series.orgId, id: series.id }).update(seriesColumns(series)),
      () => new AppError('series.not_found', `No booking series ${series.id} in this organisation`, { details: { series_id: series.id } }),
    );
  }

  async listNeedingGeneration(through: LocalDate, limit: number): Promise<readonly BookingSeries[]> {
    // Never generated first, then the furthest behind.
    const rows = (await translatingErrors(() =>
      this.db
        .table('booking_series')
        .select(this.db.raw(SERIES_COLUMNS))
        .whereNull('ended_on')
        .where((w) => w.whereNull('generated_through').orWhereRaw('generated_through < ?::date', [through]))
        .orderByRaw('generated_through NULLS FIRST, id')
        .limit(limit),
    )) as Row[];
    return rows.map(toSeries);
  }
}
