import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { Nullable, Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import type { Booking } from '../../domain/scheduling/booking.js';
import { BookingNotes, BookingPriceEstimate, BookingView } from '../../domain/scheduling/booking-schemas.js';
import { requireActiveService, requireClientAddress } from '../scheduling/scheduling-support.js';
import { assertPlannable, changeBooking, type BookingDeps } from './booking-support.js';

const contract = defineContract({
  name: 'UpdateBookingDetails',
  input: Type.Object(
    {
      id: Uuid(),
      notes: Type.Optional(BookingNotes),
      serviceId: Type.Optional(Nullable(Uuid())),
      addressId: Type.Optional(Nullable(Uuid(), { description: 'One of the client’s addresses; null: none' })),
      priceEstimateMinor: Type.Optional(Nullable(BookingPriceEstimate)),
    },
    { additionalProperties: false, minProperties: 2, description: 'At least one field besides the id' },
  ),
  output: BookingView,
});

export type UpdateBookingDetailsInput = ContractInput<typeof contract>;

/**
 * Changes notes (always), and service, address and price estimate (while pending or confirmed);
 * absent fields keep their value, null clears. An occurrence given another service, address or
 * price is detached from its series. Audited as booking.update.
 * @throws validation.failed — a field the contract refuses, or no field to change.
 * @throws booking.not_found, booking.not_plannable, service.not_found, client.address_not_found
 */
export class UpdateBookingDetails {
  static readonly contract = contract;

  constructor(private readonly deps: BookingDeps) {}

  async execute(ctx: RequestContext, input: UpdateBookingDetailsInput): Promise<Booking> {
    const { id, notes, serviceId, addressId, priceEstimateMinor: price } = checkInput(contract, input);
    return changeBooking(ctx, this.deps, id, 'booking.update', async (before, repos) => {
      const plans = serviceId !== undefined || addressId !== undefined || price !== undefined;
      if (plans) assertPlannable(before);
      if (serviceId != null) await requireActiveService(repos, serviceId);
      if (addressId != null) await requireClientAddress(repos, before.clientId, addressId);
      return {
        ...before,
        ...(notes === undefined ? {} : { notes }),
        ...(serviceId === undefined ? {} : { serviceId }),
        ...(addressId === undefined ? {} : { addressId }),
        ...(price === undefined ? {} : { priceEstimateMinor: price }),
        detached: before.seriesId !== null && plans ? true : before.detached,
      };
    });
  }
}
