/**
 * Bookings (guide 000 "Scheduling v2"): create (idempotently, with `Idempotency-Key`), read,
 * list, and every change a dispatcher makes. A clash with another booking of a worker or team is
 * 409 booking.slot_unavailable naming the booking that holds the time (conflicting_booking_id);
 * the database refuses it, so concurrent requests cannot both win.
 */
import {
  CancelBooking,
  ChangeBookingAssignment,
  ChangeBookingStatus,
  CreateBooking,
  GetBooking,
  GetBookingHistory,
  ListBookings,
  RescheduleBooking,
  UpdateBookingDetails,
  type AssignmentMode,
} from '@cws/core';
import { defineContractRoute, type RouteDefinition } from '../../routing/route-definition.js';
import { pageJson } from '../../presenters/presenters.js';
import { piiPolicy } from '../../presenters/pii-masking.js';
import { bookingHistoryJson, bookingJson } from '../../presenters/scheduling-presenters.js';

const tags = ['Bookings'] as const;

/** What a change to a booking's time, people or status may be refused with. */
const CONFLICT_409 = {
  409: {
    description:
      'booking.slot_unavailable (conflicting_booking_id and conflicts[] name who holds the time), booking.blacked_out, booking.invalid_transition, booking.not_plannable, team.inactive or worker.inactive',
  },
};

const THE_BOOKING = { 200: { description: 'The booking', schema: 'output' as const }, ...CONFLICT_409 };

const assignment = (mode: AssignmentMode, operationId: string, path: string, summary: string, description: string) =>
  defineContractRoute({
    method: 'POST',
    path: `/v1/admin/bookings/:id/${path}`,
    operationId,
    summary,
    description,
    tags,
    audience: 'staff',
    permission: 'schedule.manage',
    contract: ChangeBookingAssignment.contract,
    fixedFields: ['mode'],
    responses: THE_BOOKING,
    async handler({ runtime, ctx, input }) {
      return { status: 200, body: bookingJson(await runtime.core.bookings.changeAssignment.execute(ctx, { ...input, mode })) };
    },
  });

