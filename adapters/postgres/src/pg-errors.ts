/**
 * Vendor failures stop here: PostgreSQL and driver errors become AppErrors before they cross a
 * port. Constraint names map to domain codes; anything unrecognised is rethrown untouched (a
 * programmer error, reported as a 500 by the host).
 */
import { AppError, ERROR_CODES, isAppError, type ErrorCode } from '@cws/core';

interface PgError {
  readonly code?: string;
  readonly constraint?: string;
  readonly message?: string;
  readonly name?: string;
}

const CONSTRAINT_CODES: Record<string, ErrorCode> = {
  orgs_slug_unique: 'org.slug_taken',
  client_addresses_client_fk: 'client.not_found',
  leads_converted_client_fk: 'client.not_found',
  clients_source_lead_fk: 'lead.not_found',
  // Scheduling (migration 0007). Unique indexes report their index name as the constraint.
  workers_email_unique: 'worker.contact_taken',
  workers_phone_unique: 'worker.contact_taken',
  workers_team_fk: 'team.not_found',
  blackouts_team_fk: 'team.not_found',
  blackouts_worker_fk: 'worker.not_found',
  booking_series_client_fk: 'client.not_found',
  booking_series_address_fk: 'client.address_not_found',
  booking_series_service_fk: 'service.not_found',
  booking_series_team_fk: 'team.not_found',
  bookings_client_fk: 'client.not_found',
  bookings_address_fk: 'client.address_not_found',
  bookings_service_fk: 'service.not_found',
  bookings_series_fk: 'series.not_found',
  bookings_team_fk: 'team.not_found',
  booking_workers_worker_fk: 'worker.not_found',
  booking_team_blocks_team_fk: 'team.not_found',
  // The booking repository names the clashing bookings itself; this is the bare fallback.
  booking_workers_no_overlap: 'booking.slot_unavailable',
  booking_team_blocks_no_overlap: 'booking.slot_unavailable',
  // Billing (migration 0014).
  invoices_client_fk: 'client.not_found',
  invoice_items_invoice_fk: 'invoice.not_found',
  invoice_items_booking_fk: 'booking.not_found',
  invoice_bookings_invoice_fk: 'invoice.not_found',
  invoice_bookings_booking_fk: 'booking.not_found',
  // A booking already on a live invoice, even one committed by a racing unit a moment ago.
  invoice_bookings_live_unique: 'invoice.booking_not_invoiceable',
  invoice_payments_invoice_fk: 'invoice.not_found',
  invoice_payments_booking_fk: 'booking.not_found',
  invoice_payments_client_fk: 'client.not_found',
  invoice_public_links_invoice_fk: 'invoice.not_found',
};

const TRANSIENT_NETWORK = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND'];

/**
 * SQLSTATE class 22 (data exception: NUL in text 22021, bad text for a type 22P02, a date or
 * number out of range 22008/22003, a string too long 22001, ...) and class 54 (program limit:
 * a value too big for an index row, 54000): the request carried a value the database cannot
 * hold. The core refuses what it can name first; this is the net under it, so such a value is
 * the caller's 422, never a 500. The host logs it at warn level with the SQLSTATE (the cause).
 */
function isDataError(code: string | undefined): boolean {
  return code !== undefined && code.length === 5 && (code.startsWith('22') || code.startsWith('54'));
}

export function translatePgError(err: unknown): unknown {
  if (isAppError(err) || err === null || typeof err !== 'object') return err;
  // objection wraps driver errors (db-errors' DataError, ...) and keeps the driver's as nativeError.
  const e = ((err as { nativeError?: unknown }).nativeError ?? err) as PgError;
  const mapped = e.constraint === undefined ? undefined : CONSTRAINT_CODES[e.constraint];
  switch (e.code) {
    case '23505':
    case '23P01':
      return new AppError(mapped ?? 'storage.conflict', mapped ? ERROR_CODES[mapped].title : 'The change conflicts with existing data', {
        cause: err,
        details: e.constraint === undefined ? {} : { constraint: e.constraint },
      });
    case '23503':
      return new AppError(mapped ?? 'storage.conflict', mapped ? ERROR_CODES[mapped].title : 'The change refers to a row that does not exist', { cause: err });
    case '42501':
      if (e.message?.includes('row-level security')) {
        return new AppError('tenant.cross_org_write', 'A row cannot be written into another organisation', { cause: err });
      }
      return err;
    case '40001':
    case '40P01':
      return new AppError('storage.unavailable', 'The transaction collided with another; retry it', { cause: err, retryable: true });
    case '57014':
      return new AppError('storage.unavailable', 'The database did not answer in time', { cause: err });
    case '57P01':
    case '57P02':
    case '57P03':
    case '53300':
      return new AppError('storage.unavailable', 'The database is not accepting work right now', { cause: err });
    default:
      break;
  }
  if (isDataError(e.code)) {
    return new AppError('storage.value_refused', 'A value of the request cannot be stored or compared by the database: check text for NUL characters, and dates and numbers for their range', {
      // The driver's own error, with the SQLSTATE the host logs.
      cause: e,
      errors: [{ pointer: '/', detail: 'holds a value the database refused' }],
    });
  }
  if (e.code?.startsWith('08') || TRANSIENT_NETWORK.includes(e.code ?? '') || e.name === 'KnexTimeoutError') {
    return new AppError('storage.unavailable', 'The database is unreachable', { cause: err });
  }
  if (e.message?.includes('Connection terminated')) {
    return new AppError('storage.unavailable', 'The database connection was lost', { cause: err });
  }
  return err;
}

/** Runs `work`, turning any PostgreSQL or driver failure into an AppError before it leaves. */
export async function translatingErrors<T>(work: () => PromiseLike<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw translatePgError(err);
  }
}

/** An UPDATE meant to change exactly one visible row: `notFound()` when it changed none. */
export async function updateOne(update: () => PromiseLike<number>, notFound: () => AppError): Promise<void> {
  if ((await translatingErrors(update)) === 0) throw notFound();
}
