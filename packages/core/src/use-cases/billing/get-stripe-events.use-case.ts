import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { InstantView, Int, Nullable, OneOf, Uuid } from '../../contracts/schema-vocabulary.js';
import { STRIPE_EVENT_STATUSES, type StripeEventRecord } from '../../domain/billing/invoice.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';

export interface GetStripeEventsDeps {
  readonly uow: UnitOfWork;
}

export const DEFAULT_STRIPE_EVENT_PAGE = 50;
export const MAX_STRIPE_EVENT_PAGE = 200;
export const MAX_STRIPE_EVENT_OFFSET = 100_000;

/** One stored webhook event: the metadata captured while processing it, never its payload. */
export const StripeEventView = Type.Object(
  {
    eventId: Type.String({ description: "Stripe's event id (evt_…)" }),
    type: Type.String({ description: 'Stripe event type (payment_intent.succeeded, charge.refunded, …)' }),
    createdAt: InstantView({ description: 'When Stripe created the event' }),
    orgId: Type.String({ format: 'uuid' }),
    invoiceId: Nullable(Type.String({ format: 'uuid' }), { description: 'The invoice the event named, when it named one' }),
    bookingId: Nullable(Type.String({ format: 'uuid' }), { description: 'The booking the event named (deposits), when it named one' }),
    processedStatus: OneOf(STRIPE_EVENT_STATUSES, { description: 'received (not yet applied), processed, ignored (a type or object we do not act on) or failed' }),
    lastError: Nullable(Type.String(), { description: 'Why it failed or was ignored, short and without payment data' }),
  },
  { additionalProperties: false, $id: 'StripeEventView' },
);

const contract = defineContract({
  name: 'GetStripeEvents',
  input: Type.Object(
    {
      invoiceId: Type.Optional(Uuid({ description: 'Only events about this invoice' })),
      bookingId: Type.Optional(Uuid({ description: 'Only events about this booking' })),
      status: Type.Optional(OneOf(STRIPE_EVENT_STATUSES, { description: 'Only events with this processed status' })),
      limit: Type.Optional(Int(1, MAX_STRIPE_EVENT_PAGE, { description: `Page size (default ${DEFAULT_STRIPE_EVENT_PAGE})` })),
      offset: Type.Optional(Int(0, MAX_STRIPE_EVENT_OFFSET, { description: 'Rows to skip (default 0)' })),
    },
    { additionalProperties: false },
  ),
  output: Type.Object(
    {
      items: Type.Array(StripeEventView),
      total: Type.Integer({ minimum: 0, description: 'Events that match the filter, on every page' }),
      limit: Type.Integer({ minimum: 1 }),
      offset: Type.Integer({ minimum: 0 }),
    },
    { additionalProperties: false, $id: 'StripeEventPage' },
  ),
});

export type GetStripeEventsInput = ContractInput<typeof contract>;

export interface StripeEventPage {
  readonly items: readonly StripeEventRecord[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

/**
 * The Stripe events view (guide 000 "Stripe events view (read-only)"): the org's stored webhook
 * events, newest first (event time, then arrival), filtered by invoice, booking and processed
 * status, paged with limit/offset and counted. Metadata only: no payload is stored, so none can
 * be shown.
 * @throws validation.failed — an id that is not a UUID, an unknown status, limit outside 1–200, offset outside 0–100000.
 */
export class GetStripeEvents {
  static readonly contract = contract;

  constructor(private readonly deps: GetStripeEventsDeps) {}

  async execute(ctx: RequestContext, input: GetStripeEventsInput = {}): Promise<StripeEventPage> {
    const checked = checkInput(contract, input);
    const limit = checked.limit ?? DEFAULT_STRIPE_EVENT_PAGE;
    const offset = checked.offset ?? 0;
    const { rows, total } = await this.deps.uow.run(ctx, (repos) =>
      repos.stripeEvents.list({ invoiceId: checked.invoiceId ?? null, bookingId: checked.bookingId ?? null, status: checked.status ?? null, limit, offset }),
    );
    return { items: rows, total, limit, offset };
  }
}
