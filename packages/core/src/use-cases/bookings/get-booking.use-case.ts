import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import type { Booking } from '../../domain/scheduling/booking.js';
import { BookingView } from '../../domain/scheduling/booking-schemas.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { notFound } from '../scheduling/scheduling-support.js';

const contract = defineContract({ name: 'GetBooking', input: Type.Object({ id: Uuid() }, { additionalProperties: false }), output: BookingView });

export type GetBookingInput = ContractInput<typeof contract>;

/**
 * One booking of the caller's org.
 * @throws validation.failed — the id is not a UUID.
 * @throws booking.not_found — no such booking in this org (also for another org's booking).
 */
export class GetBooking {
  static readonly contract = contract;

  constructor(private readonly deps: { readonly uow: UnitOfWork }) {}

  async execute(ctx: RequestContext, input: GetBookingInput): Promise<Booking> {
    const { id } = checkInput(contract, input);
    const booking = await this.deps.uow.run(ctx, (repos) => repos.bookings.findById(id));
    if (booking === null) throw notFound.booking(id);
    return booking;
  }
}
