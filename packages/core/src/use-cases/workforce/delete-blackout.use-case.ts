import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { notFound } from '../scheduling/scheduling-support.js';

export interface DeleteBlackoutDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
}

const contract = defineContract({ name: 'DeleteBlackout', input: Type.Object({ id: Uuid() }, { additionalProperties: false }), output: null });

export type DeleteBlackoutInput = ContractInput<typeof contract>;

/**
 * Removes a blackout; audited as `blackout.delete` with what it was.
 * @throws validation.failed — the id is not a UUID.
 * @throws blackout.not_found — no such blackout in this org (or removed already).
 */
export class DeleteBlackout {
  static readonly contract = contract;

  constructor(private readonly deps: DeleteBlackoutDeps) {}

  async execute(ctx: RequestContext, input: DeleteBlackoutInput): Promise<void> {
    const { id } = checkInput(contract, input);
    await this.deps.uow.run(ctx, async (repos) => {
      const before = await repos.blackouts.findById(id);
      if (before === null || !(await repos.blackouts.delete(id))) throw notFound.blackout(id);
      await repos.audit.append(auditEntry(ctx, this.deps.ids, { action: 'blackout.delete', resourceType: 'blackout', resourceId: id, before: snapshot(before) }));
    });
  }
}
