import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { Instant, PageFields, Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { BOOKING_STATUSES, type Booking } from '../../domain/scheduling/booking.js';
import { MAX_BOOKING_LIST_DAYS } from '../../domain/scheduling/booking-input.js';
import { BookingPageView, BookingStatusList } from '../../domain/scheduling/booking-schemas.js';
import { DEFAULT_PAGE_SIZE, type Page } from '../../domain/shared/pagination.js';
import type { TimeWindow } from '../../ports/scheduling-repositories.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { orgZone } from '../scheduling/scheduling-support.js';
import { bookingListWindow, decodeStartCursor, encodeStartCursor } from './booking-support.js';

const contract = defineContract({
  name: 'ListBookings',
  input: Type.Object(
    {
      start: Type.Optional(Instant({ description: 'Window start, RFC 3339 (bookings ending after it count). Default: today’s local midnight in the org’s zone, or 7 days before end' })),
      end: Type.Optional(Instant({ description: `Window end, RFC 3339 (bookings starting before it count): after start and at most ${MAX_BOOKING_LIST_DAYS} days later. Default: 7 days after start` })),
      status: Type.Optional(
        Type.Array(BookingStatusList, { maxItems: BOOKING_STATUSES.length, description: 'Bookings in any of these statuses: comma-separated or repeated' }),
      ),
      workerId: Type.Optional(Uuid({ description: 'Bookings the worker is on (named or through their team)' })),
      teamId: Type.Optional(Uuid()),
      clientId: Type.Optional(Uuid()),
      seriesId: Type.Optional(Uuid()),
      unassigned: Type.Optional(Type.Boolean({ description: 'Only bookings with no team and no worker' })),
      ...PageFields,
    },
    { additionalProperties: false },
  ),
  output: BookingPageView,
});

export type ListBookingsInput = ContractInput<typeof contract>;

/** A page of bookings and the window it is of (the default one when none was asked for). */
export interface BookingPage extends Page<Booking> {
  readonly window: TimeWindow;
  /** The org's zone, in which a default window is reckoned. */
  readonly timeZone: string;
}

/**
 * Bookings overlapping [start, end) (at most 366 days), by start, filtered, cursor-paged. Without
 * start and end: today in the org's zone and the 6 days after; with one, the other is 7 days away.
 * @throws validation.failed — a field the contract refuses, end not after start or more than
 *   366 days after it, a cursor this API did not hand out.
 */
export class ListBookings {
  static readonly contract = contract;

  constructor(private readonly deps: { readonly uow: UnitOfWork }) {}

  async execute(ctx: RequestContext, input: ListBookingsInput): Promise<BookingPage> {
    const checked = checkInput(contract, input);
    const limit = checked.limit ?? DEFAULT_PAGE_SIZE;
    const statuses = checked.status === undefined || checked.status.length === 0 ? null : [...new Set(checked.status.flat())];
    const filters = {
      statuses,
      workerId: checked.workerId ?? null,
      teamId: checked.teamId ?? null,
      clientId: checked.clientId ?? null,
      seriesId: checked.seriesId ?? null,
      unassignedOnly: checked.unassigned === true,
      after: decodeStartCursor(checked.cursor),
      limit: limit + 1,
    };
    return this.deps.uow.run(ctx, async (repos) => {
      const { timeZone } = await orgZone(repos);
      const window = bookingListWindow(ctx.now, timeZone, checked);
      const rows = await repos.bookings.list({ window, ...filters });
      if (rows.length <= limit) return { items: rows, nextCursor: null, window, timeZone };
      const items = rows.slice(0, limit);
      return { items, nextCursor: encodeStartCursor(items[items.length - 1]!), window, timeZone };
    });
  }
}
