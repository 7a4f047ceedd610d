/**
 * Recurring bookings (guide 000 "Scheduling v2"): a series holds the rule and its occurrences are
 * bookings made up to a horizon (and further by the nightly job), each at the series' wall-clock
 * time in the org's zone, so a 09:00 clean stays at 09:00 across DST changes. An occurrence whose
 * people cannot take it is still made, unassigned, and listed in `unassigned`.
 */
import { CancelSeriesFrom, CreateBookingSeries, GetBookingSeries, SkipSeriesOccurrence, UpdateSeriesFrom } from '@cws/core';
import { defineContractRoute, type RouteDefinition } from '../../routing/route-definition.js';
import { piiPolicy } from '../../presenters/pii-masking.js';
import { bookingJson, seriesJson, seriesResultJson, unassignedJson } from '../../presenters/scheduling-presenters.js';

const tags = ['Booking series'] as const;

export function seriesRoutes(): RouteDefinition[] {
  return [
    defineContractRoute({
      method: 'POST',
      path: '/v1/admin/booking-series',
      operationId: 'createBookingSeries',
      summary: 'Create a recurring booking and its occurrences up to horizon_days ahead (default 56)',
      description:
        'rule: {freq: weekly, interval, weekdays} or {freq: monthly, interval, month_day | nth_weekday: {n, weekday}}; ends after `count` occurrences, on `until`, or never (not both: 422). `time` is read in the org’s time zone. Occurrences before today are not made. duration_minutes defaults to the service’s (422 when neither is given). An occurrence whose people are booked, blacked out or inactive is made without them and listed in `unassigned`; unknown or archived clients, addresses, services, teams and workers answer 404 or 409.',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      contract: CreateBookingSeries.contract,
      responses: {
        201: { description: 'The series, the occurrences made, and those made without their people', schema: 'output', headers: ['Location'] },
        404: { description: 'No such client, address of the client, active service, team or worker in this org (another org’s id answers the same)' },
      },
      async handler({ runtime, ctx, input }) {
        const result = await runtime.core.series.create.execute(ctx, input);
        return { status: 201, body: seriesResultJson(result), headers: { Location: `/v1/admin/booking-series/${result.series.id}` } };
      },
    }),
    defineContractRoute({
      method: 'GET',
      path: '/v1/admin/booking-series/:id',
      operationId: 'getBookingSeries',
      summary: 'A series and its occurrences from today on',
      description: 'Occurrences from today in the series’ zone on, cancelled and skipped ones included. Another org’s series answers 404 like a missing one. Viewers see notes masked.',
      tags,
      audience: 'staff',
      permission: 'schedule.view',
      contract: GetBookingSeries.contract,
      responses: { 200: { description: 'The series', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        const { series, upcoming } = await runtime.core.series.get.execute(ctx, input);
        const view = piiPolicy(ctx);
        return { status: 200, body: { series: seriesJson(series, view), upcoming: upcoming.map((b) => bookingJson(b, view)) } };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/admin/booking-series/:id/update-from',
      operationId: 'updateBookingSeriesFrom',
      summary: '"This and following": from from_date the series continues as a new series with the changes',
      description:
        'The old series ends the day before; its occurrences from then on that were not edited on their own are cancelled and made afresh under the new one (`series`), edited ones stay as they are. Fields left out keep their value; null clears address, service, team, workers, notes or price. A series keeps its client. 409 series.ended when the series has no occurrence left from from_date.',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      contract: UpdateSeriesFrom.contract,
      responses: { 200: { description: 'The ended series (previous), the new one and its occurrences', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        const result = await runtime.core.series.updateFrom.execute(ctx, input);
        return {
          status: 200,
          body: { previous: seriesJson(result.previous), series: seriesJson(result.series), created: result.created.map((b) => bookingJson(b)), unassigned: result.unassigned.map(unassignedJson) },
        };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/admin/booking-series/:id/skip',
      operationId: 'skipBookingSeriesOccurrence',
      summary: 'Skip one occurrence (cancelled with reason "skipped"; never made again)',
      description:
        'A date not made yet is recorded as a cancelled occurrence, so the nightly generation never makes it. 422 when the date is not one of the rule’s; 409 series.ended after the series ended, booking.invalid_transition when the occurrence already started or finished.',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      contract: SkipSeriesOccurrence.contract,
      responses: { 200: { description: 'The skipped occurrence', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: bookingJson(await runtime.core.series.skip.execute(ctx, input)) };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/admin/booking-series/:id/cancel',
      operationId: 'cancelBookingSeries',
      summary: 'End a series from from_date, cancelling its occurrences from then on that have not started',
      description:
        'Occurrences before today stay as they were; started or finished ones are left alone; moved ones are cancelled too. A from_date before the start ends the series at its start. 409 series.ended when it already ended by then.',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      contract: CancelSeriesFrom.contract,
      responses: { 200: { description: 'The ended series and how many occurrences were cancelled', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        const { series, cancelled } = await runtime.core.series.cancelFrom.execute(ctx, input);
        return { status: 200, body: { series: seriesJson(series), cancelled } };
      },
    }),
  ];
}
