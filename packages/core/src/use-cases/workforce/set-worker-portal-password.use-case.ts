import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { Nullable, Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import { NewPassword } from '../../domain/identity/identity-schemas.js';
import { WorkerPortalPasswordView, workerView, type WorkerView } from '../../domain/scheduling/workforce-schemas.js';
import type { Worker } from '../../domain/scheduling/workforce.js';
import type { PasswordHasher, SecretTokens } from '../../ports/credentials.port.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { PasswordStrength } from '../../ports/password-strength.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { assertHardToGuess, temporaryPassword } from '../identity/identity-policy.js';
import { notFound } from '../scheduling/scheduling-support.js';

export interface SetWorkerPortalPasswordDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
  readonly hasher: PasswordHasher;
  readonly tokens: SecretTokens;
  readonly strength: PasswordStrength;
}

const contract = defineContract({
  name: 'SetWorkerPortalPassword',
  input: Type.Object(
    {
      id: Uuid(),
      password: Type.Optional(Nullable(NewPassword, { description: 'Omit (or null) for a generated one, shown once. Either way the worker must change it at first sign-in' })),
    },
    { additionalProperties: false },
  ),
  output: WorkerPortalPasswordView,
});

export type SetWorkerPortalPasswordInput = ContractInput<typeof contract>;

export interface SetWorkerPortalPasswordResult {
  readonly worker: WorkerView;
  /** The generated password, when none was given: shown once, stored only as a hash. */
  readonly temporaryPassword: string | null;
}

/**
 * Sets a worker's portal password (the one given, or a generated one shown once) and ends their
 * portal sessions. Either way the password is temporary: staff know it, so the worker must
 * choose their own before the portal shows them anything but themselves. The guide's audit
 * action `worker.password_reset` names the worker by phone.
 * @throws validation.failed — a malformed id, or a given password too short or too easy to guess
 *   (the staff password rule).
 * @throws worker.not_found
 */
export class SetWorkerPortalPassword {
  static readonly contract = contract;

  constructor(private readonly deps: SetWorkerPortalPasswordDeps) {}

  async execute(ctx: RequestContext, input: SetWorkerPortalPasswordInput): Promise<SetWorkerPortalPasswordResult> {
    const checked = checkInput(contract, input);
    const id = checked.id;
    const chosen = checked.password ?? null;
    if (chosen !== null) assertHardToGuess('/password', chosen, this.deps.strength, []);
    const generated = chosen === null ? temporaryPassword(this.deps.tokens) : null;
    const hash = await this.deps.hasher.hash(chosen ?? generated!);
    return this.deps.uow.run(ctx, async (repos) => {
      const before = await repos.workers.findById(id, { forUpdate: true });
      if (before === null) throw notFound.worker(id);
      const after: Worker = { ...before, portalPasswordHash: hash, mustChangePortalPassword: true, credentialsChangedAt: ctx.now, updatedAt: ctx.now };
      await repos.workers.update(after);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: 'worker.password_reset',
          resourceType: 'worker',
          resourceId: id,
          metadata: { phone: before.phone, email: before.email, generated: generated !== null, must_change_password: true },
        }),
      );
      return { worker: workerView(after), temporaryPassword: generated };
    });
  }
}
