import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { asWorker, portalWorker, type PortalSession } from './worker-portal-support.js';

export interface WorkerSignOutDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
}

const contract = defineContract({ name: 'WorkerSignOut', input: Type.Object({}, { additionalProperties: false }), output: null });

export type WorkerSignOutInput = ContractInput<typeof contract>;

/**
 * Signs the worker out of the portal. Portal tokens are not stored one by one, so this ends every
 * portal session of theirs (a phone, a shared tablet). Audited as `worker.portal_logout`.
 * @throws auth.session_revoked
 */
export class WorkerSignOut {
  static readonly contract = contract;

  constructor(private readonly deps: WorkerSignOutDeps) {}

  async execute(ctx: RequestContext, session: PortalSession, input: WorkerSignOutInput = {}): Promise<void> {
    checkInput(contract, input);
    const actorCtx = asWorker(ctx, session);
    await this.deps.uow.run(actorCtx, async (repos) => {
      const before = await portalWorker(repos, session, 'self', true);
      await repos.workers.update({ ...before, credentialsChangedAt: ctx.now, updatedAt: ctx.now });
      await repos.audit.append(auditEntry(actorCtx, this.deps.ids, { action: 'worker.portal_logout', resourceType: 'worker', resourceId: before.id }));
    });
  }
}
