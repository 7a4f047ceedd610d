import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import type { Booking } from '../../domain/scheduling/booking.js';
import type { BookingSeries } from '../../domain/scheduling/booking-series.js';
import { BookingView } from '../../domain/scheduling/scheduling-views.js';
import { SeriesView } from '../../domain/scheduling/series-schemas.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { notFound } from '../scheduling/scheduling-support.js';
import { today } from './series-support.js';

const contract = defineContract({
  name: 'GetBookingSeries',
  input: Type.Object({ id: Uuid() }, { additionalProperties: false }),
  output: Type.Object(
    { series: SeriesView, upcoming: Type.Array(BookingView, { description: 'Occurrences from today on, cancelled and skipped ones included' }) },
    { additionalProperties: false, $id: 'BookingSeriesDetail' },
  ),
});

export type GetBookingSeriesInput = ContractInput<typeof contract>;

/** The series and its occurrences from today on (at most a year of them). @throws validation.failed, series.not_found */
export class GetBookingSeries {
  static readonly contract = contract;

  constructor(private readonly deps: { uow: UnitOfWork }) {}

  async execute(ctx: RequestContext, input: GetBookingSeriesInput): Promise<{ series: BookingSeries; upcoming: readonly Booking[] }> {
    const { id } = checkInput(contract, input);
    return this.deps.uow.run(ctx, async (repos) => {
      const series = await repos.bookingSeries.findById(id);
      if (series === null) throw notFound.series(id);
      const upcoming = await repos.bookings.listSeriesOccurrences(id, today(ctx, series.timeZone));
      return { series, upcoming };
    });
  }
}
