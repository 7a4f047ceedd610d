/**
 * Bookings: create (idempotently), read, list, and every change a dispatcher makes — details,
 * assignment, reschedule, status. Clashes are the store's to refuse (an exclusion constraint
 * in PostgreSQL), so two concurrent requests can never both take a worker's time; blackouts are
 * checked here. Every change is audited with before/after, which is the booking's history.
 */
import { createHash } from 'node:crypto';
import type { RequestContext } from '../../context.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import {
  BOOKING_STATUSES,
  BOOKING_TRANSITIONS,
  isPlannable,
  sortWorkers,
  type Booking,
  type BookingStatus,
  type StartKey,
} from '../../domain/scheduling/booking.js';
import { IDEMPOTENCY_KEY_TTL_HOURS, MAX_IDEMPOTENCY_KEY_LENGTH } from '../../domain/shared/idempotency.js';
import { InputChecks } from '../../domain/shared/input-checks.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, decodeKeyCursor, encodeKeyCursor, type Page } from '../../domain/shared/pagination.js';
import { AppError } from '../../errors/app-error.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { TimeWindow } from '../../ports/scheduling-repositories.port.js';
import type { TenantRepositories, UnitOfWork } from '../../ports/unit-of-work.port.js';
import {
  MAX_BOOKING_HOURS,
  assertNotBlackedOut,
  checkWindow,
  notFound,
  optionalUuid,
  orgZone,
  requireActiveService,
  requireClientAddress,
  resolveAssignees,
  resolveVisit,
  uuidList,
  windowOrDefault,
} from './scheduling-support.js';

export interface BookingDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
}

export interface CreateBookingInput {
  readonly clientId?: unknown;
  readonly addressId?: unknown;
  readonly serviceId?: unknown;
  readonly start?: unknown;
  /** Defaults to start + the service's duration. */
  readonly end?: unknown;
  /** pending (default) or confirmed. */
  readonly status?: unknown;
  readonly teamId?: unknown;
  readonly workerIds?: unknown;
  readonly notes?: unknown;
  /** Defaults to the service's price. */
  readonly priceEstimateMinor?: unknown;
}

export interface CreateBookingResult {
  readonly booking: Booking;
  /** True when an earlier call with the same Idempotency-Key made this booking. */
  readonly replayed: boolean;
}

/** The fields of a booking a request may set, checked; resources are resolved in the unit of work. */
interface BookingPlan {
  readonly clientId: string;
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

function checkPlan(checks: InputChecks, input: CreateBookingInput): BookingPlan {
  const clientId = checks.uuid('/clientId', input.clientId);
  const parsedStart = checks.date('/start', input.start ?? null);
  const start = parsedStart ?? new Date(0);
  let end: Date | null = null;
  if (input.end !== undefined && input.end !== null) {
    // Without a start there is nothing to measure the end against; /start is already reported.
    end = parsedStart === undefined ? (checks.date('/end', input.end) ?? null) : checkWindow(checks, start, input.end, MAX_BOOKING_HOURS).to;
  }
  return {
    clientId,
    addressId: optionalUuid(checks, '/addressId', input.addressId),
    serviceId: optionalUuid(checks, '/serviceId', input.serviceId) ?? null,
    start,
    end,
    status: input.status === undefined ? 'pending' : (checks.oneOf('/status', input.status, ['pending', 'confirmed'] as const) ?? 'pending'),
    teamId: optionalUuid(checks, '/teamId', input.teamId) ?? null,
    workerIds: input.workerIds === undefined || input.workerIds === null ? [] : uuidList(checks, '/workerIds', input.workerIds),
    notes: checks.optionalText('/notes', input.notes, { max: 4000 }) ?? null,
    priceEstimateMinor: checks.integer('/priceEstimateMinor', input.priceEstimateMinor ?? undefined, { min: 0, max: 100_000_000 }) ?? null,
  };
}

/**
 * Resolves a plan against the org's rows: the visit (client, address, service: duration and
 * price defaults) and the assignees.
 */
async function resolvePlan(repos: TenantRepositories, plan: BookingPlan) {
  const { addressId, service } = await resolveVisit(repos, plan.clientId, plan.addressId, plan.serviceId);
  const end = plan.end ?? (service === null ? null : new Date(plan.start.getTime() + service.durationMinutes * 60_000));
  if (end === null) throw AppError.validation([{ pointer: '/end', detail: 'is required when no service gives a duration' }]);
  const workers = await resolveAssignees(repos, plan.teamId, plan.workerIds);
  return { addressId, service, end, workers };
}

function fingerprint(input: unknown): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}

