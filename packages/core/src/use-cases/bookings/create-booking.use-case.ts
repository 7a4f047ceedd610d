import { createHash } from 'node:crypto';
import { claimIdempotencyKey } from '../shared/idempotency-claim.js';
import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type CheckedInput, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import type { Booking } from '../../domain/scheduling/booking.js';
import { assertBookingWindow } from '../../domain/scheduling/booking-input.js';
import { BookingView, IdempotencyKey, NewBookingFields } from '../../domain/scheduling/booking-schemas.js';
import { AppError } from '../../errors/app-error.js';
import type { TenantRepositories } from '../../ports/unit-of-work.port.js';
import { assertNotBlackedOut, notFound, resolveAssignees, resolveVisit, zoneOf } from '../scheduling/scheduling-support.js';
import { announceBookingChange } from './booking-notifications.js';
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
 * Resolves a plan against the org's rows: the visit (client, address, service: duration and
 * price defaults) and the assignees.
 */
async function resolvePlan(repos: TenantRepositories, plan: BookingPlan) {
  const { addressId, service, client } = await resolveVisit(repos, plan.clientId, plan.addressId, plan.serviceId);
  const end = plan.end ?? (service === null ? null : new Date(plan.start.getTime() + service.durationMinutes * 60_000));
  if (end === null) throw AppError.validation([{ pointer: '/end', detail: 'is required when no service gives a duration' }]);
  const workers = await resolveAssignees(repos, plan.teamId, plan.workerIds);
  return { addressId, service, client, end, workers };
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
    return this.deps.uow.run(ctx, async (repos) => {
      if (key !== null) {
        const heldId = await claimIdempotencyKey(repos, ctx, { scope: 'booking.create', key, fingerprint: fingerprint(plan), resourceId: id, what: 'booking' });
        if (heldId !== null) {
          const earlier = await repos.bookings.findById(heldId);
          if (earlier === null) throw notFound.booking(heldId);
          return { booking: earlier, replayed: true };
        }
      }
      const { addressId, service, client, end, workers } = await resolvePlan(repos, plan);
      const settings = await repos.orgSettings.get();
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
      await assertNotBlackedOut(repos, booking);
      await repos.bookings.insert(booking);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: 'booking.create',
          resourceType: 'booking',
          resourceId: id,
          after: snapshot(booking),
          metadata: { client_id: booking.clientId, ...(key === null ? {} : { idempotency_key: key }) },
        }),
      );
      // A replay (above) returns before this: the first call's messages are the only ones.
      await announceBookingChange(this.deps, repos, ctx, null, booking, { settings, client, service });
      return { booking, replayed: false };
    });
  }
}
