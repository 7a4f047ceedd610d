import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import { orgManagesCredentials } from '../../domain/identity/identity.js';
import { AppError } from '../../errors/app-error.js';
import { selfManagedAccount } from './identity-policy.js';
import type { CredentialDeps } from './sign-in.use-case.js';

const contract = defineContract({
  name: 'DisableTotp',
  input: Type.Object({ userId: Uuid({ description: 'The member whose second factor is turned off' }) }, { additionalProperties: false }),
  output: null,
});

export type DisableTotpInput = ContractInput<typeof contract>;

/**
 * Turns a member's TOTP off (an OWNER acting, e.g. after a lost device): secret and recovery
 * codes cleared, every session of that user ended. Only for an account this org manages: the
 * second factor of an account that belongs to another org too (or whose holder took it over)
 * is reset by its holder alone.
 * @throws validation.failed — user id not a UUID.
 * @throws iam.owner_only — the caller is not an owner.
 * @throws identity.user_not_found — not a member of this org.
 * @throws iam.self_managed_account — the org does not manage this account's credentials.
 */
export class DisableTotp {
  static readonly contract = contract;

  constructor(private readonly deps: Pick<CredentialDeps, 'uow' | 'ids' | 'users'>) {}

  async execute(ctx: RequestContext, input: DisableTotpInput): Promise<void> {
    const { userId } = checkInput(contract, input);
    if (ctx.actor.role !== 'owner') throw new AppError('iam.owner_only', 'Only an owner may turn off two-factor sign-in');
    await this.deps.uow.run(ctx, async (repos) => {
      const user = await repos.users.findById(userId);
      if (user === null || (await repos.memberships.findByUser(userId)) === null) {
        throw new AppError('identity.user_not_found', `No user ${userId} in this organisation`, { details: { user_id: userId } });
      }
      if (!orgManagesCredentials(user, ctx.orgId)) throw selfManagedAccount(userId);
      await repos.users.patch(userId, { totpSecretSealed: null, totpPendingSecretSealed: null, totpEnabledAt: null, totpLastStep: null, recoveryCodeHashes: [], updatedAt: ctx.now });
      const ended = await repos.sessions.revokeAllOfUser(userId, ctx.now, 'mfa_disabled');
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, { action: 'auth.mfa_disable', resourceType: 'user', resourceId: userId, metadata: { sessions_ended: ended } }),
      );
    });
  }
}