/** Where an idempotency key's errors point: the `Idempotency-Key` header it comes in. */
export const IDEMPOTENCY_KEY_FIELD = { pointer: '/Idempotency-Key', in: 'header' } as const;

export function checkIdempotencyKey(checks: InputChecks, key: unknown): string | null {
  if (key === undefined || key === null) return null;
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH || !/^[\x21-\x7e]+$/.test(key)) {
    checks.errors.push({ ...IDEMPOTENCY_KEY_FIELD, detail: `must be 1-${MAX_IDEMPOTENCY_KEY_LENGTH} visible ASCII characters (letters, digits, - and the like: a UUID works)` });
    return null;
  }
  return key;
}

/**
 * Books a visit. With an idempotency key, a retry with the same input returns the booking the
 * first call made (even while the first is still committing: the second waits for it).
 * @throws validation.failed — bad field, end not after start or more than 24 h after it, no end
 *   and no service.
 * @throws client.not_found, client.archived, client.address_not_found, service.not_found,
 *   team.not_found, team.inactive, worker.not_found, worker.inactive
 * @throws booking.blacked_out — a blackout of the org, the team or a worker covers the time.
 * @throws booking.slot_unavailable — a worker or the team is booked then (names the booking).
 * @throws idempotency.key_reused — the key was used for a different input.
 */
export class CreateBooking {
  constructor(private readonly deps: BookingDeps) {}

  async execute(ctx: RequestContext, input: CreateBookingInput, options: { idempotencyKey?: unknown } = {}): Promise<CreateBookingResult> {
    const checks = new InputChecks();
    const plan = checkPlan(checks, input);
    const key = checkIdempotencyKey(checks, options.idempotencyKey);
    checks.throwIfAny();
    const id = this.deps.ids.next();
    return this.deps.uow.run(ctx, async (repos) => {
      if (key !== null) {
        const held = await repos.idempotency.claim({
          scope: 'booking.create',
          key,
          fingerprint: fingerprint(plan),
          resourceId: id,
          createdAt: ctx.now,
          expiresAt: new Date(ctx.now.getTime() + IDEMPOTENCY_KEY_TTL_HOURS * 3_600_000),
        });
        if (held !== null) {
          if (held.fingerprint !== fingerprint(plan)) {
            throw new AppError('idempotency.key_reused', 'This Idempotency-Key was used with a different request body', {
              errors: [{ ...IDEMPOTENCY_KEY_FIELD, detail: 'was used with a different request body; use a new key for a new booking' }],
            });
          }
          const earlier = await repos.bookings.findById(held.resourceId);
          if (earlier === null) throw notFound.booking(held.resourceId);
          return { booking: earlier, replayed: true };
        }
      }
      const { addressId, service, end, workers } = await resolvePlan(repos, plan);
      const { currency, timeZone } = await orgZone(repos);
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
      return { booking, replayed: false };
    });
  }
}

export class GetBooking {
  constructor(private readonly deps: { uow: UnitOfWork }) {}

  /** @throws validation.failed, booking.not_found */
  async execute(ctx: RequestContext, input: { id: unknown }): Promise<Booking> {
    const id = checkedId(input.id);
    const booking = await this.deps.uow.run(ctx, (repos) => repos.bookings.findById(id));
    if (booking === null) throw notFound.booking(id);
    return booking;
  }
}

function checkedId(raw: unknown, pointer = '/id'): string {
  const checks = new InputChecks();
  const id = checks.uuid(pointer, raw);
  checks.throwIfAny();
  return id;
}

/** Lists may span up to a year (a client's history); the board and queries are shorter. */
export const MAX_LIST_WINDOW_DAYS = 366;

export interface ListBookingsInput {
  readonly start?: unknown;
  readonly end?: unknown;
  readonly status?: unknown;
  readonly workerId?: unknown;
  readonly teamId?: unknown;
  readonly clientId?: unknown;
  readonly seriesId?: unknown;
  readonly unassigned?: unknown;
  readonly cursor?: unknown;
  readonly limit?: unknown;
}

