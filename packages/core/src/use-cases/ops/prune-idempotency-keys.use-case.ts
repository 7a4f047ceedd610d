import { tenantContextFor, type SystemContext } from '../../context.js';
import { AppError } from '../../errors/app-error.js';
import type { SystemAuditLog } from '../../ports/audit-log.port.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { OrgDirectory } from '../../ports/org-directory.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';

export interface PruneIdempotencyKeysDeps {
  readonly orgs: OrgDirectory;
  readonly uow: UnitOfWork;
  readonly systemAudit: SystemAuditLog;
  readonly ids: IdGenerator;
}

const ORG_BATCH = 100;
const KEY_BATCH = 1000;

/**
 * The `idempotency-keys-prune` job: deletes expired Idempotency-Key records in every org, a
 * batch per tenant transaction (expired keys are already ignored; this keeps the table small).
 * One org failing does not stop the others; the run then fails with the first error.
 */
export class PruneIdempotencyKeys {
  constructor(private readonly deps: PruneIdempotencyKeysDeps) {}

  async execute(sys: SystemContext): Promise<{ orgsScanned: number; keysDeleted: number }> {
    await this.deps.systemAudit.append({
      id: this.deps.ids.next(),
      actorId: sys.actor.id,
      action: 'system.idempotency_keys_prune',
      reason: sys.reason,
      metadata: {},
      requestId: sys.requestId,
      createdAt: sys.now,
    });
    let orgsScanned = 0;
    let keysDeleted = 0;
    let firstFailure: unknown = null;
    let afterId: string | null = null;
    for (;;) {
      const orgs = await this.deps.orgs.list(afterId, ORG_BATCH);
      for (const org of orgs) {
        orgsScanned += 1;
        const ctx = tenantContextFor(sys, org.id);
        try {
          for (;;) {
            const deleted = await this.deps.uow.run(ctx, (repos) => repos.idempotency.deleteExpired(sys.now, KEY_BATCH));
            keysDeleted += deleted;
            if (deleted < KEY_BATCH) break;
          }
        } catch (err) {
          firstFailure ??= err;
        }
      }
      if (orgs.length < ORG_BATCH) break;
      afterId = orgs[orgs.length - 1]!.id;
    }
    if (firstFailure !== null) {
      throw firstFailure instanceof AppError ? firstFailure : new AppError('internal.unexpected', 'Pruning idempotency keys failed', { cause: firstFailure });
    }
    return { orgsScanned, keysDeleted };
  }
}
