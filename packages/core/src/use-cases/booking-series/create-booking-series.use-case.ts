import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { Nullable, Uuid } from '../../contracts/schema-vocabulary.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import { DEFAULT_SERIES_HORIZON_DAYS, type BookingSeries } from '../../domain/scheduling/booking-series.js';
import { describeRule, seriesEnd } from '../../domain/scheduling/recurrence.js';
import { HorizonDays, RecurrenceRuleInput, SeriesCount, SeriesDate, SeriesDuration, SeriesResultView, SeriesTime, SeriesVisitFields } from '../../domain/scheduling/series-schemas.js';
import { addDays } from '../../domain/scheduling/zoned-time.js';
import { AppError } from '../../errors/app-error.js';
import { resolveAssignees, resolveVisit } from '../scheduling/scheduling-support.js';
import { auditOccurrences, materialise, today, type SeriesDeps, type SeriesResult } from './series-support.js';

const contract = defineContract({
  name: 'CreateBookingSeries',
  input: Type.Object(
    {
      clientId: Uuid(),
      rule: RecurrenceRuleInput,
      startDate: SeriesDate('The first date the rule may fall on (in the org’s time zone)'),
      time: SeriesTime,
      count: Type.Optional(Nullable(SeriesCount)),
      until: Type.Optional(Nullable(SeriesDate('The last date it may fall on (inclusive); not with count'))),
      durationMinutes: Type.Optional(SeriesDuration),
      ...SeriesVisitFields,
      horizonDays: Type.Optional(HorizonDays),
    },
    { additionalProperties: false },
  ),
  output: SeriesResultView,
});

export type CreateBookingSeriesInput = ContractInput<typeof contract>;

/**
 * Creates a series and its occurrences up to `horizonDays` ahead (default 56). Occurrences
 * before today are not made.
 * @throws validation.failed — a field the contract refuses, count with until, until before the
 *   start date, no duration when no service gives one.
 * @throws client.not_found, client.archived, client.address_not_found, service.not_found,
 *   team.not_found, team.inactive, worker.not_found, worker.inactive (people are checked up
 *   front; later changes to them make occurrences unassigned instead)
 */
export class CreateBookingSeries {
  static readonly contract = contract;

  constructor(private readonly deps: SeriesDeps) {}

  async execute(ctx: RequestContext, input: CreateBookingSeriesInput): Promise<SeriesResult> {
    const checked = checkInput(contract, input);
    const end = seriesEnd(checked.count, checked.until, checked.startDate);
    const workerIds = [...new Set(checked.workerIds ?? [])];
    const horizon = checked.horizonDays ?? DEFAULT_SERIES_HORIZON_DAYS;
    return this.deps.uow.run(ctx, async (repos) => {
      const serviceId = checked.serviceId ?? null;
      const teamId = checked.teamId ?? null;
      const { addressId, service } = await resolveVisit(repos, checked.clientId, checked.addressId, serviceId);
      const duration = checked.durationMinutes ?? service?.durationMinutes;
      if (duration === undefined) throw AppError.validation([{ pointer: '/durationMinutes', detail: 'is required when no service gives a duration' }]);
      await resolveAssignees(repos, teamId, workerIds);
      const settings = await repos.orgSettings.get();
      const zone = settings?.timeZone ?? 'UTC';
      const series: BookingSeries = {
        id: this.deps.ids.next(),
        orgId: ctx.orgId,
        clientId: checked.clientId,
        addressId,
        serviceId,
        rule: checked.rule,
        startDate: checked.startDate,
        localTime: checked.time,
        durationMinutes: duration,
        timeZone: zone,
        end,
        teamId,
        workerIds,
        notes: checked.notes ?? null,
        priceEstimateMinor: checked.priceEstimateMinor ?? service?.priceMinor ?? null,
        currency: settings?.currency ?? 'USD',
        generatedThrough: null,
        endedOn: null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      };
      await repos.bookingSeries.insert(series);
      const now = today(ctx, zone);
      const result = await materialise(ctx, this.deps.ids, repos, series, now > series.startDate ? now : series.startDate, addDays(now, horizon));
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: 'series.create',
          resourceType: 'booking_series',
          resourceId: series.id,
          after: snapshot(series),
          metadata: { rule: describeRule(series.rule), occurrences_created: result.created.length, unassigned: result.unassigned.length },
        }),
      );
      await auditOccurrences(ctx, this.deps.ids, repos, result.created);
      return result;
    });
  }
}
