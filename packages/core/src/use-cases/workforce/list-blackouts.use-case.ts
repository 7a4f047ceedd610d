import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { Instant } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { MAX_BLACKOUT_DAYS, blackoutWindow } from '../../domain/scheduling/workforce-input.js';
import { BlackoutView, WholeList } from '../../domain/scheduling/workforce-schemas.js';
import type { Blackout } from '../../domain/scheduling/workforce.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';

export interface ListBlackoutsDeps {
  readonly uow: UnitOfWork;
}

const contract = defineContract({
  name: 'ListBlackouts',
  input: Type.Object(
    { start: Instant(), end: Instant({ description: `After start, at most ${MAX_BLACKOUT_DAYS} days later (RFC 3339 date-time)` }) },
    { additionalProperties: false },
  ),
  output: WholeList(BlackoutView, 'BlackoutList'),
});

export type ListBlackoutsInput = ContractInput<typeof contract>;

/**
 * The org's blackouts (of the org, its teams and its workers) overlapping [start, end), by start.
 * @throws validation.failed — a malformed bound, end not after start or more than 366 days later.
 */
export class ListBlackouts {
  static readonly contract = contract;

  constructor(private readonly deps: ListBlackoutsDeps) {}

  async execute(ctx: RequestContext, input: ListBlackoutsInput): Promise<readonly Blackout[]> {
    const checked = checkInput(contract, input);
    const window = blackoutWindow(checked.start, checked.end);
    return this.deps.uow.run(ctx, (repos) => repos.blackouts.listOverlapping(window, { teamIds: null, workerIds: null }));
  }
}