export function encodeStartCursor(key: StartKey): string {
  return encodeKeyCursor(key.startsAt, key.id);
}

function decodeStartCursor(checks: InputChecks, cursor: unknown): StartKey | null {
  if (cursor === undefined || cursor === null) return null;
  const key = decodeKeyCursor(cursor);
  if (key === null) checks.fail('/cursor', 'is not a cursor returned by this API');
  return key === null ? null : { startsAt: key.at, id: key.id };
}

/** A page of bookings and the window it is of (the default one when none was asked for). */
export interface BookingPage extends Page<Booking> {
  readonly window: TimeWindow;
  /** The org's zone, in which a default window is reckoned. */
  readonly timeZone: string;
}

/** A list or board without start and end covers today and the next 6 days in the org's zone. */
export const DEFAULT_WINDOW_DAYS = 7;

/**
 * Bookings overlapping [start, end) (at most 366 days), by start, filtered, cursor-paged. Without
 * start and end: today in the org's zone and the 6 days after; with one, the other is 7 days away.
 * @throws validation.failed
 */
export class ListBookings {
  constructor(private readonly deps: { uow: UnitOfWork }) {}

  async execute(ctx: RequestContext, input: ListBookingsInput): Promise<BookingPage> {
    const checks = new InputChecks();
    const statuses =
      input.status === undefined
        ? null
        : String(input.status)
            .split(',')
            .map((s, i) => checks.oneOf(`/status/${i}`, s.trim(), BOOKING_STATUSES))
            .filter((s): s is BookingStatus => s !== undefined);
    const limit = checks.integer('/limit', input.limit, { min: 1, max: MAX_PAGE_SIZE }) ?? DEFAULT_PAGE_SIZE;
    const filters = {
      statuses,
      workerId: optionalUuid(checks, '/workerId', input.workerId) ?? null,
      teamId: optionalUuid(checks, '/teamId', input.teamId) ?? null,
      clientId: optionalUuid(checks, '/clientId', input.clientId) ?? null,
      seriesId: optionalUuid(checks, '/seriesId', input.seriesId) ?? null,
      unassignedOnly: input.unassigned === true || input.unassigned === 'true',
      after: decodeStartCursor(checks, input.cursor),
      limit: limit + 1,
    };
    return this.deps.uow.run(ctx, async (repos) => {
      const { timeZone } = await orgZone(repos);
      const window = windowOrDefault(checks, ctx.now, timeZone, input, { maxHours: MAX_LIST_WINDOW_DAYS * 24, defaultDays: DEFAULT_WINDOW_DAYS });
      checks.throwIfAny();
      const rows = await repos.bookings.list({ window, ...filters });
      if (rows.length <= limit) return { items: rows, nextCursor: null, window, timeZone };
      const items = rows.slice(0, limit);
      return { items, nextCursor: encodeStartCursor(items[items.length - 1]!), window, timeZone };
    });
  }
}

/**
 * Loads a booking for change under a row lock, applies `change`, refuses blackouts when time or
 * people changed, stores it (the store refuses clashes) and audits before/after.
 */
async function changeBooking(
  ctx: RequestContext,
  deps: BookingDeps,
  id: string,
  action: string,
  change: (before: Booking, repos: TenantRepositories) => Promise<Booking>,
  metadata: Record<string, unknown> = {},
): Promise<Booking> {
  return deps.uow.run(ctx, async (repos) => {
    const before = await repos.bookings.findById(id, { forUpdate: true });
    if (before === null) throw notFound.booking(id);
    const changed = await change(before, repos);
    const after: Booking = { ...changed, updatedAt: ctx.now };
    const movedOrReassigned =
      after.startsAt.getTime() !== before.startsAt.getTime() ||
      after.endsAt.getTime() !== before.endsAt.getTime() ||
      after.teamId !== before.teamId ||
      JSON.stringify(after.workers) !== JSON.stringify(before.workers);
    if (movedOrReassigned) await assertNotBlackedOut(repos, after);
    await repos.bookings.update(after);
    await repos.audit.append(
      auditEntry(ctx, deps.ids, { action, resourceType: 'booking', resourceId: id, before: snapshot(before), after: snapshot(after), metadata }),
    );
    return after;
  });
}

