import { Type } from '@sinclair/typebox';
import type { SystemContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { Int } from '../../contracts/schema-vocabulary.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { forEachOrg, type ForEachOrgDeps } from '../shared/for-each-org.js';

export interface PruneIdempotencyKeysDeps extends ForEachOrgDeps {
  readonly uow: UnitOfWork;
}

const contract = defineContract({
  name: 'PruneIdempotencyKeys',
  input: Type.Object({ batchSize: Type.Optional(Int(1, 10_000, { description: 'Keys deleted per transaction (default 1000)' })) }, { additionalProperties: false }),
  output: Type.Object({ orgsScanned: Type.Integer(), keysDeleted: Type.Integer() }, { additionalProperties: false }),
});

export type PruneIdempotencyKeysInput = ContractInput<typeof contract>;

/**
 * The `idempotency-keys-prune` job: deletes expired Idempotency-Key records in every org, a
 * batch per tenant transaction (expired keys are already ignored; this keeps the table small).
 * @throws validation.failed — batchSize outside 1..10000.
 */
export class PruneIdempotencyKeys {
  static readonly contract = contract;

  constructor(private readonly deps: PruneIdempotencyKeysDeps) {}

  async execute(sys: SystemContext, options: PruneIdempotencyKeysInput = {}): Promise<{ orgsScanned: number; keysDeleted: number }> {
    const batchSize = checkInput(contract, options).batchSize ?? 1000;
    let keysDeleted = 0;
    const { orgsScanned } = await forEachOrg(this.deps, sys, { action: 'system.idempotency_keys_prune' }, async (ctx) => {
      for (;;) {
        const deleted = await this.deps.uow.run(ctx, (repos) => repos.idempotency.deleteExpired(sys.now, batchSize));
        keysDeleted += deleted;
        if (deleted < batchSize) return;
      }
    });
    return { orgsScanned, keysDeleted };
  }
}
