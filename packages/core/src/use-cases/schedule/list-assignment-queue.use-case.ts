import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { PageFields } from '../../contracts/schema-vocabulary.js';
import type { Booking } from '../../domain/scheduling/booking.js';
import { AssignmentQueuePageView, QueueDays } from '../../domain/scheduling/schedule-schemas.js';
import { DEFAULT_QUEUE_DAYS } from '../../domain/scheduling/schedule-window.js';
import { DEFAULT_PAGE_SIZE, decodeKeyCursor, encodeKeyCursor, type Page } from '../../domain/shared/pagination.js';
import { AppError } from '../../errors/app-error.js';
import type { ScheduleQueryDeps } from './schedule-support.js';

const contract = defineContract({
  name: 'ListAssignmentQueue',
  input: Type.Object({ days: Type.Optional(QueueDays), ...PageFields }, { additionalProperties: false }),
  output: AssignmentQueuePageView,
});

export type ListAssignmentQueueInput = ContractInput<typeof contract>;

export interface QueueItem {
  readonly booking: Booking;
  /** Starts within 24 hours. */
  readonly urgent: boolean;
}

const DAY_MS = 86_400_000;

/**
 * The assignments queue: pending or confirmed bookings with nobody on them starting in the next
 * `days` (default 7, at most 30), soonest first, the ones within 24 h flagged urgent.
 * @throws validation.failed — days or limit out of range, a cursor this API did not issue.
 */
export class ListAssignmentQueue {
  static readonly contract = contract;

  constructor(private readonly deps: ScheduleQueryDeps) {}

  async execute(ctx: RequestContext, input: ListAssignmentQueueInput): Promise<Page<QueueItem>> {
    const checked = checkInput(contract, input);
    const days = checked.days ?? DEFAULT_QUEUE_DAYS;
    const limit = checked.limit ?? DEFAULT_PAGE_SIZE;
    const key = checked.cursor === undefined ? null : decodeKeyCursor(checked.cursor);
    if (checked.cursor !== undefined && key === null) throw AppError.validation([{ pointer: '/cursor', detail: 'is not a cursor returned by this API' }]);
    const rows = await this.deps.uow.run(ctx, (repos) =>
      repos.bookings.list({
        window: { from: ctx.now, to: new Date(ctx.now.getTime() + days * DAY_MS) },
        statuses: ['pending', 'confirmed'],
        workerId: null,
        teamId: null,
        clientId: null,
        seriesId: null,
        unassignedOnly: true,
        after: key === null ? null : { startsAt: key.at, id: key.id },
        limit: limit + 1,
      }),
    );
    const items = rows.slice(0, limit);
    const urgentBefore = ctx.now.getTime() + DAY_MS;
    return {
      items: items.map((booking) => ({ booking, urgent: booking.startsAt.getTime() < urgentBefore })),
      nextCursor: rows.length > limit ? encodeKeyCursor(items[items.length - 1]!.startsAt, items[items.length - 1]!.id) : null,
    };
  }
}
