import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import type { Booking } from '../../domain/scheduling/booking.js';
import { DEFAULT_SERIES_HORIZON_DAYS, type BookingSeries } from '../../domain/scheduling/booking-series.js';
import { describeRule, occurrencesBetween } from '../../domain/scheduling/recurrence.js';
import { BookingView } from '../../domain/scheduling/scheduling-views.js';
import {
  HorizonDays,
  RecurrenceRuleInput,
  SeriesDate,
  SeriesDuration,
  SeriesTime,
  SeriesView,
  SeriesVisitFields,
  UnassignedOccurrenceView,
} from '../../domain/scheduling/series-schemas.js';
import { addDays } from '../../domain/scheduling/zoned-time.js';
import { requireActiveService, requireClientAddress, resolveAssignees } from '../scheduling/scheduling-support.js';
import { assertOpenOn, auditOccurrences, cancelFrom, lockedSeries, materialise, today, type SeriesDeps, type SeriesResult } from './series-support.js';

const contract = defineContract({
  name: 'UpdateSeriesFrom',
  input: Type.Object(
    {
      id: Uuid(),
      fromDate: SeriesDate('The first date the changes apply to (today at the earliest takes effect)'),
      rule: Type.Optional(RecurrenceRuleInput),
      time: Type.Optional(SeriesTime),
      durationMinutes: Type.Optional(SeriesDuration),
      ...SeriesVisitFields,
      horizonDays: Type.Optional(HorizonDays),
    },
    { additionalProperties: false },
  ),
  output: Type.Object(
    {
      previous: SeriesView,
      series: SeriesView,
      created: Type.Array(BookingView, { description: 'The new series’ occurrences made by this call, by date' }),
      unassigned: Type.Array(UnassignedOccurrenceView, { description: 'Occurrences made without their people, and why' }),
    },
    { additionalProperties: false, $id: 'BookingSeriesContinuation' },
  ),
});

export type UpdateSeriesFromInput = ContractInput<typeof contract>;

/**
 * "This and following": from `fromDate` the series continues as a new series with the changes;
 * the old one ends the day before. Occurrences from then on (today at the earliest) that were
 * not edited on their own are cancelled and made afresh under the new series; edited, skipped
 * and started ones move to the new series as they are. A series keeps its client (end it and
 * start another).
 * @throws validation.failed, series.not_found, series.ended, and as for CreateBookingSeries.
 */
export class UpdateSeriesFrom {
  static readonly contract = contract;

  constructor(private readonly deps: SeriesDeps) {}

  async execute(ctx: RequestContext, input: UpdateSeriesFromInput): Promise<SeriesResult & { previous: BookingSeries }> {
    const checked = checkInput(contract, input);
    const { id, fromDate, rule, addressId, serviceId, teamId } = checked;
    const workerIds = checked.workerIds === undefined ? undefined : [...new Set(checked.workerIds ?? [])];
    const horizon = checked.horizonDays ?? DEFAULT_SERIES_HORIZON_DAYS;
    return this.deps.uow.run(ctx, async (repos) => {
      const previous = await lockedSeries(repos, id);
      assertOpenOn(previous, fromDate);
      // With the rule unchanged the continuation keeps the old phase (an every-other-week series
      // stays on its weeks), so it starts on the old rule's first date from `fromDate`.
      const from = fromDate < previous.startDate ? previous.startDate : fromDate;
      const splitOn = rule === undefined ? (occurrencesBetween(previous.rule, previous.startDate, previous.end, from, addDays(from, 400))[0]?.date ?? null) : from;
      if (splitOn === null) assertOpenOn({ ...previous, endedOn: from }, from);
      if (addressId != null) await requireClientAddress(repos, previous.clientId, addressId);
      if (serviceId != null) await requireActiveService(repos, serviceId);
      const nextTeam = teamId === undefined ? previous.teamId : teamId;
      const nextWorkers = workerIds ?? previous.workerIds;
      await resolveAssignees(repos, nextTeam, nextWorkers);
      const before = occurrencesBetween(previous.rule, previous.startDate, previous.end, previous.startDate, addDays(splitOn!, -1)).length;
      const remaining = previous.end.count === null ? null : previous.end.count - before;
      if (remaining !== null && remaining <= 0) assertOpenOn({ ...previous, endedOn: splitOn! }, splitOn!);
      const cancelled = await cancelFrom(ctx, this.deps.ids, repos, previous, splitOn!, 'series changed', true);
      const ended: BookingSeries = { ...previous, endedOn: splitOn!, updatedAt: ctx.now };
      await repos.bookingSeries.update(ended);
      const next: BookingSeries = {
        ...previous,
        id: this.deps.ids.next(),
        rule: rule ?? previous.rule,
        startDate: splitOn!,
        localTime: checked.time ?? previous.localTime,
        durationMinutes: checked.durationMinutes ?? previous.durationMinutes,
        end: { count: remaining, until: previous.end.until },
        addressId: addressId === undefined ? previous.addressId : addressId,
        serviceId: serviceId === undefined ? previous.serviceId : serviceId,
        teamId: nextTeam,
        workerIds: nextWorkers,
        notes: checked.notes === undefined ? previous.notes : checked.notes,
        priceEstimateMinor: checked.priceEstimateMinor === undefined ? previous.priceEstimateMinor : checked.priceEstimateMinor,
        generatedThrough: null,
        endedOn: null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      };
      await repos.bookingSeries.insert(next);
      // What this split did not cancel from today on — moved, skipped or started occurrences —
      // now belongs to the continuation, so its dates are never made a second time; the past
      // stays with the old series.
      const now = today(ctx, next.timeZone);
      for (const kept of await repos.bookings.listSeriesOccurrences(id, splitOn! > now ? splitOn! : now)) {
        if (cancelled.has(kept.id)) continue;
        const moved: Booking = { ...kept, seriesId: next.id, updatedAt: ctx.now };
        await repos.bookings.update(moved);
        await repos.audit.append(
          auditEntry(ctx, this.deps.ids, { action: 'booking.series_moved', resourceType: 'booking', resourceId: kept.id, before: snapshot(kept), after: snapshot(moved), metadata: { from_series_id: id, series_id: next.id } }),
        );
      }
      const result = await materialise(ctx, this.deps.ids, repos, next, now > splitOn! ? now : splitOn!, addDays(now, horizon));
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, { action: 'series.split', resourceType: 'booking_series', resourceId: id, before: snapshot(previous), after: snapshot(ended), metadata: { continued_as: next.id, from_date: splitOn! } }),
      );
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: 'series.create',
          resourceType: 'booking_series',
          resourceId: next.id,
          after: snapshot(next),
          metadata: { continues: id, rule: describeRule(next.rule), occurrences_created: result.created.length, unassigned: result.unassigned.length },
        }),
      );
      await auditOccurrences(ctx, this.deps.ids, repos, result.created);
      return { ...result, previous: ended };
    });
  }
}
