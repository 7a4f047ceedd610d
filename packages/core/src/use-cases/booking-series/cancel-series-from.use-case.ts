import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { Text, Uuid } from '../../contracts/schema-vocabulary.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import type { BookingSeries } from '../../domain/scheduling/booking-series.js';
import { SeriesDate, SeriesView } from '../../domain/scheduling/series-schemas.js';
import { assertOpenOn, cancelFrom, lockedSeries, type SeriesDeps } from './series-support.js';

const contract = defineContract({
  name: 'CancelSeriesFrom',
  input: Type.Object(
    {
      id: Uuid(),
      fromDate: SeriesDate('The first date with no occurrence; a date before the start ends the series at its start'),
      reason: Text(500, { description: 'Kept on every occurrence it cancels' }),
    },
    { additionalProperties: false },
  ),
  output: Type.Object(
    { series: SeriesView, cancelled: Type.Integer({ description: 'Occurrences cancelled' }) },
    { additionalProperties: false, $id: 'BookingSeriesCancellation' },
  ),
});

export type CancelSeriesFromInput = ContractInput<typeof contract>;

/**
 * Ends a series from `fromDate`: cancels its occurrences from then on that have not started.
 * @throws validation.failed, series.not_found, series.ended
 */
export class CancelSeriesFrom {
  static readonly contract = contract;

  constructor(private readonly deps: SeriesDeps) {}

  async execute(ctx: RequestContext, input: CancelSeriesFromInput): Promise<{ series: BookingSeries; cancelled: number }> {
    const { id, fromDate, reason } = checkInput(contract, input);
    return this.deps.uow.run(ctx, async (repos) => {
      const before = await lockedSeries(repos, id);
      assertOpenOn(before, fromDate);
      const cancelled = (await cancelFrom(ctx, this.deps.ids, repos, before, fromDate, reason, false)).size;
      const after: BookingSeries = { ...before, endedOn: fromDate < before.startDate ? before.startDate : fromDate, updatedAt: ctx.now };
      await repos.bookingSeries.update(after);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, { action: 'series.cancel', resourceType: 'booking_series', resourceId: id, before: snapshot(before), after: snapshot(after), metadata: { reason, cancelled } }),
      );
      return { series: after, cancelled };
    });
  }
}