export function bookingRoutes(): RouteDefinition[] {
  return [
    defineContractRoute({
      method: 'GET',
      path: '/v1/admin/bookings',
      operationId: 'listBookings',
      summary: 'Bookings overlapping [start, end) (at most 366 days), by start, filtered, paged; without start and end: today and the next 6 days in the org’s zone',
      description:
        'Without start and end the window is today in the org’s time zone and the 6 days after (local midnights, so a DST day keeps its length); with only one, the other is 7 days away. The answer echoes the window it listed (`window`, `time_zone`): send it back with the cursor to page through a fixed window across midnight. Filters: status (comma-separated or repeated), worker (named or through their team), team, client, series, unassigned. Viewers see notes and cancellation reasons masked.',
      tags,
      audience: 'staff',
      permission: 'schedule.view',
      contract: ListBookings.contract,
      responses: { 200: { description: 'A page of bookings, and the window listed', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        const page = await runtime.core.bookings.list.execute(ctx, input);
        const view = piiPolicy(ctx);
        return {
          status: 200,
          body: { ...pageJson(page, (b) => bookingJson(b, view)), window: { start: page.window.from.toISOString(), end: page.window.to.toISOString() }, time_zone: page.timeZone },
        };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/admin/bookings',
      operationId: 'createBooking',
      summary: 'Book a visit (send Idempotency-Key to make retries safe)',
      description:
        'With an `Idempotency-Key` header (1-255 visible ASCII characters, kept 48 hours), a retry with the same body returns the booking the first call made, with `Idempotent-Replayed: true`; the same key with another body is 422 idempotency.key_reused. `end` defaults to start + the service’s duration (without a service it is required), the price estimate to the service’s price, the address to the client’s primary one. The end must be after the start and at most 24 hours later.',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      contract: CreateBooking.contract,
      headerFields: { idempotencyKey: 'Idempotency-Key' },
      responses: {
        201: { description: 'The booking (also for a replay)', schema: 'output', headers: ['Location', 'Idempotent-Replayed'] },
        404: { description: 'client.not_found, client.address_not_found, service.not_found (also an inactive one), team.not_found or worker.not_found' },
        ...CONFLICT_409,
      },
      async handler({ runtime, ctx, input }) {
        const { booking, replayed } = await runtime.core.bookings.create.execute(ctx, input);
        return {
          status: 201,
          body: bookingJson(booking),
          headers: { Location: `/v1/admin/bookings/${booking.id}`, ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}) },
        };
      },
    }),
    defineContractRoute({
      method: 'GET',
      path: '/v1/admin/bookings/:id',
      operationId: 'getBooking',
      summary: 'Get one booking',
      description: 'Another org’s booking answers 404 like a missing one. Viewers see notes and the cancellation reason masked.',
      tags,
      audience: 'staff',
      permission: 'schedule.view',
      contract: GetBooking.contract,
      responses: { 200: { description: 'The booking', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: bookingJson(await runtime.core.bookings.get.execute(ctx, input), piiPolicy(ctx)) };
      },
    }),
    defineContractRoute({
      method: 'PATCH',
      path: '/v1/admin/bookings/:id',
      operationId: 'updateBooking',
      summary: 'Change notes (always), or service, address and price estimate (while pending or confirmed)',
      description:
        'Absent fields keep their value; null clears. A started or finished booking answers 409 booking.not_plannable for anything but notes. A series occurrence given another service, address or price is detached from its series.',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      contract: UpdateBookingDetails.contract,
      responses: THE_BOOKING,
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: bookingJson(await runtime.core.bookings.updateDetails.execute(ctx, input)) };
      },
    }),
    assignment(
      'add',
      'assignBooking',
      'assign',
      'Add workers (and set a team, which brings its active members)',
      'Name a team or at least one worker (422 otherwise). Newly added people must be active and free then (409 booking.slot_unavailable, booking.blacked_out). A series occurrence is detached from its series.',
    ),
    assignment(
      'remove',
      'unassignBooking',
      'unassign',
      'Take workers (and the team, when team_id names it) off the booking',
      'Name a team or at least one worker (422 otherwise). A named worker taken off who is a member of the booked team stays on through the team. A series occurrence is detached from its series.',
    ),
    assignment(
      'replace',
      'reassignBooking',
      'reassign',
      'Set exactly the team and workers given (none: unassigned)',
      'An empty body leaves the booking with nobody on it. Newly added people must be active and free then (409 booking.slot_unavailable, booking.blacked_out). A series occurrence is detached from its series.',
    ),
    defineContractRoute({
      method: 'POST',
      path: '/v1/admin/bookings/:id/reschedule',
      operationId: 'rescheduleBooking',
      summary: 'Move a booking (without end it keeps its length); an occurrence moved alone leaves its series',
      description:
        'The end must be after the start and at most 24 hours later. Only pending and confirmed bookings move (409 booking.not_plannable); the new time must be free for its people (409 booking.slot_unavailable, booking.blacked_out).',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      contract: RescheduleBooking.contract,
      responses: THE_BOOKING,
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: bookingJson(await runtime.core.bookings.reschedule.execute(ctx, input)) };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/admin/bookings/:id/status',
      operationId: 'changeBookingStatus',
      summary: 'Move a booking along pending → confirmed → in_progress → completed (or cancelled / no_show)',
      description: 'Cancelling needs a reason (422 without one) and frees the time; an impossible move is 409 booking.invalid_transition naming the allowed ones.',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      contract: ChangeBookingStatus.contract,
      responses: THE_BOOKING,
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: bookingJson(await runtime.core.bookings.changeStatus.execute(ctx, input)) };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/admin/bookings/:id/cancel',
      operationId: 'cancelBooking',
      summary: 'Cancel a booking with a reason (frees its workers’ and team’s time)',
      description: 'Only a pending or confirmed booking can be cancelled: others answer 409 booking.invalid_transition naming the allowed moves.',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      contract: CancelBooking.contract,
      responses: THE_BOOKING,
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: bookingJson(await runtime.core.bookings.cancel.execute(ctx, input)) };
      },
    }),
    defineContractRoute({
      method: 'GET',
      path: '/v1/admin/bookings/:id/history',
      operationId: 'getBookingHistory',
      summary: 'Every audited change to a booking, newest first (at most 200)',
      description: 'Entries as in /v1/admin/audit-logs, with before and after in the booking’s snake_case; viewers see notes and reasons masked. next_cursor is always null.',
      tags,
      audience: 'staff',
      permission: 'schedule.view',
      contract: GetBookingHistory.contract,
      responses: { 200: { description: 'The audit entries', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        const entries = await runtime.core.bookings.history.execute(ctx, input);
        const view = piiPolicy(ctx);
        return { status: 200, body: { items: entries.map((e) => bookingHistoryJson(e, view)), next_cursor: null } };
      },
    }),
  ];
}
