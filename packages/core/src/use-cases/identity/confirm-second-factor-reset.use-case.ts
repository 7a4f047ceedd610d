import { Type } from '@sinclair/typebox';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import { CurrentPassword, EmailedToken } from '../../domain/identity/identity-schemas.js';
import { CLEARED_RESET_TOKEN, redeemResetToken, resetTokenInvalid, resetTokenMatches } from './emailed-reset.js';
import { endSessionsInOtherOrgs, proveCurrentPassword } from './session-support.js';
import type { Attempt, CredentialDeps } from './sign-in.use-case.js';

const contract = defineContract({
  name: 'ConfirmSecondFactorReset',
  input: Type.Object(
    {
      token: EmailedToken,
      password: CurrentPassword,
    },
    { additionalProperties: false },
  ),
  output: null,
});

export type ConfirmSecondFactorResetInput = ContractInput<typeof contract>;

/**
 * Clears the second factor (TOTP and recovery codes) with an emailed token and the current
 * password — the holder's way back after losing the device and the recovery codes. Every session
 * of the account ends; the holder enrols again after signing in.
 * @throws auth.token_invalid — unknown, expired or used token.
 * @throws validation.failed — the password is missing or wrong (counts as a failed sign-in).
 * @throws request.rate_limited — too many attempts.
 */
export class ConfirmSecondFactorReset {
  static readonly contract = contract;

  constructor(private readonly deps: CredentialDeps) {}

  async execute(attempt: Attempt, input: ConfirmSecondFactorResetInput): Promise<void> {
    const { token, password } = checkInput(contract, input);
    const { deps } = this;
    const { user, tokenHash, ctx } = await redeemResetToken(deps, token, 'second_factor', attempt);
    await proveCurrentPassword(deps, user, password, attempt.clientIp ?? null, '/password');
    await deps.uow.run(ctx, async (repos) => {
      const fresh = await repos.users.findById(user.id, { forUpdate: true });
      if (fresh === null || fresh.passwordHash !== user.passwordHash || !resetTokenMatches(fresh, tokenHash, 'second_factor', attempt.now)) throw resetTokenInvalid();
      await repos.users.patch(user.id, {
        ...CLEARED_RESET_TOKEN,
        totpSecretSealed: null,
        totpPendingSecretSealed: null,
        totpEnabledAt: null,
        totpLastStep: null,
        recoveryCodeHashes: [],
        emailVerifiedAt: attempt.now,
        updatedAt: attempt.now,
      });
      const ended = await repos.sessions.revokeAllOfUser(user.id, attempt.now, 'mfa_reset_by_holder');
      await repos.audit.append(auditEntry(ctx, deps.ids, { action: 'auth.mfa_reset_by_email', resourceType: 'user', resourceId: user.id, metadata: { sessions_ended: ended } }));
    });
    await endSessionsInOtherOrgs(deps, ctx, user.id, 'mfa_reset_by_holder');
  }
}
