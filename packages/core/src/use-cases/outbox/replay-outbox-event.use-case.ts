import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { NullableText, Uuid } from '../../contracts/schema-vocabulary.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import { DeadLetterView, deadLetterOf, type DeadLetter } from '../../domain/outbox/dead-letter.js';
import type { OutboxEvent } from '../../domain/outbox/outbox-event.js';
import { AppError } from '../../errors/app-error.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';

export interface ReplayOutboxEventDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
}

const contract = defineContract({
  name: 'ReplayOutboxEvent',
  input: Type.Object({ id: Uuid(), reason: Type.Optional(NullableText(500, { description: 'Kept in the audit log' })) }, { additionalProperties: false }),
  output: DeadLetterView,
});

export type ReplayOutboxEventInput = ContractInput<typeof contract>;

/** The delivery state an audit row records: never the payload, which may hold a sealed token. */
const deliveryState = (e: OutboxEvent) => ({ status: e.status, attempts: e.attempts, lastError: e.lastError, nextAttemptAt: e.nextAttemptAt.toISOString() });

/**
 * Puts a dead outbox event back in the queue: pending, due now, attempts reset to 0, its last
 * error kept for reference. The change and its `outbox.replay` audit row are one unit of work.
 * Of two racing replays of one event exactly one succeeds; the other finds it no longer dead.
 * @throws validation.failed — the id is not a UUID, the reason is over 500 characters.
 * @throws outbox.event_not_found — no such event in this org (another org's id included).
 * @throws outbox.not_dead — the event is pending, being delivered or sent (or was just replayed).
 */
export class ReplayOutboxEvent {
  static readonly contract = contract;

  constructor(private readonly deps: ReplayOutboxEventDeps) {}

  async execute(ctx: RequestContext, input: ReplayOutboxEventInput): Promise<DeadLetter> {
    const { id, reason } = checkInput(contract, input);
    return this.deps.uow.run(ctx, async (repos) => {
      const before = await repos.outbox.findById(id);
      if (before === null) throw new AppError('outbox.event_not_found', `Outbox event ${id} not found`);
      // The guarded update decides a race: a replay that loses finds the event pending.
      const after = before.status === 'dead' ? await repos.outbox.replay(id, ctx.now) : null;
      if (after === null) throw new AppError('outbox.not_dead', `Outbox event ${id} is not dead; only a dead event can be replayed`);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: 'outbox.replay',
          resourceType: 'outbox_event',
          resourceId: id,
          before: deliveryState(before),
          after: deliveryState(after),
          metadata: { kind: after.kind, dedupeKey: after.dedupeKey, ...(reason ? { reason } : {}) },
        }),
      );
      return deadLetterOf(after);
    });
  }
}
