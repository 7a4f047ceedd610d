/**
 * Recurring bookings (guide 000 "Scheduling v2"): a series holds the rule and its occurrences are
 * bookings made up to a horizon (and further by the nightly job), each at the series' wall-clock
 * time in the org's zone, so a 09:00 clean stays at 09:00 across DST changes. An occurrence whose
 * people cannot take it is still made, unassigned, and listed in `unassigned`.
 */
import { defineRoute, type RouteDefinition } from '../../routing/route-definition.js';
import { piiPolicy } from '../../presenters/pii-masking.js';
import { bookingJson, seriesJson, seriesResultJson, unassignedJson } from '../../presenters/scheduling-presenters.js';
import { IdParams } from '../../schemas/common.schemas.js';
import {
  BookingView,
  CancelSeriesBody,
  CancelSeriesView,
  CreateSeriesBody,
  SeriesDetailView,
  SeriesResultView,
  SkipBody,
  UpdateSeriesFromBody,
  UpdateSeriesFromView,
} from '../../schemas/scheduling.schemas.js';
import { commonErrors } from '../route-helpers.js';

const tags = ['Booking series'] as const;

export function seriesRoutes(): RouteDefinition[] {
  return [
    defineRoute({
      method: 'POST',
      path: '/v1/admin/booking-series',
      operationId: 'createBookingSeries',
      summary: 'Create a recurring booking and its occurrences up to horizon_days ahead (default 56)',
      description:
        'rule: {freq: weekly, interval, weekdays} or {freq: monthly, interval, month_day | nth_weekday: {n, weekday}}; ends after `count` occurrences, on `until`, or never. `time` is read in the org’s time zone. Occurrences before today are not made.',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      body: CreateSeriesBody,
      responses: { 201: { description: 'The series, the occurrences made, and those made without their people', schema: SeriesResultView }, ...commonErrors },
      async handler({ runtime, ctx, body }) {
        const result = await runtime.core.series.create.execute(ctx, body);
        return { status: 201, body: seriesResultJson(result), headers: { Location: `/v1/admin/booking-series/${result.series.id}` } };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/v1/admin/booking-series/:id',
      operationId: 'getBookingSeries',
      summary: 'A series and its occurrences from today on',
      tags,
      audience: 'staff',
      permission: 'schedule.view',
      params: IdParams,
      responses: { 200: { description: 'The series', schema: SeriesDetailView }, ...commonErrors },
      async handler({ runtime, ctx, params }) {
        const { series, upcoming } = await runtime.core.series.get.execute(ctx, { id: params.id });
        const view = piiPolicy(ctx);
        return { status: 200, body: { series: seriesJson(series, view), upcoming: upcoming.map((b) => bookingJson(b, view)) } };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/v1/admin/booking-series/:id/update-from',
      operationId: 'updateBookingSeriesFrom',
      summary: '"This and following": from from_date the series continues as a new series with the changes',
      description:
        'The old series ends the day before; its occurrences from then on that were not edited on their own are cancelled and made afresh under the new one (`series`), edited ones stay as they are.',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      params: IdParams,
      body: UpdateSeriesFromBody,
      responses: { 200: { description: 'The ended series (previous), the new one and its occurrences', schema: UpdateSeriesFromView }, ...commonErrors },
      async handler({ runtime, ctx, params, body }) {
        const result = await runtime.core.series.updateFrom.execute(ctx, { ...body, id: params.id, fromDate: body['fromDate'] });
        return {
          status: 200,
          body: { previous: seriesJson(result.previous), series: seriesJson(result.series), created: result.created.map((b) => bookingJson(b)), unassigned: result.unassigned.map(unassignedJson) },
        };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/v1/admin/booking-series/:id/skip',
      operationId: 'skipBookingSeriesOccurrence',
      summary: 'Skip one occurrence (cancelled with reason "skipped"; never made again)',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      params: IdParams,
      body: SkipBody,
      responses: { 200: { description: 'The skipped occurrence', schema: BookingView }, ...commonErrors },
      async handler({ runtime, ctx, params, body }) {
        return { status: 200, body: bookingJson(await runtime.core.series.skip.execute(ctx, { id: params.id, date: body['date'] })) };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/v1/admin/booking-series/:id/cancel',
      operationId: 'cancelBookingSeries',
      summary: 'End a series from from_date, cancelling its occurrences from then on that have not started',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      params: IdParams,
      body: CancelSeriesBody,
      responses: { 200: { description: 'The ended series and how many occurrences were cancelled', schema: CancelSeriesView }, ...commonErrors },
      async handler({ runtime, ctx, params, body }) {
        const { series, cancelled } = await runtime.core.series.cancelFrom.execute(ctx, { id: params.id, fromDate: body['fromDate'], reason: body['reason'] });
        return { status: 200, body: { series: seriesJson(series), cancelled } };
      },
    }),
  ];
}
