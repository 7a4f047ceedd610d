import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { OneOf } from '../../contracts/schema-vocabulary.js';
import {
  DEAD_LETTER_QUEUES,
  DEFAULT_DEAD_LETTER_PAGE,
  DeadLetterPageFields,
  DeadLetterPageInfo,
  DeadLetterView,
  deadLetterOf,
  kindsOfQueue,
  type DeadLetterPage,
} from '../../domain/outbox/dead-letter.js';
import { OUTBOX_KINDS } from '../../domain/outbox/outbox-event.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';

export interface GetDeadLetterQueueDeps {
  readonly uow: UnitOfWork;
}

const contract = defineContract({
  name: 'GetDeadLetterQueue',
  input: Type.Object(
    {
      kind: Type.Optional(OneOf([...DEAD_LETTER_QUEUES, 'all'], { description: 'outbox: mail, text messages and webhooks; export: exports; all (default): both' })),
      ...DeadLetterPageFields,
    },
    { additionalProperties: false },
  ),
  output: Type.Object(
    {
      outboxDeadCount: Type.Integer({ minimum: 0, description: 'Dead mail, text message and webhook events of the org, whatever the filter' }),
      exportDeadCount: Type.Integer({ minimum: 0, description: 'Dead export events of the org, whatever the filter' }),
      items: Type.Array(DeadLetterView),
      ...DeadLetterPageInfo,
    },
    { additionalProperties: false, $id: 'DeadLetterQueue' },
  ),
});

export type GetDeadLetterQueueInput = ContractInput<typeof contract>;

export interface DeadLetterQueue extends DeadLetterPage {
  readonly outboxDeadCount: number;
  readonly exportDeadCount: number;
}

/**
 * The operators' dead-letter queue (guide 000 "DLQ queue", guide 003 "Dead Letter Queue Check"):
 * the dead counts of both queues and a page of the chosen one, newest first, cut in SQL.
 * Exports are outbox events of kind export until the exports issue adds export_events, whose
 * dead rows then join the export queue (the adapter's query is written for that UNION ALL).
 * @throws validation.failed — unknown kind, limit outside 1–200, offset outside 0–100000.
 */
export class GetDeadLetterQueue {
  static readonly contract = contract;

  constructor(private readonly deps: GetDeadLetterQueueDeps) {}

  async execute(ctx: RequestContext, input: GetDeadLetterQueueInput): Promise<DeadLetterQueue> {
    const checked = checkInput(contract, input);
    const queue = checked.kind ?? 'all';
    const limit = checked.limit ?? DEFAULT_DEAD_LETTER_PAGE;
    const offset = checked.offset ?? 0;
    const kinds = queue === 'all' ? OUTBOX_KINDS : kindsOfQueue(queue);
    // Counts and page in one transaction: the numbers agree with the items shown.
    return this.deps.uow.run(ctx, async (repos) => {
      const counts = await repos.outbox.countDeadByKind();
      const { items, total } = await repos.outbox.listDeadOfKinds({ kinds, limit, offset });
      const sum = (q: (typeof DEAD_LETTER_QUEUES)[number]) => kindsOfQueue(q).reduce((n, k) => n + counts[k], 0);
      return { outboxDeadCount: sum('outbox'), exportDeadCount: sum('export'), items: items.map(deadLetterOf), total, limit, offset };
    });
  }
}