function assertPlannable(booking: Booking): void {
  if (!isPlannable(booking.status)) {
    throw new AppError('booking.not_plannable', `Booking ${booking.id} is ${booking.status} and can no longer be changed`, {
      details: { booking_id: booking.id, status: booking.status },
    });
  }
}

/**
 * Changes notes (always), and service, address and price estimate (while pending or confirmed).
 * @throws validation.failed, booking.not_found, booking.not_plannable, service.not_found, client.address_not_found
 */
export class UpdateBookingDetails {
  constructor(private readonly deps: BookingDeps) {}

  async execute(ctx: RequestContext, input: { id: unknown; notes?: unknown; serviceId?: unknown; addressId?: unknown; priceEstimateMinor?: unknown }): Promise<Booking> {
    const checks = new InputChecks();
    const id = checks.uuid('/id', input.id);
    const notes = checks.optionalText('/notes', input.notes, { max: 4000 });
    const serviceId = optionalUuid(checks, '/serviceId', input.serviceId);
    const addressId = optionalUuid(checks, '/addressId', input.addressId);
    const price = input.priceEstimateMinor === null ? null : checks.integer('/priceEstimateMinor', input.priceEstimateMinor, { min: 0, max: 100_000_000 });
    checks.throwIfAny();
    return changeBooking(ctx, this.deps, id, 'booking.update', async (before, repos) => {
      const plans = serviceId !== undefined || addressId !== undefined || price !== undefined;
      if (plans) assertPlannable(before);
      if (serviceId != null) await requireActiveService(repos, serviceId);
      if (addressId != null) await requireClientAddress(repos, before.clientId, addressId);
      return {
        ...before,
        ...(notes === undefined ? {} : { notes }),
        ...(serviceId === undefined ? {} : { serviceId }),
        ...(addressId === undefined ? {} : { addressId }),
        ...(price === undefined ? {} : { priceEstimateMinor: price }),
        detached: before.seriesId !== null && plans ? true : before.detached,
      };
    });
  }
}

export type AssignmentMode = 'add' | 'remove' | 'replace';

/**
 * Assigns, unassigns or reassigns: `add` names more workers (and a team, replacing any), `remove`
 * takes workers (and the team, when `teamId` is it) off, `replace` sets exactly the team and
 * workers given. A team brings its active members.
 * @throws validation.failed, booking.not_found, booking.not_plannable, team.*, worker.*,
 *   booking.blacked_out, booking.slot_unavailable
 */
export class ChangeBookingAssignment {
  constructor(private readonly deps: BookingDeps) {}

  async execute(ctx: RequestContext, input: { id: unknown; mode: AssignmentMode; teamId?: unknown; workerIds?: unknown }): Promise<Booking> {
    const checks = new InputChecks();
    const id = checks.uuid('/id', input.id);
    const teamId = optionalUuid(checks, '/teamId', input.teamId);
    const workerIds = input.workerIds === undefined || input.workerIds === null ? [] : uuidList(checks, '/workerIds', input.workerIds);
    const mode = checks.oneOf<AssignmentMode>('/mode', input.mode, ['add', 'remove', 'replace']);
    if (mode !== 'replace' && teamId == null && workerIds.length === 0) checks.fail('/workerIds', 'name a team or at least one worker');
    checks.throwIfAny();
    const action = { add: 'booking.assign', remove: 'booking.unassign', replace: 'booking.reassign' }[mode!];
    return changeBooking(ctx, this.deps, id, action, async (before, repos) => {
      assertPlannable(before);
      const named = before.workers.filter((w) => !w.viaTeam).map((w) => w.workerId);
      let team = before.teamId;
      let workers: string[];
      if (mode === 'add') {
        team = teamId ?? before.teamId;
        workers = [...new Set([...named, ...workerIds])];
      } else if (mode === 'remove') {
        if (teamId != null && teamId === before.teamId) team = null;
        workers = named.filter((w) => !workerIds.includes(w));
      } else {
        team = teamId ?? null;
        workers = workerIds;
      }
      // Named workers are checked afresh only when newly added; people already on it may stay.
      const added = workers.filter((w) => !named.includes(w));
      const resolved = await resolveAssignees(repos, team === before.teamId && team !== null ? null : team, added);
      const kept = named.filter((w) => workers.includes(w)).map((workerId) => ({ workerId, viaTeam: false }));
      const teamMembers = team !== null && team === before.teamId ? before.workers.filter((w) => w.viaTeam) : [];
      if (team !== null && team === before.teamId) {
        // A named worker taken off who is also on the booked team stays, through the team.
        for (const gone of named.filter((w) => !workers.includes(w))) {
          const worker = await repos.workers.findById(gone);
          if (worker?.teamId === team && worker.active) teamMembers.push({ workerId: gone, viaTeam: true });
        }
      }
      return {
        ...before,
        teamId: team,
        workers: sortWorkers([...kept, ...resolved, ...teamMembers]),
        detached: before.seriesId !== null ? true : before.detached,
      };
    });
  }
}

