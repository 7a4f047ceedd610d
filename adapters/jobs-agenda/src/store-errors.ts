/**
 * Vendor failures of the job store (pg, MongoDB driver) become AppErrors before they cross the
 * port. Only failures that mean "the store cannot be reached" are recognised; anything else is
 * rethrown untouched (a programmer error, reported as a 500 by the host).
 */
import { AppError, isAppError } from '@cws/core';

interface DriverError {
  readonly code?: unknown;
  readonly name?: unknown;
  readonly message?: unknown;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);
// Server states in which PostgreSQL refuses work: shutdown, crash recovery, too many connections.
const PG_UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '53300']);
const MONGO_UNREACHABLE = /^Mongo(Network|ServerSelection|TopologyClosed|NotConnected)/;

export function isStoreUnreachable(err: unknown): boolean {
  if (err === null || typeof err !== 'object') return false;
  const e = err as DriverError;
  const code = typeof e.code === 'string' ? e.code : '';
  const name = typeof e.name === 'string' ? e.name : '';
  const message = typeof e.message === 'string' ? e.message : '';
  return (
    NETWORK_CODES.has(code) ||
    PG_UNAVAILABLE_CODES.has(code) ||
    code.startsWith('08') ||
    MONGO_UNREACHABLE.test(name) ||
    message.includes('Connection terminated') ||
    message.includes('timeout exceeded when trying to connect')
  );
}

/** For calls made after the store was opened: unreachable → AppError, the rest untouched. */
export function translateStoreError(err: unknown): unknown {
  if (isAppError(err)) return err;
  if (isStoreUnreachable(err)) return new AppError('storage.unavailable', 'The job store is unreachable', { cause: err });
  return err;
}
