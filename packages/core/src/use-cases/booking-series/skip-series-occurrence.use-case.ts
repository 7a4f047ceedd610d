import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import type { Booking } from '../../domain/scheduling/booking.js';
import { describeRule, occurrencesBetween } from '../../domain/scheduling/recurrence.js';
import { BookingView } from '../../domain/scheduling/scheduling-views.js';
import { SeriesDate } from '../../domain/scheduling/series-schemas.js';
import { AppError } from '../../errors/app-error.js';
import { transition } from '../scheduling/bookings.use-case.js';
import { assertOpenOn, lockedSeries, occurrence, type SeriesDeps } from './series-support.js';

const contract = defineContract({
  name: 'SkipSeriesOccurrence',
  input: Type.Object({ id: Uuid(), date: SeriesDate('A date of the rule: the occurrence to skip') }, { additionalProperties: false }),
  output: BookingView,
});

export type SkipSeriesOccurrenceInput = ContractInput<typeof contract>;

/**
 * Skips one occurrence: it is cancelled (reason "skipped"), or, when not made yet, recorded as
 * cancelled so generation will not make it.
 * @throws validation.failed — a malformed id or date, or not a date of the rule.
 * @throws series.not_found, series.ended, booking.invalid_transition (the occurrence already started or finished)
 */
export class SkipSeriesOccurrence {
  static readonly contract = contract;

  constructor(private readonly deps: SeriesDeps) {}

  async execute(ctx: RequestContext, input: SkipSeriesOccurrenceInput): Promise<Booking> {
    const { id, date } = checkInput(contract, input);
    return this.deps.uow.run(ctx, async (repos) => {
      const series = await lockedSeries(repos, id);
      assertOpenOn(series, date);
      if (occurrencesBetween(series.rule, series.startDate, series.end, date, date).length === 0) {
        throw AppError.validation([{ pointer: '/date', detail: `is not a date of this series (${describeRule(series.rule)})` }]);
      }
      const existing = (await repos.bookings.listSeriesOccurrences(id, date)).find((b) => b.occurrenceDate === date);
      let after: Booking;
      if (existing !== undefined) {
        after = { ...transition(existing, 'cancelled', ctx.now, 'skipped'), updatedAt: ctx.now };
        await repos.bookings.update(after);
      } else {
        // Recorded as a cancelled occurrence, so generation never makes the date.
        after = { ...occurrence(ctx, this.deps.ids.next(), series, date), detached: true, status: 'cancelled', cancellationReason: 'skipped', cancelledAt: ctx.now };
        await repos.bookings.insert(after);
      }
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: 'series.skip',
          resourceType: 'booking',
          resourceId: after.id,
          before: existing === undefined ? null : snapshot(existing),
          after: snapshot(after),
          metadata: { series_id: id, date },
        }),
      );
      return after;
    });
  }
}