/**
 * Moves a booking; without `end` it keeps its length. An occurrence moved on its own is
 * detached from its series.
 * @throws validation.failed, booking.not_found, booking.not_plannable, booking.blacked_out,
 *   booking.slot_unavailable
 */
export class RescheduleBooking {
  constructor(private readonly deps: BookingDeps) {}

  async execute(ctx: RequestContext, input: { id: unknown; start?: unknown; end?: unknown }): Promise<Booking> {
    const checks = new InputChecks();
    const id = checks.uuid('/id', input.id);
    const start = checks.date('/start', input.start ?? null);
    const end = input.end === undefined || input.end === null ? null : checkWindow(checks, start, input.end, MAX_BOOKING_HOURS).to;
    checks.throwIfAny();
    return changeBooking(ctx, this.deps, id, 'booking.reschedule', async (before) => {
      assertPlannable(before);
      const endsAt = end ?? new Date(start!.getTime() + (before.endsAt.getTime() - before.startsAt.getTime()));
      return { ...before, startsAt: start!, endsAt, detached: before.seriesId !== null ? true : before.detached };
    });
  }
}

/**
 * Moves a booking along its status machine (pending → confirmed → in_progress → completed, or
 * cancelled / no_show). Cancelling needs a reason and frees the booking's time.
 * @throws validation.failed, booking.not_found, booking.invalid_transition
 */
export class ChangeBookingStatus {
  constructor(private readonly deps: BookingDeps) {}

  async execute(ctx: RequestContext, input: { id: unknown; status: unknown; reason?: unknown }): Promise<Booking> {
    const checks = new InputChecks();
    const id = checks.uuid('/id', input.id);
    const status = checks.oneOf('/status', input.status, BOOKING_STATUSES);
    const reason = status === 'cancelled' ? checks.text('/reason', input.reason, { max: 500 }) : (checks.optionalText('/reason', input.reason, { max: 500 }) ?? null);
    checks.throwIfAny();
    return changeBooking(ctx, this.deps, id, `booking.status.${status}`, async (before) => transition(before, status!, ctx.now, reason), reason === null ? {} : { reason });
  }
}

/** The booking after moving to `status` at `now`, or booking.invalid_transition. */
export function transition(booking: Booking, status: BookingStatus, now: Date, reason: string | null): Booking {
  if (!BOOKING_TRANSITIONS[booking.status].includes(status)) {
    throw new AppError('booking.invalid_transition', `A ${booking.status} booking cannot become ${status}`, {
      details: { booking_id: booking.id, from: booking.status, to: status, allowed: BOOKING_TRANSITIONS[booking.status] },
    });
  }
  return {
    ...booking,
    status,
    ...(status === 'in_progress' ? { startedAt: now } : {}),
    ...(status === 'completed' ? { completedAt: now } : {}),
    ...(status === 'cancelled' ? { cancelledAt: now, cancellationReason: reason } : {}),
  };
}

/**
 * The booking's history: every audited change to it, newest first (at most 200).
 * @throws validation.failed, booking.not_found
 */
export class GetBookingHistory {
  constructor(private readonly deps: { uow: UnitOfWork }) {}

  async execute(ctx: RequestContext, input: { id: unknown }): Promise<readonly AuditEntry[]> {
    const id = checkedId(input.id);
    return this.deps.uow.run(ctx, async (repos) => {
      if ((await repos.bookings.findById(id)) === null) throw notFound.booking(id);
      return repos.audit.list({
        resourceType: 'booking',
        resourceId: id,
        action: null,
        actorId: null,
        createdFrom: null,
        createdTo: null,
        after: null,
        limit: 200,
      });
    });
  }
}
