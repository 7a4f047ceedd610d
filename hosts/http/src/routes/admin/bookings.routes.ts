/**
 * Bookings (guide 000 "Scheduling v2"): create (idempotently, with `Idempotency-Key`), read,
 * list, and every change a dispatcher makes. A clash with another booking of a worker or team is
 * 409 booking.slot_unavailable naming the booking that holds the time (conflicting_booking_id);
 * the database refuses it, so concurrent requests cannot both win.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import type { AssignmentMode } from '@cws/core';
import { defineRoute, type RouteDefinition } from '../../routing/route-definition.js';
import { pageJson } from '../../presenters/presenters.js';
import { piiPolicy } from '../../presenters/pii-masking.js';
import { bookingHistoryJson, bookingJson } from '../../presenters/scheduling-presenters.js';
import { IdParams, Page } from '../../schemas/common.schemas.js';
import { AuditEntryView } from '../../schemas/audit.schemas.js';
import {
  AssignmentBody,
  BookingPageView,
  BookingView,
  CancelBody,
  CreateBookingBody,
  ListBookingsQuery,
  RescheduleBody,
  StatusBody,
  UpdateBookingBody,
} from '../../schemas/scheduling.schemas.js';
import { commonErrors } from '../route-helpers.js';

const tags = ['Bookings'] as const;

const CONFLICT_409 = {
  409: {
    description:
      'booking.slot_unavailable (conflicting_booking_id and conflicts[] name who holds the time), booking.blacked_out, booking.invalid_transition, booking.not_plannable, team.inactive or worker.inactive',
    schema: Type.Composite([
      Type.Object({ type: Type.String(), title: Type.String(), status: Type.Integer(), detail: Type.String(), instance: Type.String(), code: Type.String(), request_id: Type.String() }),
      Type.Object({ conflicting_booking_id: Type.Optional(Type.Union([Type.String(), Type.Null()])), conflicts: Type.Optional(Type.Array(Type.Unknown())) }),
    ]),
    contentType: 'application/problem+json',
  },
};

const assignment = (mode: AssignmentMode, operationId: string, path: string, summary: string) =>
  defineRoute({
    method: 'POST',
    path: `/v1/admin/bookings/:id/${path}`,
    operationId,
    summary,
    tags,
    audience: 'staff',
    permission: 'schedule.manage',
    params: IdParams,
    body: AssignmentBody,
    responses: { 200: { description: 'The booking', schema: BookingView }, ...commonErrors, ...CONFLICT_409 },
    async handler({ runtime, ctx, params, body }) {
      const booking = await runtime.core.bookings.changeAssignment.execute(ctx, { id: params.id, mode, teamId: body['teamId'], workerIds: body['workerIds'] });
      return { status: 200, body: bookingJson(booking) };
    },
  });

const bookingResponse = (schema: TSchema = BookingView) => ({ 200: { description: 'The booking', schema }, ...commonErrors, ...CONFLICT_409 });

export function bookingRoutes(): RouteDefinition[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/v1/admin/bookings',
      operationId: 'listBookings',
      summary: 'Bookings overlapping [start, end) (at most 366 days), by start, filtered, paged; without start and end: today and the next 6 days in the org’s zone',
      description:
        'Without start and end the window is today in the org’s time zone and the 6 days after (local midnights, so a DST day keeps its length); with only one, the other is 7 days away. The answer echoes the window it listed (`window`, `time_zone`): send it back with the cursor to page through a fixed window across midnight.',
      tags,
      audience: 'staff',
      permission: 'schedule.view',
      query: ListBookingsQuery,
      inputIn: 'query',
      responses: { 200: { description: 'A page of bookings, and the window listed', schema: BookingPageView }, ...commonErrors },
      async handler({ runtime, ctx, query }) {
        const page = await runtime.core.bookings.list.execute(ctx, {
          ...(query.start !== undefined ? { start: query.start } : {}),
          ...(query.end !== undefined ? { end: query.end } : {}),
          ...(query.status !== undefined ? { status: query.status.join(',') } : {}),
          ...(query.worker_id !== undefined ? { workerId: query.worker_id } : {}),
          ...(query.team_id !== undefined ? { teamId: query.team_id } : {}),
          ...(query.client_id !== undefined ? { clientId: query.client_id } : {}),
          ...(query.series_id !== undefined ? { seriesId: query.series_id } : {}),
          ...(query.unassigned !== undefined ? { unassigned: query.unassigned } : {}),
          ...(query.cursor !== undefined ? { cursor: query.cursor } : {}),
          ...(query.limit !== undefined ? { limit: query.limit } : {}),
        });
        const view = piiPolicy(ctx);
        return {
          status: 200,
          body: { ...pageJson(page, (b) => bookingJson(b, view)), window: { start: page.window.from.toISOString(), end: page.window.to.toISOString() }, time_zone: page.timeZone },
        };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/v1/admin/bookings',
      operationId: 'createBooking',
      summary: 'Book a visit (send Idempotency-Key to make retries safe)',
      description:
        'With an `Idempotency-Key` header (1-255 visible ASCII characters, kept 48 hours), a retry with the same body returns the booking the first call made, with `Idempotent-Replayed: true`; the same key with another body is 422 idempotency.key_reused. `end` defaults to start + the service’s duration, the price estimate to the service’s price, the address to the client’s primary one.',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      body: CreateBookingBody,
      responses: { 201: { description: 'The booking (also for a replay)', schema: BookingView }, ...commonErrors, ...CONFLICT_409 },
      async handler({ runtime, ctx, body, koa }) {
        const key = koa.get('idempotency-key');
        const { booking, replayed } = await runtime.core.bookings.create.execute(ctx, body, key === '' ? {} : { idempotencyKey: key });
        return {
          status: 201,
          body: bookingJson(booking),
          headers: { Location: `/v1/admin/bookings/${booking.id}`, ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}) },
        };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/v1/admin/bookings/:id',
      operationId: 'getBooking',
      summary: 'Get one booking',
      tags,
      audience: 'staff',
      permission: 'schedule.view',
      params: IdParams,
      responses: { 200: { description: 'The booking', schema: BookingView }, ...commonErrors },
      async handler({ runtime, ctx, params }) {
        return { status: 200, body: bookingJson(await runtime.core.bookings.get.execute(ctx, { id: params.id }), piiPolicy(ctx)) };
      },
    }),
    defineRoute({
      method: 'PATCH',
      path: '/v1/admin/bookings/:id',
      operationId: 'updateBooking',
      summary: 'Change notes (always), or service, address and price estimate (while pending or confirmed)',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      params: IdParams,
      body: UpdateBookingBody,
      responses: bookingResponse(),
      async handler({ runtime, ctx, params, body }) {
        return { status: 200, body: bookingJson(await runtime.core.bookings.updateDetails.execute(ctx, { ...body, id: params.id })) };
      },
    }),
    assignment('add', 'assignBooking', 'assign', 'Add workers (and set a team, which brings its active members)'),
    assignment('remove', 'unassignBooking', 'unassign', 'Take workers (and the team, when team_id names it) off the booking'),
    assignment('replace', 'reassignBooking', 'reassign', 'Set exactly the team and workers given (none: unassigned)'),
    defineRoute({
      method: 'POST',
      path: '/v1/admin/bookings/:id/reschedule',
      operationId: 'rescheduleBooking',
      summary: 'Move a booking (without end it keeps its length); an occurrence moved alone leaves its series',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      params: IdParams,
      body: RescheduleBody,
      responses: bookingResponse(),
      async handler({ runtime, ctx, params, body }) {
        return { status: 200, body: bookingJson(await runtime.core.bookings.reschedule.execute(ctx, { id: params.id, start: body['start'], end: body['end'] })) };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/v1/admin/bookings/:id/status',
      operationId: 'changeBookingStatus',
      summary: 'Move a booking along pending → confirmed → in_progress → completed (or cancelled / no_show)',
      description: 'Cancelling needs a reason and frees the time; an impossible move is 409 booking.invalid_transition naming the allowed ones.',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      params: IdParams,
      body: StatusBody,
      responses: bookingResponse(),
      async handler({ runtime, ctx, params, body }) {
        return { status: 200, body: bookingJson(await runtime.core.bookings.changeStatus.execute(ctx, { id: params.id, status: body['status'], reason: body['reason'] })) };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/v1/admin/bookings/:id/cancel',
      operationId: 'cancelBooking',
      summary: 'Cancel a booking with a reason (frees its workers’ and team’s time)',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      params: IdParams,
      body: CancelBody,
      responses: bookingResponse(),
      async handler({ runtime, ctx, params, body }) {
        return { status: 200, body: bookingJson(await runtime.core.bookings.changeStatus.execute(ctx, { id: params.id, status: 'cancelled', reason: body['reason'] })) };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/v1/admin/bookings/:id/history',
      operationId: 'getBookingHistory',
      summary: 'Every audited change to a booking, newest first (at most 200)',
      description: 'Entries as in /v1/admin/audit-logs; viewers see notes in before/after masked. next_cursor is always null.',
      tags,
      audience: 'staff',
      permission: 'schedule.view',
      params: IdParams,
      responses: { 200: { description: 'The audit entries', schema: Page(AuditEntryView) }, ...commonErrors },
      async handler({ runtime, ctx, params }) {
        const entries = await runtime.core.bookings.history.execute(ctx, { id: params.id });
        const view = piiPolicy(ctx);
        return { status: 200, body: { items: entries.map((e) => bookingHistoryJson(e, view)), next_cursor: null } };
      },
    }),
  ];
}
