/**
 * Every error code the core and hosts may raise, with its kind and a stable title.
 * Codes are `<area>.<snake_reason>` and never change once published: clients match on them.
 */
export type ErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export interface ErrorCodeInfo {
  readonly kind: ErrorKind;
  readonly title: string;
}

export const ERROR_CODES = {
  'validation.failed': { kind: 'validation', title: 'The request is not valid' },
  'auth.unauthenticated': { kind: 'unauthenticated', title: 'Authentication is required' },
  'auth.forbidden': { kind: 'forbidden', title: 'You are not allowed to do this' },
  'auth.org_unresolved': { kind: 'forbidden', title: 'No organisation could be chosen for this request' },
  'org.not_found': { kind: 'not_found', title: 'Organisation not found' },
  'org.slug_taken': { kind: 'conflict', title: 'That organisation slug is already in use' },
  'lead.not_found': { kind: 'not_found', title: 'Lead not found' },
  'lead.archived': { kind: 'conflict', title: 'The lead is archived' },
  'lead.already_converted': { kind: 'conflict', title: 'The lead has already been converted' },
  'client.not_found': { kind: 'not_found', title: 'Client not found' },
  'client.archived': { kind: 'conflict', title: 'The client is archived' },
  'client.address_not_found': { kind: 'not_found', title: 'Client address not found' },
  'client.address_in_use': { kind: 'conflict', title: 'The address is still referenced' },
  'tenant.cross_org_write': { kind: 'forbidden', title: 'A row cannot be written into another organisation' },
  'storage.conflict': { kind: 'conflict', title: 'The change conflicts with existing data' },
  'storage.unavailable': { kind: 'unavailable', title: 'The database is unavailable' },
  'request.rate_limited': { kind: 'rate_limited', title: 'Too many requests' },
  'job.unknown': { kind: 'not_found', title: 'No job has that name' },
  'internal.unexpected': { kind: 'internal', title: 'Internal error' },
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERROR_CODES, value);
}
