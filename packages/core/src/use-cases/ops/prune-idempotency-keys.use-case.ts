import type { SystemContext } from '../../context.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { forEachOrg, type ForEachOrgDeps } from '../shared/for-each-org.js';

export interface PruneIdempotencyKeysDeps extends ForEachOrgDeps {
  readonly uow: UnitOfWork;
}

const KEY_BATCH = 1000;

/**
 * The `idempotency-keys-prune` job: deletes expired Idempotency-Key records in every org, a
 * batch per tenant transaction (expired keys are already ignored; this keeps the table small).
 */
export class PruneIdempotencyKeys {
  constructor(private readonly deps: PruneIdempotencyKeysDeps) {}

  async execute(sys: SystemContext): Promise<{ orgsScanned: number; keysDeleted: number }> {
    let keysDeleted = 0;
    const { orgsScanned } = await forEachOrg(this.deps, sys, { action: 'system.idempotency_keys_prune' }, async (ctx) => {
      for (;;) {
        const deleted = await this.deps.uow.run(ctx, (repos) => repos.idempotency.deleteExpired(sys.now, KEY_BATCH));
        keysDeleted += deleted;
        if (deleted < KEY_BATCH) return;
      }
    });
    return { orgsScanned, keysDeleted };
  }
}
