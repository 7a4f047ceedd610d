import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { Text, Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import type { Booking } from '../../domain/scheduling/booking.js';
import { BookingView } from '../../domain/scheduling/booking-schemas.js';
import { changeStatus, type BookingDeps } from './booking-support.js';
import { MAX_BOOKING_CANCEL_REASON } from './change-booking-status.use-case.js';

const contract = defineContract({
  name: 'CancelBooking',
  input: Type.Object({ id: Uuid(), reason: Text(MAX_BOOKING_CANCEL_REASON, { description: 'Why (shown to staff; masked for viewers)' }) }, { additionalProperties: false }),
  output: BookingView,
});

export type CancelBookingInput = ContractInput<typeof contract>;

/**
 * Cancels a pending or confirmed booking with a reason, freeing its workers' and team's time:
 * ChangeBookingStatus to `cancelled`, audited as booking.status.cancelled. The client is mailed
 * booking_cancelled with the reason; its workers are told they are off it.
 * @throws validation.failed — a field the contract refuses (the reason is required).
 * @throws booking.not_found, booking.invalid_transition (started or finished bookings)
 */
export class CancelBooking {
  static readonly contract = contract;

  constructor(private readonly deps: BookingDeps) {}

  async execute(ctx: RequestContext, input: CancelBookingInput): Promise<Booking> {
    const { id, reason } = checkInput(contract, input);
    return changeStatus(ctx, this.deps, id, 'cancelled', reason);
  }
}
