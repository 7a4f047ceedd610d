import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { OneOf } from '../../contracts/schema-vocabulary.js';
import { DEFAULT_DEAD_LETTER_PAGE, DeadLetterPageFields, DeadLetterPageInfo, DeadLetterView, deadLetterOf, type DeadLetterPage } from '../../domain/outbox/dead-letter.js';
import { OUTBOX_KINDS } from '../../domain/outbox/outbox-event.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';

export interface ListDeadLettersDeps {
  readonly uow: UnitOfWork;
}

const contract = defineContract({
  name: 'ListDeadLetters',
  input: Type.Object(
    {
      kind: Type.Optional(OneOf(OUTBOX_KINDS, { description: 'Only events of this kind (default: every kind)' })),
      ...DeadLetterPageFields,
    },
    { additionalProperties: false },
  ),
  output: Type.Object({ items: Type.Array(DeadLetterView), ...DeadLetterPageInfo }, { additionalProperties: false, $id: 'DeadLetterPage' }),
});

export type ListDeadLettersInput = ContractInput<typeof contract>;

/**
 * The org's dead outbox events (delivery gave up), newest first, a page at a time. Payloads are
 * summarised (template and recipient, webhook host and event type), never shown.
 * @throws validation.failed — unknown kind, limit outside 1–200, offset outside 0–100000.
 */
export class ListDeadLetters {
  static readonly contract = contract;

  constructor(private readonly deps: ListDeadLettersDeps) {}

  async execute(ctx: RequestContext, input: ListDeadLettersInput): Promise<DeadLetterPage> {
    const checked = checkInput(contract, input);
    const query = { kind: checked.kind ?? null, limit: checked.limit ?? DEFAULT_DEAD_LETTER_PAGE, offset: checked.offset ?? 0 };
    const { items, total } = await this.deps.uow.run(ctx, (repos) => repos.outbox.listDead(query));
    return { items: items.map(deadLetterOf), total, limit: query.limit, offset: query.offset };
  }
}
