import { Type } from '@sinclair/typebox';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import { EmailedToken, NewPassword, SecondFactorFields } from '../../domain/identity/identity-schemas.js';
import type { UserChanges } from '../../ports/identity-repositories.port.js';
import { assertHardToGuess, passwordContext } from './identity-policy.js';
import { CLEARED_RESET_TOKEN, redeemResetToken, resetTokenInvalid, resetTokenMatches } from './emailed-reset.js';
import { endSessionsInOtherOrgs } from './session-support.js';
import { proveSecondFactor, type Attempt, type CredentialDeps } from './sign-in.use-case.js';

const contract = defineContract({
  name: 'ConfirmPasswordReset',
  input: Type.Object(
    {
      token: EmailedToken,
      newPassword: NewPassword,
      ...SecondFactorFields,
    },
    { additionalProperties: false },
  ),
  output: null,
});

export type ConfirmPasswordResetInput = ContractInput<typeof contract>;

/**
 * Sets a new password with an emailed token. The second factor, when on, is still required. The
 * address is proven; every session of the account, in every org, ends.
 * @throws validation.failed — a field the contract refuses, or the new password is easy to guess.
 * @throws auth.token_invalid — unknown, expired or used token.
 * @throws auth.mfa_required — the account has a second factor and no valid code was sent.
 * @throws request.rate_limited — too many attempts.
 */
export class ConfirmPasswordReset {
  static readonly contract = contract;

  constructor(private readonly deps: CredentialDeps) {}

  async execute(attempt: Attempt, input: ConfirmPasswordResetInput): Promise<void> {
    const checked = checkInput(contract, input);
    const { deps } = this;
    const { user, tokenHash, ctx } = await redeemResetToken(deps, checked.token, 'password', attempt);
    const org = await deps.orgs.findById(ctx.orgId);
    assertHardToGuess('/newPassword', checked.newPassword, deps.strength, passwordContext(user.email, user.displayName, org?.name));
    const passwordHash = await deps.hasher.hash(checked.newPassword);
    await deps.uow.run(ctx, async (repos) => {
      const fresh = await repos.users.findById(user.id, { forUpdate: true });
      if (fresh === null || !resetTokenMatches(fresh, tokenHash, 'password', attempt.now)) throw resetTokenInvalid();
      let changes: UserChanges = { ...CLEARED_RESET_TOKEN, passwordHash, mustChangePassword: false, passwordChangedAt: attempt.now, emailVerifiedAt: attempt.now, updatedAt: attempt.now };
      if (fresh.totpEnabledAt !== null) changes = { ...changes, ...(await proveSecondFactor(deps, fresh, attempt.now, checked)) };
      await repos.users.patch(user.id, changes);
      const ended = await repos.sessions.revokeAllOfUser(user.id, attempt.now, 'password_reset_by_holder');
      await repos.audit.append(auditEntry(ctx, deps.ids, { action: 'auth.password_reset_by_email', resourceType: 'user', resourceId: user.id, metadata: { sessions_ended: ended } }));
    });
    await endSessionsInOtherOrgs(deps, ctx, user.id, 'password_reset_by_holder');
  }
}
