import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { NullableText, Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import type { Booking } from '../../domain/scheduling/booking.js';
import { assertCancellationReason } from '../../domain/scheduling/booking-input.js';
import { BookingStatusField, BookingView } from '../../domain/scheduling/booking-schemas.js';
import { changeStatus, type BookingDeps } from './booking-support.js';

/** The longest cancellation reason. */
export const MAX_BOOKING_CANCEL_REASON = 500;

const contract = defineContract({
  name: 'ChangeBookingStatus',
  input: Type.Object(
    {
      id: Uuid(),
      status: BookingStatusField,
      reason: Type.Optional(NullableText(MAX_BOOKING_CANCEL_REASON, { description: 'Required to cancel' })),
    },
    { additionalProperties: false },
  ),
  output: BookingView,
});

export type ChangeBookingStatusInput = ContractInput<typeof contract>;

/**
 * Moves a booking along its status machine (pending → confirmed → in_progress → completed, or
 * cancelled / no_show), stamping when it started, completed or was cancelled. Cancelling needs a
 * reason and frees the booking's time. Audited as booking.status.<status>, with the reason.
 * Confirming mails the client booking_confirmed; cancelling, booking_cancelled (and tells the
 * workers they are off it).
 * @throws validation.failed — a field the contract refuses, or no reason to cancel.
 * @throws booking.not_found, booking.invalid_transition (names the allowed statuses)
 */
export class ChangeBookingStatus {
  static readonly contract = contract;

  constructor(private readonly deps: BookingDeps) {}

  async execute(ctx: RequestContext, input: ChangeBookingStatusInput): Promise<Booking> {
    const { id, status, reason = null } = checkInput(contract, input);
    assertCancellationReason(status, reason);
    return changeStatus(ctx, this.deps, id, status, reason);
  }
}
