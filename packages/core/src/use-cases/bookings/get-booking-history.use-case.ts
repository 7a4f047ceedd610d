import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import { BookingHistoryView } from '../../domain/scheduling/booking-schemas.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { notFound } from '../scheduling/scheduling-support.js';

/** The most entries a history answers. */
export const MAX_BOOKING_HISTORY = 200;

const contract = defineContract({ name: 'GetBookingHistory', input: Type.Object({ id: Uuid() }, { additionalProperties: false }), output: BookingHistoryView });

export type GetBookingHistoryInput = ContractInput<typeof contract>;

/**
 * The booking's history: every audited change to it, newest first (at most 200).
 * @throws validation.failed — the id is not a UUID.
 * @throws booking.not_found — no such booking in this org.
 */
export class GetBookingHistory {
  static readonly contract = contract;

  constructor(private readonly deps: { readonly uow: UnitOfWork }) {}

  async execute(ctx: RequestContext, input: GetBookingHistoryInput): Promise<readonly AuditEntry[]> {
    const { id } = checkInput(contract, input);
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
        limit: MAX_BOOKING_HISTORY,
      });
    });
  }
}
