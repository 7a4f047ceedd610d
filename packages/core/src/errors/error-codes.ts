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
  'auth.invalid_credentials': { kind: 'unauthenticated', title: 'The email or password is not correct' },
  'auth.mfa_required': { kind: 'unauthenticated', title: 'A valid one-time code is required' },
  'auth.org_required': { kind: 'precondition', title: 'Choose the organisation to sign in to' },
  'auth.session_revoked': { kind: 'unauthenticated', title: 'The session has ended; sign in again' },
  'auth.token_invalid': { kind: 'unauthenticated', title: 'The token is not valid' },
  'auth.password_change_required': { kind: 'forbidden', title: 'Change the temporary password first' },
  'auth.admin_read_only': { kind: 'conflict', title: 'The admin API is read-only during an incident' },
  'auth.ip_not_allowed': { kind: 'forbidden', title: 'This address may not use the admin API' },
  'auth.break_glass_not_yours': { kind: 'forbidden', title: 'The break-glass token belongs to another person' },
  'identity.user_not_found': { kind: 'not_found', title: 'User not found' },
  'identity.mfa_not_enrolled': { kind: 'precondition', title: 'No one-time code enrolment is pending' },
  'identity.mfa_already_enabled': { kind: 'conflict', title: 'Two-factor sign-in is already on' },
  'identity.totp_unreadable': { kind: 'precondition', title: 'The stored second factor cannot be read' },
  'iam.last_owner': { kind: 'conflict', title: 'The last owner cannot be removed or demoted' },
  'iam.owner_only': { kind: 'forbidden', title: 'Only an owner may do this' },
  'iam.self_managed_account': { kind: 'conflict', title: "Only the account's holder can change its credentials" },
  'iam.invitation_not_found': { kind: 'not_found', title: 'Invitation not found' },
  'iam.invitation_closed': { kind: 'conflict', title: 'The invitation was already accepted or revoked' },
  'org.not_found': { kind: 'not_found', title: 'Organisation not found' },
  'org.slug_taken': { kind: 'conflict', title: 'That organisation slug is already in use' },
  'lead.not_found': { kind: 'not_found', title: 'Lead not found' },
  'lead.archived': { kind: 'conflict', title: 'The lead is archived' },
  'lead.already_converted': { kind: 'conflict', title: 'The lead has already been converted' },
  'client.not_found': { kind: 'not_found', title: 'Client not found' },
  'client.archived': { kind: 'conflict', title: 'The client is archived' },
  'client.address_not_found': { kind: 'not_found', title: 'Client address not found' },
  'client.address_in_use': { kind: 'conflict', title: 'The address is still referenced' },
  'team.not_found': { kind: 'not_found', title: 'Team not found' },
  'team.inactive': { kind: 'conflict', title: 'The team is inactive' },
  'worker.not_found': { kind: 'not_found', title: 'Worker not found' },
  'worker.inactive': { kind: 'conflict', title: 'The worker is inactive' },
  'worker.contact_taken': { kind: 'conflict', title: 'Another worker already uses that phone or email' },
  'service.not_found': { kind: 'not_found', title: 'Service not found' },
  'blackout.not_found': { kind: 'not_found', title: 'Blackout not found' },
  'booking.not_found': { kind: 'not_found', title: 'Booking not found' },
  'booking.slot_unavailable': { kind: 'conflict', title: 'A worker or team is already booked at that time' },
  'booking.blacked_out': { kind: 'conflict', title: 'A blackout covers that time' },
  'booking.invalid_transition': { kind: 'conflict', title: 'The booking cannot move to that status' },
  'booking.too_early_to_start': { kind: 'conflict', title: 'The job cannot be started yet' },
  'booking.not_plannable': { kind: 'conflict', title: 'The booking can no longer be changed' },
  'series.not_found': { kind: 'not_found', title: 'Booking series not found' },
  'series.ended': { kind: 'conflict', title: 'The booking series has ended' },
  'idempotency.key_reused': { kind: 'validation', title: 'The Idempotency-Key was used for a different request' },
  'tenant.cross_org_write': { kind: 'forbidden', title: 'A row cannot be written into another organisation' },
  'storage.conflict': { kind: 'conflict', title: 'The change conflicts with existing data' },
  'storage.unavailable': { kind: 'unavailable', title: 'The database is unavailable' },
  'storage.value_refused': { kind: 'validation', title: 'The database cannot hold a value of the request' },
  'service.migrations_pending': { kind: 'unavailable', title: 'The database is being upgraded to this version; try again shortly' },
  'request.rate_limited': { kind: 'rate_limited', title: 'Too many requests' },
  'search.too_broad': { kind: 'validation', title: 'The search would read too many records; make it more specific' },
  'search.busy': { kind: 'rate_limited', title: 'Too many searches are running; retry in a moment' },
  'outbox.event_not_found': { kind: 'not_found', title: 'Outbox event not found' },
  'outbox.not_dead': { kind: 'conflict', title: 'Only a dead event can be replayed' },
  'delivery.rejected': { kind: 'validation', title: 'The provider refused the message for good' },
  'delivery.unavailable': { kind: 'unavailable', title: 'The provider is unavailable; the message will be retried' },
  'delivery.no_channel': { kind: 'unavailable', title: 'No channel is configured for this kind of message' },
  'invoice.not_found': { kind: 'not_found', title: 'Invoice not found' },
  'invoice.invalid_transition': { kind: 'conflict', title: 'The invoice cannot move to that status' },
  'invoice.not_draft': { kind: 'conflict', title: 'Only a draft invoice can be edited' },
  'invoice.booking_not_invoiceable': { kind: 'conflict', title: 'The booking is not completed or is already invoiced' },
  'invoice.currency_mismatch': { kind: 'conflict', title: "The amount is not in the invoice's currency" },
  'invoice.nothing_outstanding': { kind: 'conflict', title: 'Nothing is left to pay on the invoice' },
  'invoice.link_invalid': { kind: 'not_found', title: 'The invoice link is not valid or was revoked' },
  'payment.not_found': { kind: 'not_found', title: 'Payment not found' },
  'payment.not_refundable': { kind: 'conflict', title: 'The payment cannot be refunded by that amount' },
  'payment.declined': { kind: 'conflict', title: 'The payment processor refused the request' },
  'payment.unavailable': { kind: 'unavailable', title: 'The payment processor is unavailable; try again shortly' },
  'payment.not_configured': { kind: 'unavailable', title: 'No payment processor is configured' },
  'payment.webhook_invalid': { kind: 'validation', title: 'The webhook signature or timestamp is not valid' },
  'deposit.disabled': { kind: 'conflict', title: 'Deposits are turned off' },
  'document.unavailable': { kind: 'unavailable', title: 'No invoice document renderer is configured' },
  'deposit.not_applicable': { kind: 'conflict', title: 'The booking asks no deposit (its service has no rule, it has no price, or it is paid)' },
  'job.unknown': { kind: 'not_found', title: 'No job has that name' },
  'internal.unexpected': { kind: 'internal', title: 'Internal error' },
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERROR_CODES, value);
}
