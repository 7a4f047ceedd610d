/**
 * The fields of a booking as use cases take them, and a booking (and its page and history) as
 * they answer it (JSON, camelCase; the HTTP host snake_cases the names).
 */
import { Type } from '@sinclair/typebox';
import { Instant, InstantView, Int, Nullable, NullableText, OneOf, PageOf, Uuid, withMessage } from '../../contracts/schema-vocabulary.js';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from '../shared/idempotency.js';
import { BOOKING_STATUSES, type BookingStatus } from './booking.js';

/** How many workers one request may name. */
export const MAX_BOOKING_WORKER_IDS = 20;

/** A price in minor units of the org's currency. */
export const BookingPriceEstimate = Int(0, 100_000_000, { description: 'Minor units of the org’s currency (cents)' });

export const BookingNotes = NullableText(4000, { description: 'Free text for the people doing the visit; null or blank clears it' });

/** Workers named by id: each a UUID, none twice. */
export const BookingWorkerIds = Type.Transform(Type.Array(Uuid(), { maxItems: MAX_BOOKING_WORKER_IDS, uniqueItems: true }))
  // Ids differing only in case are the same worker.
  .Decode((ids) => [...new Set(ids)])
  .Encode((ids) => ids);

export const BookingStatusField = OneOf(BOOKING_STATUSES);

/** The statuses a new booking may start in. */
export const InitialBookingStatus = OneOf(['pending', 'confirmed'] as const, { description: 'Default pending' });

/**
 * A client's key that makes a write safe to retry (HTTP: the `Idempotency-Key` header). A UUID
 * works; the same key with a different input is refused. The pattern holds the length too, so a
 * key too long is refused with the same explanation as one with a space.
 */
export const IdempotencyKey = withMessage(
  Type.String({ minLength: 1, pattern: `^[\\x21-\\x7e]{1,${MAX_IDEMPOTENCY_KEY_LENGTH}}$`, examples: ['0b6e4d5c-2f1a-4f3e-9a7d-8c1b2e3f4a5b'] }),
  `must be 1-${MAX_IDEMPOTENCY_KEY_LENGTH} visible ASCII characters (letters, digits, - and the like: a UUID works)`,
);

const STATUS_WORD = `(${BOOKING_STATUSES.join('|')})`;

/** One status, or several separated by commas (`pending,confirmed`); decodes to the list. */
export const BookingStatusList = Type.Transform(
  withMessage(
    Type.String({ maxLength: 100, pattern: `^\\s*${STATUS_WORD}\\s*(,\\s*${STATUS_WORD}\\s*)*$`, examples: ['pending,confirmed'] }),
    `must be one of: ${BOOKING_STATUSES.join(', ')} (several separated by commas)`,
  ),
)
  .Decode((value) => value.split(',').map((s) => s.trim() as BookingStatus))
  .Encode((statuses) => statuses.join(','));

/** The fields a booking is made with (CreateBooking), in the order errors are reported. */
export const NewBookingFields = {
  clientId: Uuid(),
  addressId: Type.Optional(Nullable(Uuid(), { description: 'Default: the client’s primary address; null: none' })),
  serviceId: Type.Optional(Nullable(Uuid(), { description: 'Gives the default end (its duration) and price estimate' })),
  start: Instant(),
  end: Type.Optional(Nullable(Instant(), { description: 'After start, at most 24 hours later. Default: start + the service’s duration' })),
  status: Type.Optional(InitialBookingStatus),
  teamId: Type.Optional(Nullable(Uuid(), { description: 'The team brings its active members' })),
  workerIds: Type.Optional(Nullable(BookingWorkerIds)),
  notes: Type.Optional(BookingNotes),
  priceEstimateMinor: Type.Optional(Nullable(BookingPriceEstimate, { description: 'Default: the service’s price' })),
};

// ------------------------------------------------------------------ views

export const BookingWorkerView = Type.Object(
  { workerId: Type.String({ format: 'uuid' }), viaTeam: Type.Boolean({ description: 'On the booking because their team is' }) },
  { additionalProperties: false, $id: 'BookingWorker' },
);

export const BookingView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    orgId: Type.String({ format: 'uuid' }),
    clientId: Type.String({ format: 'uuid' }),
    addressId: Nullable(Type.String({ format: 'uuid' })),
    serviceId: Nullable(Type.String({ format: 'uuid' })),
    seriesId: Nullable(Type.String({ format: 'uuid' })),
    occurrenceDate: Nullable(Type.String({ format: 'date', description: 'The local date (YYYY-MM-DD, in the series’ zone) of the occurrence it stands for' })),
    detached: Type.Boolean({ description: 'An occurrence edited on its own: changes to its series leave it alone' }),
    startsAt: InstantView(),
    endsAt: InstantView(),
    timeZone: Type.String({ description: 'IANA zone the booking is shown in: the org’s when it was made (a series’ own)' }),
    localStartsAt: Type.String({ format: 'date-time', description: 'starts_at on the booking’s wall clock, with its offset (2026-03-09T09:00:00-04:00)' }),
    localEndsAt: Type.String({ format: 'date-time', description: 'ends_at on the booking’s wall clock, with its offset' }),
    status: BookingStatusField,
    teamId: Nullable(Type.String({ format: 'uuid' })),
    workers: Type.Array(BookingWorkerView, { description: 'Ordered by worker id' }),
    notes: Nullable(Type.String({ description: 'Masked for viewers' })),
    priceEstimateMinor: Nullable(Type.Integer()),
    currency: Type.String(),
    cancellationReason: Nullable(Type.String({ description: 'Masked for viewers' })),
    startedAt: Nullable(InstantView()),
    completedAt: Nullable(InstantView()),
    cancelledAt: Nullable(InstantView()),
    createdAt: InstantView(),
    updatedAt: InstantView(),
  },
  { additionalProperties: false, $id: 'Booking' },
);

export const BookingPageView = Type.Object(
  {
    items: Type.Array(BookingView),
    nextCursor: Nullable(Type.String()),
    window: Type.Object(
      { start: InstantView(), end: InstantView() },
      { additionalProperties: false, description: 'The window listed: the one asked for, or the default. Send it back with the cursor to page through the same window' },
    ),
    timeZone: Type.String({ description: 'The org’s zone, in which the default window is reckoned' }),
  },
  { additionalProperties: false, $id: 'BookingPage' },
);

/** One audited change to a booking, with its before and after as the booking reads (snake_case). */
export const BookingHistoryEntryView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    orgId: Type.String({ format: 'uuid' }),
    actorKind: Type.String(),
    actorId: Type.String(),
    adminRole: Nullable(Type.String()),
    action: Type.String({ description: 'booking.create, booking.update, booking.assign, booking.unassign, booking.reassign, booking.reschedule, booking.status.<status>, …' }),
    resourceType: Type.String(),
    resourceId: Nullable(Type.String()),
    before: Nullable(Type.Record(Type.String(), Type.Unknown(), { description: 'The booking before the change; notes and reasons masked for viewers' })),
    after: Nullable(Type.Record(Type.String(), Type.Unknown(), { description: 'The booking after the change; notes and reasons masked for viewers' })),
    metadata: Type.Record(Type.String(), Type.Unknown()),
    requestId: Type.String(),
    createdAt: InstantView(),
  },
  { additionalProperties: false, $id: 'BookingHistoryEntry' },
);

export const BookingHistoryView = PageOf(BookingHistoryEntryView, { $id: 'BookingHistory', description: 'Newest first, at most 200; next_cursor is always null' });
