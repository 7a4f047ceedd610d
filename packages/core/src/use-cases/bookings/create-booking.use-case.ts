import { createHash } from 'node:crypto';
import { heldResourceId, keyRecord } from '../shared/idempotency-claim.js';
import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type CheckedInput, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import { MAX_BOOKING_MINUTES, type Booking } from '../../domain/scheduling/booking.js';
import { assertBookingWindow } from '../../domain/scheduling/booking-input.js';
import { BookingView, IdempotencyKey, NewBookingFields } from '../../domain/scheduling/booking-schemas.js';
import { AppError } from '../../errors/app-error.js';
import { notFound, zoneOf } from '../scheduling/scheduling-support.js';
import { bookingChangeMessages } from './booking-notifications.js';
import { assertNotBlackedOutIn, assigneesFrom, visitFrom, workersOf } from './booking-write-context.js';
import type { BookingDeps } from './booking-support.js';

const contract = defineContract({
  name: 'CreateBooking',
  input: Type.Object(
    {
      ...NewBookingFields,
      idempotencyKey: Type.Optional(IdempotencyKey),
    },
    { additionalProperties: false },
  ),
  output: BookingView,
});

export type CreateBookingInput = ContractInput<typeof contract>;

export interface CreateBookingResult {
  readonly booking: Booking;
  /** True when an earlier call with the same idempotency key made this booking. */
  readonly replayed: boolean;
}

/** The fields of a booking a request sets, with their defaults: what a retry must repeat. */
interface BookingPlan {
  readonly clientId: string;
  /** Absent: the client's primary address; null: none. */
  readonly addressId: string | null | undefined;
  readonly serviceId: string | null;
  readonly start: Date;
  readonly end: Date | null;
  readonly status: 'pending' | 'confirmed';
  readonly teamId: string | null;
  readonly workerIds: readonly string[];
  readonly notes: string | null;
  readonly priceEstimateMinor: number | null;
}

function planOf(input: CheckedInput<typeof contract>): BookingPlan {
  if (input.end != null) assertBookingWindow(input.start, input.end);
  // The order of these fields is the fingerprint's: keys stored within the last 48 hours must still match.
  return {
    clientId: input.clientId,
    addressId: input.addressId,
    serviceId: input.serviceId ?? null,
    start: input.start,
    end: input.end ?? null,
    status: input.status ?? 'pending',
    teamId: input.teamId ?? null,
    workerIds: input.workerIds ?? [],
    notes: input.notes ?? null,
    priceEstimateMinor: input.priceEstimateMinor ?? null,
  };
}

function fingerprint(plan: BookingPlan): string {
  return createHash('sha256').update(JSON.stringify(plan)).digest('hex');
}

/**
 * Books a visit. With an idempotency key, a retry with the same input returns the booking the
 * first call made (even while the first is still committing: the second waits for it).
 * Made confirmed, it mails the client booking_confirmed; each worker on it is told they are
 * assigned (booking-notifications.ts), in the same unit of work.
 * @throws validation.failed — a field the contract refuses, end not after start or more than
 *   24 h after it, no end and no service.
 * @throws client.not_found, client.archived, client.address_not_found, service.not_found,
 *   team.not_found, team.inactive, worker.not_found, worker.inactive
 * @throws booking.blacked_out — a blackout of the org, the team or a worker covers the time.
 * @throws booking.slot_unavailable — a worker or the team is booked then (names the booking).
 * @throws idempotency.key_reused — the key was used for a different input.
 */
export class CreateBooking {
  static readonly contract = contract;

  constructor(private readonly deps: BookingDeps) {}

  async execute(ctx: RequestContext, input: CreateBookingInput): Promise<CreateBookingResult> {
    const checked = checkInput(contract, input);
    const plan = planOf(checked);
    const key = checked.idempotencyKey ?? null;
    const id = this.deps.ids.next();
    const claim = key === null ? null : { scope: 'booking.create', key, fingerprint: fingerprint(plan), resourceId: id, what: 'booking' };
    // Without an end, blackouts are read over the longest booking there can be, and filtered by the real one.
    const window = { from: plan.start, to: plan.end ?? new Date(plan.start.getTime() + MAX_BOOKING_MINUTES * 60_000) };
    return this.deps.uow.run(ctx, async (repos) => {
      // Everything the checks and the messages need, with the key's claim, in one read.
      const rows = await repos.bookings.readWriteContext({
        clientId: plan.clientId,
        serviceId: plan.serviceId,
        teamId: plan.teamId,
        workerIds: plan.workerIds,
        window,
        claim: claim === null ? null : keyRecord(ctx, claim),
      });
      if (claim !== null) {
        const heldId = heldResourceId(rows.heldKey, claim);
        if (heldId !== null) {
          const earlier = await repos.bookings.findById(heldId);
          if (earlier === null) throw notFound.booking(heldId);
          return { booking: earlier, replayed: true };
        }
      }
      const { addressId, service, client } = visitFrom(rows, plan.clientId, plan.addressId, plan.serviceId);
      const end = plan.end ?? (service === null ? null : new Date(plan.start.getTime() + service.durationMinutes * 60_000));
      if (end === null) throw AppError.validation([{ pointer: '/end', detail: 'is required when no service gives a duration' }]);
      const workers = assigneesFrom(rows, plan.teamId, plan.workerIds);
      const { settings } = rows;
      const { currency, timeZone } = zoneOf(settings);
      const booking: Booking = {
        id,
        orgId: ctx.orgId,
        clientId: plan.clientId,
        addressId,
        serviceId: plan.serviceId,
        seriesId: null,
        occurrenceDate: null,
        detached: false,
        startsAt: plan.start,
        endsAt: end,
        timeZone,
        status: plan.status,
        teamId: plan.teamId,
        workers,
        notes: plan.notes,
        priceEstimateMinor: plan.priceEstimateMinor ?? service?.priceMinor ?? null,
        currency,
        cancellationReason: null,
        startedAt: null,
        completedAt: null,
        cancelledAt: null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      };
      assertNotBlackedOutIn(rows, window, booking);
      const audit = auditEntry(ctx, this.deps.ids, {
        action: 'booking.create',
        resourceType: 'booking',
        resourceId: id,
        after: snapshot(booking),
        metadata: { client_id: booking.clientId, ...(key === null ? {} : { idempotency_key: key }) },
      });
      // A replay (above) returns before this: the first call's messages are the only ones.
      const messages = await bookingChangeMessages(this.deps, repos, ctx, null, booking, { settings, client, service, workers: workersOf(rows) });
      await repos.bookings.insert(booking, { audit, messages });
      return { booking, replayed: false };
    });
  }
}
