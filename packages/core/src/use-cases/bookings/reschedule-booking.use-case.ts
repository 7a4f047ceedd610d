import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { Instant, Nullable, Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import type { Booking } from '../../domain/scheduling/booking.js';
import { assertBookingWindow } from '../../domain/scheduling/booking-input.js';
import { BookingView } from '../../domain/scheduling/booking-schemas.js';
import { assertPlannable, changeBooking, type BookingDeps } from './booking-support.js';

const contract = defineContract({
  name: 'RescheduleBooking',
  input: Type.Object(
    {
      id: Uuid(),
      start: Instant(),
      end: Type.Optional(Nullable(Instant(), { description: 'After start, at most 24 hours later. Default: the booking keeps its length' })),
    },
    { additionalProperties: false },
  ),
  output: BookingView,
});

export type RescheduleBookingInput = ContractInput<typeof contract>;

/**
 * Moves a booking; without `end` it keeps its length. An occurrence moved on its own is
 * detached from its series. Audited as booking.reschedule. The client is mailed
 * booking_rescheduled and the workers on it are told it changed (booking-notifications.ts).
 * @throws validation.failed — a field the contract refuses, end not after start or more than 24 h after it.
 * @throws booking.not_found, booking.not_plannable, booking.blacked_out, booking.slot_unavailable
 */
export class RescheduleBooking {
  static readonly contract = contract;

  constructor(private readonly deps: BookingDeps) {}

  async execute(ctx: RequestContext, input: RescheduleBookingInput): Promise<Booking> {
    const { id, start, end } = checkInput(contract, input);
    if (end != null) assertBookingWindow(start, end);
    const moved = (before: Booking) => ({ from: start, to: end ?? new Date(start.getTime() + (before.endsAt.getTime() - before.startsAt.getTime())) });
    return changeBooking(
      ctx,
      this.deps,
      id,
      'booking.reschedule',
      async (before) => {
        assertPlannable(before);
        const { to } = moved(before);
        return { ...before, startsAt: start, endsAt: to, detached: before.seriesId !== null ? true : before.detached };
      },
      {},
      (before) => ({ window: moved(before) }),
    );
  }
}
