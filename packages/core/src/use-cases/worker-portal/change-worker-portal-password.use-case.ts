import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import { CurrentPassword, NewPassword } from '../../domain/identity/identity-schemas.js';
import { WorkerTokenView } from '../../domain/scheduling/worker-portal-schemas.js';
import { workerView, type WorkerView } from '../../domain/scheduling/workforce-schemas.js';
import type { Worker } from '../../domain/scheduling/workforce.js';
import { AppError } from '../../errors/app-error.js';
import { assertHardToGuess, passwordContext, reserveAttempt } from '../identity/identity-policy.js';
import type { WorkerPortalDeps } from './worker-portal-options.js';
import { WORKER_LOGIN_FAILURES_BY_ACCOUNT, asWorker, portalWorker, type PortalSession } from './worker-portal-support.js';

const contract = defineContract({
  name: 'ChangeWorkerPortalPassword',
  input: Type.Object(
    { currentPassword: CurrentPassword, newPassword: NewPassword },
    { additionalProperties: false },
  ),
  output: WorkerTokenView,
});

export type ChangeWorkerPortalPasswordInput = ContractInput<typeof contract>;

/**
 * The worker chooses their own portal password: required after one set by staff, possible any
 * time. The current password must be given; a wrong one counts like a failed sign-in (the attempt
 * is taken from the budget before the hash is checked, and given back on success, so concurrent
 * guesses cannot exceed it). Every earlier portal session ends — the host answers with a new
 * token. Audited as `worker.portal_password_change` by the worker.
 * @throws validation.failed — the current password is wrong; the new one breaks the password rule
 *   or equals the current one.
 * @throws request.rate_limited — too many wrong current passwords.
 * @throws auth.session_revoked
 */
export class ChangeWorkerPortalPassword {
  static readonly contract = contract;

  constructor(private readonly deps: WorkerPortalDeps) {}

  async execute(ctx: RequestContext, session: PortalSession, input: ChangeWorkerPortalPasswordInput): Promise<WorkerView> {
    const { currentPassword: current, newPassword: next } = checkInput(contract, input);
    const actorCtx = asWorker(ctx, session);
    const worker = await this.deps.uow.run(actorCtx, (repos) => portalWorker(repos, session, 'self'));
    // The current password first, its attempt spent before the hash: judging a new one costs CPU.
    const reserved = await reserveAttempt(this.deps.limiter, [{ bucket: WORKER_LOGIN_FAILURES_BY_ACCOUNT, key: `worker-id:${ctx.orgId}:${worker.id}`, onSuccess: 'reset' }]);
    if (worker.portalPasswordHash === null || !(await this.deps.hasher.verify(worker.portalPasswordHash, current))) {
      throw AppError.validation([{ pointer: '/currentPassword', detail: 'is not correct' }], 'The current password is not correct');
    }
    await reserved.passed();
    const org = await this.deps.orgs.findById(ctx.orgId);
    assertHardToGuess('/newPassword', next, this.deps.strength, passwordContext(worker.email ?? '', worker.name, org?.name));
    if (next === current) throw AppError.validation([{ pointer: '/newPassword', detail: 'must differ from the current password' }], '/newPassword must differ from the current password');
    const hash = await this.deps.hasher.hash(next);
    return this.deps.uow.run(actorCtx, async (repos) => {
      // Again under a row lock: a reset or deactivation since the check ends the session here.
      const before = await portalWorker(repos, session, 'self', true);
      const after: Worker = { ...before, portalPasswordHash: hash, mustChangePortalPassword: false, credentialsChangedAt: ctx.now, updatedAt: ctx.now };
      await repos.workers.update(after);
      await repos.audit.append(
        auditEntry(actorCtx, this.deps.ids, {
          action: 'worker.portal_password_change',
          resourceType: 'worker',
          resourceId: worker.id,
          metadata: { was_temporary: before.mustChangePortalPassword },
        }),
      );
      return workerView(after);
    });
  }
}
